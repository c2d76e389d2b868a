import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_DEADLINE_SETTINGS,
  calendarCoverage,
  workingCalendar,
  type CalendarCoverage,
  type DeadlineRules,
  type DeadlineSettings,
  type WorkingCalendar,
} from '@manyi/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { InvalidationBus } from '../../common/cache/invalidation-bus.js';
import { JobScheduler } from '../../common/jobs/job-scheduler.js';
import { CalendarDayRow } from './calendar-day.entity.js';
import { CalendarYear } from './calendar-year.entity.js';
import { DeadlineSettingsRow } from './deadline-settings.entity.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Read from the database once per change, not per deadline: what every deadline is computed from. */
export async function loadDeadlineRules(em: EntityManager | DataSource): Promise<DeadlineRules> {
  const [days, years, settings] = await Promise.all([
    em.getRepository(CalendarDayRow).find({ select: { date: true, kind: true } }),
    em.getRepository(CalendarYear).find({ select: { year: true } }),
    em.getRepository(DeadlineSettingsRow).findOneBy({ id: 1 }),
  ]);
  return {
    calendar: workingCalendar(
      days,
      years.map((y) => y.year),
    ),
    settings: { ...DEFAULT_DEADLINE_SETTINGS, ...settings?.settings },
  };
}

/**
 * The working calendar and the deadline rules in force, kept in memory (a few thousand dates): loaded
 * at start, loaded again on every instance after a change (the invalidation bus), so a deadline is
 * computed without a database read. A year nobody has entered is announced ahead: once at start and
 * once a day, one warning line.
 */
@Injectable()
export class DeadlineRulesService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(DeadlineRulesService.name);
  private current: DeadlineRules | null = null;
  private loading: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: InvalidationBus,
    private readonly jobs: JobScheduler,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.bus.on('deadline-rules', () => void this.reload());
    await this.jobs.every('calendar-coverage-warning', DAY_MS, async () => this.warnIfMissing());
  }

  onApplicationBootstrap(): void {
    this.warnIfMissing();
  }

  /** The calendar and the rules every deadline is computed with now. */
  rules(): DeadlineRules {
    if (!this.current) throw new Error('deadline rules used before they were loaded');
    return this.current;
  }

  calendar(): WorkingCalendar {
    return this.rules().calendar;
  }

  settings(): DeadlineSettings {
    return this.rules().settings;
  }

  coverage(now = new Date()): CalendarCoverage {
    return calendarCoverage(this.calendar(), now);
  }

  /**
   * After a change has committed, before it is acknowledged: this instance computes with the new rules
   * from the next request on, and every other instance reloads them.
   */
  async changed(): Promise<void> {
    await this.bus.publish('deadline-rules');
    await this.loading;
  }

  private reload(): Promise<void> {
    // Reloads queue behind each other, so the last one to finish read the latest data.
    this.loading = this.loading
      .catch(() => undefined)
      .then(async () => {
        this.current = await loadDeadlineRules(this.dataSource);
      });
    this.loading.catch((error: unknown) =>
      this.logger.error(error as Error, 'deadline rules could not be reloaded; the previous ones stay in force'),
    );
    return this.loading;
  }

  private warnIfMissing(now = new Date()): void {
    const { missingYears, coveredUntil } = this.coverage(now);
    if (missingYears.length === 0) return;
    this.logger.warn(
      { missingYears, coveredUntil },
      `working calendar: no holidays entered for ${missingYears.join(', ')}; deadlines there count Monday–Friday and are provisional — enter the State Council's notice on the admin page (工作日历)`,
    );
  }
}
