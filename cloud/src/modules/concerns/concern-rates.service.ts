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
    const dispatched = 'c.dispatched_at >= :from AND c.dispatched_at < :to';
    const rated = 'c.rated_at >= :from AND c.rated_at < :to';
    const sum = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

    const grouped = async (groupBy: 'c.street_id' | 'c.lead_department_id' | null) => {
      const qb = applyConcernScope(this.dataSource.getRepository(Concern).createQueryBuilder('c'), actor)
        .select(groupBy ?? "'all'", 'groupKey')
        .addSelect(sum(dispatched), 'dispatched')
        .addSelect(sum(`${dispatched} AND c.signed_at IS NOT NULL AND c.signed_at <= c.sign_due_at`), 'signedOnTime')
        .addSelect(sum(rated), 'rated')
        .addSelect(sum(`${rated} AND c.solved = 1`), 'solved')
        .addSelect(sum(`${rated} AND c.satisfaction = 'satisfied'`), 'satisfied')
        .addSelect(sum(`${rated} AND c.satisfaction = 'basic'`), 'basicallySatisfied')
        .addSelect(sum(`${rated} AND c.satisfaction = 'unsatisfied'`), 'unsatisfied')
        .andWhere(`((${dispatched}) OR (${rated}))`, { from, to });
      if (query.street) qb.andWhere('c.street_id IN (SELECT id FROM street WHERE code = :streetCode)', { streetCode: query.street });
      if (query.department) qb.andWhere('c.lead_department_id = :department', { department: query.department });
      if (groupBy) qb.groupBy(groupBy).andWhere(`${groupBy} IS NOT NULL`);
      const rows: Array<Record<string, string | number | null>> = await qb.getRawMany();
      return rows.map((r) => ({ key: r.groupKey, counts: toCounts(r) }));
    };

    const [total, byStreet, byDepartment] = await Promise.all([grouped(null), grouped('c.street_id'), grouped('c.lead_department_id')]);
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
      total: toRow('all', '全部', total[0]?.counts ?? toCounts({})),
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
