/**
 * The office clock: Asia/Shanghai. It has had no daylight saving since 1991, so a fixed UTC+8 offset is
 * exact and needs no time-zone database (weapp's JS engine may lack the ICU data for Intl time zones).
 * Every package reads Shanghai dates and times through these helpers; none adds the offset itself.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The instant moved by +8h: its UTC fields (getUTCFullYear, getUTCHours, …) read Shanghai's wall
 * clock. Only for reading those fields; it is not the same instant.
 */
export function shanghaiWallClock(instant: Date | number): Date {
  return new Date((typeof instant === 'number' ? instant : instant.getTime()) + SHANGHAI_OFFSET_MS);
}

/** The Shanghai calendar date of an instant, as YYYY-MM-DD. */
export function shanghaiDate(instant: Date): string {
  return shanghaiWallClock(instant).toISOString().slice(0, 10);
}

/** `2026-11-24 14:00`, the way a resident reads a time. */
export function shanghaiDateTime(instant: Date): string {
  return shanghaiWallClock(instant).toISOString().slice(0, 16).replace('T', ' ');
}

/** `14:00`. */
export function shanghaiClock(instant: Date): string {
  return shanghaiDateTime(instant).slice(11);
}

export function shanghaiHour(instant: Date): number {
  return shanghaiWallClock(instant).getUTCHours();
}

export function shanghaiYear(instant: Date): number {
  return shanghaiWallClock(instant).getUTCFullYear();
}

/** Minutes after Shanghai midnight (0–1439). */
export function minuteOfShanghaiDay(instant: Date): number {
  const local = instant.getTime() + SHANGHAI_OFFSET_MS;
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

/** The instant a Shanghai calendar day (`YYYY-MM-DD`) begins. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** The instant of a Shanghai wall-clock time; `month` is 1–12. Out-of-range fields roll over as in Date.UTC. */
export function shanghaiInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - SHANGHAI_OFFSET_MS);
}

/** A W3C date-time in Shanghai's offset, to the second: `2026-11-24T00:30:05+08:00`. */
export function shanghaiW3cDateTime(instant: Date): string {
  return `${shanghaiWallClock(instant).toISOString().slice(0, 19)}+08:00`;
}
