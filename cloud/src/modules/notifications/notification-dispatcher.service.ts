import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityTarget } from 'typeorm';
import { JobScheduler } from '../../common/jobs/job-scheduler.js';
import { AlertWebhookMessage } from '../alerts/alert-webhook-message.entity.js';
import { AlertWebhookSender, RobotRemovedError } from '../alerts/alert-webhook.sender.js';
import { Notification } from './notification.entity.js';
import { NotificationSender, type OutgoingNotification } from './notification-sender.js';

export const DISPATCH_INTERVAL_MS = 5_000;
/**
 * The back-off after each failed send (重试间隔): the row waits this long (±20 %, so rows failed together
 * do not all come back together) before the next attempt. About 7¾ hours in all, so a WeChat outage
 * of a few hours still ends with the message sent.
 */
export const DELIVERY_RETRY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000, 2 * 3_600_000, 4 * 3_600_000] as const;
/** After this many failed sends a row is given up on: one first try, then one per delay. */
export const MAX_DELIVERY_ATTEMPTS = DELIVERY_RETRY_DELAYS_MS.length + 1;
const RETRY_JITTER = 0.2;

/** The wait after failed attempt number `attempt` (1-based): the schedule's delay, jittered by ±RETRY_JITTER. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = DELIVERY_RETRY_DELAYS_MS[Math.min(attempt, DELIVERY_RETRY_DELAYS_MS.length) - 1]!;
  return Math.round(base * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
}

/**
 * A row claimed (`sending`) longer ago than this belongs to an instance that died mid-send: it goes
 * back to pending (the lost attempt still counts). Far longer than any sender may take.
 */
export const SENDING_LEASE_MS = 5 * 60_000;

/**
 * The claimed state. Not one of the entity's declared statuses: it exists only between a claim and
 * its outcome, and no route ever shows it. While a row is `sending`, `delivered_at` holds the time of
 * the claim (the lease); it is set to the delivery time on success and cleared otherwise.
 */
const SENDING = 'sending' as Notification['status'];

export interface DeliveryRun {
  delivered: number;
  /** Failed this time, to be tried again. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
  /** Nobody to tell any more: a resident who deleted their account, a group robot removed from the directory. */
  dropped: number;
}

/** The columns an outbox table delivers by, the same in each: `notification` and `alert_webhook_message`. */
interface OutboxRow {
  id: number;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
}

/**
 * The claim, outcome and lease of one outbox table. A row is claimed with a conditional UPDATE (still
 * pending, attempts as read) before it is sent, and only the caller whose UPDATE changed the row sends
 * it; the outcome is written only if the claim is still ours.
 */
class Outbox<T extends OutboxRow> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
  ) {}

  /** Takes the row for this caller: true only if it was still pending with the attempts we read. */
  async claim(row: T, now: Date): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(this.entity)
      .set({ status: SENDING, attempts: () => 'attempts + 1', deliveredAt: now } as never)
      .where('id = :id AND status = :pending AND attempts = :attempts', { id: row.id, pending: 'pending', attempts: row.attempts })
      .execute();
    return result.affected === 1;
  }

  /** Records the outcome of our claim; false when the claim had meanwhile expired and was taken over. */
  async settle(
    id: number,
    attempt: number,
    outcome: Partial<Pick<OutboxRow, 'status' | 'deliveredAt' | 'nextAttemptAt'>>,
  ): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(this.entity)
      .set(outcome as never)
      .where('id = :id AND status = :sending AND attempts = :attempt', { id, sending: SENDING, attempt })
      .execute();
    return result.affected === 1;
  }

  /** Removes a row nobody can receive any more, in the state the caller holds it (`pending`, or our claim). */
  async drop(id: number, status: 'pending' | typeof SENDING): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(this.entity)
      .where('id = :id AND status = :status', { id, status })
      .execute();
    return !!result.affected;
  }

  /** Claims whose instance died mid-send go back to pending, or to failed when that was their last attempt. */
  async releaseStaleClaims(now: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(this.entity)
      .set({ status: () => `CASE WHEN attempts >= ${MAX_DELIVERY_ATTEMPTS} THEN 'failed' ELSE 'pending' END`, deliveredAt: null } as never)
      .where('status = :sending AND delivered_at < :cutoff', { sending: SENDING, cutoff: new Date(now.getTime() - SENDING_LEASE_MS) })
      .execute();
  }
}

/**
 * Delivers the outboxes: every few seconds, pending rows that are due (never failed, or their back-off
 * delay is over) go oldest first to their sender — the residents' notifications to the
 * NotificationSender, then the staff group-robot messages to the AlertWebhookSender (a second channel
 * on the same loop, job and rules). Each row is claimed with a
 * conditional UPDATE (still pending, attempts as read) before it is sent, and only the caller whose
 * UPDATE changed the row sends it — so two instances, or two overlapping runs, never deliver one row
 * twice. `now` is the run's clock: the claim's lease and the next back-off are counted from it.
 */
