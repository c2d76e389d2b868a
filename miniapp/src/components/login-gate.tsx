import { previewLoginSchema } from '@manyi/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState, type ReactNode } from 'react';

import { useAuth } from '../hooks/use-auth';
import { getClientConfig } from '../services/wechat.api';
import { a11y } from '../utils/a11y';

import './forms.scss';

export interface LoginGateProps {
  /** What the resident is about to do, e.g. "反映问题". */
  purpose: string;
  children: ReactNode;
}

/**
 * Shows its children once the resident is logged in, and a login panel otherwise: WeChat login on
 * weapp, the preview login (a nickname) on h5. A 401 anywhere brings the panel back.
 */
export function LoginGate({ purpose, children }: LoginGateProps) {
  const auth = useAuth();
  const [nickname, setNickname] = useState('');
  const [invalid, setInvalid] = useState<string>();
  // A service in demo mode offers 演示居民, who already has concerns to follow and one to rate.
  const [demoResident, setDemoResident] = useState(false);
  useEffect(() => {
    if (auth.method !== 'preview' || auth.loggedIn) return;
    let live = true;
    void getClientConfig().then((config) => live && setDemoResident(config?.demoResident === true));
    return () => {
      live = false;
    };
  }, [auth.method, auth.loggedIn]);

  if (auth.loggedIn) return <>{children}</>;

  const login = () => {
    if (auth.method === 'preview') {
      const parsed = previewLoginSchema.safeParse({ nickname });
      if (!parsed.success) {
        setInvalid(parsed.error.issues[0]?.message);
        return;
      }
      setInvalid(undefined);
      void auth.login(parsed.data.nickname);
    } else {
      void auth.login();
    }
  };

  const message = invalid ?? auth.error?.message;
  return (
    <View className="login-panel">
      <Text className="login-panel__title">{auth.expired ? '登录已过期，请重新登录' : `登录后${purpose}`}</Text>
      {auth.method === 'preview' ? (
        <>
          <Text className="field__hint">预览版：输入一个昵称即可体验，无需微信。</Text>
          <Input
            className="field__input"
            value={nickname}
            placeholder="您的昵称"
            maxlength={20}
            onInput={(e) => setNickname(e.detail.value)}
            {...a11y('textbox', { 'aria-label': '昵称' })}
          />
        </>
      ) : (
        <Text className="field__hint">使用微信身份登录，我们只用它识别您的诉求。</Text>
      )}
      {message && (
        <Text className="form-error" {...a11y('alert')}>
          {message}
        </Text>
      )}
      <Button {...a11y('button')} className="primary-button" loading={auth.pending} disabled={auth.pending} onClick={login}>
        {auth.method === 'preview' ? '预览登录' : '微信登录'}
      </Button>
      {demoResident && (
        <Button {...a11y('button')} className="secondary-button" disabled={auth.pending} onClick={() => void auth.loginAsDemoResident()}>
          演示居民
        </Button>
      )}
    </View>
  );
}
