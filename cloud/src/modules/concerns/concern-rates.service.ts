import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RateCounts, RatesQuery, RatesRow, RatesView } from '@manyi/shared';
import { In, type DataSource } from 'typeorm';
import type { StaffActor } from '../auth/actor.js';
import { Department } from '../directory/department.entity.js';
import { Street } from '../directory/street.entity.js';
import { applyConcernScope } from './concern-scope.js';
import { Concern } from './concern.entity.js';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * 三率 (DESIGN.md): response = signed on time / dispatched; resolution = rated solved / rated;
 * satisfaction = (satisfied + basically satisfied) / rated — counted by Shanghai calendar day, for the
 * concerns the caller may see, in total, by street and by (lead) department.
 */
@Injectable()
export class ConcernRatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rates(actor: StaffActor, query: RatesQuery): Promise<RatesView> {
    const from = new Date(Date.parse(`${query.from}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
    const to = new Date(Date.parse(`${query.to}T00:00:00Z`) - SHANGHAI_OFFSET_MS + 24 * 60 * 60 * 1000);
    const sum = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
    const scoped = () => {
      const qb = applyConcernScope(this.dataSource.getRepository(Concern).createQueryBuilder('c'), actor)
        .select('c.street_id', 'streetId')
        .addSelect('c.lead_department_id', 'departmentId');
      if (query.street) qb.andWhere('c.street_id IN (SELECT id FROM street WHERE code = :streetCode)', { streetCode: query.street });
      if (query.department) qb.andWhere('c.lead_department_id = :department', { department: query.department });
      return qb.groupBy('c.street_id').addGroupBy('c.lead_department_id');
    };
    // Two passes, one over the concerns dispatched in the range and one over those rated in it, each a
    // range of an index that covers it (idx_concern_rates_dispatched / _rated), grouped by street and
    // department; the total and both breakdowns are summed from those groups.
    type Raw = Record<string, string | number | null>;
    const [dispatchedGroups, ratedGroups] = await Promise.all([
      scoped()
        .addSelect('COUNT(*)', 'dispatched')
        .addSelect(sum('c.signed_at IS NOT NULL AND c.signed_at <= c.sign_due_at'), 'signedOnTime')
        .andWhere('c.dispatched_at >= :from AND c.dispatched_at < :to', { from, to })
        .getRawMany<Raw>(),
      scoped()
        .addSelect('COUNT(*)', 'rated')
        .addSelect(sum('c.solved = 1'), 'solved')
        .addSelect(sum("c.satisfaction = 'satisfied'"), 'satisfied')
        .addSelect(sum("c.satisfaction = 'basic'"), 'basicallySatisfied')
        .addSelect(sum("c.satisfaction = 'unsatisfied'"), 'unsatisfied')
        .andWhere('c.rated_at >= :from AND c.rated_at < :to', { from, to })
        .getRawMany<Raw>(),
    ]);
    const total = toCounts({});
    const streetCounts = new Map<number, RateCounts>();
    const departmentCounts = new Map<number, RateCounts>();
    const into = (map: Map<number, RateCounts>, key: number) => map.get(key) ?? map.set(key, toCounts({})).get(key)!;
    for (const group of [...dispatchedGroups, ...ratedGroups]) {
      const counts = toCounts(group);
      const targets = [total, into(streetCounts, Number(group.streetId))];
      if (group.departmentId !== null) targets.push(into(departmentCounts, Number(group.departmentId)));
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
