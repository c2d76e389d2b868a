/**
 * Whether the ceiling (detail-ceiling.ts) answers what the service answers: both fetched with the same
 * path and token, the parsed JSON compared deeply; the first difference is named. Starts nothing.
 *
 *   node bench/dist/detail-ceiling-check.js <serviceBase> <ceilingBase> <path> <token>
 *
 * Exits 1 on a difference. The bench calls sameAnswer() before it measures the two side by side.
 */
import { pathToFileURL } from 'node:url';

/** The first place where `a` and `b` differ (a JSON path and both values), or null when they are the same. */
export function firstDifference(a: unknown, b: unknown, at = '$'): string | null {
  if (Object.is(a, b)) return null;
  const show = (v: unknown) => JSON.stringify(v)?.slice(0, 200) ?? String(v);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b))
    return `${at}: service ${show(a)}, ceiling ${show(b)}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${at}: service has ${a.length} items, ceiling ${b.length}`;
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (!(key in rb)) return `${at}.${key}: only the service answers it (${show(ra[key])})`;
    if (!(key in ra)) return `${at}.${key}: only the ceiling answers it (${show(rb[key])})`;
    const d = firstDifference(ra[key], rb[key], `${at}.${key}`);
    if (d) return d;
  }
  return null;
}

/** Fetches `path` from both with the bearer token; null when both answer 200 with the same JSON, else what differs. */
export async function sameAnswer(serviceBase: string, ceilingBase: string, path: string, token: string): Promise<string | null> {
  const get = async (base: string) => {
    const r = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: r.status, body: (await r.json()) as unknown };
  };
  const [service, ceiling] = await Promise.all([get(serviceBase), get(ceilingBase)]);
  if (service.status !== 200 || ceiling.status !== 200)
    return `${path}: service ${service.status}, ceiling ${ceiling.status}: ${JSON.stringify(service.body).slice(0, 200)} / ${JSON.stringify(ceiling.body).slice(0, 200)}`;
  const d = firstDifference(service.body, ceiling.body);
  return d && `${path}: ${d}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [serviceBase, ceilingBase, path, token] = process.argv.slice(2);
  if (!serviceBase || !ceilingBase || !path || !token) {
    console.error('usage: detail-ceiling-check.js <serviceBase> <ceilingBase> <path> <token>');
    process.exit(2);
  }
  const difference = await sameAnswer(serviceBase, ceilingBase, path, token);
  console.log(difference ? `different — ${difference}` : `${path}: the same JSON`);
  process.exit(difference ? 1 : 0);
}
