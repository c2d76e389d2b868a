import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { Global, Injectable, Module } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { InvalidationBus } from './invalidation-bus.js';

/** What a public read answered: the JSON bytes as sent, their entity tag, and (when worth it) compressed once. */
export interface CachedAnswer {
  /** UTF-8 bytes, encoded once: a string would be encoded again (and its length counted) on every send. */
  body: Buffer;
  etag: string;
  /** Brotli and gzip forms of `body`, made when the answer is kept, not on every request. */
  br: Buffer | null;
  gzip: Buffer | null;
}

/** Below this an answer goes as it is: compressing a few hundred bytes saves less than it costs. */
const COMPRESS_FROM_BYTES = 1024;

/** A cache namespace: the public reads one kind of write changes (news articles; the directory). */
export type PublicCacheNamespace = 'news' | 'directory';

/**
 * When a namespace's answers change by themselves, without a write: news scheduled for a time shows up
 * when the time comes. Null: not before the next write.
 */
export type ChangesAt = (now: Date) => Promise<Date | null>;

/** Answers kept per namespace (pages of the feed by street, cursor and query; directory lists). */
const MAX_ANSWERS = 2000;
/**
 * The longest an answer is kept. Writes through the service clear it at once (on every instance, through
 * Redis); this bounds only what nothing announces: a change made in the database by hand, or an
 * invalidation another instance sent while this one's Redis connection was down.
 */
export const MAX_ANSWER_AGE_MS = 60_000;

interface NamespaceState {
  /** Moves on every invalidation; an answer read under an older generation is never stored. */
  generation: number;
  answers: LRUCache<string, CachedAnswer>;
  /** The namespace's next change by itself, once looked up for this generation (undefined: not yet). */
  validUntil: Date | null | undefined;
  changesAt: ChangesAt | null;
}

/**
 * Answers of public reads (资讯, 街道, 类别 …) kept in memory, so the feed a thousand residents open at
 * once is read from the database once. Writes clear their namespace after they commit and before they
 * are acknowledged, so whoever made a change sees it on the next read; with REDIS_URL set the clearing is
 * published to every instance. A read that started before a clearing is never stored after it (the
 * generation check), so a slow read cannot put back what a write just replaced.
 */
@Injectable()
export class PublicCache {
  private readonly namespaces = new Map<PublicCacheNamespace, NamespaceState>();
  /** Which namespace kept each URL (keys are request URLs): as many as the namespaces keep answers. */
  private readonly urls = new LRUCache<string, PublicCacheNamespace>({ max: MAX_ANSWERS * 2 });

  constructor(private readonly bus: InvalidationBus) {
    for (const namespace of ['news', 'directory'] as const) bus.on(topicOf(namespace), () => this.clear(namespace));
  }

  /** Declares when a namespace's answers change without a write (scheduled news). */
  defineChangesAt(namespace: PublicCacheNamespace, changesAt: ChangesAt): void {
    this.state(namespace).changesAt = changesAt;
  }

  /** The kept answer for `key`, if it is still the current one. */
  get(namespace: PublicCacheNamespace, key: string, now = new Date()): CachedAnswer | undefined {
    const state = this.state(namespace);
    if (state.validUntil && state.validUntil.getTime() <= now.getTime()) {
      this.clear(namespace);
      return undefined;
    }
    return state.answers.get(key);
  }

  /**
   * The kept answer for a request's URL whichever route answered it, for the kept-read lane that answers
   * before the router (kept-read-lane.ts); the URL is only known here once its route has kept an answer.
   */
  getByUrl(url: string, now = new Date()): CachedAnswer | undefined {
    const namespace = this.urls.get(url);
    return namespace ? this.get(namespace, url, now) : undefined;
  }

  /** The generation a read starts under; pass it back to `set`. */
  generation(namespace: PublicCacheNamespace): number {
    return this.state(namespace).generation;
  }

  /** Keeps an answer, unless a write cleared the namespace while it was being read. */
  async set(namespace: PublicCacheNamespace, key: string, body: string, readUnder: number, now = new Date()): Promise<CachedAnswer> {
    const answer = keptAnswer(body);
    const state = this.state(namespace);
    if (state.validUntil === undefined && state.changesAt) {
      const validUntil = await state.changesAt(now);
      if (state.generation !== readUnder) return answer;
      state.validUntil = validUntil;
    }
    if (state.generation === readUnder) {
      state.answers.set(key, answer);
      this.urls.set(key, namespace);
    }
    return answer;
  }

  /**
   * Runs a write (its own transaction) and, once it has committed, clears the namespaces it changes —
   * before the write is acknowledged, so the writer's next read shows it.
   */
  async afterWrite<T>(namespaces: readonly PublicCacheNamespace[], write: () => Promise<T>): Promise<T> {
    const result = await write();
    for (const namespace of namespaces) await this.invalidate(namespace);
    return result;
  }

  /**
   * Forgets a namespace's answers here and, with Redis, on every other instance. Call it after the
   * write's transaction has committed and before the write is acknowledged.
   */
  async invalidate(namespace: PublicCacheNamespace): Promise<void> {
    // Should Redis fail to carry it, other instances drop their answers within MAX_ANSWER_AGE_MS at the latest.
    await this.bus.publish(topicOf(namespace));
  }

  private clear(namespace: PublicCacheNamespace): void {
    const state = this.state(namespace);
    state.generation += 1;
    state.answers.clear();
    state.validUntil = undefined;
  }

  private state(namespace: PublicCacheNamespace): NamespaceState {
    let state = this.namespaces.get(namespace);
    if (!state) {
      state = {
        generation: 0,
        answers: new LRUCache<string, CachedAnswer>({ max: MAX_ANSWERS, ttl: MAX_ANSWER_AGE_MS }),
        validUntil: undefined,
        changesAt: null,
      };
      this.namespaces.set(namespace, state);
    }
    return state;
  }
}

function topicOf(namespace: PublicCacheNamespace) {
  return `public-cache:${namespace}` as const;
}

function keptAnswer(json: string): CachedAnswer {
  const body = Buffer.from(json);
  const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
  if (body.length < COMPRESS_FROM_BYTES) return { body, etag, br: null, gzip: null };
  return {
    body,
    etag,
    // Quality 5: most of brotli's gain for JSON at a small part of the default's (11) time.
    br: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } }),
    gzip: gzipSync(body),
  };
}

@Global()
@Module({ providers: [PublicCache], exports: [PublicCache] })
export class PublicCacheModule {}
