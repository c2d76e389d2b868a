/** Shanghai is UTC+8 all year (no daylight saving), so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-11-24 14:00`, the way a resident reads a time. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** `14:00`. */
export function shanghaiClock(instant: Date): string {
  return shanghaiDateTime(instant).slice(11);
}

export function shanghaiHour(instant: Date): number {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
}

/** The instant a Shanghai calendar day (`YYYY-MM-DD`) begins. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}
