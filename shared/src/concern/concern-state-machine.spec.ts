import { ACTOR_ROLES, type ActorRole } from '../roles.js';
import { isErrorCode } from '../errors.js';
import { CONCERN_STATUSES, FINAL_CONCERN_STATUSES, SATISFACTION_LEVELS, type ConcernStatus, type Satisfaction } from './concern-status.js';
import {
  CONCERN_ACTIONS,
  CONCERN_TRANSITIONS,
  MAX_REOPENS,
  allowedActions,
  callbackOutcome,
  decideTransition,
  passedDeadlineAction,
  ratingOutcome,
  type ConcernAction,
  type ConcernContext,
} from './concern-state-machine.js';

const CJK = /[\u4e00-\u9fff]/;

/*
 * The expected lifecycle, written out status by status from the lifecycle in docs/concerns.md ("The lifecycle") and the rules in
 * the state machine's comments — independently of CONCERN_TRANSITIONS, so that a slip in either shows up:
 *
 * - the dispatcher (and the district supervisor, who can take a street's work over) triages: accepts,
 *   rejects or merges new work, dispatches and re-dispatches (改派 before the department signed),
 *   rules on extensions and reviews replies;
 * - the handler signs or returns a dispatch (and may still return after signing), replies, asks to extend;
 *   a redo (重办) is "still signed": the handler replies or extends, but no longer returns it;
 * - the resident withdraws before a reply and rates the published reply;
 * - the system ends the rating window, and chases, like the dispatcher and supervisor, wherever a clock
 *   runs (not in the rating window, which ends on its own, and not in a final status); awaiting the rating
 *   it chases only the street's passed 回访期 (回访超期催办), and only the system does; wherever such a
 *   clock runs it also reschedules it when the working calendar changes (the rating window counts
 *   calendar days and never moves);
 * - dispatcher, handler and supervisor may add an internal note in every status, final ones included;
 * - triage corrects the category, compound or request type (更正分类) only before a department holds the
 *   concern: new, accepted, or returned (退单) and waiting for a new dispatch;
 * - the handler records first contact with the resident (先联系) while handling, a redo included, before the reply;
 * - the dispatcher and supervisor record a callback (回访) once the reply is published: awaiting the
 *   rating (a reached call rates it; here solved and satisfied, so it closes), or after it closed (on record only);
 * - editors and admins take no part in the lifecycle.
 *
 * `to` is the resulting status; for actions that do not move the concern it is the status itself.
 */
type Expected = Partial<Record<ConcernAction, { by: readonly ActorRole[]; to: ConcernStatus }>>;

const TRIAGE = ['dispatcher', 'supervisor'] as const;
const HANDLER = ['handler'] as const;
const RESIDENT = ['resident'] as const;
const NOTE_TAKERS = ['dispatcher', 'handler', 'supervisor'] as const;
const CHASERS = ['dispatcher', 'supervisor', 'system'] as const;

