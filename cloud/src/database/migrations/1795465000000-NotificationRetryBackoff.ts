import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isMysql } from '../migration-helpers.js';

/**
 * The outbox's back-off: a failed send is not tried again before `next_attempt_at`. A plain ADD COLUMN
 * on both databases: TypeORM's SQLite addColumn rebuilds the table, and dropping `notification` with
 * foreign keys on would cascade into its subscribe attempts.
 */
export class NotificationRetryBackoff1795465000000 implements MigrationInterface {
  name = 'NotificationRetryBackoff1795465000000';

  async up(q: QueryRunner): Promise<void> {
    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    await q.query(`ALTER TABLE ${quote('notification')} ADD COLUMN ${quote('next_attempt_at')} datetime(3) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    await q.query(`ALTER TABLE ${quote('notification')} DROP COLUMN ${quote('next_attempt_at')}`);
  }
}
