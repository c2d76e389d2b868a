import { CONCERN_STATUS_LABELS } from '@manyi/shared';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

import '../../../../components/forms.scss';
import { FollowToggle } from '../../../../components/follow-toggle';
import { RequestView } from '../../../../components/request-view';
import { Screen } from '../../../../components/screen';
import { useRequest } from '../../../../hooks/use-request';
import { useSubmitConcern } from '../../../../hooks/use-submit-concern';
import { ROUTES } from '../../../../routes';
import { fetchDuplicates } from '../../../../services/concerns.api';
import { loadDraft, saveDraft } from '../../../../services/report-draft';
import { askSubscribeConsent, preloadSubscribeConsent } from '../../../../services/wechat.api';
import { a11y } from '../../../../utils/a11y';
import { formatShortDateTime } from '../../../../utils/format';

/** The last look before sending: the report as staff will read it, and similar open concerns. */
export default function ReportPreviewPage() {
  const [draft] = useState(loadDraft);
  // 同意公开: off until the resident ticks it; kept in the draft so a 重新提交 sends the same choice.
  const [publishConsent, setPublishConsent] = useState(draft?.publishConsent === true);
  const { submit, submitting, error } = useSubmitConcern();
  const duplicates = useRequest(
    async () => (draft?.compoundId && draft.categoryId ? (await fetchDuplicates(draft.compoundId, draft.categoryId)).items : []),
    `${draft?.compoundId}-${draft?.categoryId}`,
  );

  useEffect(preloadSubscribeConsent, []);

  if (!draft) {
    return (
      <Screen>
        <Text className="page__intro">没有待提交的内容。</Text>
        <Button {...a11y('button')} onClick={() => void Taro.navigateBack()}>
          返回填写
        </Button>
      </Screen>
    );
  }

  const togglePublishConsent = () => {
    const stored = loadDraft();
    if (stored) saveDraft({ ...stored, publishConsent: !publishConsent });
    setPublishConsent(!publishConsent);
  };

  const send = async () => {
    // 订阅消息: asked from the tap itself (WeChat's rule); the answer never holds up the report.
    void askSubscribeConsent('submit');
    const concern = await submit();
    if (concern) await Taro.redirectTo({ url: ROUTES.concernDetail(concern.id) });
  };

  return (
    <Screen>
      <Text className="page__title">确认提交</Text>
      <View className="card">
        <Text className="card__meta">
          {draft.categoryName} · {draft.streetName} {draft.compoundName}
        </Text>
        <Text className="card__title">{draft.title}</Text>
        <Text className="timeline__text">{draft.description}</Text>
        {draft.photos.length > 0 && (
          <View className="photo-picker">
            {draft.photos.map((photo, index) => (
              <Image
                key={photo.localPath}
                className="photo-picker__image"
                src={photo.localPath}
                mode="aspectFill"
                {...a11y('img', { 'aria-label': `照片 ${index + 1}` })}
              />
            ))}
          </View>
        )}
        {draft.address !== '' && <Text className="card__meta">地点：{draft.address}</Text>}
        {draft.phone !== '' && <Text className="card__meta">联系电话：{draft.phone}</Text>}
        <Text className="card__meta">{draft.confidential ? '保密：不公开' : '不保密：同小区居民可以附议'}</Text>
      </View>

      <Text className="section-title">相似的诉求</Text>
      <RequestView
        result={duplicates}
        isEmpty={(items) => items.length === 0}
        loadingText="正在查找相似诉求…"
        emptyText="没有发现相似的诉求"
      >
        {(items) => (
          <View>
            <Text className="field__hint">
              同一小区已有以下同类诉求正在办理。如是同一问题，点“我也遇到了”附议即可，办理进度和答复会通知您，不必重复反映。
            </Text>
            <View {...a11y('list', { 'aria-label': '相似的诉求' })}>
              {items.map((item) => (
                <View key={item.id} className="card" {...a11y('listitem', { 'aria-label': item.title })}>
                  <View
                    onClick={() => void Taro.navigateTo({ url: ROUTES.concernDetail(item.id) })}
                    {...a11y('link', { 'aria-label': `查看 ${item.title}` })}
                  >
                    <Text className="card__meta">
                      {item.code} · {CONCERN_STATUS_LABELS[item.status]} · {formatShortDateTime(item.createdAt)}
                    </Text>
                    <Text className="card__title">{item.title}</Text>
                  </View>
                  {draft.compoundId !== undefined && <FollowToggle concernId={item.id} compoundId={draft.compoundId} following={false} />}
                </View>
              ))}
            </View>
          </View>
        )}
      </RequestView>

      {!draft.confidential && (
        <View
          className="field__row consent-row"
          onClick={togglePublishConsent}
          {...a11y('checkbox', { 'aria-checked': publishConsent, 'aria-label': '同意办结后在街道公开' })}
        >
          <Text className={`consent-box${publishConsent ? ' consent-box--on' : ''}`}>{publishConsent ? '✓' : ''}</Text>
          <View className="consent-row__text">
            <Text className="field__label">同意办结后在街道公开（隐去个人信息）</Text>
            <Text className="field__hint">
              经街道审核后，诉求和答复会出现在本街道“已办结”栏目，电话、证件号、姓名等会自动隐去。不勾选则不公开。
            </Text>
          </View>
        </View>
      )}

      {error && (
        <Text className="form-error" {...a11y('alert')}>
          {error}
        </Text>
      )}
      <Button {...a11y('button')} className="primary-button" loading={submitting} disabled={submitting} onClick={() => void send()}>
        {error ? '重新提交' : '确认提交'}
      </Button>
      <Button {...a11y('button')} className="secondary-button" disabled={submitting} onClick={() => void Taro.navigateBack()}>
        返回修改
      </Button>
    </Screen>
  );
}
