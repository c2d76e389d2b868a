import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, intColumn, isMysql, varchar } from '../migration-helpers.js';

const FINAL_STATUSES = ['rejected', 'merged', 'closed', 'withdrawn'];

/**
 * The inbox badges and the rates at district scale, without reading the finished concerns:
 * - idx_concern_open_counts holds every column the badges count for the open concerns (a few percent of
 *   the table), so that count is read from the index alone;
 * - concern_final_tally counts the finished ones (已办结, 不予受理, 已合并, 已撤销) per status, street and
 *   lead department (0 = none): a concern only enters, leaves or changes there through a workflow step,
 *   which maintains it in its own transaction;
 * - concern_rate_day holds the rates' counts per Shanghai day, street and lead department, maintained
 *   the same way, so a year of rates reads a few tens of thousands of small rows instead of every concern.
 * Both are backfilled here from the concerns as they are.
 */
export class InboxCountsAndRateRollup1795471000000 implements MigrationInterface {
  name = 'InboxCountsAndRateRollup1795471000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = isMysql(q);
    const bigint = (name: string) => ({ name, type: 'bigint', default: 0 });
    await q.createIndex(
      'concern',
      new TableIndex({
        name: 'idx_concern_open_counts',
        columnNames: ['status', 'street_id', 'lead_department_id', 'escalated', 'version'],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'concern_final_tally',
        columns: [
          varchar('status', 20, { isPrimary: true }),
          intColumn('street_id', { isPrimary: true }),
          intColumn('department_id', { isPrimary: true }),
          intColumn('concerns', { default: 0 }),
          bigint('id_sum'),
          bigint('version_sum'),
          intColumn('escalated', { default: 0 }),
        ],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'concern_rate_day',
        columns: [
          varchar('day', 10, { isPrimary: true }),
          intColumn('street_id', { isPrimary: true }),
          intColumn('department_id', { isPrimary: true }),
          ...['dispatched', 'signed_on_time', 'rated', 'solved', 'satisfied', 'basically_satisfied', 'unsatisfied'].map((name) =>
            intColumn(name, { default: 0 }),
          ),
        ],
      }),
    );

    const finals = FINAL_STATUSES.map((s) => `'${s}'`).join(', ');
    await q.query(
      `INSERT INTO concern_final_tally (status, street_id, department_id, concerns, id_sum, version_sum, escalated)
       SELECT status, street_id, COALESCE(lead_department_id, 0), COUNT(*), SUM(id), SUM(version), SUM(CASE WHEN escalated = 1 THEN 1 ELSE 0 END)
       FROM concern WHERE status IN (${finals}) GROUP BY status, street_id, COALESCE(lead_department_id, 0)`,
    );
    // The Shanghai calendar day (UTC+8, no daylight saving) of a UTC datetime, as 'YYYY-MM-DD'.
    const day = (column: string) =>
      mysql ? `DATE_FORMAT(DATE_ADD(${column}, INTERVAL 8 HOUR), '%Y-%m-%d')` : `strftime('%Y-%m-%d', ${column}, '+8 hours')`;
    const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
    await q.query(
      `INSERT INTO concern_rate_day (day, street_id, department_id, dispatched, signed_on_time, rated, solved, satisfied, basically_satisfied, unsatisfied)
       SELECT day, street_id, department_id, SUM(dispatched), SUM(signed_on_time), SUM(rated), SUM(solved), SUM(satisfied), SUM(basically_satisfied), SUM(unsatisfied)
       FROM (
         SELECT ${day('dispatched_at')} AS day, street_id, COALESCE(lead_department_id, 0) AS department_id, 1 AS dispatched,
                ${flag('signed_at IS NOT NULL AND signed_at <= sign_due_at')} AS signed_on_time,
                0 AS rated, 0 AS solved, 0 AS satisfied, 0 AS basically_satisfied, 0 AS unsatisfied
         FROM concern WHERE dispatched_at IS NOT NULL
         UNION ALL
         SELECT ${day('rated_at')}, street_id, COALESCE(lead_department_id, 0), 0, 0, 1, ${flag('solved = 1')},
                ${flag("satisfaction = 'satisfied'")}, ${flag("satisfaction = 'basic'")}, ${flag("satisfaction = 'unsatisfied'")}
         FROM concern WHERE rated_at IS NOT NULL
       ) facts
       GROUP BY day, street_id, department_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('concern_rate_day');
    await q.dropTable('concern_final_tally');
    await q.dropIndex('concern', 'idx_concern_open_counts');
  }
}
