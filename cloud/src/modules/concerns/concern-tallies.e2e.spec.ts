import { CONCERN_STATUSES, SATISFACTION_LEVELS, shanghaiDate } from '@manyi/shared';
import { DataSource } from 'typeorm';
import type { StaffActor } from '../../common/actor.js';
import { Category } from '../directory/category.entity.js';
import { Department } from '../directory/department.entity.js';
import { submitConcern, staffSession } from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { InboxCountsAndRateRollup1795471000000 } from '../../database/migrations/1795471000000-InboxCountsAndRateRollup.js';
import { rebuildRateTables } from '../../database/migrations/1795600000000-ContactCallbackAndCompleteRates.js';
import { RateMonthRollup1795471060000 } from '../../database/migrations/1795471060000-RateMonthRollup.js';
import { periodParts } from './concern-rates.service.js';
import { expectKeptEqualsFromScratch as expectKeptEquals, ratePeriods } from '../../testing/kept-counts.js';
import {
  FINAL_TALLY_TABLE,
  RATE_COLUMNS,
  RATE_DAY_TABLE,
  RATE_FACET_DAY_TABLE,
  RATE_FACET_MONTH_TABLE,
  RATE_MONTH_TABLE,
} from './concern-tallies.js';
import { ConcernWorkflow } from './concern-workflow.service.js';
import { seededRandom } from '../../testing/seeded-random.js';

