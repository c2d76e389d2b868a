import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CONCERN_SOURCE_LABELS,
  CONCERN_SOURCES,
  type CoHandlingRow,
  type ConcernSource,
  ratesOf,
  shareOf,
  startOfShanghaiDay,
  type RateCounts,
  type RatesQuery,
  type RatesRow,
  type RatesView,
} from '@manyi/shared';
import { In, type DataSource } from 'typeorm';
import type { StaffActor } from '../../common/actor.js';
import { Category } from '../directory/category.entity.js';
import { Department } from '../directory/department.entity.js';
import { Street } from '../directory/street.entity.js';
import { applyTallyScope } from './concern-scope.js';
import {
  RATE_COLUMNS,
  RATE_DAY_TABLE,
  RATE_FACET_DAY_TABLE,
  RATE_FACET_MONTH_TABLE,
  RATE_MONTH_TABLE,
  type RateFacet,
} from './concern-tallies.js';

/** The groupings read from the per-category and per-source counts. */
export type RatesGrouping = 'category' | 'channel';

/** concern_rate_day's columns and the RateCounts they fill. */
const RATE_ALIASES: Record<(typeof RATE_COLUMNS)[number], keyof RateCounts> = {
  dispatched: 'dispatched',
  signed_on_time: 'signedOnTime',
  rated: 'rated',
  solved: 'solved',
  satisfied: 'satisfied',
  basically_satisfied: 'basicallySatisfied',
  unsatisfied: 'unsatisfied',
  rated_by_callback: 'ratedByCallback',
  triaged: 'triaged',
  accepted_on_time: 'acceptedOnTime',
  closed: 'closed',
  closed_first_time: 'closedFirstTime',
  closed_on_time: 'closedOnTime',
  closed_rated: 'closedRated',
  closed_unreached: 'closedUnreached',
};

const COUNT_KEYS = Object.values(RATE_ALIASES);

/**
 * The rates (RATE_DEFINITIONS in shared words each): response, on-time acceptance, resolution,
 * satisfaction, one-time resolution, on-time closing, callback coverage — counted by Shanghai calendar
 * day, for the concerns the caller may see, in total, by street, (lead) department, category and
 * channel (the concern's source).
 */
