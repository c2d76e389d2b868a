import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  booleanColumn,
  createTable,
  datetimeColumn,
  foreignKey,
  idColumn,
  intColumn,
  timestampColumns,
  uniqueIndex,
  varchar,
} from '../migration-helpers.js';

export class CreateStaffAccounts1795459260000 implements MigrationInterface {
  name = 'CreateStaffAccounts1795459260000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'staff_account',
        columns: [
          idColumn(q),
          varchar('username', 40),
          varchar('display_name', 40),
          varchar('password_hash', 255),
          varchar('role', 20),
          intColumn('street_id', { isNullable: true }),
          intColumn('department_id', { isNullable: true }),
          booleanColumn('disabled', false),
          booleanColumn('has_demo_password', false),
          intColumn('failed_logins', { default: 0 }),
          datetimeColumn(q, 'locked_until', { nullable: true }),
          datetimeColumn(q, 'password_changed_at'),
          ...timestampColumns(q),
        ],
        indices: [uniqueIndex('uq_staff_account_username', 'username')],
        foreignKeys: [
          foreignKey('fk_staff_account_street', 'street_id', 'street', 'RESTRICT'),
          foreignKey('fk_staff_account_department', 'department_id', 'department', 'RESTRICT'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('staff_account');
  }
}
