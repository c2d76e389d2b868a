import { packageCalendarDays } from '../calendar/package-calendar.js';
import { MONDAY_TO_FRIDAY, workingCalendar } from '../calendar/working-calendar.js';
import { DEFAULT_DEADLINE_SETTINGS, type DeadlineSettings } from './deadline-settings.js';
import {
  checkExtension,
  countsWorkingTime,
  dispatchDueAt,
  publishedClock,
  ratingDueAt,
  resolveDueAt,
  reviewDueAt,
  signDueAt,
  recountDeadline,
  triageDueAt,
  type DeadlineRules,
} from './deadlines.js';
import { NO_APP_SOURCES } from './follow-up.js';
import { REQUEST_TYPES, REQUEST_TYPE_RULES, type RequestType } from './request-types.js';

/** The UTC instant of a Shanghai wall-clock time, e.g. at('2026-02-13T16:00'). */
const at = (shanghaiLocal: string): Date => new Date(`${shanghaiLocal}:00+08:00`);

const CJK = /[\u4e00-\u9fff]/;

const CALENDAR_2026 = workingCalendar(packageCalendarDays(2026), [2026]);
const RULES: DeadlineRules = { calendar: CALENDAR_2026, settings: DEFAULT_DEADLINE_SETTINGS };
const withSettings = (settings: Partial<DeadlineSettings>): DeadlineRules => ({
  ...RULES,
  settings: { ...DEFAULT_DEADLINE_SETTINGS, ...settings },
});

/*
 * 2026 calendar used below: Spring Festival off 02-15 … 02-23 with make-up Saturdays 02-14 and 02-28;
 * Mid-Autumn off Fri 09-25; National Day off 10-01 … 10-07 with make-up Sunday 09-20 and Saturday 10-10.
 */

describe('default deadline settings', () => {
  it('match docs/working-calendar.md: 4 working hours to triage and to sign, 7 rating days, one reopen, 3 extensions of at most 3 days', () => {
    expect(DEFAULT_DEADLINE_SETTINGS).toEqual({
      triageWorkingHours: 4,
      signWorkingHours: 4,
      resolveWorkingDays: { consultation: 1, suggestion: 3, help: 5, complaint: 5, complex: 15 },
      reviewWorkingDays: 1,
      ratingWindowDays: 7,
      maxReopens: 1,
      maxExtensions: 3,
      maxExtensionWorkingDays: 3,
      contactWorkingHours: 8,
      callbackAfterDays: 3,
      maxCallbackAttempts: 3,
    });
  });

  it('give each request type the resolve time docs/working-calendar.md states', () => {
    const days = Object.fromEntries(REQUEST_TYPES.map((t) => [t, REQUEST_TYPE_RULES[t].resolveWorkingDays]));

    expect(days).toEqual({ consultation: 1, suggestion: 3, help: 5, complaint: 5, complex: 15 });
    expect(REQUEST_TYPES.filter((t) => REQUEST_TYPE_RULES[t].needsApproval)).toEqual(['complex']);
  });
});

describe(triageDueAt.name, () => {
  it('returns Mon 13:00 for a concern reported Saturday evening (Sat 2026-03-07 20:00)', () => {
    const sut = triageDueAt(at('2026-03-07T20:00'), RULES);

    expect(sut).toEqual(at('2026-03-09T13:00'));
  });

  it('returns the make-up Saturday for a concern reported Friday afternoon before Spring Festival (Fri 2026-02-13 16:00 → Sat 02-14 11:30)', () => {
    const sut = triageDueAt(at('2026-02-13T16:00'), RULES);

    expect(sut).toEqual(at('2026-02-14T11:30'));
  });

  it('uses the triage hours from the settings (2 h: Mon 2026-03-09 16:00 → Tue 9:30)', () => {
    const sla = withSettings({ triageWorkingHours: 2 });

    const sut = triageDueAt(at('2026-03-09T16:00'), sla);

    expect(sut).toEqual(at('2026-03-10T09:30'));
  });
});

