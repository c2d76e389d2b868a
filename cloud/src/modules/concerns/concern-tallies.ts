import { isFinalStatus, shanghaiDate, type ConcernStatus } from '@manyi/shared';
import type { EntityManager } from 'typeorm';
import { isMysql } from '../../database/migration-helpers.js';
import type { Concern } from './concern.entity.js';

/**
 * The counts kept alongside the concerns (migration 1795471000000), maintained by the workflow step in
 * its own transaction: what a concern contributes is taken before and after the step, and the
 * difference is added. A concern contributes nothing until a step has dispatched, rated or finished it,
 * which is why submitting (which does none of these) needs no bookkeeping.
 * - concern_final_tally: the finished concerns (终态) per status, street and lead department — count, sum
 *   of ids, of versions (as of their last step) and of escalated ones;
 * - concern_rate_day / concern_rate_month: the rates' counts per Shanghai day (and month), street and lead
 *   department — each fact on the day it happened: a dispatch, a rating (app or 回访), a triage decision,
 *   a closing (migration 1795600000000);
 * - concern_rate_facet_day / concern_rate_facet_month: the same counts also per category and per source,
 *   read only for those groupings.
 * Department 0 stands for "none", as a key column cannot be NULL.
 */

export const FINAL_TALLY_TABLE = 'concern_final_tally';
export const RATE_DAY_TABLE = 'concern_rate_day';
export const RATE_MONTH_TABLE = 'concern_rate_month';
export const RATE_FACET_DAY_TABLE = 'concern_rate_facet_day';
export const RATE_FACET_MONTH_TABLE = 'concern_rate_facet_month';
/** The groupings kept apart from the street and department ones: facet → the concern's value. */
export const RATE_FACETS = { category: (c: TalliedFacts) => String(c.categoryId), source: (c: TalliedFacts) => c.source } as const;
export type RateFacet = keyof typeof RATE_FACETS;

const FINAL_COLUMNS = ['concerns', 'id_sum', 'version_sum', 'escalated'] as const;
export const RATE_COLUMNS = [
  'dispatched',
  'signed_on_time',
  'rated',
  'solved',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'rated_by_callback',
  'triaged',
  'accepted_on_time',
  'closed',
  'closed_first_time',
  'closed_on_time',
  'closed_rated',
  'closed_unreached',
] as const;

/** The columns of a concern the tallies read. */
const TALLIED = [
  'id',
  'status',
  'streetId',
  'leadDepartmentId',
  'categoryId',
  'source',
  'version',
  'escalated',
  'dispatchedAt',
  'signedAt',
  'signDueAt',
  'ratedAt',
  'solved',
  'satisfaction',
  'ratingChannel',
  'triagedAt',
  'triagedOnTime',
  'closedAt',
  'reopenCount',
  'repliedOnTime',
  'callbackUnreached',
] as const;

export type TalliedFacts = Pick<Concern, (typeof TALLIED)[number]>;

/** A snapshot of those columns, as the step changes the entity in place. */
export function talliedFacts(c: TalliedFacts): TalliedFacts {
  return Object.fromEntries(TALLIED.map((key) => [key, c[key]])) as TalliedFacts;
}

interface Row {
  table:
    | typeof FINAL_TALLY_TABLE
    | typeof RATE_DAY_TABLE
    | typeof RATE_MONTH_TABLE
    | typeof RATE_FACET_DAY_TABLE
    | typeof RATE_FACET_MONTH_TABLE;
  key: Record<string, string | number>;
  values: Record<string, number>;
}

