import chineseDays from 'chinese-days';
import { packageCalendarDays } from './package-calendar.js';
import { shanghaiDate } from './shanghai-time.js';
import {
  DEFAULT_WORKING_HOURS,
  addWorkingDays,
  addWorkingHours,
  addWorkingMinutes,
  endOfWorkingDay,
  isWorkingDay,
  workingDayMinutes,
  calendarCoverage,
  isProvisional,
  workingCalendar,
  workingMinutesBetween,
  type WorkingHours,
} from './working-calendar.js';

/** 2024–2026 as the State Council published them, from the package that seeds the calendar. */
const CALENDAR = workingCalendar([2024, 2025, 2026].flatMap(packageCalendarDays), [2024, 2025, 2026]);

/** The UTC instant of a Shanghai wall-clock time, e.g. at('2026-02-13T16:00'). */
const at = (shanghaiLocal: string): Date => new Date(`${shanghaiLocal}:00+08:00`);

/*
 * The calendars used below, as the State Council published them (and as chinese-days has them):
 * - Spring Festival 2026: off Sun 02-15 … Mon 02-23; make-up working Saturdays 02-14 and 02-28.
 * - Mid-Autumn 2026: off Fri 09-25 (and the weekend after it).
 * - National Day 2026: off Thu 10-01 … Wed 10-07; make-up working Sunday 09-20 and Saturday 10-10.
 */
describe('the chinese-days calendar data', () => {
  it.each(['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10'])('marks %s as a make-up working day', (date) => {
    expect(chineseDays.isWorkday(date)).toBe(true);
    expect([0, 6]).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
  });

  it.each(['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23', '2026-10-01', '2026-10-05', '2026-10-07'])(
    'marks %s as a holiday',
    (date) => {
      expect(chineseDays.isHoliday(date)).toBe(true);
    },
  );
});

describe(shanghaiDate.name, () => {
  it('returns the Shanghai date when the UTC date is still the day before (00:30 Shanghai = 16:30Z)', () => {
    const sut = shanghaiDate(new Date('2026-02-13T16:30:00Z'));

    expect(sut).toBe('2026-02-14');
  });

  it('returns the same date late in the Shanghai evening (23:59 Shanghai = 15:59Z)', () => {
    const sut = shanghaiDate(at('2026-02-13T23:59'));

    expect(sut).toBe('2026-02-13');
  });
});

