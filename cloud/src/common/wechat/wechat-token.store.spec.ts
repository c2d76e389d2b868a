import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { TOKEN_RENEW_MARGIN_MS, WechatTokenStore, type TokenFetcher } from './wechat-token.store.js';

/** A fetcher that counts its calls and takes a little while, as WeChat's token call does. */
function countingFetcher(expiresIn = 7200): TokenFetcher & { calls: number } {
  const fetcher = Object.assign(
    async () => {
      fetcher.calls += 1;
      await sleep(30);
      return { token: `token-${fetcher.calls}`, expiresIn };
    },
    { calls: 0 },
  );
  return fetcher;
}

describe(`${WechatTokenStore.name} in one instance (no Redis)`, () => {
  it('fetches once for many callers at the same time and serves the cached token after', async () => {
    const sut = new WechatTokenStore(null);
    const fetch = countingFetcher();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => sut.get(fetch)));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(await sut.get(fetch)).toBe('token-1');
    expect(fetch.calls).toBe(1);
  });

  it('renews a token shortly before it expires, not after', async () => {
    const sut = new WechatTokenStore(null);
    const fetch = countingFetcher();
    const start = Date.now();
    await sut.get(fetch, start);
    expect(await sut.get(fetch, start + 7200_000 - TOKEN_RENEW_MARGIN_MS - 60_000)).toBe('token-1');
    expect(await sut.get(fetch, start + 7200_000 - TOKEN_RENEW_MARGIN_MS + 1000)).toBe('token-2');
    expect(fetch.calls).toBe(2);
  });

  it('replaces a refused token once, however many callers saw it refused', async () => {
    const sut = new WechatTokenStore(null);
    const fetch = countingFetcher();
    const refused = await sut.get(fetch);
    const next = await Promise.all(Array.from({ length: 5 }, () => sut.replace(refused, fetch)));
    expect(new Set(next)).toEqual(new Set(['token-2']));
    // A late caller with the old token gets the new one without another fetch.
    expect(await sut.replace(refused, fetch)).toBe('token-2');
    expect(fetch.calls).toBe(2);
  });

  it('lets the next caller try again after a failed fetch', async () => {
    const sut = new WechatTokenStore(null);
    let calls = 0;
    const flaky: TokenFetcher = async () => {
      calls += 1;
      if (calls === 1) throw new Error('WeChat unavailable');
      return { token: 'token-ok', expiresIn: 7200 };
    };
    await expect(sut.get(flaky)).rejects.toThrow('WeChat unavailable');
    expect(await sut.get(flaky)).toBe('token-ok');
  });
});

/** A throwaway redis-server on a free port, when the machine has one; these tests need a real Redis. */
async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await probe.connect();
      await probe.ping();
      await probe.quit();
      return { url, process: child };
    } catch {
      probe.disconnect();
      await sleep(100);
    }
  }
  child.kill();
  throw new Error('redis-server did not start');
}

describe(`${WechatTokenStore.name} shared by several instances through Redis`, () => {
  let redis: { url: string; process: ChildProcess };
  const clients: Redis[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
    redis?.process.kill();
  });

  const instance = () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: null });
    clients.push(client);
    return new WechatTokenStore(client);
  };

  it('has exactly one instance fetch the token while the others wait and read it', async () => {
    const instances = [instance(), instance(), instance(), instance()];
    const fetch = countingFetcher();
    const tokens = await Promise.all(instances.flatMap((sut) => [sut.get(fetch), sut.get(fetch)]));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(fetch.calls).toBe(1);
    // A new instance starting later reads the shared token too.
    expect(await instance().get(fetch)).toBe('token-1');
    expect(fetch.calls).toBe(1);
  });

  it('replaces a token one instance found refused for every instance, with one fetch', async () => {
    await clients[0]!.flushall();
    const [a, b] = [instance(), instance()];
    const fetch = countingFetcher();
    const first = await a.get(fetch);
    expect(await b.get(fetch)).toBe(first);
    const [fromA, fromB] = await Promise.all([a.replace(first, fetch), b.replace(first, fetch)]);
    expect(fromA).toBe(fromB);
    expect(fromA).not.toBe(first);
    expect(fetch.calls).toBe(2);
  });
});
