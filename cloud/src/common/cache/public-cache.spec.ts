import type { AppConfig } from '../../config/app-config.js';
import { InvalidationBus } from './invalidation-bus.js';
import { PublicCache } from './public-cache.js';

const cacheWithoutRedis = () => new PublicCache(new InvalidationBus(null, { redisPrefix: 'manyi-t' } as AppConfig));

describe('PublicCache', () => {
  it('does not keep an answer that was read before a write cleared its namespace', async () => {
    const cache = cacheWithoutRedis();
    const readUnder = cache.generation('news');
    // A write commits and clears the namespace while the slow read is still on its way back.
    await cache.invalidate('news');
    await cache.set('news', '/api/v1/news', '{"items":["old"]}', readUnder);
    expect(cache.get('news', '/api/v1/news')).toBeUndefined();

    await cache.set('news', '/api/v1/news', '{"items":["new"]}', cache.generation('news'));
    expect(cache.get('news', '/api/v1/news')?.body.toString()).toBe('{"items":["new"]}');
  });

  it('clears only the namespace a write names', async () => {
    const cache = cacheWithoutRedis();
    await cache.set('news', '/api/v1/news', '{}', cache.generation('news'));
    await cache.set('directory', '/api/v1/streets', '{}', cache.generation('directory'));
    await cache.afterWrite(['news'], async () => 'written');
    expect(cache.get('news', '/api/v1/news')).toBeUndefined();
    expect(cache.get('directory', '/api/v1/streets')).toBeDefined();
  });

  it('does not clear anything when the write fails', async () => {
    const cache = cacheWithoutRedis();
    await cache.set('news', '/api/v1/news', '{}', cache.generation('news'));
    await expect(
      cache.afterWrite(['news'], async () => {
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(cache.get('news', '/api/v1/news')).toBeDefined();
  });

  it('lets answers go when the namespace changes by itself (a scheduled article comes out)', async () => {
    const cache = cacheWithoutRedis();
    const publishAt = new Date('2026-12-03T10:00:00Z');
    cache.defineChangesAt('news', async (now) => (now < publishAt ? publishAt : null));
    await cache.set('news', '/api/v1/news', '{}', cache.generation('news'), new Date('2026-12-03T09:59:00Z'));
    expect(cache.get('news', '/api/v1/news', new Date('2026-12-03T09:59:59Z'))).toBeDefined();
    expect(cache.get('news', '/api/v1/news', new Date('2026-12-03T10:00:00Z'))).toBeUndefined();
  });
});
