import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, intColumn, varchar } from '../migration-helpers.js';

const RATE_COLUMNS = ['dispatched', 'signed_on_time', 'rated', 'solved', 'satisfied', 'basically_satisfied', 'unsatisfied'];

/**
 * The rates' counts per Shanghai month as well as per day (concern_rate_day): a year of rates then reads
 * its whole months here and only the days at either end from the daily rows, a few thousand rows in all.
 * Kept by the workflow step like the daily rows, and backfilled from them.
 */
export class RateMonthRollup1795471060000 implements MigrationInterface {
  name = 'RateMonthRollup1795471060000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'concern_rate_month',
        columns: [
          varchar('month', 7, { isPrimary: true }),
          intColumn('street_id', { isPrimary: true }),
          intColumn('department_id', { isPrimary: true }),
          ...RATE_COLUMNS.map((name) => intColumn(name, { default: 0 })),
        ],
      }),
    );
    await q.query(
      `INSERT INTO concern_rate_month (month, street_id, department_id, ${RATE_COLUMNS.join(', ')})
       SELECT SUBSTR(day, 1, 7), street_id, department_id, ${RATE_COLUMNS.map((c) => `SUM(${c})`).join(', ')}
       FROM concern_rate_day GROUP BY SUBSTR(day, 1, 7), street_id, department_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('concern_rate_month');
  }
}
