import { DUE_KIND_LABELS, SATISFACTION_LABELS, peopleCount, type ConcernDetailView, type DueKind } from '@manyi/shared';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';

import { ConcernTimeline } from '../../components/concern-timeline';
import '../../components/forms.scss';
import { FollowToggle } from '../../components/follow-toggle';
import { LoginGate } from '../../components/login-gate';
import { RatingForm } from '../../components/rating-form';
import { RequestView } from '../../components/request-view';
import { Screen } from '../../components/screen';
import { StatusChip } from '../../components/status-chip';
import { useConcern } from '../../hooks/use-concern';
import { askSubscribeConsent, preloadSubscribeConsent } from '../../services/wechat.api';
import { a11y } from '../../utils/a11y';
import { formatDateTime } from '../../utils/format';

export function ConcernDetail({ id }: { id: number }) {
  return (
    <Screen>
      <LoginGate purpose="查看诉求">
        <ConcernDetailBody id={id} />
      </LoginGate>
    </Screen>
  );
}

function ConcernDetailBody({ id }: { id: number }) {
  const concern = useConcern(id);
  useEffect(preloadSubscribeConsent, []);

  const confirmWithdraw = async () => {
    const { confirm } = await Taro.showModal({ title: '撤销诉求', content: '撤销后将不再办理，确定撤销吗？', confirmText: '撤销' });
    if (confirm) await concern.withdraw();
  };

  return (
    <RequestView result={concern.result} loadingText="正在加载诉求…">
      {(detail) => (
        <View>
          <Summary detail={detail} />
          <Text className="section-title">办理进度</Text>
          <ConcernTimeline entries={detail.timeline} />
          {concern.actionError && (
            <Text className="form-error" {...a11y('alert')}>
              {concern.actionError.message}
            </Text>
          )}
          {concern.canRate && (
            <View className="card">
              <Text className="section-title">评价办理结果</Text>
              <RatingForm
                submitting={concern.acting}
                onSubmit={(input) => {
                  // Consent to hear back if the concern is reopened, asked from the tap (WeChat's rule).
                  void askSubscribeConsent('rating');
                  void concern.rate(input);
                }}
              />
            </View>
          )}
          {concern.canRateAsFollower && (
            <View className="card">
              <Text className="section-title">评价办理结果</Text>
              <Text className="field__hint">您附议了这条诉求，可以对答复单独评价。</Text>
              <RatingForm
                submitting={concern.acting}
                onSubmit={(input) => {
                  void concern.rateAsFollower(input);
                }}
              />
            </View>
          )}
          {detail.myFollowerRating && (
            <Text className="card__meta">
              您的评价：{detail.myFollowerRating.solved ? '已解决' : '未解决'}，{SATISFACTION_LABELS[detail.myFollowerRating.satisfaction]}
              {detail.myFollowerRating.comment ? `，${detail.myFollowerRating.comment}` : ''}
            </Text>
          )}
          {(detail.canFollow === true || detail.followedByMe === true) && (
            <View className="card">
              <Text className="section-title">附议</Text>
              <Text className="field__hint">遇到了同样的问题？附议后办理进度和答复会在“我的消息”通知您，不必重复反映。</Text>
              <FollowToggle
                concernId={detail.id}
                compoundId={detail.compoundId}
                following={detail.followedByMe === true}
                followerCount={detail.followerCount}
              />
            </View>
          )}
          {detail.viewerRole !== 'follower' && detail.solved !== null && (
            <Text className="card__meta">
              您的评价：{detail.solved ? '已解决' : '未解决'}
              {detail.ratingComment ? `，${detail.ratingComment}` : ''}
            </Text>
          )}
          {concern.canWithdraw && (
            <Button {...a11y('button')} className="secondary-button" disabled={concern.acting} onClick={() => void confirmWithdraw()}>
              撤销诉求
            </Button>
          )}
        </View>
      )}
    </RequestView>
  );
}

/** The deadline a resident cares about, by the clock it belongs to: 受理期限 … 评价截止. */
function dueLabel(kind: DueKind): string {
  return kind === 'rating' ? '评价截止' : `${DUE_KIND_LABELS[kind]}期限`;
}

function Summary({ detail }: { detail: ConcernDetailView }) {
  return (
    <View className="card">
      <View className="field__row">
        <Text className="card__meta">{detail.code}</Text>
        <StatusChip status={detail.status} />
      </View>
      <Text className="card__title">{detail.title}</Text>
      <Text className="timeline__text">{detail.description}</Text>
      {detail.address && <Text className="card__meta">地点：{detail.address}</Text>}
      {detail.photoIds.length > 0 && <Text className="card__meta">照片 {detail.photoIds.length} 张</Text>}
      <Text className="card__meta">提交时间：{formatDateTime(detail.createdAt)}</Text>
      {detail.followerCount !== undefined && detail.followerCount > 0 && (
        <Text className="card__meta">{peopleCount(detail.followerCount)} 人反映了这个问题</Text>
      )}
      {detail.dueAt && detail.dueKind && (
        <Text className={`card__meta${detail.overdue ? ' card__meta--overdue' : ''}`}>
          {dueLabel(detail.dueKind)}：{formatDateTime(detail.dueAt)}
          {detail.overdue ? '（已超期）' : ''}
          {/* Counted Monday–Friday over a year whose holidays are not entered yet: it may still move. */}
          {detail.dueProvisional ? '（暂定）' : ''}
        </Text>
      )}
    </View>
  );
}