/*
 * The badges and the rates are read from counts the workflow step keeps up to date (concern_final_tally,
 * concern_rate_day) rather than from every concern. Here concerns in two streets take a few hundred
 * random steps — any status (finished ones and back), another department, dispatch, sign and rating
 * times either side of Shanghai midnight, escalation, deadlines — and after each batch the badges and
 * the rates are compared, for every kind of scope, with the same figures counted from scratch over the
 * concern table. At the end the migration's backfill, run again over the same concerns, writes exactly
 * the rows the steps kept.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

describe('a period of days cut for the kept rate counts', () => {
  it('reads the months from the monthly rows, and at each partial end whichever is fewer days', () => {
    // From the 4th: 3 days taken away from December beat 28 added; to the 3rd: 3 days added beat 28 taken away.
    expect(periodParts('2025-12-04', '2026-12-03')).toEqual({
      months: ['2025-12', '2026-11'],
      days: [['2026-12-01', '2026-12-03']],
      minusDays: [['2025-12-01', '2025-12-03']],
    });
    expect(periodParts('2025-12-28', '2026-12-29')).toEqual({
      months: ['2026-01', '2026-12'],
      days: [['2025-12-28', '2025-12-31']],
      minusDays: [['2026-12-30', '2026-12-31']],
    });
  });

  it('reads a period of exactly whole months from the monthly rows alone', () => {
    expect(periodParts('2026-01-01', '2026-02-28')).toEqual({ months: ['2026-01', '2026-02'], days: [], minusDays: [] });
    expect(periodParts('2024-02-01', '2024-02-29')).toEqual({ months: ['2024-02', '2024-02'], days: [], minusDays: [] });
  });

  it('reads a short period within a month from the daily rows, a long one as the month less the days outside it', () => {
    expect(periodParts('2026-12-03', '2026-12-03')).toEqual({ months: null, days: [['2026-12-03', '2026-12-03']], minusDays: [] });
    expect(periodParts('2026-12-03', '2026-12-16')).toEqual({ months: null, days: [['2026-12-03', '2026-12-16']], minusDays: [] });
    expect(periodParts('2026-11-02', '2026-11-29')).toEqual({
      months: ['2026-11', '2026-11'],
      days: [],
      minusDays: [
        ['2026-11-01', '2026-11-01'],
        ['2026-11-30', '2026-11-30'],
      ],
    });
  });

  it('reads two partial months without a whole one between them', () => {
    expect(periodParts('2026-11-05', '2026-12-20')).toEqual({
      months: ['2026-11', '2026-12'],
      days: [],
      minusDays: [
        ['2026-11-01', '2026-11-04'],
        ['2026-12-21', '2026-12-31'],
      ],
    });
    expect(periodParts('2026-11-25', '2026-12-03')).toEqual({
      months: null,
      days: [
        ['2026-11-25', '2026-11-30'],
        ['2026-12-01', '2026-12-03'],
      ],
      minusDays: [],
    });
  });

  it('crosses the turn of the year', () => {
    expect(periodParts('2025-11-30', '2026-01-01')).toEqual({
      months: ['2025-12', '2025-12'],
      days: [
        ['2025-11-30', '2025-11-30'],
        ['2026-01-01', '2026-01-01'],
      ],
      minusDays: [],
    });
  });
});

describe.each(TEST_DATABASES)('the badge and rate counts kept by the workflow on %s', (kind) => {
  let t: TestApp;
  let ds: DataSource;
  let supervisor: StaffActor;
  let actors: StaffActor[];
  let departmentIds: number[];
  let categoryIds: number[];
  const concernIds: number[] = [];
  const now = new Date();
  const periods = ratePeriods(now);
  const expectKeptEqualsFromScratch = () => expectKeptEquals(t.app, actors, periods, now);

  beforeAll(async () => {
    t = await startTestApp(kind);
    ds = t.app.get(DataSource);
    const staffActor = async (name: string, role: 'supervisor' | 'dispatcher' | 'handler', scope?: string): Promise<StaffActor> => {
      const { id } = await staffSession(t.app, name, role, scope);
      const s = await ds.query(`SELECT street_id AS s, department_id AS d FROM staff_account WHERE id = ?`, [id]);
      return { kind: 'staff', staffId: id, username: name, role, streetId: s[0].s ?? null, departmentId: s[0].d ?? null };
    };
    supervisor = await staffActor('tally-supervisor', 'supervisor');
    const departments = await ds.getRepository(Department).find({ order: { id: 'ASC' } });
    departmentIds = departments.slice(0, 4).map((d) => d.id);
    categoryIds = (await ds.getRepository(Category).find({ order: { id: 'ASC' } })).slice(0, 3).map((c) => c.id);
    actors = [
      supervisor,
      await staffActor('tally-dispatcher-xietu', 'dispatcher', 'xietu'),
      await staffActor('tally-dispatcher-fenglin', 'dispatcher', 'fenglin'),
      await staffActor('tally-handler-a', 'handler', departments[0]!.code),
      await staffActor('tally-handler-b', 'handler', departments[1]!.code),
    ];
    for (let r = 0; r < 4; r++) {
      const resident = await createResident(t.app, `tally-resident-${r}`);
      for (let i = 0; i < 5; i++) {
        const compound = (r + i) % 2 === 0 ? 'xietu-hengyi' : 'fenglin-shuangfeng';
        concernIds.push((await submitConcern(t.app, resident, { compound })).id);
      }
    }
  });
  afterAll(() => t?.close());

  it('start out equal to the counts from scratch, for newly submitted concerns', async () => {
    await expectKeptEqualsFromScratch();
  });

  it('stay equal to the counts from scratch through random workflow steps', async () => {
    const next = seededRandom(kind === 'sqlite' ? 20261203 : 20261204);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    // Instants within the last 70 days, often close to Shanghai midnight (16:00Z), where the day turns.
    const instant = () => {
      const day = new Date(Date.parse(`${shanghaiDate(new Date(now.getTime() - Math.floor(next() * 70) * DAY_MS))}T00:00:00+08:00`));
      return new Date(day.getTime() + (next() < 0.5 ? (next() - 0.5) * 60_000 : next() * DAY_MS));
    };
    const maybe = <T>(value: () => T): T | null => (next() < 0.3 ? null : value());
    const workflow = t.app.get(ConcernWorkflow);
    for (let batch = 0; batch < 6; batch++) {
      for (let i = 0; i < 40; i++) {
        // 记录 (a note) is the one action a supervisor may take on a concern in every status; the change
        // it makes here is arbitrary, so the counts must follow any change a step could make.
        await workflow.step(pick(concernIds), supervisor, 'note', (c) => {
          if (next() < 0.4) c.leadDepartmentId = next() < 0.2 ? null : pick(departmentIds);
          if (next() < 0.3) c.escalated = !c.escalated;
          if (next() < 0.4) c.dueAt = maybe(() => new Date(now.getTime() + (next() - 0.5) * 4 * DAY_MS));
          if (next() < 0.4) c.dispatchedAt = maybe(instant);
          if (next() < 0.4) c.signDueAt = maybe(instant);
          if (next() < 0.4) c.signedAt = maybe(instant);
          if (next() < 0.4) c.ratedAt = maybe(instant);
          if (next() < 0.4) c.solved = maybe(() => next() < 0.5);
          if (next() < 0.4) c.satisfaction = maybe(() => pick(SATISFACTION_LEVELS));
          // The complete rates' facts (issue 19): a triage decision, the rating's channel, a closing and how.
          if (next() < 0.3) c.ratingChannel = maybe(() => pick(['app', 'callback'] as const));
          if (next() < 0.3) c.triagedAt = maybe(instant);
          if (next() < 0.3) c.triagedOnTime = maybe(() => next() < 0.5);
          if (next() < 0.3) c.closedAt = maybe(instant);
          if (next() < 0.3) c.reopenCount = Math.floor(next() * 3);
          if (next() < 0.3) c.repliedOnTime = maybe(() => next() < 0.5);
          if (next() < 0.3) c.callbackUnreached = next() < 0.3;
          // The category is a rate facet as well (the channel, the source, is fixed at submit).
          if (next() < 0.2) c.categoryId = pick(categoryIds);
          return { internalText: '随机步骤', ...(next() < 0.5 ? { to: pick(CONCERN_STATUSES) } : {}) };
        });
      }
      await expectKeptEqualsFromScratch();
    }
  });

  it('count every one of many steps taken at once on concerns sharing the same rows', async () => {
    const workflow = t.app.get(ConcernWorkflow);
    const at = new Date(now.getTime() - 60_000);
    const steps = await Promise.allSettled(
      concernIds.map((id, i) =>
        workflow.step(id, supervisor, 'note', (c) => {
          c.leadDepartmentId = departmentIds[0]!;
          c.dispatchedAt = at;
          c.signDueAt = now;
          c.signedAt = at;
          c.ratedAt = at;
          c.solved = true;
          c.satisfaction = 'satisfied';
          return { internalText: '同时办结', to: i % 2 ? 'closed' : 'withdrawn' };
        }),
      ),
    );
    expect(steps.filter((s) => s.status === 'rejected')).toEqual([]);
    await expectKeptEqualsFromScratch();
  });

  it('are what the migration backfills from the concerns as they are', async () => {
    // A row whose counts all went back to zero is the same as no row.
    const counted = `(${RATE_COLUMNS.map((c) => `${c} <> 0`).join(' OR ')})`;
    const read = async () => ({
      finals: await ds.query(
        `SELECT status, street_id, department_id, concerns, id_sum, version_sum, escalated FROM ${FINAL_TALLY_TABLE} WHERE concerns <> 0 ORDER BY status, street_id, department_id`,
      ),
      days: await ds.query(`SELECT * FROM ${RATE_DAY_TABLE} WHERE ${counted} ORDER BY day, street_id, department_id`),
      months: await ds.query(`SELECT * FROM ${RATE_MONTH_TABLE} WHERE ${counted} ORDER BY month, street_id, department_id`),
      facetDays: await ds.query(
        `SELECT * FROM ${RATE_FACET_DAY_TABLE} WHERE ${counted} ORDER BY day, street_id, department_id, facet, facet_value`,
      ),
      facetMonths: await ds.query(
        `SELECT * FROM ${RATE_FACET_MONTH_TABLE} WHERE ${counted} ORDER BY month, street_id, department_id, facet, facet_value`,
      ),
    });
    const kept = await read();
    expect(kept.finals.length).toBeGreaterThan(0);
    expect(kept.days.length).toBeGreaterThan(0);
    expect(kept.months.length).toBeGreaterThan(1);
    expect(kept.facetMonths.length).toBeGreaterThan(kept.months.length);
    const runner = ds.createQueryRunner();
    try {
      await new RateMonthRollup1795471060000().down(runner);
      await new InboxCountsAndRateRollup1795471000000().down(runner);
      await new InboxCountsAndRateRollup1795471000000().up(runner);
      await new RateMonthRollup1795471060000().up(runner);
      // With the issue-19 counts and the per-category and per-source rows, since 1795600000000.
      await rebuildRateTables(runner);
    } finally {
      await runner.release();
    }
    const normalise = (rows: Array<Record<string, unknown>>) =>
      rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v])),
      );
    const backfilled = await read();
    expect(normalise(backfilled.finals)).toEqual(normalise(kept.finals));
    expect(normalise(backfilled.days)).toEqual(normalise(kept.days));
    expect(normalise(backfilled.months)).toEqual(normalise(kept.months));
    expect(normalise(backfilled.facetDays)).toEqual(normalise(kept.facetDays));
    expect(normalise(backfilled.facetMonths)).toEqual(normalise(kept.facetMonths));
  });
});
