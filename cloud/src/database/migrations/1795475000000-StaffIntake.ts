import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, datetimeColumn, foreignKey, idColumn, intColumn, uniqueIndex, varchar } from '../migration-helpers.js';

/**
 * 代录 (issue 18): what a concern filed by staff for a resident adds to it — the filer, the visit or the
 * 12345 order (unique), the resident's name encrypted and masked, and the phone's lookup hash by which
 * the resident claims it after verifying that number. The channel itself is the concern's `source`.
 */
export class StaffIntake1795475000000 implements MigrationInterface {
  name = 'StaffIntake1795475000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'concern_intake',
        columns: [
          idColumn(q),
          intColumn('concern_id'),
          intColumn('staff_id'),
          intColumn('visit_id', { isNullable: true }),
          varchar('order_number', 32, { isNullable: true }),
          varchar('contact_name_encrypted', 255, { isNullable: true }),
          varchar('contact_name_masked', 24, { isNullable: true }),
          varchar('phone_hash', 64, { isNullable: true }),
          datetimeColumn(q, 'claimed_at', { nullable: true }),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
        ],
        indices: [
          uniqueIndex('uq_concern_intake_concern', 'concern_id'),
          uniqueIndex('uq_concern_intake_order', 'order_number'),
          { name: 'idx_concern_intake_phone', columnNames: ['phone_hash'] },
          { name: 'idx_concern_intake_visit', columnNames: ['visit_id'] },
        ],
        foreignKeys: [
          foreignKey('fk_concern_intake_concern', 'concern_id', 'concern', 'CASCADE'),
          foreignKey('fk_concern_intake_staff', 'staff_id', 'staff_account', 'RESTRICT'),
          foreignKey('fk_concern_intake_visit', 'visit_id', 'visit', 'RESTRICT'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('concern_intake');
  }
}
