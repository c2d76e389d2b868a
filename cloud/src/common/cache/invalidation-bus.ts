import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { REDIS_CLIENT } from '../redis/redis.module.js';

/** What an instance keeps in memory and must forget when another instance changes it. */
export type InvalidationTopic = 'public-cache:news' | 'public-cache:directory' | 'deadline-rules';

type Handler = () => void;

/**
 * Tells every instance that something it keeps in memory has changed (the public reads' answers, the
 * working calendar and the deadline rules). Without REDIS_URL there is one instance and the handlers
 * run here; with it the topic is also published on one Redis channel that every instance listens to.
 * After a lost connection an instance may have missed messages, so every handler runs once it is back.
 */
@Injectable()
export class InvalidationBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(InvalidationBus.name);
  private readonly handlers = new Map<InvalidationTopic, Set<Handler>>();
  private subscriber: Redis | null = null;
  private readonly channel: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'redisPrefix'>,
  ) {
    this.channel = `${config.redisPrefix}:invalidate`;
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, topic: string) => this.runHandlers(topic as InvalidationTopic));
    let connectedOnce = false;
    this.subscriber.on('ready', () => {
      if (connectedOnce) for (const topic of this.handlers.keys()) this.runHandlers(topic);
      connectedOnce = true;
    });
    await this.subscriber.subscribe(this.channel);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** Runs `handler` whenever `topic` is published, here or on another instance. */
  on(topic: InvalidationTopic, handler: Handler): void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
  }

  /**
   * Runs the topic's handlers here at once and, with Redis, on every other instance. Call it after the
   * write's transaction has committed and before the write is acknowledged.
   */
  async publish(topic: InvalidationTopic): Promise<void> {
    this.runHandlers(topic);
    if (!this.redis) return;
    try {
      await this.redis.publish(this.channel, topic);
    } catch (error) {
      // The write stands; what other instances keep has a bounded age (each keeper says how long).
      this.logger.warn({ topic, err: error as Error }, 'invalidation not published');
    }
  }

  private runHandlers(topic: InvalidationTopic): void {
    for (const handler of this.handlers.get(topic) ?? []) handler();
  }
}

@Global()
@Module({ providers: [InvalidationBus], exports: [InvalidationBus] })
export class InvalidationBusModule {}