@Injectable()
export class NotificationDispatcher implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private enabled = false;
  private running: Promise<unknown> | null = null;

  private readonly notifications: Outbox<Notification>;
  private readonly robotMessages: Outbox<AlertWebhookMessage>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sender: NotificationSender,
    private readonly jobs: JobScheduler,
    private readonly robots: AlertWebhookSender,
  ) {
    this.notifications = new Outbox(dataSource, Notification);
    this.robotMessages = new Outbox(dataSource, AlertWebhookMessage);
  }

  /** Every DISPATCH_INTERVAL_MS across all instances (a shared BullMQ schedule when REDIS_URL is set). */
  onModuleInit(): Promise<void> {
    return this.jobs.every('notification-delivery', DISPATCH_INTERVAL_MS, () => this.tick());
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Lets the scheduled ticks deliver; a run still going when the next tick comes is not doubled. */
  start(): void {
    this.enabled = true;
  }

  /** Stops this instance's deliveries and waits for a run in progress, so the database is not closed under it. */
  async stop(): Promise<void> {
    this.enabled = false;
    await this.running;
  }

  /** Both channels each tick: the residents' messages, then the staff group robots' (one failing does not stop the other). */
  private async tick(): Promise<void> {
    if (!this.enabled || this.running) return;
    this.running = (async () => {
      await this.deliverPending().catch((error: unknown) => this.logger.error(error as Error, 'notification delivery failed'));
      await this.deliverRobotMessages().catch((error: unknown) => this.logger.error(error as Error, 'group robot delivery failed'));
    })().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  async deliverPending(limit = 100, now = new Date()): Promise<DeliveryRun> {
    await this.notifications.releaseStaleClaims(now);
    const rows = (await this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .innerJoinAndSelect('n.resident', 'r')
      .where('n.status = :pending AND (n.nextAttemptAt IS NULL OR n.nextAttemptAt <= :now)', { pending: 'pending', now })
      .orderBy('n.id', 'ASC')
      .limit(limit)
      .getMany()) as OutgoingNotification[];
    const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0, dropped: 0 };
    const live: OutgoingNotification[] = [];
    for (const row of rows) {
      if (row.resident.deletedAt) run.dropped += (await this.notifications.drop(row.id, 'pending')) ? 1 : 0;
      else live.push(row);
    }
    const sent = await this.deliver(this.notifications, live, now, 'notification', (row, attempt) =>
      this.sender.send({ ...row, status: SENDING, attempts: attempt }),
    );
    return { ...sent, dropped: run.dropped + sent.dropped };
  }

  /**
   * The staff group robots' outbox (企业微信群机器人, alert_webhook_message), the same way: oldest first,
   * each row claimed once, retried after the same back-off, given up after MAX_DELIVERY_ATTEMPTS; a
   * message for a department or street whose robot has been removed meanwhile is dropped.
   */
  async deliverRobotMessages(limit = 100, now = new Date()): Promise<DeliveryRun> {
    await this.robotMessages.releaseStaleClaims(now);
    const rows = await this.dataSource
      .getRepository(AlertWebhookMessage)
      .createQueryBuilder('m')
      .where('m.status = :pending AND (m.nextAttemptAt IS NULL OR m.nextAttemptAt <= :now)', { pending: 'pending', now })
      .orderBy('m.id', 'ASC')
      .limit(limit)
      .getMany();
    return this.deliver(this.robotMessages, rows, now, 'group robot message', (row) => this.robots.send(row));
  }

  /** Claims, sends and settles each row in turn; a failed send waits out its back-off (retryDelayMs). */
  private async deliver<T extends OutboxRow, R extends T>(
    outbox: Outbox<T>,
    rows: R[],
    now: Date,
    what: string,
    send: (row: R, attempt: number) => Promise<void>,
  ): Promise<DeliveryRun> {
    const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0, dropped: 0 };
    for (const row of rows) {
      if (!(await outbox.claim(row, now))) continue;
      const attempt = row.attempts + 1;
      try {
        await send(row, attempt);
      } catch (error) {
        if (error instanceof RobotRemovedError) {
          run.dropped += (await outbox.drop(row.id, SENDING)) ? 1 : 0;
          continue;
        }
        const final = attempt >= MAX_DELIVERY_ATTEMPTS;
        await outbox.settle(
          row.id,
          attempt,
          final
            ? { status: 'failed', deliveredAt: null }
            : { status: 'pending', deliveredAt: null, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt)) },
        );
        if (final) run.failed++;
        else run.retrying++;
        this.logger.warn(
          {
            [what === 'notification' ? 'notificationId' : 'robotMessageId']: row.id,
            attempt,
            maxAttempts: MAX_DELIVERY_ATTEMPTS,
            err: error as Error,
          },
          final ? `${what} given up` : `${what} send failed`,
        );
        continue;
      }
      if (await outbox.settle(row.id, attempt, { status: 'delivered', deliveredAt: new Date() })) run.delivered++;
    }
    return run;
  }
}
