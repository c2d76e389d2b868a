import type { Redis } from 'ioredis';
import { Open311Error } from './open311.error.js';
import { OPEN311_REQUESTS_PER_MINUTE, Open311RateLimiter } from './open311-rate-limiter.js';

/** The few Redis commands the limiter uses, over a Map: INCR, PEXPIRE in a MULTI. */
function fakeRedis(): { client: Redis; expiries: Map<string, number> } {
  const values = new Map<string, number>();
  const expiries = new Map<string, number>();
  const client = {
    multi() {
      const queued: Array<() => [null, number]> = [];
      const chain = {
        incr(name: string) {
          queued.push(() => {
            values.set(name, (values.get(name) ?? 0) + 1);
            return [null, values.get(name)!];
          });
          return chain;
        },
        pexpire(name: string, ms: number) {
          queued.push(() => {
            expiries.set(name, ms);
            return [null, 1];
          });
          return chain;
        },
        exec: async () => queued.map((run) => run()),
      };
      return chain;
    },
  };
  return { client: client as unknown as Redis, expiries };
}

async function statusOf(attempt: Promise<void>): Promise<number> {
  try {
    await attempt;
    return 200;
  } catch (error) {
    if (error instanceof Open311Error) return error.status;
    throw error;
  }
}

describe(Open311RateLimiter.name, () => {
  const minute = Date.parse('2026-11-29T08:00:00Z');

  for (const [store, make] of [
    ['memory', () => new Open311RateLimiter(null)],
    ['Redis', () => new Open311RateLimiter(fakeRedis().client)],
  ] as const) {
    it(`lets ${OPEN311_REQUESTS_PER_MINUTE} requests a minute through per key and refuses the next with 429 (${store})`, async () => {
      const sut = make();
      for (let i = 0; i < OPEN311_REQUESTS_PER_MINUTE; i++) expect(await statusOf(sut.consume(1, minute + i))).toBe(200);
      expect(await statusOf(sut.consume(1, minute + 59_999))).toBe(429);
      expect(await statusOf(sut.consume(2, minute + 59_999))).toBe(200);
      expect(await statusOf(sut.consume(1, minute + 60_000))).toBe(200);
    });
  }

  it('lets Redis forget a window once it is over', async () => {
    const redis = fakeRedis();
    await new Open311RateLimiter(redis.client).consume(7, minute);
    expect([...redis.expiries]).toEqual([[`manyi:open311:rate:7:${Math.floor(minute / 60_000)}`, 120_000]]);
  });
});
