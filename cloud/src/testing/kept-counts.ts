import {
  CONCERN_STATUSES,
  emptyRateCounts,
  shanghaiDate,
  startOfShanghaiDay,
  type ConcernStatus,
  type InboxCountsView,
  type RateCounts,
} from '@manyi/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import type { StaffActor } from '../common/actor.js';
import { ConcernInboxService } from '../modules/concerns/concern-inbox.service.js';
import { ConcernRatesService } from '../modules/concerns/concern-rates.service.js';
import { Category } from '../modules/directory/category.entity.js';
import { Department } from '../modules/directory/department.entity.js';
import { Street } from '../modules/directory/street.entity.js';

/*
 * The badges and the rates are read from counts the workflow step keeps (concern-tallies). These
 * helpers count the same figures from scratch over the concern table, for the tests that check the
 * kept counts against them: after random steps (concern-tallies.e2e.spec) and after the demo district
 * is seeded (demo-district.seeder.e2e.spec).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** A UTC instant as both databases store it (a raw query binds no Date on SQLite). */
export const stored = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** The badges as the grouped query over the whole scope counted them before the tallies. */
export async function countsFromScratch(ds: DataSource, actor: StaffActor, now: Date): Promise<InboxCountsView> {
  const params: unknown[] = [stored(now)];
  let where = '1 = 1';
  if (actor.role === 'dispatcher') {
    where = 'street_id = ?';
    params.push(actor.streetId);
  }
  if (actor.role === 'handler') {
    where = 'lead_department_id = ?';
    params.push(actor.departmentId);
  }
  const rows: Array<Record<string, unknown>> = await ds.query(
    `SELECT status, COUNT(*) AS n, SUM(version) AS versions, SUM(id) AS ids,
            SUM(CASE WHEN due_at < ? THEN 1 ELSE 0 END) AS overdue, SUM(CASE WHEN escalated = 1 THEN 1 ELSE 0 END) AS escalated
     FROM concern WHERE ${where} GROUP BY status`,
    params,
  );
  const byStatus = Object.fromEntries(CONCERN_STATUSES.map((s) => [s, 0])) as Record<ConcernStatus, number>;
  let total = 0;
  let versions = 0;
  let ids = 0;
  let overdue = 0;
  let escalated = 0;
  for (const r of rows) {
    byStatus[r.status as ConcernStatus] = Number(r.n);
    total += Number(r.n);
    versions += Number(r.versions);
    ids += Number(r.ids);
    overdue += Number(r.overdue);
    escalated += Number(r.escalated);
  }
  // 待协办 is read from the co-handler rows directly, not from kept counts; counted here all the same.
  const coParams: unknown[] = [];
  let coWhere = "h.status IN ('pending', 'signed', 'declined')";
  if (actor.role === 'dispatcher') {
    coWhere += ' AND c.street_id = ?';
    coParams.push(actor.streetId);
  }
  if (actor.role === 'handler') {
    coWhere = "h.status IN ('pending', 'signed') AND h.department_id = ?";
    coParams.push(actor.departmentId);
  }
  const [co] = (await ds.query(
    `SELECT COUNT(*) AS n, SUM(c.version) AS versions FROM concern c
     WHERE c.status IN ('dispatched', 'in_progress', 'reopened')
       AND EXISTS (SELECT 1 FROM concern_co_handler h WHERE h.concern_id = c.id AND ${coWhere})`,
    coParams,
  )) as Array<Record<string, unknown>>;
  const coHandling = Number(co?.n ?? 0);
  return {
    total,
    byStatus,
    overdue,
    escalated,
    coHandling,
    changeToken: `${total}.${versions}.${ids}.${coHandling}.${Number(co?.versions ?? 0)}`,
  };
}

