import {
  VISIT_PARTICIPANT_ROLE_LABELS,
  VISIT_QUESTION_STATUS_LABELS,
  VISIT_STATUS_LABELS,
  type VisitDetailView,
  type VisitIssueView,
  type VisitParticipantRole,
} from '@manyi/shared';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

import '../../components/forms.scss';
import '../../components/lists.scss';
import { LoginGate } from '../../components/login-gate';
import { RequestView } from '../../components/request-view';
import { Screen } from '../../components/screen';
import { StatusChip } from '../../components/status-chip';
import { placesText } from '../../components/visit-card';
import { useVisit, type UseVisitResult } from '../../hooks/use-visit';
import { a11y } from '../../utils/a11y';
import { formatDateTime, formatTimeSpan } from '../../utils/format';
import { QuestionForm } from './question-form';

/** One visit: who comes and what about, my place on it, questions ahead, and after it the issues raised with their live status. */
export function VisitDetail({ id }: { id: number }) {
  const visit = useVisit(id);
  return (
    <Screen>
      <RequestView result={visit.result} loadingText="正在加载走访…">
        {(detail) => <VisitBody detail={detail} visit={visit} />}
      </RequestView>
    </Screen>
  );
}

function VisitBody({ detail, visit }: { detail: VisitDetailView; visit: UseVisitResult }) {
  const roles = [...new Set(detail.participants.map((p) => p.role))] as VisitParticipantRole[];
  const planned = detail.status === 'planned';
  return (
    <View>
      <View className="card">
        <View className="field__row">
          <Text className="card__meta">{formatTimeSpan(detail.startsAt, detail.endsAt)}</Text>
          <Text className={`status-chip status-chip--${planned ? 'open' : 'final'}`}>{VISIT_STATUS_LABELS[detail.status]}</Text>
        </View>
        <Text className="card__title" {...a11y('heading')}>
          {detail.title}
        </Text>
        <Text className="card__meta">
          地点：{detail.street.name}
          {detail.compound ? ` · ${detail.compound.name}` : ''} · {detail.place}
        </Text>
        {planned && <Text className="card__meta">{placesText(detail)}</Text>}
      </View>

      <Text className="section-title">参加人员</Text>
      <View className="card" {...a11y('list', { 'aria-label': '参加人员' })}>
        {detail.participants.map((p, index) => (
          <View key={index} className="participant" {...a11y('listitem')}>
            <Text>
              {p.name}
              {p.title ? `（${p.title}）` : ''}
            </Text>
            <Text className="card__meta">{VISIT_PARTICIPANT_ROLE_LABELS[p.role]}</Text>
          </View>
        ))}
      </View>

      {detail.topics.length > 0 && (
        <>
          <Text className="section-title">议题</Text>
          <View className="card" {...a11y('list', { 'aria-label': '议题' })}>
            {detail.topics.map((topic) => (
              <Text key={topic} className="timeline__text" {...a11y('listitem')}>
                · {topic}
              </Text>
            ))}
          </View>
        </>
      )}

      {visit.actionError && (
        <Text className="form-error" {...a11y('alert')}>
          {visit.actionError.message}
        </Text>
      )}
      {planned && (
        <LoginGate purpose="报名参加走访">
          <SignupBar detail={detail} visit={visit} />
          {roles.length > 0 && <QuestionForm roles={roles} submitting={visit.acting} onSubmit={visit.ask} />}
        </LoginGate>
      )}

      {detail.status === 'held' && <HeldRecord detail={detail} />}
      {detail.status === 'cancelled' && <Text className="form-error">本次走访已取消。</Text>}

      {detail.questions.length > 0 && (
        <>
          <Text className="section-title">提前提问</Text>
          <View {...a11y('list', { 'aria-label': '提前提问' })}>
            {detail.questions.map((q) => (
              <View key={q.id} className="card" {...a11y('listitem')}>
                <Text className="card__meta">
                  问{VISIT_PARTICIPANT_ROLE_LABELS[q.addressedTo]} · {VISIT_QUESTION_STATUS_LABELS[q.status]}
                  {q.mine ? ' · 我的提问' : ''}
                </Text>
                <Text className="timeline__text">{q.text}</Text>
                {q.answer && <Text className="timeline__text">答复：{q.answer}</Text>}
                {q.concern && (
                  <View className="field__row">
                    <Text className="card__meta">已转为诉求{q.concern.code ? ` ${q.concern.code}` : ''}</Text>
                    <StatusChip status={q.concern.status} />
                  </View>
                )}
              </View>
            ))}
          </View>
        </>
      )}

      {detail.previousIssues && detail.previousIssues.items.length > 0 && (
        <>
          <Text className="section-title">上次走访的问题清单</Text>
          <Text className="field__hint">
            {detail.previousIssues.title}（{formatDateTime(detail.previousIssues.heldAt).slice(0, 10)}）
          </Text>
          <IssueList issues={detail.previousIssues.items} label="上次走访的问题清单" />
        </>
      )}
    </View>
  );
}

