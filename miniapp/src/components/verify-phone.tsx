import { previewPhoneSchema, type PhoneClaimView } from '@manyi/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';

import { useAuth } from '../hooks/use-auth';
import { toApiError } from '../services/api-error';
import { verifyPhoneInPreview, verifyPhoneWithWechat } from '../services/phone-claim.api';
import { a11y } from '../utils/a11y';

import './forms.scss';

/** What the resident reads once the number is verified. */
export function claimMessage(view: PhoneClaimView): string {
  return view.claimed > 0
    ? `已验证 ${view.phone}，找到 ${view.claimed} 条工作人员为您登记的诉求，已加入「我反映的诉求」`
    : `已验证 ${view.phone}，暂无工作人员为您登记的诉求`;
}

/**
 * 验证手机号: the concerns staff filed for the resident's number (电话、来访、走访时代为登记) join 我反映的诉求,
 * to follow and rate. weapp: WeChat's phone-number button (the number WeChat verified); h5 preview: the
 * number typed in. `onClaimed` reloads the list when something was found.
 */
export function VerifyPhone({ onClaimed }: { onClaimed: () => void }) {
  const auth = useAuth();
  const [phone, setPhone] = useState('');
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<PhoneClaimView>();
  const [error, setError] = useState<string>();

  const run = async (verify: () => Promise<PhoneClaimView>) => {
    setPending(true);
    setError(undefined);
    try {
      const view = await verify();
      setResult(view);
      if (view.claimed > 0) onClaimed();
    } catch (cause) {
      setError(toApiError(cause).message);
    } finally {
      setPending(false);
    }
  };

  const verifyTyped = () => {
    const parsed = previewPhoneSchema.safeParse({ phone });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    void run(() => verifyPhoneInPreview(parsed.data.phone));
  };

  return (
    <View className="card verify-phone" {...a11y('region', { 'aria-label': '验证手机号' })}>
      <Text className="settings__label">验证手机号</Text>
      <Text className="settings__hint">
        通过电话、来访或走访请工作人员代为登记的诉求，验证您留下的手机号后会出现在「我反映的诉求」中，可查看进度并评价。
      </Text>
      {auth.method === 'wechat' ? (
        <Button
          className="secondary-button"
          openType="getPhoneNumber"
          loading={pending}
          disabled={pending}
          onGetPhoneNumber={(e) => {
            const code = (e.detail as { code?: string }).code;
            // Refused, or the privacy guide was declined: nothing to verify.
            if (code) void run(() => verifyPhoneWithWechat(code));
          }}
        >
          验证微信绑定的手机号
        </Button>
      ) : (
        <>
          <Text className="field__hint">预览版：输入手机号即视为已验证（正式版使用微信手机号验证）。</Text>
          <Input
            className="field__input"
            type="number"
            value={phone}
            placeholder="11 位手机号"
            maxlength={11}
            onInput={(e) => setPhone(e.detail.value)}
            {...a11y('textbox', { 'aria-label': '手机号码' })}
          />
          <Button
            className="secondary-button"
            loading={pending}
            disabled={pending}
            onClick={verifyTyped}
            {...a11y('button', { 'aria-label': '验证手机号' })}
          >
            验证手机号
          </Button>
        </>
      )}
      {result && (
        <Text className="field__hint" {...a11y('status')}>
          {claimMessage(result)}
        </Text>
      )}
      {error && (
        <Text className="form-error" {...a11y('alert')}>
          {error}
        </Text>
      )}
    </View>
  );
}
