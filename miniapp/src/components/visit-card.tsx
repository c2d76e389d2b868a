import { VISIT_SIGNUP_STATUS_LABELS, VISIT_STATUS_LABELS, type MyVisitView, type VisitSummaryView } from '@manyi/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

import { ROUTES } from '../routes';
import { a11y } from '../utils/a11y';
import { formatTimeSpan } from '../utils/format';

import './forms.scss';
import './lists.scss';

/** Places left, or the length of the waiting list once the visit is full. */
export function placesText(visit: VisitSummaryView): string {
  if (visit.status !== 'planned') return VISIT_STATUS_LABELS[visit.status];
  if (visit.remaining > 0) return `剩余名额 ${visit.remaining}/${visit.capacity}`;
  return visit.waitingCount > 0 ? `名额已满，${visit.waitingCount} 人候补` : '名额已满，可报名候补';
}

/** My place on a visit, in words: 已报名, or 候补第 2 位. */
export function signupText(signup: MyVisitView['mySignup']): string {
  if (signup.status === 'waiting' && signup.position !== null) return `候补第 ${signup.position} 位`;
  return VISIT_SIGNUP_STATUS_LABELS[signup.status];
}

/** A visit as a card: title, when, where, who comes and how many places are left; a tap opens it. */
export function VisitCard({ visit, mine }: { visit: VisitSummaryView; mine?: MyVisitView['mySignup'] }) {
  return (
    <View
      className="card"
      onClick={() => void Taro.navigateTo({ url: ROUTES.visitDetail(visit.id) })}
      {...a11y('listitem', { 'aria-label': visit.title })}
    >
      <View className="field__row">
        <Text className="card__meta">{formatTimeSpan(visit.startsAt, visit.endsAt)}</Text>
        <Text className={`status-chip status-chip--${mine || visit.status === 'planned' ? 'open' : 'final'}`}>
          {mine ? signupText(mine) : placesText(visit)}
        </Text>
      </View>
      <Text className="card__title">{visit.title}</Text>
      <Text className="card__meta">
        地点：{visit.compound ? `${visit.compound.name} · ` : ''}
        {visit.place}
      </Text>
      {visit.participants.length > 0 && (
        <Text className="card__summary elderly-hidden">参加：{visit.participants.map((p) => p.name).join('、')}</Text>
      )}
    </View>
  );
}
