import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CoHandlingRow, RateCounts, RatesQuery, RatesRow, RatesView } from '@manyi/shared';
import { In, type DataSource } from 'typeorm';
import type { StaffActor } from '../auth/actor.js';
import { Department } from '../directory/department.entity.js';
import { Street } from '../directory/street.entity.js';
import { applyTallyScope } from './concern-scope.js';
import { RATE_COLUMNS, RATE_DAY_TABLE, RATE_MONTH_TABLE } from './concern-tallies.js';

/** concern_rate_day's columns and the RateCounts they fill. */
const RATE_ALIASES: Record<(typeof RATE_COLUMNS)[number], keyof RateCounts> = {
  dispatched: 'dispatched',
  signed_on_time: 'signedOnTime',
  rated: 'rated',
  solved: 'solved',
  satisfied: 'satisfied',
  basically_satisfied: 'basicallySatisfied',
  unsatisfied: 'unsatisfied',
};

/**
 * 三率 (DESIGN.md): response = signed on time / dispatched; resolution = rated solved / rated;
 * satisfaction = (satisfied + basically satisfied) / rated — counted by Shanghai calendar day, for the
 * concerns the caller may see, in total, by street and by (lead) department.
 */
@Injectable()
export class ConcernRatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rates(actor: StaffActor, query: RatesQuery): Promise<RatesView> {
    // Summed from the counts the workflow step keeps per street and department: whole Shanghai months
    // from concern_rate_month, the days at either end from concern_rate_day — a year is a few thousand
    // small rows rather than every concern dispatched or rated in it.
    const parts = periodParts(query.from, query.to);
    const read = (table: string, column: string, from: string, to: string) => {
      const qb = applyTallyScope(this.dataSource.createQueryBuilder().from(table, 'r'), actor, 'r')
        .select('r.street_id', 'streetId')
        .addSelect('r.department_id', 'departmentId')
        .andWhere(`r.${column} >= :from AND r.${column} <= :to`, { from, to });
      if (query.street) qb.andWhere('r.street_id IN (SELECT id FROM street WHERE code = :streetCode)', { streetCode: query.street });
      if (query.department) qb.andWhere('r.department_id = :department', { department: query.department });
      for (const [c, alias] of Object.entries(RATE_ALIASES)) qb.addSelect(`SUM(r.${c})`, alias);
      return qb.groupBy('r.street_id').addGroupBy('r.department_id').getRawMany<Record<string, string | number | null>>();
    };
    const groups = (
      await Promise.all([
        ...parts.days.map(([from, to]) => read(RATE_DAY_TABLE, 'day', from, to)),
        ...(parts.months ? [read(RATE_MONTH_TABLE, 'month', parts.months[0], parts.months[1])] : []),
      ])
    ).flat();
    const total = toCounts({});
    const streetCounts = new Map<number, RateCounts>();
    const departmentCounts = new Map<number, RateCounts>();
    const into = (map: Map<number, RateCounts>, key: number) => map.get(key) ?? map.set(key, toCounts({})).get(key)!;
    // The same street and department may come from the months and from the days: summed per pair first,
    // so a pair whose concerns all moved on (to another department, say) counts nothing and names no group.
    const pairs = new Map<string, { streetId: number; departmentId: number; counts: RateCounts }>();
    for (const group of groups) {
      const key = `${group.streetId}|${group.departmentId}`;
      const pair =
        pairs.get(key) ??
        pairs.set(key, { streetId: Number(group.streetId), departmentId: Number(group.departmentId), counts: toCounts({}) }).get(key)!;
      const counts = toCounts(group);
      for (const k of Object.keys(counts) as Array<keyof RateCounts>) pair.counts[k] += counts[k];
    }
    for (const { streetId, departmentId, counts } of pairs.values()) {
      if (Object.values(counts).every((n) => n === 0)) continue;
      const targets = [total, into(streetCounts, streetId)];
      if (departmentId !== 0) targets.push(into(departmentCounts, departmentId));
      for (const target of targets) for (const k of Object.keys(counts) as Array<keyof RateCounts>) target[k] += counts[k];
    }
    const byKey = (map: Map<number, RateCounts>) => [...map.entries()].sort(([a], [b]) => a - b).map(([key, counts]) => ({ key, counts }));
    const byStreet = byKey(streetCounts);
    const byDepartment = byKey(departmentCounts);
    const streetIds = byStreet.map((r) => Number(r.key));
    const departmentIds = byDepartment.map((r) => Number(r.key));
    const [streets, departments] = await Promise.all([
      streetIds.length ? this.dataSource.getRepository(Street).findBy({ id: In(streetIds) }) : [],
      departmentIds.length ? this.dataSource.getRepository(Department).findBy({ id: In(departmentIds) }) : [],
    ]);
    const streetById = new Map(streets.map((s) => [s.id, s]));
    const departmentById = new Map(departments.map((d) => [d.id, d]));
    const coHandling = await this.coHandling(actor, query);
    return {
      coHandling,
      from: query.from,
      to: query.to,
      total: toRow('all', '全部', total),
      byStreet: byStreet.map((r) =>
        toRow(streetById.get(Number(r.key))?.code ?? String(r.key), streetById.get(Number(r.key))?.name ?? '', r.counts),
      ),
      byDepartment: byDepartment.map((r) =>
        toRow(departmentById.get(Number(r.key))?.code ?? String(r.key), departmentById.get(Number(r.key))?.name ?? '', r.counts),
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
    const begin = new Date(Date.parse(`${query.from}T00:00:00+08:00`));
    const end = new Date(Date.parse(`${query.to}T00:00:00+08:00`) + 24 * 60 * 60 * 1000);
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
        signRate: ratio(n('signedOnTime'), n('asked')),
      };
    });
  }
}

