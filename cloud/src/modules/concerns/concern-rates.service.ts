import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RateCounts, RatesQuery, RatesRow, RatesView } from '@manyi/shared';
import { In, type DataSource } from 'typeorm';
import type { StaffActor } from '../auth/actor.js';
import { Department } from '../directory/department.entity.js';
import { Street } from '../directory/street.entity.js';
import { applyTallyScope } from './concern-scope.js';
import { RATE_COLUMNS, RATE_DAY_TABLE } from './concern-tallies.js';

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
    // Summed from concern_rate_day (per Shanghai day, street and department, kept by the workflow step),
    // so a year is a few tens of thousands of small rows rather than every concern dispatched or rated in it.
    const qb = applyTallyScope(this.dataSource.createQueryBuilder().from(RATE_DAY_TABLE, 'r'), actor, 'r')
      .select('r.street_id', 'streetId')
      .addSelect('r.department_id', 'departmentId')
      .andWhere('r.day >= :from AND r.day <= :to', { from: query.from, to: query.to });
    if (query.street) qb.andWhere('r.street_id IN (SELECT id FROM street WHERE code = :streetCode)', { streetCode: query.street });
    if (query.department) qb.andWhere('r.department_id = :department', { department: query.department });
    for (const [column, alias] of Object.entries(RATE_ALIASES)) qb.addSelect(`SUM(r.${column})`, alias);
    type Raw = Record<string, string | number | null>;
    const groups = await qb.groupBy('r.street_id').addGroupBy('r.department_id').getRawMany<Raw>();
    const total = toCounts({});
    const streetCounts = new Map<number, RateCounts>();
    const departmentCounts = new Map<number, RateCounts>();
    const into = (map: Map<number, RateCounts>, key: number) => map.get(key) ?? map.set(key, toCounts({})).get(key)!;
    for (const group of groups) {
      const counts = toCounts(group);
      // A row whose concerns all moved on (to another department, say) counts nothing and names no group.
      if (Object.values(counts).every((n) => n === 0)) continue;
      const targets = [total, into(streetCounts, Number(group.streetId))];
      if (Number(group.departmentId) !== 0) targets.push(into(departmentCounts, Number(group.departmentId)));
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
    return {
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