describe(dispatchDueAt.name, () => {
  it('returns 17:30 the same working day (accepted Mon 2026-03-09 10:00)', () => {
    const sut = dispatchDueAt(at('2026-03-09T10:00'), RULES);

    expect(sut).toEqual(at('2026-03-09T17:30'));
  });

  it('returns 17:30 on the National Day make-up Saturday when accepted Friday evening (Fri 2026-10-09 18:00 → Sat 10-10 17:30)', () => {
    const sut = dispatchDueAt(at('2026-10-09T18:00'), RULES);

    expect(sut).toEqual(at('2026-10-10T17:30'));
  });

  it('returns 17:30 on the first day back when accepted after closing before National Day (Wed 2026-09-30 17:45 → Thu 10-08 17:30)', () => {
    const sut = dispatchDueAt(at('2026-09-30T17:45'), RULES);

    expect(sut).toEqual(at('2026-10-08T17:30'));
  });
});

describe(signDueAt.name, () => {
  it('returns 4 working hours later across the National Day week (Wed 2026-09-30 15:00 → Thu 10-08 10:30)', () => {
    const sut = signDueAt(at('2026-09-30T15:00'), RULES);

    expect(sut).toEqual(at('2026-10-08T10:30'));
  });

  it('returns the same afternoon for a morning dispatch (Mon 2026-03-09 9:30 → 13:30)', () => {
    const sut = signDueAt(at('2026-03-09T09:30'), RULES);

    expect(sut).toEqual(at('2026-03-09T13:30'));
  });
});

describe(resolveDueAt.name, () => {
  it.each<[RequestType, string]>([
    ['consultation', '2026-03-10T10:00'],
    ['suggestion', '2026-03-12T10:00'],
    ['help', '2026-03-16T10:00'],
    ['complaint', '2026-03-16T10:00'],
    ['complex', '2026-03-30T10:00'],
  ])('returns the due date for a %s dispatched Mon 2026-03-09 10:00 (Shanghai %s)', (requestType, due) => {
    const sut = resolveDueAt(at('2026-03-09T10:00'), requestType, RULES);

    expect(sut).toEqual(at(due));
  });

  it('counts the make-up Saturday and skips Spring Festival for a suggestion dispatched Thu 2026-02-12 10:00 (→ Tue 02-24 10:00)', () => {
    const sut = resolveDueAt(at('2026-02-12T10:00'), 'suggestion', RULES);

    expect(sut).toEqual(at('2026-02-24T10:00'));
  });

  it('counts the make-up Sunday for a complaint dispatched Fri 2026-09-18 10:00 (→ Thu 09-24 10:00)', () => {
    // Sun 09-20 (make-up), Mon 21, Tue 22, Wed 23, Thu 24.
    const sut = resolveDueAt(at('2026-09-18T10:00'), 'complaint', RULES);

    expect(sut).toEqual(at('2026-09-24T10:00'));
  });

  it('skips Mid-Autumn for help dispatched Tue 2026-09-22 10:00 (→ Wed 09-30 10:00)', () => {
    // Wed 23, Thu 24, (Fri 25 Mid-Autumn, weekend), Mon 28, Tue 29, Wed 30.
    const sut = resolveDueAt(at('2026-09-22T10:00'), 'help', RULES);

    expect(sut).toEqual(at('2026-09-30T10:00'));
  });

  it('skips Mid-Autumn and National Day and counts Sat 10-10 for a complex concern dispatched Tue 2026-09-22 10:00 (→ Tue 10-20 10:00)', () => {
    // 23, 24, 28, 29, 30, Oct 8, 9, 10 (Sat, make-up), 12, 13, 14, 15, 16, 19, 20.
    const sut = resolveDueAt(at('2026-09-22T10:00'), 'complex', RULES);

    expect(sut).toEqual(at('2026-10-20T10:00'));
  });

  it('counts from 9:00 the next working day for a dispatch after closing (Mon 2026-03-09 19:00, consultation → Tue 17:30)', () => {
    const sut = resolveDueAt(at('2026-03-09T19:00'), 'consultation', RULES);

    expect(sut).toEqual(at('2026-03-10T17:30'));
  });
});

describe(reviewDueAt.name, () => {
  it('returns one working day later over a weekend (Fri 2026-03-06 15:00 → Mon 03-09 15:00)', () => {
    const sut = reviewDueAt(at('2026-03-06T15:00'), RULES);

    expect(sut).toEqual(at('2026-03-09T15:00'));
  });
});

