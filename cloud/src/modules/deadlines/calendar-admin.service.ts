import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  calendarYearProblems,
  isWorkingDay,
  parseHolidayNotice,
  type CalendarDay,
  type CalendarOverviewView,
  type CalendarYearSavedView,
  type CalendarYearView,
  type HolidayNoticeView,
  type PutCalendarYearInput,
  type WorkingCalendar,
} from '@manyi/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { StaffActor } from '../../common/actor.js';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { CalendarDayRow } from './calendar-day.entity.js';
import { CalendarYear } from './calendar-year.entity.js';
import { DeadlineRulesService, loadDeadlineRules } from './deadline-rules.service.js';

/** A saved change of one year of the calendar, as those who keep deadlines need to know it. */
export interface CalendarChange {
  year: number;
  before: WorkingCalendar;
  after: WorkingCalendar;
  /** Dates whose working-ness changed, in order (a new name alone changes no deadline). */
  changedDates: string[];
  now: Date;
}

/** Moves what depends on the calendar, inside the change's transaction; answers the ids of the concerns it moved. */
export type CalendarChangeListener = (em: EntityManager, change: CalendarChange) => Promise<number[]>;

/**
 * 工作日历 for admins: a year's exceptions read, replaced or withdrawn, each save one audited change in one
 * transaction together with whatever it moves (open concerns' deadlines, through the listeners the
 * concerns module registers), and the State Council's notice read into days for the admin to check.
 */
@Injectable()
export class CalendarAdminService {
  private readonly listeners: CalendarChangeListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: DeadlineRulesService,
    private readonly audit: AuditService,
  ) {}

  /** Registers what must move with the calendar (called by other modules at start). */
  onChange(listener: CalendarChangeListener): void {
    this.listeners.push(listener);
  }

  async overview(now = new Date()): Promise<CalendarOverviewView> {
    const coverage = this.rules.coverage(now);
    const years = await this.dataSource.getRepository(CalendarYear).find({ order: { year: 'DESC' } });
    const counts: { year: number; kind: string; n: string | number }[] = await this.dataSource
      .getRepository(CalendarDayRow)
      .createQueryBuilder('d')
      .select('d.year', 'year')
      .addSelect('d.kind', 'kind')
      .addSelect('COUNT(*)', 'n')
      .groupBy('d.year')
      .addGroupBy('d.kind')
      .getRawMany();
    const count = (year: number, kind: string) => Number(counts.find((c) => Number(c.year) === year && c.kind === kind)?.n ?? 0);
    const summaries = years.map((y) => ({
      year: y.year,
      published: true,
      source: y.source,
      holidays: count(y.year, 'holiday'),
      workdays: count(y.year, 'workday'),
      updatedAt: y.updatedAt?.toISOString() ?? null,
    }));
    const missing = coverage.missingYears.map((year) => ({
      year,
      published: false,
      source: null,
      holidays: 0,
      workdays: 0,
      updatedAt: null,
    }));
    return { coverage, years: [...missing, ...summaries].sort((a, b) => b.year - a.year) };
  }

  async year(year: number, now = new Date()): Promise<CalendarYearView> {
    return this.yearView(this.dataSource.manager, year, now);
  }

  /** Reads the pasted notice; nothing is saved until the admin saves the year. */
  importNotice(text: string): HolidayNoticeView {
    return parseHolidayNotice(text);
  }

  /** Replaces the year's exceptions and publishes the year; open concerns' deadlines move with it. */
  async putYear(actor: StaffActor, year: number, input: PutCalendarYearInput, now = new Date()): Promise<CalendarYearSavedView> {
    const problems = calendarYearProblems(year, input.days);
    if (problems.length) throw new AppException('VALIDATION_FAILED', problems[0]!.message, problems);
    const days = [...input.days].sort((a, b) => a.date.localeCompare(b.date));
    const recomputedConcerns = await this.change(actor, year, now, async (em) => {
      await em.delete(CalendarDayRow, { year });
      if (days.length)
        await em.insert(
          CalendarDayRow,
          days.map((d) => ({ ...d, year })),
        );
      await em.save(em.create(CalendarYear, { year, source: input.source, updatedAt: now, updatedById: actor.staffId }));
      return {
        action: 'calendar.save',
        detail: { source: input.source, holidays: countOf(days, 'holiday'), workdays: countOf(days, 'workday') },
      };
    });
    return { ...(await this.year(year, now)), recomputedConcerns };
  }

  /** Withdraws a year entered by mistake: it counts Monday–Friday again, provisionally. */
  async deleteYear(actor: StaffActor, year: number, now = new Date()): Promise<CalendarYearSavedView> {
    if (!(await this.dataSource.getRepository(CalendarYear).existsBy({ year }))) throw new AppException('NOT_FOUND', `${year} 年尚未录入`);
    const recomputedConcerns = await this.change(actor, year, now, async (em) => {
      await em.delete(CalendarDayRow, { year });
      await em.delete(CalendarYear, { year });
      return { action: 'calendar.delete', detail: {} };
    });
    return { ...(await this.year(year, now)), recomputedConcerns };
  }

  /**
   * One audited change: the write, what the listeners move, and the audit record naming the dates that
   * changed and the concerns that moved, in one transaction; then every instance reloads the calendar before the change is acknowledged.
   */
  private async change(
    actor: StaffActor,
    year: number,
    now: Date,
    write: (em: EntityManager) => Promise<{ action: string; detail: Record<string, unknown> }>,
  ): Promise<number> {
    const moved = await this.dataSource.transaction(async (em) => {
      const before = (await loadDeadlineRules(em)).calendar;
      const { action, detail } = await write(em);
      const after = (await loadDeadlineRules(em)).calendar;
      const changedDates = datesOf(year).filter((d) => isWorkingDay(before, d) !== isWorkingDay(after, d));
      const moved: number[] = [];
      if (changedDates.length)
        for (const listener of this.listeners) moved.push(...(await listener(em, { year, before, after, changedDates, now })));
      await this.audit.record(
        em,
        actor,
        action,
        { type: 'calendar', id: year },
        { year, ...detail, changedDates, recomputedConcernIds: moved },
      );
      return moved.length;
    });
    await this.rules.changed();
    return moved;
  }

  private async yearView(em: EntityManager, year: number, now: Date): Promise<CalendarYearView> {
    const [row, days] = await Promise.all([
      em.findOneBy(CalendarYear, { year }),
      em.find(CalendarDayRow, { where: { year }, order: { date: 'ASC' } }),
    ]);
    const editor = row?.updatedById
      ? await em.findOne(StaffAccount, { where: { id: row.updatedById }, select: { id: true, username: true } })
      : null;
    return {
      year,
      published: row !== null,
      source: row?.source ?? null,
      updatedAt: row?.updatedAt?.toISOString() ?? null,
      updatedBy: editor?.username ?? null,
      days: days.map((d): CalendarDay => ({ date: d.date, kind: d.kind, name: d.name })),
      coverage: this.rules.coverage(now),
    };
  }
}

function countOf(days: readonly CalendarDay[], kind: CalendarDay['kind']): number {
  return days.filter((d) => d.kind === kind).length;
}

/** Every date of a year, YYYY-MM-DD. */
function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 24 * 60 * 60 * 1000)
    dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}
