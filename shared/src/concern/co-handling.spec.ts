import { ACTOR_ROLES } from '../roles.js';
import {
  CO_HANDLER_ACTIONS,
  CO_HANDLER_STATUSES,
  coHandlerActionsFor,
  coHandlerPartSchema,
  decideCoHandlerAction,
  isOutstandingCoHandler,
  replyBlockedMessage,
  type CoHandlerAction,
  type CoHandlerStatus,
} from './co-handling.js';
import { CONCERN_STATUSES } from './concern-status.js';
import { DEADLINE_WARNING_LEAD_MS, deadlineWarningAt } from './deadlines.js';
import { DUE_KIND_HOLDERS, STAFF_ALERT_RULES, markAlertsReadSchema, alertWebhookUrlSchema } from './staff-alerts.js';

/*
 * 协办, written out independently of CO_HANDLER_TRANSITIONS: the co-handling department's handler signs
 * a pending ask, adds its part once signed, declines before it has given a part; the dispatcher or
 * supervisor waives whatever the reply still waits for; nothing moves once the part is in, waived or
 * released, nor while no department holds the concern.
 */
const EXPECTED: Record<CoHandlerStatus, Partial<Record<CoHandlerAction, CoHandlerStatus>>> = {
  pending: { 'co-handler-sign': 'signed', 'co-handler-decline': 'declined', 'waive-co-handler': 'waived' },
  signed: { 'co-handler-part': 'submitted', 'co-handler-decline': 'declined', 'waive-co-handler': 'waived' },
  submitted: {},
  declined: { 'waive-co-handler': 'waived' },
  waived: {},
  released: {},
};
const BY: Record<CoHandlerAction, readonly string[]> = {
  'co-handler-sign': ['handler'],
  'co-handler-part': ['handler'],
  'co-handler-decline': ['handler'],
  'waive-co-handler': ['dispatcher', 'supervisor'],
};

describe('the co-handling table', () => {
  it.each(CO_HANDLER_STATUSES.flatMap((status) => CO_HANDLER_ACTIONS.map((action) => [status, action] as const)))(
    'from %s, %s goes where the rules say, for the right roles only, while a department holds the concern',
    (status, action) => {
      for (const role of ACTOR_ROLES) {
        for (const concern of CONCERN_STATUSES) {
          const decision = decideCoHandlerAction(action, role, concern, status, '城管斜土中队');
          const held = concern === 'dispatched' || concern === 'in_progress' || concern === 'reopened';
          const to = EXPECTED[status][action];
          if (BY[action].includes(role) && held && to) expect(decision).toEqual({ allowed: true, to });
          else {
            expect(decision.allowed).toBe(false);
            if (!decision.allowed) expect(decision.message).toMatch(/[\u4e00-\u9fff]/);
          }
        }
      }
    },
  );

  it('names the department and its status when the step does not fit', () => {
    expect(decideCoHandlerAction('co-handler-part', 'handler', 'in_progress', 'pending', '城管斜土中队')).toEqual({
      allowed: false,
      code: 'CO_HANDLER_ACTION_NOT_ALLOWED',
      message: '协办部门「城管斜土中队」当前为「待签收」，不能提交协办意见（仅限：已签收）',
    });
  });

  it('offers a handler the steps of their own department’s row only, and triage the waiver', () => {
    expect(coHandlerActionsFor('handler', true, 'in_progress', 'pending')).toEqual(['co-handler-sign', 'co-handler-decline']);
    expect(coHandlerActionsFor('handler', false, 'in_progress', 'pending')).toEqual([]);
    expect(coHandlerActionsFor('dispatcher', false, 'in_progress', 'declined')).toEqual(['waive-co-handler']);
    expect(coHandlerActionsFor('dispatcher', false, 'replied', 'pending')).toEqual([]);
  });

  it('holds the reply for what is asked, signed or declined, and says so naming each department', () => {
    expect(CO_HANDLER_STATUSES.filter(isOutstandingCoHandler)).toEqual(['pending', 'signed', 'declined']);
    expect(
      replyBlockedMessage([
        { name: '城管斜土中队', status: 'pending' },
        { name: '区房管局', status: 'declined' },
      ]),
    ).toBe('协办部门「城管斜土中队」（待签收）、「区房管局」（已拒绝）尚未提交协办意见，暂不能提交答复；请等待其提交，或请派单员免除协办');
  });

  it('asks a part for text and a purpose, in Chinese', () => {
    expect(coHandlerPartSchema.safeParse({ text: '已到现场核查处置。', visibility: 'reply' }).data).toEqual({
      text: '已到现场核查处置。',
      visibility: 'reply',
      photoIds: [],
    });
    const refused = coHandlerPartSchema.safeParse({ text: '好', visibility: 'public' });
    expect(refused.error?.issues.map((i) => i.message)).toEqual(['协办意见至少 5 个字', '请选择协办意见仅内部可见还是用于答复']);
  });
});

describe('staff alerts', () => {
  it('sends each deadline’s warning and chase to whoever holds its clock (the street for the 回访期), and none for the rating window', () => {
    expect(DUE_KIND_HOLDERS).toEqual({
      triage: 'street_dispatchers',
      dispatch: 'street_dispatchers',
      sign: 'lead_department',
      contact: 'lead_department',
      resolve: 'lead_department',
      review: 'street_dispatchers',
      rating: null,
      callback: 'street_dispatchers',
    });
    expect(STAFF_ALERT_RULES.deadline_passed.audience).toEqual(['holder', 'supervisors']);
    const due = new Date('2026-12-07T09:00:00Z');
    expect(deadlineWarningAt('sign', due)?.toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(deadlineWarningAt('resolve', due)?.toISOString()).toBe('2026-12-06T09:00:00.000Z');
    expect(deadlineWarningAt('rating', due)).toBeNull();
    // The 回访期's concern is in the street's 回访 queue from the start: chased when it passes, no warning.
    expect(deadlineWarningAt('callback', due)).toBeNull();
    expect(DEADLINE_WARNING_LEAD_MS.review).toBe(4 * 3_600_000);
  });

  it('marks some alerts or all, never both or neither', () => {
    expect(markAlertsReadSchema.safeParse({ ids: [1, '2'] }).data).toEqual({ ids: [1, 2] });
    expect(markAlertsReadSchema.safeParse({ all: true }).success).toBe(true);
    for (const body of [{}, { all: false }, { ids: [] }, { ids: [1], all: true }])
      expect(markAlertsReadSchema.safeParse(body).success).toBe(false);
  });

  it('takes a robot address as http(s), an empty one as removal', () => {
    expect(alertWebhookUrlSchema.parse(' https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc ')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
    );
    expect(alertWebhookUrlSchema.parse('')).toBeNull();
    expect(alertWebhookUrlSchema.safeParse('javascript:alert(1)').error?.issues[0]?.message).toBe('群机器人地址应以 https:// 开头');
  });
});