@Injectable()
export class ConcernRatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `groupings`: the category and channel groupings are read from their own kept rows only when asked
   * for (the dashboard asks for one at a time); without them `byCategory` / `byChannel` are empty.
   */
  async rates(actor: StaffActor, query: RatesQuery, groupings: readonly RatesGrouping[] = ['category', 'channel']): Promise<RatesView> {
    // Summed from the counts the workflow step keeps per street and department (and per category or
    // source): whole Shanghai months from the monthly rows, the days at either end from the daily ones —
    // a year is a few thousand small rows rather than every concern dispatched or rated in it.
    const parts = periodParts(query.from, query.to);
    const read = (table: string, column: string, from: string, to: string, facet: RateFacet | null) => {
      const qb = applyTallyScope(this.dataSource.createQueryBuilder().from(table, 'r'), actor, 'r').andWhere(
        `r.${column} >= :from AND r.${column} <= :to`,
        { from, to },
      );
      // A grouping by category or channel needs only its own totals: summed per value in the database, the
      // answer is a few dozen rows rather than one per street, department and value (a year: ~30 ms less).
      if (facet) qb.select('r.facet_value', 'facetValue').andWhere('r.facet = :facet', { facet }).groupBy('r.facet_value');
      else
        qb.select('r.street_id', 'streetId')
          .addSelect('r.department_id', 'departmentId')
          .groupBy('r.street_id')
          .addGroupBy('r.department_id');
      if (query.street) qb.andWhere('r.street_id IN (SELECT id FROM street WHERE code = :streetCode)', { streetCode: query.street });
      if (query.department) qb.andWhere('r.department_id = :department', { department: query.department });
      for (const [c, alias] of Object.entries(RATE_ALIASES)) qb.addSelect(`SUM(r.${c})`, alias);
      return qb.getRawMany<Record<string, string | number | null>>();
    };
    const readAll = async (facet: RateFacet | null) => {
      const dayTable = facet ? RATE_FACET_DAY_TABLE : RATE_DAY_TABLE;
      const [added, takenAway] = await Promise.all([
        Promise.all([
          ...parts.days.map(([from, to]) => read(dayTable, 'day', from, to, facet)),
          ...(parts.months
            ? [read(facet ? RATE_FACET_MONTH_TABLE : RATE_MONTH_TABLE, 'month', parts.months[0], parts.months[1], facet)]
            : []),
        ]),
        Promise.all(parts.minusDays.map(([from, to]) => read(dayTable, 'day', from, to, facet))),
      ]);
      // The days of a read month outside the period count against it.
      const negated = takenAway.flat().map((row) => ({ ...row, ...Object.fromEntries(COUNT_KEYS.map((k) => [k, -Number(row[k] ?? 0)])) }));
      return [...added.flat(), ...negated];
    };
    const [groups, categoryGroups, sourceGroups] = await Promise.all([
      readAll(null),
      groupings.includes('category') ? readAll('category') : [],
      groupings.includes('channel') ? readAll('source') : [],
    ]);
    const total = toCounts({});
    const maps = {
      street: new Map<number | string, RateCounts>(),
      department: new Map<number | string, RateCounts>(),
      category: new Map<number | string, RateCounts>(),
      channel: new Map<number | string, RateCounts>(),
    };
    const into = (map: Map<number | string, RateCounts>, key: number | string) => map.get(key) ?? map.set(key, toCounts({})).get(key)!;
    // The same keys may come from the months and from the days: summed per key first, so a key whose
    // concerns all moved on (to another department, say) counts nothing and names no group.
    const combine = (rows: Array<Record<string, string | number | null>>) => {
      const combos = new Map<string, { streetId: number; departmentId: number; facetValue: string; counts: RateCounts }>();
      for (const row of rows) {
        const key = `${row.streetId}|${row.departmentId}|${row.facetValue ?? ''}`;
        const combo =
          combos.get(key) ??
          combos
            .set(key, {
              streetId: Number(row.streetId),
              departmentId: Number(row.departmentId),
              facetValue: String(row.facetValue ?? ''),
              counts: toCounts({}),
            })
            .get(key)!;
        const counts = toCounts(row);
        for (const k of COUNT_KEYS) combo.counts[k] += counts[k];
      }
      return [...combos.values()].filter(({ counts }) => COUNT_KEYS.some((k) => counts[k] !== 0));
    };
    const add = (target: RateCounts, counts: RateCounts) => {
      for (const k of COUNT_KEYS) target[k] += counts[k];
    };
    for (const { streetId, departmentId, counts } of combine(groups)) {
      add(total, counts);
      add(into(maps.street, streetId), counts);
      if (departmentId !== 0) add(into(maps.department, departmentId), counts);
    }
    for (const { facetValue, counts } of combine(categoryGroups)) add(into(maps.category, Number(facetValue)), counts);
    for (const { facetValue, counts } of combine(sourceGroups)) add(into(maps.channel, facetValue), counts);
    const byId = (map: Map<number | string, RateCounts>) =>
      [...map.entries()].map(([key, counts]) => ({ key: Number(key), counts })).sort((a, b) => a.key - b.key);
    const byStreet = byId(maps.street);
    const byDepartment = byId(maps.department);
    const byCategory = byId(maps.category);
    const [streets, departments, categories] = await Promise.all([
      byStreet.length ? this.dataSource.getRepository(Street).findBy({ id: In(byStreet.map((r) => r.key)) }) : [],
      byDepartment.length ? this.dataSource.getRepository(Department).findBy({ id: In(byDepartment.map((r) => r.key)) }) : [],
      byCategory.length ? this.dataSource.getRepository(Category).findBy({ id: In(byCategory.map((r) => r.key)) }) : [],
    ]);
    const named = <T extends { id: number; name: string; code: string }>(rows: typeof byStreet, list: T[], code: (t: T) => string) => {
      const found = new Map(list.map((t) => [t.id, t]));
      return rows.map((r) => {
        const t = found.get(r.key);
        return toRow(t ? code(t) : String(r.key), t?.name ?? '', r.counts);
      });
    };
    const coHandling = await this.coHandling(actor, query);
    return {
      coHandling,
      from: query.from,
      to: query.to,
      total: toRow('all', '全部', total),
      byStreet: named(byStreet, streets, (t) => t.code),
      byDepartment: named(byDepartment, departments, (t) => t.code),
      byCategory: named(byCategory, categories, (t) => t.code),
      byChannel: CONCERN_SOURCES.filter((source) => maps.channel.has(source)).map((source) =>
        toRow(source, CONCERN_SOURCE_LABELS[source as ConcernSource], maps.channel.get(source)!),
      ),
    };
  }

  /**
   * 协办情况 per department over the period (Shanghai days), from the co-handler rows themselves: the asks
   * made in it (by the day asked; an ask released by a re-dispatch before anyone signed counts for
   * nothing), signed for on time, parts submitted, declines, waivers. Scoped like the rates: a
   * dispatcher their street's concerns, a handler their own department's co-handling, a supervisor all.
   */
  private async coHandling(actor: StaffActor, query: RatesQuery): Promise<CoHandlingRow[]> {
    const begin = startOfShanghaiDay(query.from);
    const end = new Date(startOfShanghaiDay(query.to).getTime() + 24 * 60 * 60 * 1000);
    const qb = this.dataSource
      .createQueryBuilder()
      .from('concern_co_handler', 'h')
      .innerJoin('concern', 'c', 'c.id = h.concern_id')
      .select('h.department_id', 'departmentId')
      .addSelect('COUNT(*)', 'asked')
      .addSelect('SUM(CASE WHEN h.signed_at IS NOT NULL AND h.signed_at <= h.sign_due_at THEN 1 ELSE 0 END)', 'signedOnTime')
      .addSelect('SUM(CASE WHEN h.submitted_at IS NOT NULL THEN 1 ELSE 0 END)', 'submitted')
      .addSelect('SUM(CASE WHEN h.declined_at IS NOT NULL THEN 1 ELSE 0 END)', 'declined')
      .addSelect("SUM(CASE WHEN h.status = 'waived' THEN 1 ELSE 0 END)", 'waived')
      .where('h.asked_at >= :begin AND h.asked_at < :end', { begin, end })
      .andWhere("NOT (h.status = 'released' AND h.signed_at IS NULL)");
    if (actor.role === 'dispatcher') qb.andWhere('c.street_id = :scopeStreet', { scopeStreet: actor.streetId ?? -1 });
    if (actor.role === 'handler') qb.andWhere('h.department_id = :scopeDepartment', { scopeDepartment: actor.departmentId ?? -1 });
    if (query.street) qb.andWhere('c.street_id IN (SELECT id FROM street WHERE code = :streetCode)', { streetCode: query.street });
    if (query.department) qb.andWhere('h.department_id = :department', { department: query.department });
    const rows = await qb.groupBy('h.department_id').orderBy('h.department_id', 'ASC').getRawMany<Record<string, unknown>>();
    const ids = rows.map((r) => Number(r.departmentId));
    const departments = new Map(
      (ids.length ? await this.dataSource.getRepository(Department).findBy({ id: In(ids) }) : []).map((d) => [d.id, d]),
    );
    return rows.map((r) => {
      const department = departments.get(Number(r.departmentId));
      const n = (k: string) => Number(r[k] ?? 0);
      return {
        key: department?.code ?? String(r.departmentId),
        name: department?.name ?? '',
        asked: n('asked'),
        signedOnTime: n('signedOnTime'),
        submitted: n('submitted'),
        declined: n('declined'),
        waived: n('waived'),
        signRate: shareOf(n('signedOnTime'), n('asked')),
      };
    });
  }
}

