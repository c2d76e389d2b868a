import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes shaped for the staff inbox and the rates at district scale (a million concerns):
 * - each scope (the whole district, a street, a lead department) by deadline, so 已超期 and the list of
 *   everything walk an index in deadline order and stop after a page, and the district's status views
 *   (待受理 for a supervisor) read only their status;
 * - the rates read the concerns dispatched, and those rated, in a date range: each of these indexes
 *   holds every column that count needs, so the count is read from the index alone.
 */
const INDEXES = [
  new TableIndex({ name: 'idx_concern_due', columnNames: ['due_at'] }),
  new TableIndex({ name: 'idx_concern_status_due', columnNames: ['status', 'due_at'] }),
  new TableIndex({ name: 'idx_concern_street_due', columnNames: ['street_id', 'due_at'] }),
  new TableIndex({ name: 'idx_concern_department_due', columnNames: ['lead_department_id', 'due_at'] }),
  new TableIndex({
    name: 'idx_concern_rates_dispatched',
    columnNames: ['dispatched_at', 'street_id', 'lead_department_id', 'signed_at', 'sign_due_at'],
  }),
  new TableIndex({
    name: 'idx_concern_rates_rated',
    columnNames: ['rated_at', 'street_id', 'lead_department_id', 'solved', 'satisfaction'],
  }),
];

export class ConcernInboxAndRatesIndexes1795464000000 implements MigrationInterface {
  name = 'ConcernInboxAndRatesIndexes1795464000000';

  async up(q: QueryRunner): Promise<void> {
    for (const index of INDEXES) await q.createIndex('concern', index);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [...INDEXES].reverse()) await q.dropIndex('concern', index.name!);
  }
}
