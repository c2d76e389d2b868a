import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { booleanColumn, isMysql } from '../migration-helpers.js';

/**
 * The demo district's residents (demo mode only) are marked, like demo news and visits: the preview's
 * 演示居民 button signs in as one of them, and the seeder knows it has already run.
 */
export class DemoResidents1795473000000 implements MigrationInterface {
  name = 'DemoResidents1795473000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('resident', new TableColumn(booleanColumn('is_demo', false)));
  }

  async down(q: QueryRunner): Promise<void> {
    // A plain DROP COLUMN: TypeORM's SQLite dropColumn rebuilds the table, which the concerns' foreign keys refuse.
    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    await q.query(`ALTER TABLE ${quote('resident')} DROP COLUMN ${quote('is_demo')}`);
  }
}
