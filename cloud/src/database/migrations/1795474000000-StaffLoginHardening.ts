import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { booleanColumn, createTable, datetimeColumn, foreignKey, idColumn, intColumn, isMysql, varchar } from '../migration-helpers.js';

/**
 * Login hardening (issue 21): failed logins are counted per username and source address in their own
 * table, atomically, with a growing delay instead of the account-wide lock anyone could trigger; a
 * temporary password must be changed before anything else; the last password hashes are kept so a
 * change cannot go back to one of them; an optional TOTP second factor (the secret encrypted).
 */
export class StaffLoginHardening1795474000000 implements MigrationInterface {
  name = 'StaffLoginHardening1795474000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'login_throttle',
        columns: [
          idColumn(q),
          varchar('username', 40),
          varchar('address', 45),
          intColumn('failures', { default: 0 }),
          datetimeColumn(q, 'next_attempt_at', { nullable: true }),
          datetimeColumn(q, 'updated_at'),
        ],
        indices: [
          { name: 'uq_login_throttle_key', columnNames: ['username', 'address'], isUnique: true },
          { name: 'idx_login_throttle_updated', columnNames: ['updated_at'] },
        ],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'staff_password_history',
        columns: [idColumn(q), intColumn('staff_id'), varchar('password_hash', 255), datetimeColumn(q, 'created_at')],
        indices: [{ name: 'idx_staff_password_history_staff', columnNames: ['staff_id', 'id'] }],
        foreignKeys: [foreignKey('fk_staff_password_history_staff', 'staff_id', 'staff_account', 'CASCADE')],
      }),
    );
    // Plain ADD COLUMNs: TypeORM's SQLite addColumn rebuilds the table, which the foreign keys to staff_account refuse.
    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    const add = (column: TableColumn) => q.addColumn('staff_account', column);
    if (isMysql(q)) {
      await add(new TableColumn(booleanColumn('must_change_password', false)));
      await add(new TableColumn(varchar('totp_secret', 255, { isNullable: true })));
      await add(new TableColumn(booleanColumn('totp_enabled', false)));
      await add(new TableColumn(intColumn('totp_last_step', { isNullable: true })));
    } else {
      const table = quote('staff_account');
      await q.query(`ALTER TABLE ${table} ADD COLUMN ${quote('must_change_password')} boolean NOT NULL DEFAULT (0)`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN ${quote('totp_secret')} varchar(255) NULL`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN ${quote('totp_enabled')} boolean NOT NULL DEFAULT (0)`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN ${quote('totp_last_step')} integer NULL`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    for (const column of ['totp_last_step', 'totp_enabled', 'totp_secret', 'must_change_password']) {
      await q.query(`ALTER TABLE ${quote('staff_account')} DROP COLUMN ${quote(column)}`);
    }
    await q.dropTable('staff_password_history');
    await q.dropTable('login_throttle');
  }
}