describe(ratingDueAt.name, () => {
  it('returns 7 calendar days later, holidays included (Wed 2026-09-30 10:00 → Wed 10-07 10:00)', () => {
    const sut = ratingDueAt(at('2026-09-30T10:00'), RULES);

    expect(sut).toEqual(at('2026-10-07T10:00'));
  });

  it('returns 7 calendar days later at night, outside working hours (Sat 2026-03-07 22:15 → Sat 03-14 22:15)', () => {
    const sut = ratingDueAt(at('2026-03-07T22:15'), RULES);

    expect(sut).toEqual(at('2026-03-14T22:15'));
  });

  it('uses the rating window from the settings (3 days)', () => {
    const sut = ratingDueAt(at('2026-03-07T22:15'), withSettings({ ratingWindowDays: 3 }));

    expect(sut).toEqual(at('2026-03-10T22:15'));
  });
});

describe(publishedClock.name, () => {
  const published = at('2026-09-30T10:00');

  it('gives a resident who reported in the app the 7-day rating window', () => {
    expect(publishedClock('miniapp', published, RULES)).toEqual({ kind: 'rating', dueAt: at('2026-10-07T10:00') });
  });

  it('gives a concern from every channel without the app the street’s 回访期 instead, as long, in calendar days', () => {
    for (const source of NO_APP_SOURCES)
      expect(publishedClock(source, published, RULES)).toEqual({ kind: 'callback', dueAt: at('2026-10-07T10:00') });
    expect(countsWorkingTime('callback')).toBe(false);
  });

  it('follows the rating window setting (3 days)', () => {
    expect(publishedClock('phone', published, withSettings({ ratingWindowDays: 3 })).dueAt).toEqual(at('2026-10-03T10:00'));
  });
});

describe(checkExtension.name, () => {
  const dueAt = at('2026-09-30T17:00');
  const ask = (overrides: Partial<{ now: Date; dueAt: Date; workingDays: number; extensionsSoFar: number }>) =>
    checkExtension({ now: at('2026-09-29T10:00'), dueAt, workingDays: 2, extensionsSoFar: 0, ...overrides }, RULES);

  it('returns EXTENSION_TOO_LATE when asked at the due date (Wed 2026-09-30 17:00)', () => {
    const sut = ask({ now: dueAt });

    expect(sut).toMatchObject({ ok: false, code: 'EXTENSION_TOO_LATE' });
  });

  it('returns EXTENSION_TOO_LATE when asked after the due date', () => {
    const sut = ask({ now: at('2026-10-08T09:00') });

    expect(sut).toMatchObject({ ok: false, code: 'EXTENSION_TOO_LATE' });
  });

  it('returns EXTENSION_TOO_LATE before the other checks when the request is late and over the limit', () => {
    const sut = ask({ now: at('2026-10-08T09:00'), extensionsSoFar: 3, workingDays: 9 });

    expect(sut).toMatchObject({ ok: false, code: 'EXTENSION_TOO_LATE' });
  });

  it('returns EXTENSION_LIMIT_REACHED when three extensions have been granted', () => {
    const sut = ask({ extensionsSoFar: 3 });

    expect(sut).toMatchObject({ ok: false, code: 'EXTENSION_LIMIT_REACHED' });
  });

  it('returns ok for the third extension', () => {
    const sut = ask({ extensionsSoFar: 2 });

    expect(sut.ok).toBe(true);
  });

  it.each([0, -1, 4, 10])('returns EXTENSION_TOO_LONG for %i working days', (workingDays) => {
    const sut = ask({ workingDays });

    expect(sut).toMatchObject({ ok: false, code: 'EXTENSION_TOO_LONG' });
  });

  it('returns a Chinese message with each refusal', () => {
    for (const sut of [ask({ now: dueAt }), ask({ extensionsSoFar: 3 }), ask({ workingDays: 4 })]) {
      expect(sut.ok).toBe(false);
      if (!sut.ok) expect(sut.message).toMatch(CJK);
    }
  });

  it('returns a new due date counted from the old one, not from now (due Wed 09-30 17:00 + 2 → Fri 10-09 17:00)', () => {
    // 30 min on 09-30, the whole of 10-08, 480 min on 10-09.
    const sut = ask({ now: at('2026-09-29T10:00'), workingDays: 2 });

    expect(sut).toEqual({ ok: true, newDueAt: at('2026-10-09T17:00') });
  });

  it('returns a new due date one working day after the old one for 1 day (due Fri 2026-03-06 10:00 → Mon 03-09 10:00)', () => {
    const sut = checkExtension({ now: at('2026-03-05T16:00'), dueAt: at('2026-03-06T10:00'), workingDays: 1, extensionsSoFar: 1 }, RULES);

    expect(sut).toEqual({ ok: true, newDueAt: at('2026-03-09T10:00') });
  });

  it('uses the limits from the settings', () => {
    const sla = withSettings({ maxExtensions: 1, maxExtensionWorkingDays: 5 });

    expect(checkExtension({ now: at('2026-03-02T10:00'), dueAt: at('2026-03-06T10:00'), workingDays: 5, extensionsSoFar: 0 }, sla)).toEqual(
      {
        ok: true,
        newDueAt: at('2026-03-13T10:00'),
      },
    );
    expect(
      checkExtension({ now: at('2026-03-02T10:00'), dueAt: at('2026-03-06T10:00'), workingDays: 1, extensionsSoFar: 1 }, sla),
    ).toMatchObject({
      ok: false,
      code: 'EXTENSION_LIMIT_REACHED',
    });
  });
});

