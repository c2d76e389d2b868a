// Times arrive in UTC (ISO strings) and are shown in Asia/Shanghai (UTC+8, no daylight saving),
// computed by hand because weapp's JS engine may lack the ICU data for Intl time zones.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

function shanghaiParts(iso: string): Date | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time + SHANGHAI_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-23 14:05 */
export function formatDateTime(iso: string): string {
  const d = shanghaiParts(iso);
  if (!d) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 11月23日 14:05 */
export function formatShortDateTime(iso: string): string {
  const d = shanghaiParts(iso);
  if (!d) return '';
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
