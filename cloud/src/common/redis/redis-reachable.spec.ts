import { createServer, type Server } from 'node:net';
import { ConfigError } from '../../config/app-config.js';
import { assertRedisReachable } from './redis-reachable.js';

const REDIS_URL = process.env.MANYI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('checking Redis before the start', () => {
  it('passes when Redis answers PING', async () => {
    await expect(assertRedisReachable(REDIS_URL)).resolves.toBeUndefined();
  });

  it('names the address and what to check, never the password, when nothing listens', async () => {
    const failure = assertRedisReachable('redis://:not-shown-secret@127.0.0.1:1');
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow('Redis at 127.0.0.1:1 cannot be reached (ECONNREFUSED); is it running, and is REDIS_URL right?');
    await expect(failure).rejects.not.toThrow(/not-shown-secret/);
  });

  it('gives up after the timeout when the port accepts but never answers, instead of hanging', async () => {
    const sockets: import('node:net').Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket)); // accepts, never replies
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      await expect(assertRedisReachable(`redis://127.0.0.1:${port}`, 500)).rejects.toThrow(
        new RegExp(`^Redis at 127\\.0\\.0\\.1:${port} cannot be reached`),
      );
      process.stdout.write(`silent Redis port given up after ${Date.now() - started} ms (timeout 500 ms)\n`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