function toCounts(r: Record<string, string | number | null>): RateCounts {
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    dispatched: n('dispatched'),
    signedOnTime: n('signedOnTime'),
    rated: n('rated'),
    solved: n('solved'),
    satisfied: n('satisfied'),
    basicallySatisfied: n('basicallySatisfied'),
    unsatisfied: n('unsatisfied'),
  };
}

/** A rate is null when nothing was counted: 0 of 0 is not 0 %. */
function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}

function toRow(key: string, name: string, c: RateCounts): RatesRow {
  return {
    key,
    name,
    ...c,
    responseRate: ratio(c.signedOnTime, c.dispatched),
    resolutionRate: ratio(c.solved, c.rated),
    satisfactionRate: ratio(c.satisfied + c.basicallySatisfied, c.rated),
  };
}

/**
 * A period of Shanghai days (inclusive, 'YYYY-MM-DD') cut into the whole months it holds ('YYYY-MM',
 * inclusive) and the day ranges before and after them; without a whole month, just its days.
 */
export function periodParts(from: string, to: string): { months: [string, string] | null; days: Array<[string, string]> } {
  const date = (s: string) => new Date(`${s}T00:00:00Z`);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const addDays = (s: string, n: number) => iso(new Date(date(s).getTime() + n * 24 * 60 * 60 * 1000));
  const start = date(from);
  // The first day of the first whole month, and the day after the last whole month ends.
  const firstWhole = start.getUTCDate() === 1 ? from : iso(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)));
  const afterTo = date(addDays(to, 1));
  const endWhole = afterTo.getUTCDate() === 1 ? iso(afterTo) : iso(new Date(Date.UTC(afterTo.getUTCFullYear(), afterTo.getUTCMonth(), 1)));
  if (firstWhole >= endWhole) return { months: null, days: [[from, to]] };
  const days: Array<[string, string]> = [];
  if (from < firstWhole) days.push([from, addDays(firstWhole, -1)]);
  if (endWhole <= to) days.push([endWhole, to]);
  return { months: [firstWhole.slice(0, 7), addDays(endWhole, -1).slice(0, 7)], days };
}
