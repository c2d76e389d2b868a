import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../../common/redis/redis.module.js';
import { Open311Error } from './open311.error.js';

/** Service requests one partner key may file per minute. */
export const OPEN311_REQUESTS_PER_MINUTE = 60;
const WINDOW_MS = 60_000;

/**
 * Counts each key's POST requests in fixed one-minute windows: in Redis when REDIS_URL is set, so every
 * instance counts against one limit, otherwise in this instance's memory. Every attempt with a live key
 * counts, a refused one too: the limit protects the service from a partner's runaway loop.
 */
@Injectable()
export class Open311RateLimiter {
  private readonly counts = new Map<number, { window: number; count: number }>();

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | null) {}

  async consume(keyId: number, now = Date.now()): Promise<void> {
    const window = Math.floor(now / WINDOW_MS);
    const count = this.redis ? await this.countInRedis(keyId, window) : this.countInMemory(keyId, window);
    if (count > OPEN311_REQUESTS_PER_MINUTE) {
      throw new Open311Error(429, `提交过于频繁：每个 api_key 每分钟最多提交 ${OPEN311_REQUESTS_PER_MINUTE} 条，请稍后再试`);
    }
  }

  private countInMemory(keyId: number, window: number): number {
    const entry = this.counts.get(keyId);
    const next = entry && entry.window === window ? { window, count: entry.count + 1 } : { window, count: 1 };
    this.counts.set(keyId, next);
    return next.count;
  }

  private async countInRedis(keyId: number, window: number): Promise<number> {
    const name = `manyi:open311:rate:${keyId}:${window}`;
    const [[, count]] = (await this.redis!.multi()
      .incr(name)
      .pexpire(name, WINDOW_MS * 2)
      .exec()) as [[Error | null, number]];
    return count;
  }
}