const LIFECYCLE: Record<ConcernStatus, Expected> = {
  submitted: {
    accept: { by: TRIAGE, to: 'accepted' },
    reject: { by: TRIAGE, to: 'rejected' },
    merge: { by: TRIAGE, to: 'merged' },
    reclassify: { by: TRIAGE, to: 'submitted' },
    withdraw: { by: RESIDENT, to: 'withdrawn' },
    chase: { by: CHASERS, to: 'submitted' },
    reschedule: { by: ['system'], to: 'submitted' },
    note: { by: NOTE_TAKERS, to: 'submitted' },
  },
  accepted: {
    dispatch: { by: TRIAGE, to: 'dispatched' },
    reject: { by: TRIAGE, to: 'rejected' },
    merge: { by: TRIAGE, to: 'merged' },
    reclassify: { by: TRIAGE, to: 'accepted' },
    withdraw: { by: RESIDENT, to: 'withdrawn' },
    chase: { by: CHASERS, to: 'accepted' },
    reschedule: { by: ['system'], to: 'accepted' },
    note: { by: NOTE_TAKERS, to: 'accepted' },
  },
  dispatched: {
    sign: { by: HANDLER, to: 'in_progress' },
    return: { by: HANDLER, to: 'returned' },
    dispatch: { by: TRIAGE, to: 'dispatched' },
    withdraw: { by: RESIDENT, to: 'withdrawn' },
    chase: { by: CHASERS, to: 'dispatched' },
    reschedule: { by: ['system'], to: 'dispatched' },
    note: { by: NOTE_TAKERS, to: 'dispatched' },
  },
  returned: {
    dispatch: { by: TRIAGE, to: 'dispatched' },
    reject: { by: TRIAGE, to: 'rejected' },
    merge: { by: TRIAGE, to: 'merged' },
    reclassify: { by: TRIAGE, to: 'returned' },
    withdraw: { by: RESIDENT, to: 'withdrawn' },
    chase: { by: CHASERS, to: 'returned' },
    reschedule: { by: ['system'], to: 'returned' },
    note: { by: NOTE_TAKERS, to: 'returned' },
  },
  in_progress: {
    reply: { by: HANDLER, to: 'replied' },
    extend: { by: HANDLER, to: 'in_progress' },
    return: { by: HANDLER, to: 'returned' },
    'approve-extension': { by: TRIAGE, to: 'in_progress' },
    withdraw: { by: RESIDENT, to: 'withdrawn' },
    chase: { by: CHASERS, to: 'in_progress' },
    reschedule: { by: ['system'], to: 'in_progress' },
    note: { by: NOTE_TAKERS, to: 'in_progress' },
    contact: { by: HANDLER, to: 'in_progress' },
  },
  replied: {
    'approve-reply': { by: TRIAGE, to: 'awaiting_rating' },
    // A first reply sent back goes back to handling (the context below has no reopen yet).
    'send-back': { by: TRIAGE, to: 'in_progress' },
    chase: { by: CHASERS, to: 'replied' },
    reschedule: { by: ['system'], to: 'replied' },
    note: { by: NOTE_TAKERS, to: 'replied' },
  },
  awaiting_rating: {
    // Solved and satisfied in the context below.
    rate: { by: RESIDENT, to: 'closed' },
    'expire-rating': { by: ['system'], to: 'closed' },
    // The 回访期 of a concern without the app passed: chased, still waiting for its 回访.
    'chase-callback': { by: ['system'], to: 'awaiting_rating' },
    note: { by: NOTE_TAKERS, to: 'awaiting_rating' },
    callback: { by: TRIAGE, to: 'closed' },
  },
  reopened: {
    reply: { by: HANDLER, to: 'replied' },
    extend: { by: HANDLER, to: 'reopened' },
    'approve-extension': { by: TRIAGE, to: 'reopened' },
    chase: { by: CHASERS, to: 'reopened' },
    reschedule: { by: ['system'], to: 'reopened' },
    note: { by: NOTE_TAKERS, to: 'reopened' },
    contact: { by: HANDLER, to: 'reopened' },
  },
  rejected: { note: { by: NOTE_TAKERS, to: 'rejected' } },
  merged: { note: { by: NOTE_TAKERS, to: 'merged' } },
  closed: { note: { by: NOTE_TAKERS, to: 'closed' }, callback: { by: TRIAGE, to: 'closed' } },
  withdrawn: { note: { by: NOTE_TAKERS, to: 'withdrawn' } },
};

/** The roles that may ever take `action`, from any status. */
function everAllowed(action: ConcernAction): Set<ActorRole> {
  const roles = new Set<ActorRole>();
  for (const status of CONCERN_STATUSES) for (const role of LIFECYCLE[status][action]?.by ?? []) roles.add(role);
  return roles;
}

/** A first-time rating that closes the concern; `rate` needs the answers, the other actions ignore them. */
const CONTEXT: ConcernContext = {
  reopenCount: 0,
  rating: { solved: true, satisfaction: 'satisfied' },
  callback: { reached: true, solved: true, satisfaction: 'satisfied' },
};

