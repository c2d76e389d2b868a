import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isMysql } from '../migration-helpers.js';

/**
 * A photo is re-encoded after its upload is acknowledged: `status` says whether that has happened
 * (existing photos were processed in the request, so they are `ready`), and `original_key` points at
 * the bytes as uploaded until then. Plain ALTER TABLE … ADD COLUMN on both databases, as elsewhere.
 */
export class PhotoProcessing1795470000000 implements MigrationInterface {
  name = 'PhotoProcessing1795470000000';

  async up(q: QueryRunner): Promise<void> {
    const col = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    await q.query(`ALTER TABLE ${col('photo')} ADD COLUMN ${col('status')} varchar(10) NOT NULL DEFAULT 'ready'`);
    await q.query(`ALTER TABLE ${col('photo')} ADD COLUMN ${col('original_key')} varchar(120) NULL`);
    await q.query(`CREATE INDEX ${col('idx_photo_status')} ON ${col('photo')} (${col('status')})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('photo', 'idx_photo_status');
    await q.dropColumn('photo', 'original_key');
    await q.dropColumn('photo', 'status');
  }
}
