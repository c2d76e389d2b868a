import {
  REOPENS_BEFORE_ESCALATION,
  ratingOutcome,
  resolveDueAt,
  type DeadlineRules,
  type RatingChannel,
  type Satisfaction,
} from '@manyi/shared';
import { runClock, stopClock } from './concern-clock.js';
import type { Concern } from './concern.entity.js';
import { notification, type StepOutcome } from './concern-workflow.service.js';

export interface RatingAnswers {
  solved: boolean;
  satisfaction: Satisfaction;
  comment?: string | null;
}

/**
 * The rating path, whichever channel it came by (the resident in the app, or a reached 回访): solved and
 * (basically) satisfied closes the concern; otherwise the first time(s) it goes back to the same
 * department (重办) with a new due date, and when the reopens are used up it closes with the supervisor
 * told. A second reopen puts it on the 督办 list (提级督办). The rating counts once: `ratedAt` is the
 * latest rating's, and a reopened concern's next rating replaces it.
 */
export function applyRating(c: Concern, answers: RatingAnswers, channel: RatingChannel, now: Date, rules: DeadlineRules): StepOutcome {
  const rating = { solved: answers.solved, satisfaction: answers.satisfaction };
  const outcome = ratingOutcome({ reopenCount: c.reopenCount, maxReopens: rules.settings.maxReopens, rating });
  c.solved = answers.solved;
  c.satisfaction = answers.satisfaction;
  c.ratingComment = answers.comment || null;
  c.ratedAt = now;
  c.ratingChannel = channel;
  if (outcome.status === 'reopened') {
    c.reopenCount += 1;
    if (c.reopenCount >= REOPENS_BEFORE_ESCALATION) c.escalated = true;
    c.resolveDueAt = resolveDueAt(now, c.requestType, rules);
    c.resolveFrom = now;
    runClock(c, 'resolve', c.resolveDueAt, now);
    return { to: 'reopened', publicText: answers.comment || null, data: { ...rating, channel } };
  }
  stopClock(c, now);
  if (outcome.escalate) c.escalated = true;
  return {
    to: 'closed',
    publicText: answers.comment || null,
    data: { ...rating, channel, escalated: outcome.escalate },
    notify: notification('closed', `诉求「${c.title}」已办结，感谢您的评价。`),
  };
}
