import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

/**
 * Injection token for the shared Redis connection, or `null` when REDIS_URL is unset (one instance,
 * state in memory). Whatever must be shared by several instances asks for it with `@Inject(REDIS_CLIENT)`
 * and falls back to its in-memory form on `null`.
 */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

@Injectable()
class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // BullMQ needs maxRetriesPerRequest: null on the connections it is given.
    this.client = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false }) : null;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}

@Global()
@Module({
  providers: [RedisConnection, { provide: REDIS_CLIENT, useFactory: (c: RedisConnection) => c.client, inject: [RedisConnection] }],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