/** The rates' counts per street, department, category and channel, as counted from the concerns dispatched, rated, triaged and closed in the period. */
export async function ratesFromScratch(ds: DataSource, actor: StaffActor, from: string, to: string): Promise<Map<string, RateCounts>> {
  const begin = startOfShanghaiDay(from);
  const end = new Date(startOfShanghaiDay(to).getTime() + DAY_MS);
  let scope = '';
  const scopeParams: unknown[] = [];
  if (actor.role === 'dispatcher') {
    scope = ' AND street_id = ?';
    scopeParams.push(actor.streetId);
  }
  if (actor.role === 'handler') {
    scope = ' AND lead_department_id = ?';
    scopeParams.push(actor.departmentId);
  }
  const facets = 'street_id AS s, lead_department_id AS d, category_id AS c, source AS src';
  const groupBy = 'GROUP BY street_id, lead_department_id, category_id, source';
  const period = [stored(begin), stored(end), ...scopeParams];
  const dispatched: Array<Record<string, unknown>> = await ds.query(
    `SELECT ${facets}, COUNT(*) AS dispatched,
            SUM(CASE WHEN signed_at IS NOT NULL AND signed_at <= sign_due_at THEN 1 ELSE 0 END) AS signedOnTime
     FROM concern WHERE dispatched_at >= ? AND dispatched_at < ?${scope} ${groupBy}`,
    period,
  );
  const rated: Array<Record<string, unknown>> = await ds.query(
    `SELECT ${facets}, COUNT(*) AS rated, SUM(CASE WHEN solved = 1 THEN 1 ELSE 0 END) AS solved,
            SUM(CASE WHEN satisfaction = 'satisfied' THEN 1 ELSE 0 END) AS satisfied,
            SUM(CASE WHEN satisfaction = 'basic' THEN 1 ELSE 0 END) AS basicallySatisfied,
            SUM(CASE WHEN satisfaction = 'unsatisfied' THEN 1 ELSE 0 END) AS unsatisfied,
            SUM(CASE WHEN rating_channel = 'callback' THEN 1 ELSE 0 END) AS ratedByCallback
     FROM concern WHERE rated_at >= ? AND rated_at < ?${scope} ${groupBy}`,
    period,
  );
  const triaged: Array<Record<string, unknown>> = await ds.query(
    `SELECT ${facets}, COUNT(*) AS triaged, SUM(CASE WHEN triaged_on_time = 1 THEN 1 ELSE 0 END) AS acceptedOnTime
     FROM concern WHERE triaged_at >= ? AND triaged_at < ?${scope} ${groupBy}`,
    period,
  );
  const closed: Array<Record<string, unknown>> = await ds.query(
    `SELECT ${facets}, COUNT(*) AS closed, SUM(CASE WHEN reopen_count = 0 THEN 1 ELSE 0 END) AS closedFirstTime,
            SUM(CASE WHEN replied_on_time = 1 THEN 1 ELSE 0 END) AS closedOnTime,
            SUM(CASE WHEN rated_at IS NOT NULL THEN 1 ELSE 0 END) AS closedRated,
            SUM(CASE WHEN callback_unreached = 1 THEN 1 ELSE 0 END) AS closedUnreached
     FROM concern WHERE status = 'closed' AND closed_at >= ? AND closed_at < ?${scope} ${groupBy}`,
    period,
  );
  const out = new Map<string, RateCounts>();
  const add = (key: string, r: Record<string, unknown>) => {
    const into = out.get(key) ?? out.set(key, emptyRateCounts()).get(key)!;
    for (const k of Object.keys(into) as Array<keyof RateCounts>) into[k] += Number(r[k] ?? 0);
  };
  const streets = new Map((await ds.getRepository(Street).find()).map((s) => [s.id, s.code]));
  const departments = new Map((await ds.getRepository(Department).find()).map((d) => [d.id, d.code]));
  const categories = new Map((await ds.getRepository(Category).find()).map((c) => [c.id, c.code]));
  for (const r of [...dispatched, ...rated, ...triaged, ...closed]) {
    add('all', r);
    add(`street:${streets.get(Number(r.s))}`, r);
    if (r.d !== null) add(`department:${departments.get(Number(r.d))}`, r);
    add(`category:${categories.get(Number(r.c))}`, r);
    add(`channel:${String(r.src)}`, r);
  }
  return out;
}

/** The same counts as the rates service reads them from the kept rows. */
export async function ratesKept(
  app: NestFastifyApplication,
  actor: StaffActor,
  from: string,
  to: string,
): Promise<Map<string, RateCounts>> {
  const view = await app.get(ConcernRatesService).rates(actor, { from, to });
  const counts = (r: RateCounts): RateCounts =>
    Object.fromEntries(Object.keys(emptyRateCounts()).map((k) => [k, r[k as keyof RateCounts]])) as unknown as RateCounts;
  const out = new Map<string, RateCounts>();
  if (view.byStreet.length) out.set('all', counts(view.total));
  for (const r of view.byStreet) out.set(`street:${r.key}`, counts(r));
  for (const r of view.byDepartment) out.set(`department:${r.key}`, counts(r));
  for (const r of view.byCategory) out.set(`category:${r.key}`, counts(r));
  for (const r of view.byChannel) out.set(`channel:${r.key}`, counts(r));
  return out;
}

/** For each actor: the badges, and the rates over each period, kept and from scratch, side by side. */
export async function expectKeptEqualsFromScratch(
  app: NestFastifyApplication,
  actors: StaffActor[],
  periods: Array<[string, string]>,
  now: Date,
): Promise<void> {
  const ds = app.get(DataSource);
  const inbox = app.get(ConcernInboxService);
  for (const actor of actors) {
    expect({ role: actor.role, counts: await inbox.counts(actor, now) }).toEqual({
      role: actor.role,
      counts: await countsFromScratch(ds, actor, now),
    });
    for (const [from, to] of periods) {
      expect({ role: actor.role, from, to, rates: Object.fromEntries(await ratesKept(app, actor, from, to)) }).toEqual({
        role: actor.role,
        from,
        to,
        rates: Object.fromEntries(await ratesFromScratch(ds, actor, from, to)),
      });
    }
  }
}

/** Periods with and without whole months, starting and ending on and off a month's edges, up to `now`. */
export function ratePeriods(now: Date): Array<[string, string]> {
  const today = shanghaiDate(now);
  const daysAgo = (n: number) => shanghaiDate(new Date(now.getTime() - n * DAY_MS));
  const monthStart = (monthsAgo: number) => {
    const [y, m] = today.split('-').map(Number);
    return new Date(Date.UTC(y!, m! - 1 - monthsAgo, 1)).toISOString().slice(0, 10);
  };
  return [
    [daysAgo(75), today],
    [monthStart(2), today],
    [monthStart(2), shanghaiDate(new Date(Date.parse(`${monthStart(0)}T00:00:00Z`) - DAY_MS))],
    [daysAgo(10), daysAgo(3)],
    [today, today],
    // A month less the days outside the period, at the start (from the 3rd) and at both ends of one month.
    [shanghaiDate(new Date(Date.parse(`${monthStart(2)}T00:00:00Z`) + 2 * DAY_MS)), today],
    [
      shanghaiDate(new Date(Date.parse(`${monthStart(1)}T00:00:00Z`) + DAY_MS)),
      shanghaiDate(new Date(Date.parse(`${monthStart(0)}T00:00:00Z`) - 2 * DAY_MS)),
    ],
  ];
}