function SignupBar({ detail, visit }: { detail: VisitDetailView; visit: UseVisitResult }) {
  const mine = detail.mySignup;
  const signedUp = mine !== null && mine.status !== 'cancelled';

  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消报名',
      content: mine?.status === 'waiting' ? '取消后将失去候补位置，确定取消吗？' : '取消后名额会让给候补的居民，确定取消吗？',
      confirmText: '取消报名',
      cancelText: '再想想',
    });
    if (confirm) await visit.cancel();
  };

  return (
    <View className="card signup-bar">
      {signedUp ? (
        <>
          <Text className="section-title" {...a11y('status')}>
            {mine.status === 'waiting' ? `您在候补名单第 ${mine.position ?? '-'} 位` : '您已报名，请按时参加'}
          </Text>
          {mine.status === 'waiting' && <Text className="field__hint">有人取消时，候补第一位会自动补上，并收到通知。</Text>}
          <Button {...a11y('button')} className="secondary-button" disabled={visit.acting} onClick={() => void cancel()}>
            取消报名
          </Button>
        </>
      ) : (
        <Button
          {...a11y('button')}
          className="primary-button"
          loading={visit.acting}
          disabled={visit.acting}
          onClick={() => void visit.signUp()}
        >
          {detail.remaining > 0 ? '报名参加' : '报名候补'}
        </Button>
      )}
    </View>
  );
}

function HeldRecord({ detail }: { detail: VisitDetailView }) {
  return (
    <>
      <Text className="section-title">走访记录</Text>
      <View className="card">
        {detail.heldAt && <Text className="card__meta">举行时间：{formatDateTime(detail.heldAt)}</Text>}
        {detail.attendance !== null && <Text className="card__meta">到场居民：{detail.attendance} 人</Text>}
        {detail.summary && <Text className="timeline__text">{detail.summary}</Text>}
      </View>
      <Text className="section-title">问题清单</Text>
      {detail.issues.length > 0 ? (
        <IssueList issues={detail.issues} label="问题清单" />
      ) : (
        <Text className="field__hint">问题清单整理中，公布后可在此查看办理进度。</Text>
      )}
    </>
  );
}

/** Issues raised at a visit, each with the live status of the concern that follows it. */
function IssueList({ issues, label }: { issues: readonly VisitIssueView[]; label: string }) {
  return (
    <View {...a11y('list', { 'aria-label': label })}>
      {issues.map((issue, index) => (
        <View key={index} className="card" {...a11y('listitem')}>
          <Text className="timeline__text">{issue.text}</Text>
          <View className="field__row">
            <Text className="card__meta">{issue.concern.code ?? '（保密诉求）'}</Text>
            <StatusChip status={issue.concern.status} />
          </View>
        </View>
      ))}
    </View>
  );
}