describe(decideTransition.name, () => {
  let combinationsChecked = 0;

  afterAll(() => {
    console.log(`concern state machine: ${combinationsChecked} status × action × role combinations checked`);
  });

  it('covers every lifecycle dimension (12 statuses, 21 actions, 7 roles)', () => {
    expect(CONCERN_STATUSES).toHaveLength(12);
    expect(CONCERN_ACTIONS).toHaveLength(21);
    expect(ACTOR_ROLES).toHaveLength(7);
    const actionsInSpec = new Set(CONCERN_STATUSES.flatMap((s) => Object.keys(LIFECYCLE[s])));
    expect([...actionsInSpec].sort()).toEqual([...CONCERN_ACTIONS].sort());
  });

  it.each(CONCERN_STATUSES)('agrees with the lifecycle table for every action and role on a %s concern', (status) => {
    const mismatches: string[] = [];
    for (const action of CONCERN_ACTIONS) {
      const rule = LIFECYCLE[status][action];
      const roleEverAllowed = everAllowed(action);
      for (const role of ACTOR_ROLES) {
        combinationsChecked++;
        const sut = decideTransition(status, action, role, CONTEXT);
        const where = `${status} × ${action} × ${role}`;
        if (rule?.by.includes(role)) {
          if (!sut.allowed) mismatches.push(`${where}: expected allowed → ${rule.to}, got ${sut.code}`);
          else if (sut.to !== rule.to) mismatches.push(`${where}: expected → ${rule.to}, got → ${sut.to}`);
          continue;
        }
        const expectedCode = roleEverAllowed.has(role) ? 'CONCERN_ACTION_NOT_ALLOWED' : 'CONCERN_ROLE_NOT_ALLOWED';
        if (sut.allowed) {
          mismatches.push(`${where}: expected ${expectedCode}, got allowed → ${sut.to}`);
        } else {
          if (sut.code !== expectedCode) mismatches.push(`${where}: expected ${expectedCode}, got ${sut.code}`);
          if (!isErrorCode(sut.code)) mismatches.push(`${where}: ${sut.code} is not a known error code`);
          if (!CJK.test(sut.message)) mismatches.push(`${where}: message is not Chinese: ${JSON.stringify(sut.message)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('produces only statuses the transition table declares possible', () => {
    const contexts: ConcernContext[] = [];
    for (const reopenCount of [0, 1, 2])
      for (const solved of [true, false])
        for (const satisfaction of SATISFACTION_LEVELS)
          for (const callback of [{ reached: true, solved, satisfaction }, { reached: false }])
            for (const unreachedCallbacks of [0, 2])
              contexts.push({ reopenCount, rating: { solved, satisfaction }, callback, unreachedCallbacks });
    for (const status of CONCERN_STATUSES)
      for (const action of CONCERN_ACTIONS)
        for (const role of ACTOR_ROLES)
          for (const ctx of contexts) {
            const sut = decideTransition(status, action, role, ctx);
            if (!sut.allowed) continue;
            const possible = CONCERN_TRANSITIONS[action].possible;
            if (possible === 'unchanged') expect(sut.to).toBe(status);
            else expect(possible).toContain(sut.to);
          }
  });

  it('returns CONCERN_ROLE_NOT_ALLOWED when a resident tries a staff action', () => {
    const sut = decideTransition('submitted', 'accept', 'resident');

    expect(sut).toMatchObject({ allowed: false, code: 'CONCERN_ROLE_NOT_ALLOWED' });
  });

  it('returns CONCERN_ACTION_NOT_ALLOWED when a handler signs a concern that is already in progress', () => {
    const sut = decideTransition('in_progress', 'sign', 'handler');

    expect(sut).toMatchObject({ allowed: false, code: 'CONCERN_ACTION_NOT_ALLOWED' });
  });

  it('returns CONCERN_ACTION_NOT_ALLOWED when a resident withdraws after the reply was published', () => {
    const sut = decideTransition('awaiting_rating', 'withdraw', 'resident');

    expect(sut).toMatchObject({ allowed: false, code: 'CONCERN_ACTION_NOT_ALLOWED' });
  });

  it('returns a redo that is sent back to reopened', () => {
    const sut = decideTransition('replied', 'send-back', 'dispatcher', { reopenCount: 1 });

    expect(sut).toEqual({ allowed: true, to: 'reopened' });
  });

  it('returns a first reply that is sent back to in_progress', () => {
    const sut = decideTransition('replied', 'send-back', 'supervisor', { reopenCount: 0 });

    expect(sut).toEqual({ allowed: true, to: 'in_progress' });
  });

  it('sends a first reply back to in_progress when no context is given', () => {
    const sut = decideTransition('replied', 'send-back', 'dispatcher');

    expect(sut).toEqual({ allowed: true, to: 'in_progress' });
  });

  it('reopens the concern when the resident rates it unsatisfied the first time', () => {
    const sut = decideTransition('awaiting_rating', 'rate', 'resident', {
      reopenCount: 0,
      rating: { solved: true, satisfaction: 'unsatisfied' },
    });

    expect(sut).toEqual({ allowed: true, to: 'reopened' });
  });

  it('closes the concern when the resident rates it not solved the second time', () => {
    const sut = decideTransition('awaiting_rating', 'rate', 'resident', {
      reopenCount: 1,
      rating: { solved: false, satisfaction: 'basic' },
    });

    expect(sut).toEqual({ allowed: true, to: 'closed' });
  });

  it('closes the concern when the rating window ends without a rating', () => {
    const sut = decideTransition('awaiting_rating', 'expire-rating', 'system');

    expect(sut).toEqual({ allowed: true, to: 'closed' });
  });

  it('throws when a rating is decided without the resident’s answers', () => {
    expect(() => decideTransition('awaiting_rating', 'rate', 'resident', { reopenCount: 0 })).toThrow();
  });
});

describe(ratingOutcome.name, () => {
  const rate = (reopenCount: number, solved: boolean, satisfaction: Satisfaction) =>
    ratingOutcome({ reopenCount, rating: { solved, satisfaction } });

  it('allows one redo before the loop ends unsatisfied', () => {
    expect(MAX_REOPENS).toBe(1);
  });

  it.each([
    [true, 'satisfied'],
    [true, 'basic'],
  ] as const)('closes without escalating when solved=%s and %s', (solved, satisfaction) => {
    expect(rate(0, solved, satisfaction)).toEqual({ status: 'closed', escalate: false });
    expect(rate(1, solved, satisfaction)).toEqual({ status: 'closed', escalate: false });
  });

  it.each([
    [false, 'satisfied'],
    [false, 'basic'],
    [false, 'unsatisfied'],
    [true, 'unsatisfied'],
  ] as const)('reopens the first time when solved=%s and %s', (solved, satisfaction) => {
    const sut = rate(0, solved, satisfaction);

    expect(sut).toEqual({ status: 'reopened', escalate: false });
  });

  it.each([
    [false, 'satisfied'],
    [false, 'basic'],
    [false, 'unsatisfied'],
    [true, 'unsatisfied'],
  ] as const)('closes and escalates to the supervisor the second time when solved=%s and %s', (solved, satisfaction) => {
    const sut = rate(1, solved, satisfaction);

    expect(sut).toEqual({ status: 'closed', escalate: true });
  });

  it('keeps escalating rather than reopening again after more redos than allowed', () => {
    const sut = rate(2, false, 'unsatisfied');

    expect(sut).toEqual({ status: 'closed', escalate: true });
  });

  it('throws when the answers are missing', () => {
    expect(() => ratingOutcome({ reopenCount: 0 })).toThrow();
  });
});

describe(allowedActions.name, () => {
  it('offers a handler sign, return and note on a dispatched concern', () => {
    const sut = allowedActions('dispatched', 'handler');

    expect(sut.sort()).toEqual(['note', 'return', 'sign']);
  });

  it('offers a resident only rate on a concern awaiting rating', () => {
    const sut = allowedActions('awaiting_rating', 'resident');

    expect(sut).toEqual(['rate']);
  });

  it('offers a resident only withdraw on a submitted concern', () => {
    const sut = allowedActions('submitted', 'resident');

    expect(sut).toEqual(['withdraw']);
  });

  it('offers a dispatcher the triage actions on a submitted concern', () => {
    const sut = allowedActions('submitted', 'dispatcher');

    expect(sut.sort()).toEqual(['accept', 'chase', 'merge', 'note', 'reclassify', 'reject']);
  });

  it('refuses to reclassify a dispatched concern, saying to return or re-dispatch it instead', () => {
    const sut = decideTransition('dispatched', 'reclassify', 'dispatcher');

    expect(sut).toMatchObject({ allowed: false, code: 'CONCERN_ACTION_NOT_ALLOWED' });
    expect(!sut.allowed && sut.message).toMatch(/退单.*改派/);
  });

  it('refuses to reclassify a closed concern without suggesting a return', () => {
    const sut = decideTransition('closed', 'reclassify', 'supervisor');

    expect(!sut.allowed && sut.message).not.toMatch(/改派/);
  });

  it('offers a dispatcher approve-reply and send-back on a replied concern', () => {
    const sut = allowedActions('replied', 'dispatcher');

    expect(sut.sort()).toEqual(['approve-reply', 'chase', 'note', 'send-back']);
  });

  it('offers a handler reply and extend but not return on a reopened concern', () => {
    const sut = allowedActions('reopened', 'handler');

    expect(sut.sort()).toEqual(['contact', 'extend', 'note', 'reply']);
  });

  it('offers the system only expire-rating and, for a passed 回访期, chase-callback on a concern awaiting rating', () => {
    const sut = allowedActions('awaiting_rating', 'system');

    expect(sut).toEqual(['expire-rating', 'chase-callback']);
  });

  it.each(['editor', 'admin'] as const)('offers an %s nothing in any status', (role) => {
    for (const status of CONCERN_STATUSES) expect(allowedActions(status, role)).toEqual([]);
  });

  it.each(FINAL_CONCERN_STATUSES)('offers nothing but note (and on a closed one the callback) on a %s concern', (status) => {
    for (const role of ACTOR_ROLES) {
      const sut = allowedActions(status, role);

      expect(sut.filter((action) => action !== 'note' && !(status === 'closed' && action === 'callback'))).toEqual([]);
    }
    expect(allowedActions(status, 'dispatcher')).toEqual(status === 'closed' ? ['note', 'callback'] : ['note']);
  });

  it('agrees with decideTransition for every status and role', () => {
    for (const status of CONCERN_STATUSES)
      for (const role of ACTOR_ROLES) {
        const viaDecide = CONCERN_ACTIONS.filter((action) => decideTransition(status, action, role, CONTEXT).allowed);

        expect(allowedActions(status, role)).toEqual(viaDecide);
      }
  });
});

describe(callbackOutcome.name, () => {
  const reached = (solved: boolean, satisfaction: Satisfaction, reopenCount = 0) =>
    callbackOutcome({ reopenCount, callback: { reached: true, solved, satisfaction } }, 'awaiting_rating');

  it('takes a reached call as the rating, deciding exactly as the app rating does', () => {
    for (const reopenCount of [0, 1])
      for (const solved of [true, false])
        for (const satisfaction of SATISFACTION_LEVELS) {
          const sut = reached(solved, satisfaction, reopenCount);
          const app = ratingOutcome({ reopenCount, rating: { solved, satisfaction } });

          expect({ status: sut.status, escalate: sut.escalate }).toEqual(app);
          expect(sut.counts).toBe(true);
        }
  });

  it('reopens a first unsatisfied call, as an app rating would', () => {
    expect(reached(false, 'unsatisfied')).toEqual({ status: 'reopened', escalate: false, counts: true, unreached: false });
  });

  it('keeps the concern waiting after an unreached call while attempts are left, and closes it as 未回访 at the limit', () => {
    const unreached = (unreachedCallbacks: number) =>
      callbackOutcome({ reopenCount: 0, callback: { reached: false }, unreachedCallbacks, maxCallbackAttempts: 3 }, 'awaiting_rating');

    expect(unreached(0)).toEqual({ status: 'awaiting_rating', escalate: false, counts: false, unreached: false });
    expect(unreached(1)).toEqual({ status: 'awaiting_rating', escalate: false, counts: false, unreached: false });
    expect(unreached(2)).toEqual({ status: 'closed', escalate: false, counts: false, unreached: true });
  });

  it('changes nothing on a closed concern: the rating already given counts', () => {
    const sut = callbackOutcome({ reopenCount: 0, callback: { reached: true, solved: false, satisfaction: 'unsatisfied' } }, 'closed');

    expect(sut).toEqual({ status: 'closed', escalate: false, counts: false, unreached: false });
  });
});

describe(passedDeadlineAction.name, () => {
  it('closes a concern unrated when the resident’s rating window ends', () => {
    expect(passedDeadlineAction('awaiting_rating', 'rating')).toBe('expire-rating');
  });

  it('chases the street once the 回访期 of a concern without the app ends, and never closes it', () => {
    const sut = passedDeadlineAction('awaiting_rating', 'callback');

    expect(sut).toBe('chase-callback');
    expect(decideTransition('awaiting_rating', sut, 'system')).toEqual({ allowed: true, to: 'awaiting_rating' });
  });

  it('chases every staff clock', () => {
    for (const [status, kind] of [
      ['submitted', 'triage'],
      ['accepted', 'dispatch'],
      ['dispatched', 'sign'],
      ['in_progress', 'contact'],
      ['reopened', 'resolve'],
      ['replied', 'review'],
    ] as const)
      expect(passedDeadlineAction(status, kind)).toBe('chase');
  });
});
