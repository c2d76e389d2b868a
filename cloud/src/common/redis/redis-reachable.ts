import { Redis } from 'ioredis';
import { ConfigError } from '../../config/app-config.js';

/**
 * Checks, before the service starts, that the Redis REDIS_URL names answers PING. Without it the shared
 * connection (maxRetriesPerRequest: null, as BullMQ needs) would retry forever and the start-up would hang
 * silently at the first job schedule; the operator gets one line instead. The URL's password is never shown.
 */
export async function assertRedisReachable(url: string, timeoutMs = 10_000): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // ioredis rejects connect() with "Connection is closed."; the cause (ECONNREFUSED, ENOTFOUND …) comes as an event.
  let cause: { code?: string; message?: string } | undefined;
  client.on('error', (error: { code?: string; message?: string }) => (cause ??= error));
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    // A port that accepts but never answers (a firewall, the wrong service) would otherwise wait for ever.
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([client.connect().then(() => client.ping()), silence]);
  } catch (error) {
    const failure = cause ?? (error as { code?: string; message?: string });
    throw new ConfigError(
      `Redis at ${redisAddress(url)} cannot be reached (${failure.code ?? failure.message}); is it running, and is REDIS_URL right?`,
    );
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/** host:port of a redis:// or rediss:// URL, without user or password. */
function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}
