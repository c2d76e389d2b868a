import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthView, ReadinessView } from '@manyi/shared';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { REDIS_CLIENT } from '../../common/redis/redis.module.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';

/** A dependency that has not answered within this long counts as down: probes have short timeouts. */
export const READY_CHECK_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineRulesService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
  ) {}

  async check(): Promise<HealthView> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new AppException('SERVICE_UNAVAILABLE', '数据库暂时无法访问');
    }
    return {
      status: 'ok',
      database: this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql',
      calendar: this.deadlines.coverage(),
    };
  }

  /** Liveness: the process answers. Nothing else is asked, so a database outage never restarts it. */
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database answers and, with REDIS_URL, Redis answers PING; otherwise 503 naming what is down. */
  async ready(): Promise<ReadinessView> {
    const [database, redis] = await Promise.all([
      answers(() => this.dataSource.query('SELECT 1')),
      this.redis ? answers(() => this.pingRedis(this.redis!)) : Promise.resolve(null),
    ]);
    if (database && redis !== false) return { status: 'ok', database: 'ok', redis: redis === null ? 'not configured' : 'ok' };
    const down = [...(database ? [] : ['数据库']), ...(redis === false ? ['Redis'] : [])];
    const unready = new AppException('SERVICE_UNAVAILABLE', `服务未就绪：${down.join('、')}无法访问`, {
      database: database ? 'ok' : 'down',
      redis: redis === null ? 'not configured' : redis ? 'ok' : 'down',
    });
    unready.retryAfterSeconds = 5;
    throw unready;
  }

  private async pingRedis(redis: Redis): Promise<void> {
    // The shared connection queues commands while it reconnects (BullMQ needs that): a PING would wait.
    if (redis.status !== 'ready') throw new Error(`redis ${redis.status}`);
    if ((await redis.ping()) !== 'PONG') throw new Error('redis did not answer PONG');
  }
}

/** Whether `probe` settles without error within READY_CHECK_TIMEOUT_MS. */
async function answers(probe: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe().then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
