import {
  SHANGHAI_OFFSET_MS,
  minuteOfShanghaiDay,
  shanghaiClock,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiHour,
  shanghaiInstant,
  shanghaiW3cDateTime,
  shanghaiWallClock,
  shanghaiYear,
  startOfShanghaiDay,
} from './shanghai-time.js';

// 2026-12-31T16:30:05.123Z is 2027-01-01 00:30:05 in Shanghai: the day, and the year, have turned.
const NEW_YEAR_NIGHT = new Date('2026-12-31T16:30:05.123Z');

describe('Shanghai time', () => {
  it('is UTC+8', () => {
    expect(SHANGHAI_OFFSET_MS).toBe(8 * 60 * 60 * 1000);
  });

  it('reads the date, time, hour and year on the Shanghai clock', () => {
    expect(shanghaiDate(NEW_YEAR_NIGHT)).toBe('2027-01-01');
    expect(shanghaiDateTime(NEW_YEAR_NIGHT)).toBe('2027-01-01 00:30');
    expect(shanghaiClock(NEW_YEAR_NIGHT)).toBe('00:30');
    expect(shanghaiHour(NEW_YEAR_NIGHT)).toBe(0);
    expect(shanghaiYear(NEW_YEAR_NIGHT)).toBe(2027);
    expect(minuteOfShanghaiDay(NEW_YEAR_NIGHT)).toBe(30);
  });

  it('keeps the date until Shanghai midnight, not UTC midnight', () => {
    expect(shanghaiDate(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(shanghaiDate(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
    expect(minuteOfShanghaiDay(new Date('2026-11-23T15:59:59Z'))).toBe(1439);
  });

  it('gives the wall clock as the UTC fields of a shifted Date, from a Date or epoch milliseconds', () => {
    const wall = shanghaiWallClock(NEW_YEAR_NIGHT);
    expect([wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours()]).toEqual([2027, 1, 1, 0]);
    expect(shanghaiWallClock(NEW_YEAR_NIGHT.getTime())).toEqual(wall);
  });

  it('starts a Shanghai day at 16:00 UTC the day before', () => {
    expect(startOfShanghaiDay('2026-11-24')).toEqual(new Date('2026-11-23T16:00:00Z'));
    expect(startOfShanghaiDay('2026-11-24')).toEqual(new Date('2026-11-24T00:00:00+08:00'));
  });

  it('turns a Shanghai wall-clock time into its instant', () => {
    expect(shanghaiInstant(2026, 11, 24, 14, 5, 9)).toEqual(new Date('2026-11-24T14:05:09+08:00'));
    expect(shanghaiInstant(2027, 1, 1)).toEqual(new Date('2026-12-31T16:00:00Z'));
  });

  it('writes a W3C date-time in the +08:00 offset, to the second', () => {
    expect(shanghaiW3cDateTime(new Date('2026-11-23T16:30:05.123Z'))).toBe('2026-11-24T00:30:05+08:00');
    expect(new Date(shanghaiW3cDateTime(NEW_YEAR_NIGHT)).getTime()).toBe(NEW_YEAR_NIGHT.getTime() - 123);
  });
});