describe(recountDeadline.name, () => {
  // 2027 is not in the package: with it missing, Spring Festival week counts as working days.
  const SPRING_FESTIVAL_2027 = workingCalendar(
    ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((date) => ({
      date,
      kind: 'holiday' as const,
    })),
    [2027],
  );

  it('moves a resolve deadline past a holiday week entered after it was set (3 working days from Thu 2027-02-04 10:00 → Tue 02-16 10:00)', () => {
    const from = at('2027-02-04T10:00');
    const provisional = resolveDueAt(from, 'suggestion', { ...RULES, calendar: MONDAY_TO_FRIDAY });
    expect(provisional).toEqual(at('2027-02-09T10:00'));

    const sut = recountDeadline('resolve', from, provisional, MONDAY_TO_FRIDAY, SPRING_FESTIVAL_2027);

    expect(sut).toEqual(at('2027-02-16T10:00'));
  });

  it('keeps the working time the deadline was given, whatever rule set it (a 2-hour triage stays 2 hours)', () => {
    const from = at('2027-02-05T16:00');
    const due = triageDueAt(from, { calendar: MONDAY_TO_FRIDAY, settings: { ...DEFAULT_DEADLINE_SETTINGS, triageWorkingHours: 2 } });

    const sut = recountDeadline('triage', from, due, MONDAY_TO_FRIDAY, SPRING_FESTIVAL_2027);

    expect(sut).toEqual(at('2027-02-15T09:30'));
  });

  it('keeps "the end of the same working day" for a dispatch deadline whose day became a holiday', () => {
    const from = at('2027-02-08T10:00');

    const sut = recountDeadline('dispatch', from, at('2027-02-08T17:30'), MONDAY_TO_FRIDAY, SPRING_FESTIVAL_2027);

    expect(sut).toEqual(at('2027-02-15T17:30'));
  });

  it('never moves the rating window or the 回访期, which count calendar days', () => {
    const due = at('2027-02-11T10:00');

    expect(recountDeadline('rating', at('2027-02-04T10:00'), due, MONDAY_TO_FRIDAY, SPRING_FESTIVAL_2027)).toBe(due);
    expect(recountDeadline('callback', at('2027-02-04T10:00'), due, MONDAY_TO_FRIDAY, SPRING_FESTIVAL_2027)).toBe(due);
  });

  it('returns the same deadline when the change does not touch its span', () => {
    const from = at('2027-03-01T10:00');
    const due = resolveDueAt(from, 'help', { ...RULES, calendar: MONDAY_TO_FRIDAY });

    expect(recountDeadline('resolve', from, due, MONDAY_TO_FRIDAY, SPRING_FESTIVAL_2027)).toEqual(due);
  });
});