/** The rows one concern counts in; the same definitions the rates and the badges count from scratch. */
function contributions(c: TalliedFacts): Row[] {
  const department = c.leadDepartmentId ?? 0;
  const rows: Row[] = [];
  if (isFinalStatus(c.status as ConcernStatus))
    rows.push({
      table: FINAL_TALLY_TABLE,
      key: { status: c.status, street_id: c.streetId, department_id: department },
      values: { concerns: 1, id_sum: c.id, version_sum: c.version, escalated: c.escalated ? 1 : 0 },
    });
  // Each rate fact counts on its Shanghai day and in that day's month.
  const rateRows = (at: Date, values: Record<string, number>): Row[] => {
    const day = shanghaiDate(at);
    const month = day.slice(0, 7);
    const place = { street_id: c.streetId, department_id: department };
    const out: Row[] = [
      { table: RATE_DAY_TABLE, key: { day, ...place }, values },
      { table: RATE_MONTH_TABLE, key: { month, ...place }, values },
    ];
    for (const [facet, valueOf] of Object.entries(RATE_FACETS)) {
      const facetKey = { ...place, facet, facet_value: valueOf(c) };
      out.push(
        { table: RATE_FACET_DAY_TABLE, key: { day, ...facetKey }, values },
        { table: RATE_FACET_MONTH_TABLE, key: { month, ...facetKey }, values },
      );
    }
    return out;
  };
  if (c.dispatchedAt)
    rows.push(
      ...rateRows(c.dispatchedAt, { dispatched: 1, signed_on_time: c.signedAt && c.signDueAt && c.signedAt <= c.signDueAt ? 1 : 0 }),
    );
  if (c.ratedAt)
    rows.push(
      ...rateRows(c.ratedAt, {
        rated: 1,
        solved: c.solved === true ? 1 : 0,
        satisfied: c.satisfaction === 'satisfied' ? 1 : 0,
        basically_satisfied: c.satisfaction === 'basic' ? 1 : 0,
        unsatisfied: c.satisfaction === 'unsatisfied' ? 1 : 0,
        rated_by_callback: c.ratingChannel === 'callback' ? 1 : 0,
      }),
    );
  if (c.triagedAt) rows.push(...rateRows(c.triagedAt, { triaged: 1, accepted_on_time: c.triagedOnTime === true ? 1 : 0 }));
  if (c.status === 'closed' && c.closedAt)
    rows.push(
      ...rateRows(c.closedAt, {
        closed: 1,
        closed_first_time: c.reopenCount === 0 ? 1 : 0,
        closed_on_time: c.repliedOnTime === true ? 1 : 0,
        closed_rated: c.ratedAt ? 1 : 0,
        closed_unreached: c.callbackUnreached ? 1 : 0,
      }),
    );
  return rows;
}

/** Adds after − before to the tallies, in the caller's transaction. */
export async function updateTallies(em: EntityManager, before: TalliedFacts, after: TalliedFacts): Promise<void> {
  const deltas = new Map<string, Row>();
  const add = (rows: Row[], sign: 1 | -1) => {
    for (const row of rows) {
      const id = `${row.table}|${Object.values(row.key).join('|')}`;
      const into = deltas.get(id) ?? deltas.set(id, { table: row.table, key: row.key, values: {} }).get(id)!;
      for (const [k, v] of Object.entries(row.values)) into.values[k] = (into.values[k] ?? 0) + sign * v;
    }
  };
  add(contributions(before), -1);
  add(contributions(after), 1);
  // One order for every step, so two steps touching the same rows lock them in the same order.
  const changed = [...deltas.entries()]
    .filter(([, row]) => Object.values(row.values).some((v) => v !== 0))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [, row] of changed) await upsertAdd(em, row);
}

async function upsertAdd(em: EntityManager, row: Row): Promise<void> {
  const columns = row.table === FINAL_TALLY_TABLE ? FINAL_COLUMNS : RATE_COLUMNS;
  const keyColumns = Object.keys(row.key);
  const all = [...keyColumns, ...columns];
  const params = [...Object.values(row.key), ...columns.map((c) => row.values[c] ?? 0)];
  const insert = `INSERT INTO ${row.table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`;
  const sql = isMysql(em)
    ? `${insert} ON DUPLICATE KEY UPDATE ${columns.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`
    : `${insert} ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
  await em.query(sql, params);
}
