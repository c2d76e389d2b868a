import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { shanghaiDate, shanghaiClock, shanghaiHour, startOfShanghaiDay } from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { JobScheduler } from '../../common/jobs/job-scheduler.js';
import { NotificationOutbox } from '../notifications/notification-outbox.js';
import { VisitSignup } from './visit-signup.entity.js';
import { Visit } from './visit.entity.js';

const SWEEP_INTERVAL_MS = 10 * 60_000;
/** Reminders go out from 9:00 Shanghai time the day before, not at midnight. */
export const REMINDER_FROM_HOUR = 9;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The day-before reminder (活动提醒): every ten minutes, each confirmed sign-up for a visit that starts
 * tomorrow (Shanghai calendar) gets one outbox notification. `reminded_at` is claimed by a conditional
 * UPDATE in the same transaction as the notification, so two sweeps — two instances, or a retry —
 * cannot remind anyone twice.
 */
@Injectable()
export class VisitReminderService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobScheduler,
    private readonly outbox: NotificationOutbox,
  ) {}

  /** Every ten minutes across all instances (a shared BullMQ schedule when REDIS_URL is set). */
  onModuleInit(): Promise<void> {
    return this.jobs.every('visit-reminders', SWEEP_INTERVAL_MS, () => this.remindTomorrow());
  }

  /** Writes the reminders due at `now`; returns how many. */
  async remindTomorrow(now = new Date()): Promise<number> {
    if (shanghaiHour(now) < REMINDER_FROM_HOUR) return 0;
    const from = startOfShanghaiDay(shanghaiDate(new Date(now.getTime() + DAY_MS)));
    const to = new Date(from.getTime() + DAY_MS);
    const due = await this.dataSource
      .getRepository(VisitSignup)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.visit', 'v')
      .where('s.status = :confirmed AND s.reminded_at IS NULL', { confirmed: 'confirmed' })
      .andWhere('v.status = :planned AND v.starts_at >= :from AND v.starts_at < :to', { planned: 'planned', from, to })
      .orderBy('s.id', 'ASC')
      .take(1000)
      .getMany();
    let reminded = 0;
    for (const signup of due) {
      const visit = signup.visit as Visit;
      const sent = await this.dataSource.transaction(async (em) => {
        const claim = await em
          .createQueryBuilder()
          .update(VisitSignup)
          .set({ remindedAt: now })
          .where('id = :id AND status = :confirmed AND reminded_at IS NULL', { id: signup.id, confirmed: 'confirmed' })
          .execute();
        if (claim.affected !== 1) return false;
        await this.outbox.enqueue(em, {
          residentId: signup.residentId,
          concernId: null,
          visitId: visit.id,
          kind: 'visit_reminder',
          title: '走访活动提醒',
          body: `您报名的「${visit.title}」明天 ${shanghaiClock(visit.startsAt)} 在${visit.place}举行，请准时参加。`.slice(0, 500),
        });
        return true;
      });
      if (sent) reminded++;
    }
    return reminded;
  }
}
