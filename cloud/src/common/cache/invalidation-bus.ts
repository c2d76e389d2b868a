import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { REDIS_CLIENT } from '../redis/redis.module.js';

/** What an instance keeps in memory and must forget when another instance changes it. */
export type InvalidationTopic =
  'public-cache:news' | 'public-cache:directory' | 'deadline-rules' | 'account-state:staff' | 'account-state:resident';

/** Runs with the key that changed, or with none when everything under the topic may have. */
type Handler = (key?: string) => void;

/** Separates a topic from its key in a Redis message (neither a topic nor a key contains it). */
const KEY_SEPARATOR = ' ';

/**
 * Tells every instance that something it keeps in memory has changed (the public reads' answers, the
 * working calendar and the deadline rules, the accounts the guard checks). Without REDIS_URL there is
 * one instance and the handlers run here; with it the topic is also published on one Redis channel
 * that every instance listens to.
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
    this.subscriber.on('message', (_channel: string, message: string) => {
      const at = message.indexOf(KEY_SEPARATOR);
      if (at < 0) this.runHandlers(message as InvalidationTopic);
      else this.runHandlers(message.slice(0, at) as InvalidationTopic, message.slice(at + 1));
    });
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

  /** Runs `handler` whenever `topic` is published, here or on another instance (with no key after a lost connection). */
  on(topic: InvalidationTopic, handler: Handler): void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
  }

  /**
   * Runs the topic's handlers here at once and, with Redis, on every other instance. Call it after the
   * write's transaction has committed and before the write is acknowledged. `key` names the one thing
   * that changed (an account's id); without it, everything under the topic is forgotten.
   */
  async publish(topic: InvalidationTopic, key?: string): Promise<void> {
    this.runHandlers(topic, key);
    if (!this.redis) return;
    try {
      await this.redis.publish(this.channel, key === undefined ? topic : `${topic}${KEY_SEPARATOR}${key}`);
    } catch (error) {
      // The write stands; what other instances keep has a bounded age (each keeper says how long).
      this.logger.warn({ topic, err: error as Error }, 'invalidation not published');
    }
  }

  private runHandlers(topic: InvalidationTopic, key?: string): void {
    for (const handler of this.handlers.get(topic) ?? []) handler(key);
  }
}

@Global()
@Module({ providers: [InvalidationBus], exports: [InvalidationBus] })
export class InvalidationBusModule {}
