import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis.module.js';

/** A token is renewed this long before WeChat's expiry, so no call carries one that dies on the way. */
export const TOKEN_RENEW_MARGIN_MS = 5 * 60_000;
const REDIS_TOKEN_KEY = 'manyi:wechat:access-token';
const REDIS_LOCK_KEY = 'manyi:wechat:access-token:lock';
/** Longer than a token call with its retries may take; the lock frees itself if its holder dies. */
const LOCK_TTL_MS = 15_000;
const WAIT_POLL_MS = 100;
// Delete the lock only if it is still ours: a holder that overran its TTL must not free a successor's.
const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface AccessToken {
  token: string;
  /** Epoch milliseconds after which it is renewed: TOKEN_RENEW_MARGIN_MS before expiry, or half-way for a short-lived one. */
  renewAt: number;
}

/** Fetches a token from WeChat (the client's stable_token call): the token and its remaining seconds. */
export type TokenFetcher = () => Promise<{ token: string; expiresIn: number }>;

async function fetchToken(fetch: TokenFetcher): Promise<AccessToken> {
  const fetchedAt = Date.now();
  const { token, expiresIn } = await fetch();
  const lifetime = expiresIn * 1000;
  return { token, renewAt: fetchedAt + lifetime - Math.min(TOKEN_RENEW_MARGIN_MS, lifetime / 2) };
}

/**
 * The one WeChat access token of the app (接口调用凭据), kept until shortly before it expires. Within an
 * instance one refresh runs at a time and every caller waits for it (single flight); with Redis the
 * token is shared by all instances and a Redis lock lets only one of them refresh, the others read
 * what it stored. WeChat limits token calls per day, so neither many callers nor many instances may
 * each fetch their own.
 */
@Injectable()
export class WechatTokenStore {
  private readonly logger = new Logger(WechatTokenStore.name);
  private cached: AccessToken | null = null;
  private inflight: Promise<AccessToken> | null = null;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | null) {}

  /** A token that is good for at least TOKEN_RENEW_MARGIN_MS more. */
  async get(fetch: TokenFetcher, now = Date.now()): Promise<string> {
    if (this.cached && fresh(this.cached, now)) return this.cached.token;
    this.inflight ??= this.refresh(fetch, null).finally(() => {
      this.inflight = null;
    });
    return (await this.inflight).token;
  }

  /**
   * WeChat refused `rejected` (40001/42001): forget it — here and in Redis, unless another caller
   * already replaced it — and get the next one. Concurrent callers that saw the same refusal share one
   * refresh.
   */
  async replace(rejected: string, fetch: TokenFetcher): Promise<string> {
    if (this.cached?.token === rejected) this.cached = null;
    if (this.cached) return this.cached.token;
    this.inflight ??= this.refresh(fetch, rejected).finally(() => {
      this.inflight = null;
    });
    return (await this.inflight).token;
  }

  private async refresh(fetch: TokenFetcher, rejected: string | null): Promise<AccessToken> {
    const token = this.redis ? await this.refreshShared(this.redis, fetch, rejected) : await fetchToken(fetch);
    this.cached = token;
    return token;
  }

  private async refreshShared(redis: Redis, fetch: TokenFetcher, rejected: string | null): Promise<AccessToken> {
    const deadline = Date.now() + LOCK_TTL_MS;
    const owner = randomBytes(8).toString('hex');
    for (;;) {
      const shared = await readShared(redis);
      if (shared && shared.token !== rejected && fresh(shared, Date.now())) return shared;
      if ((await redis.set(REDIS_LOCK_KEY, owner, 'PX', LOCK_TTL_MS, 'NX')) === 'OK') {
        try {
          // Someone may have stored a new token between our read and our lock.
          const again = await readShared(redis);
          if (again && again.token !== rejected && fresh(again, Date.now())) return again;
          const token = await fetchToken(fetch);
          await redis.set(REDIS_TOKEN_KEY, JSON.stringify(token), 'PX', Math.max(1, token.renewAt - Date.now()));
          return token;
        } finally {
          await redis.eval(RELEASE_LOCK, 1, REDIS_LOCK_KEY, owner);
        }
      }
      if (Date.now() > deadline) {
        // The holder is stuck past its lock's life: fetch ourselves rather than fail the caller.
        this.logger.warn('waited too long for another instance to refresh the WeChat access token; fetching it here');
        return fetchToken(fetch);
      }
      await sleep(WAIT_POLL_MS);
    }
  }
}

function fresh(token: AccessToken, now: number): boolean {
  return token.renewAt > now;
}

async function readShared(redis: Redis): Promise<AccessToken | null> {
  const raw = await redis.get(REDIS_TOKEN_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as AccessToken;
    return typeof parsed.token === 'string' && typeof parsed.renewAt === 'number' ? parsed : null;
  } catch {
    return null;
  }
}