describe(isWorkingDay.name, () => {
  it('returns true for an ordinary Monday (2026-03-09)', () => {
    expect(isWorkingDay(CALENDAR, '2026-03-09')).toBe(true);
  });

  it('returns false for an ordinary Saturday and Sunday (2026-03-07, 2026-03-08)', () => {
    expect(isWorkingDay(CALENDAR, '2026-03-07')).toBe(false);
    expect(isWorkingDay(CALENDAR, '2026-03-08')).toBe(false);
  });

  it('returns true for the Spring Festival make-up Saturdays (2026-02-14, 2026-02-28)', () => {
    expect(isWorkingDay(CALENDAR, '2026-02-14')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2026-02-28')).toBe(true);
  });

  it('returns false for every day of the Spring Festival holiday (2026-02-15 … 2026-02-23)', () => {
    for (let day = 15; day <= 23; day++) expect(isWorkingDay(CALENDAR, `2026-02-${day}`)).toBe(false);
    expect(isWorkingDay(CALENDAR, '2026-02-13')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2026-02-24')).toBe(true);
  });

  it('returns false for every day of the National Day week (2026-10-01 … 2026-10-07)', () => {
    for (let day = 1; day <= 7; day++) expect(isWorkingDay(CALENDAR, `2026-10-0${day}`)).toBe(false);
    expect(isWorkingDay(CALENDAR, '2026-09-30')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2026-10-08')).toBe(true);
  });

  it('returns true for the National Day make-up days (Sunday 2026-09-20, Saturday 2026-10-10)', () => {
    expect(isWorkingDay(CALENDAR, '2026-09-20')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2026-10-10')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2026-10-11')).toBe(false);
  });

  it('falls back to Monday–Friday for a year the calendar does not know (2030)', () => {
    expect(isWorkingDay(CALENDAR, '2030-01-07')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2030-01-05')).toBe(false);
  });
});

describe(workingDayMinutes.name, () => {
  it('returns 510 for the default 9:00–17:30 day', () => {
    expect(workingDayMinutes()).toBe(510);
    expect(DEFAULT_WORKING_HOURS).toEqual({ startMinute: 540, endMinute: 1050 });
  });
});

describe(addWorkingMinutes.name, () => {
  it('starts the clock at 9:00 on Monday when reported on Saturday evening (Sat 2026-03-07 20:00)', () => {
    const sut = addWorkingMinutes(CALENDAR, at('2026-03-07T20:00'), 0);

    expect(sut).toEqual(at('2026-03-09T09:00'));
  });

  it('counts from 9:00 when reported before opening (Mon 2026-03-09 07:15 + 60 min → 10:00)', () => {
    const sut = addWorkingMinutes(CALENDAR, at('2026-03-09T07:15'), 60);

    expect(sut).toEqual(at('2026-03-09T10:00'));
  });

  it('counts from 9:00 the next working day when reported exactly at 17:30 (Mon 17:30 + 30 min → Tue 9:30)', () => {
    const sut = addWorkingMinutes(CALENDAR, at('2026-03-09T17:30'), 30);

    expect(sut).toEqual(at('2026-03-10T09:30'));
  });

  it('ends at 17:30 rather than 9:00 next day when the minutes end exactly at closing (Mon 16:30 + 60 min)', () => {
    const sut = addWorkingMinutes(CALENDAR, at('2026-03-09T16:30'), 60);

    expect(sut).toEqual(at('2026-03-09T17:30'));
  });

  it('keeps seconds when starting inside working hours (Mon 10:00:30 + 1 min → 10:01:30)', () => {
    const sut = addWorkingMinutes(CALENDAR, new Date('2026-03-09T10:00:30+08:00'), 1);

    expect(sut).toEqual(new Date('2026-03-09T10:01:30+08:00'));
  });

  it('counts a Saturday evening report on the Spring Festival make-up Saturday from Tue 2026-02-24 9:00', () => {
    // Sat 02-14 is a working day, but 18:00 is after hours; 02-15 … 02-23 are the holiday.
    const sut = addWorkingMinutes(CALENDAR, at('2026-02-14T18:00'), 0);

    expect(sut).toEqual(at('2026-02-24T09:00'));
  });

  it('counts a report on Sunday 2026-02-08 19:00 from Mon 2026-02-09 9:00 (+ 90 min → 10:30)', () => {
    const sut = addWorkingMinutes(CALENDAR, at('2026-02-08T19:00'), 90);

    expect(sut).toEqual(at('2026-02-09T10:30'));
  });

  it('throws a RangeError for negative or non-finite minutes', () => {
    expect(() => addWorkingMinutes(CALENDAR, at('2026-03-09T10:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(CALENDAR, at('2026-03-09T10:00'), Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingMinutes(CALENDAR, at('2026-03-09T10:00'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('uses custom working hours (8:30–17:00: Mon 16:30 + 60 min → Tue 9:00)', () => {
    const hours: WorkingHours = { startMinute: 8 * 60 + 30, endMinute: 17 * 60 };

    const sut = addWorkingMinutes(CALENDAR, at('2026-03-09T16:30'), 60, hours);

    expect(sut).toEqual(at('2026-03-10T09:00'));
  });
});

describe(addWorkingHours.name, () => {
  it('carries over the 17:30 end to the next morning (Mon 2026-03-09 16:00 + 4 h → Tue 11:30)', () => {
    const sut = addWorkingHours(CALENDAR, at('2026-03-09T16:00'), 4);

    expect(sut).toEqual(at('2026-03-10T11:30'));
  });

  it('carries over a weekend (Fri 2026-03-06 16:00 + 4 h → Mon 2026-03-09 11:30)', () => {
    const sut = addWorkingHours(CALENDAR, at('2026-03-06T16:00'), 4);

    expect(sut).toEqual(at('2026-03-09T11:30'));
  });

  it('counts the make-up Saturday before Spring Festival (Fri 2026-02-13 16:00 + 4 h → Sat 2026-02-14 11:30)', () => {
    const sut = addWorkingHours(CALENDAR, at('2026-02-13T16:00'), 4);

    expect(sut).toEqual(at('2026-02-14T11:30'));
  });

  it('skips the whole Spring Festival holiday (Sat 2026-02-14 16:00 + 4 h → Tue 2026-02-24 11:30)', () => {
    const sut = addWorkingHours(CALENDAR, at('2026-02-14T16:00'), 4);

    expect(sut).toEqual(at('2026-02-24T11:30'));
  });

  it('skips the National Day week (Wed 2026-09-30 15:00 + 4 h → Thu 2026-10-08 10:30)', () => {
    const sut = addWorkingHours(CALENDAR, at('2026-09-30T15:00'), 4);

    expect(sut).toEqual(at('2026-10-08T10:30'));
  });

  it('counts the make-up Sunday before National Day (Fri 2026-09-18 17:00 + 2 h → Sun 2026-09-20 10:30)', () => {
    const sut = addWorkingHours(CALENDAR, at('2026-09-18T17:00'), 2);

    expect(sut).toEqual(at('2026-09-20T10:30'));
  });

  it('rounds fractional hours to whole minutes (Mon 10:00 + 0.25 h → 10:15)', () => {
    const sut = addWorkingHours(CALENDAR, at('2026-03-09T10:00'), 0.25);

    expect(sut).toEqual(at('2026-03-09T10:15'));
  });
});

describe(addWorkingDays.name, () => {
  it('returns the same time the next working day (Mon 2026-03-09 10:00 + 1 → Tue 10:00)', () => {
    const sut = addWorkingDays(CALENDAR, at('2026-03-09T10:00'), 1);

    expect(sut).toEqual(at('2026-03-10T10:00'));
  });

  it('returns the make-up Saturday before Spring Festival (Fri 2026-02-13 10:00 + 1 → Sat 2026-02-14 10:00)', () => {
    const sut = addWorkingDays(CALENDAR, at('2026-02-13T10:00'), 1);

    expect(sut).toEqual(at('2026-02-14T10:00'));
  });

  it('returns the first day back after Spring Festival (Sat 2026-02-14 10:00 + 1 → Tue 2026-02-24 10:00)', () => {
    const sut = addWorkingDays(CALENDAR, at('2026-02-14T10:00'), 1);

    expect(sut).toEqual(at('2026-02-24T10:00'));
  });

  it('returns the first day back after National Day (Wed 2026-09-30 10:00 + 1 → Thu 2026-10-08 10:00)', () => {
    const sut = addWorkingDays(CALENDAR, at('2026-09-30T10:00'), 1);

    expect(sut).toEqual(at('2026-10-08T10:00'));
  });

  it('returns 17:30 of the same day when starting at 9:00 (Mon 2026-03-09 9:00 + 1)', () => {
    const sut = addWorkingDays(CALENDAR, at('2026-03-09T09:00'), 1);

    expect(sut).toEqual(at('2026-03-09T17:30'));
  });
});

describe(endOfWorkingDay.name, () => {
  it('returns 17:30 the same day during working hours (Mon 2026-03-09 10:00)', () => {
    expect(endOfWorkingDay(CALENDAR, at('2026-03-09T10:00'))).toEqual(at('2026-03-09T17:30'));
  });

  it('returns 17:30 the same day before opening (Mon 2026-03-09 07:00)', () => {
    expect(endOfWorkingDay(CALENDAR, at('2026-03-09T07:00'))).toEqual(at('2026-03-09T17:30'));
  });

  it('returns 17:30 the next working day after closing (Mon 2026-03-09 18:00 → Tue 17:30)', () => {
    expect(endOfWorkingDay(CALENDAR, at('2026-03-09T18:00'))).toEqual(at('2026-03-10T17:30'));
  });

  it('returns 17:30 Monday for a Saturday (2026-03-07 11:00)', () => {
    expect(endOfWorkingDay(CALENDAR, at('2026-03-07T11:00'))).toEqual(at('2026-03-09T17:30'));
  });

  it('returns 17:30 the make-up Saturday itself (Sat 2026-02-14 10:00)', () => {
    expect(endOfWorkingDay(CALENDAR, at('2026-02-14T10:00'))).toEqual(at('2026-02-14T17:30'));
  });

  it('returns 17:30 the first day back for a National Day holiday (Thu 2026-10-01 10:00 → Thu 2026-10-08 17:30)', () => {
    expect(endOfWorkingDay(CALENDAR, at('2026-10-01T10:00'))).toEqual(at('2026-10-08T17:30'));
  });
});

describe(workingMinutesBetween.name, () => {
  it('counts only working hours over a weekend (Fri 2026-03-06 16:00 → Mon 2026-03-09 10:00 = 150)', () => {
    const sut = workingMinutesBetween(CALENDAR, at('2026-03-06T16:00'), at('2026-03-09T10:00'));

    expect(sut).toBe(90 + 60);
  });

  it('returns 0 for a span that lies within a weekend (Sat 2026-03-07 10:00 → Sun 2026-03-08 18:00)', () => {
    const sut = workingMinutesBetween(CALENDAR, at('2026-03-07T10:00'), at('2026-03-08T18:00'));

    expect(sut).toBe(0);
  });

  it('counts minutes within one day (Mon 2026-03-09 10:00 → 11:15 = 75)', () => {
    const sut = workingMinutesBetween(CALENDAR, at('2026-03-09T10:00'), at('2026-03-09T11:15'));

    expect(sut).toBe(75);
  });

  it('counts the make-up Saturday across Spring Festival (Fri 2026-02-13 17:00 → Tue 2026-02-24 9:30 = 570)', () => {
    const sut = workingMinutesBetween(CALENDAR, at('2026-02-13T17:00'), at('2026-02-24T09:30'));

    expect(sut).toBe(30 + 510 + 30);
  });

  it('skips the National Day week (Wed 2026-09-30 16:30 → Thu 2026-10-08 9:30 = 90)', () => {
    const sut = workingMinutesBetween(CALENDAR, at('2026-09-30T16:30'), at('2026-10-08T09:30'));

    expect(sut).toBe(60 + 30);
  });

  it('returns 0 when `to` is not after `from`', () => {
    expect(workingMinutesBetween(CALENDAR, at('2026-03-09T11:00'), at('2026-03-09T10:00'))).toBe(0);
    expect(workingMinutesBetween(CALENDAR, at('2026-03-09T11:00'), at('2026-03-09T11:00'))).toBe(0);
  });

  it('rounds partial minutes down (Mon 10:00:00 → 10:01:59 = 1)', () => {
    const sut = workingMinutesBetween(CALENDAR, at('2026-03-09T10:00'), new Date('2026-03-09T10:01:59+08:00'));

    expect(sut).toBe(1);
  });
});

describe('adding and measuring working minutes', () => {
  /** mulberry32: a small seeded PRNG, so a failure reproduces. */
  function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('measures back exactly the minutes added from any instant inside working hours in 2024–2026', () => {
    const random = prng(20260215);
    const first = Date.parse('2024-01-01T00:00:00Z');
    const days = Math.round((Date.parse('2026-12-31T00:00:00Z') - first) / 86_400_000) + 1;
    const failures: string[] = [];
    let checked = 0;
    while (checked < 400) {
      const date = new Date(first + Math.floor(random() * days) * 86_400_000).toISOString().slice(0, 10);
      if (!isWorkingDay(CALENDAR, date)) continue;
      const secondOfDay = 9 * 3600 + Math.floor(random() * 510 * 60); // 9:00:00 … 17:29:59
      const from = new Date(Date.parse(`${date}T00:00:00+08:00`) + secondOfDay * 1000);
      // Mostly within a few days, sometimes up to four working weeks.
      const minutes = random() < 0.7 ? Math.floor(random() * 3 * 510) : Math.floor(random() * 20 * 510);

      const sut = workingMinutesBetween(CALENDAR, from, addWorkingMinutes(CALENDAR, from, minutes));

      if (sut !== minutes) failures.push(`${from.toISOString()} + ${minutes} → measured ${sut}`);
      checked++;
    }
    expect(failures).toEqual([]);
  });
});

describe(isProvisional.name, () => {
  it('returns false for a deadline inside the published years', () => {
    expect(isProvisional(CALENDAR, at('2026-12-30T10:00'), at('2026-12-31T17:30'))).toBe(false);
  });

  it('returns true for a deadline that reaches into a year nobody entered (2026-12-31 → 2027-01-04)', () => {
    expect(isProvisional(CALENDAR, at('2026-12-31T10:00'), at('2027-01-04T10:00'))).toBe(true);
  });

  it('judges the Shanghai date, not the UTC one (2027-01-01 00:30 in Shanghai is still 2026 in UTC)', () => {
    expect(isProvisional(CALENDAR, at('2026-12-31T10:00'), at('2027-01-01T00:30'))).toBe(true);
  });
});

describe(calendarCoverage.name, () => {
  it('names the missing year once the next 60 days reach it (2026-11-02 + 60 days = 2027-01-01)', () => {
    expect(calendarCoverage(CALENDAR, at('2026-11-02T12:00'))).toEqual({ coveredUntil: '2026-12-31', missingYears: [2027] });
  });

  it('names no year while the next 60 days stay inside the published ones', () => {
    expect(calendarCoverage(CALENDAR, at('2026-11-01T12:00'))).toEqual({ coveredUntil: '2026-12-31', missingYears: [] });
  });

  it('reports no coverage at all when this very year is missing', () => {
    expect(calendarCoverage(CALENDAR, at('2027-06-01T12:00'))).toEqual({ coveredUntil: null, missingYears: [2027] });
  });

  it('runs coverage on through consecutive published years', () => {
    const sut = calendarCoverage(workingCalendar([], [2026, 2027, 2029]), at('2026-12-20T12:00'));

    expect(sut).toEqual({ coveredUntil: '2027-12-31', missingYears: [] });
  });
});