function toCounts(r: Record<string, string | number | null>): RateCounts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, Number(r[k] ?? 0)])) as unknown as RateCounts;
}

export function toRow(key: string, name: string, c: RateCounts): RatesRow {
  return { key, name, ...c, ...ratesOf(c) };
}

/**
 * A period of Shanghai days (inclusive, 'YYYY-MM-DD') cut for the kept rows: the months it touches from the
 * monthly rows ('YYYY-MM', inclusive), and at either end of a month it only partly covers, whichever is
 * fewer days: the days inside the period added from the daily rows (and the month left out), or the days
 * outside it taken away from the month. A year from the 7th reads 6 days taken away and 6 added rather
 * than 31 days; the daily rows are what such a read costs (a category's share of them most of all).
 */
export function periodParts(
  from: string,
  to: string,
): { months: [string, string] | null; days: Array<[string, string]>; minusDays: Array<[string, string]> } {
  const date = (s: string) => new Date(`${s}T00:00:00Z`);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const addDays = (s: string, n: number) => iso(new Date(date(s).getTime() + n * 24 * 60 * 60 * 1000));
  const span = (a: string, b: string) => Math.round((date(b).getTime() - date(a).getTime()) / (24 * 60 * 60 * 1000)) + 1;
  const monthStart = (s: string) => `${s.slice(0, 7)}-01`;
  const monthEnd = (s: string) => iso(new Date(Date.UTC(date(s).getUTCFullYear(), date(s).getUTCMonth() + 1, 0)));
  const monthOf = (s: string) => s.slice(0, 7);
  const days: Array<[string, string]> = [];
  const minusDays: Array<[string, string]> = [];
  if (monthOf(from) === monthOf(to)) {
    const outside = span(monthStart(from), monthEnd(to)) - span(from, to);
    if (outside === 0) return { months: [monthOf(from), monthOf(to)], days, minusDays };
    // Reading the month costs about what a day does: worth it only when it leaves fewer days to read.
    if (span(from, to) <= outside + 1) return { months: null, days: [[from, to]], minusDays };
    if (from > monthStart(from)) minusDays.push([monthStart(from), addDays(from, -1)]);
    if (to < monthEnd(to)) minusDays.push([addDays(to, 1), monthEnd(to)]);
    return { months: [monthOf(from), monthOf(to)], days, minusDays };
  }
  let first = from;
  let last = to;
  if (from > monthStart(from)) {
    if (span(from, monthEnd(from)) <= span(monthStart(from), addDays(from, -1))) {
      days.push([from, monthEnd(from)]);
      first = addDays(monthEnd(from), 1);
    } else minusDays.push([monthStart(from), addDays(from, -1)]);
  }
  if (to < monthEnd(to)) {
    if (span(monthStart(to), to) <= span(addDays(to, 1), monthEnd(to))) {
      days.push([monthStart(to), to]);
      last = addDays(monthStart(to), -1);
    } else minusDays.push([addDays(to, 1), monthEnd(to)]);
  }
  return { months: monthOf(first) <= monthOf(last) && first <= last ? [monthOf(first), monthOf(last)] : null, days, minusDays };
}
