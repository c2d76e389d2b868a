import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, datetimeColumn, foreignKey, idColumn, intColumn, isMysql, timestampColumns, varchar } from '../migration-helpers.js';

/**
 * WeChat integration: subscribe-message consents and send attempts; the content check's flag on a
 * concern; a photo's image-check trace and whether it is hidden. Columns are added with plain
 * ALTER TABLE … ADD COLUMN on both databases: TypeORM's SQLite addColumn rebuilds the table, and
 * dropping `concern` with foreign keys on would cascade into its timeline.
 */
export class WechatIntegration1795461000000 implements MigrationInterface {
  name = 'WechatIntegration1795461000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'subscribe_consent',
        columns: [
          idColumn(q),
          intColumn('resident_id'),
          varchar('template_id', 64),
          intColumn('remaining', { default: 0 }),
          ...timestampColumns(q),
        ],
        indices: [{ name: 'uq_subscribe_consent', columnNames: ['resident_id', 'template_id'], isUnique: true }],
        foreignKeys: [foreignKey('fk_subscribe_consent_resident', 'resident_id', 'resident', 'CASCADE')],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'subscribe_attempt',
        columns: [
          idColumn(q),
          intColumn('notification_id'),
          varchar('template_id', 64),
          varchar('outcome', 20),
          intColumn('errcode', { isNullable: true }),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
          datetimeColumn(q, 'finished_at', { nullable: true }),
        ],
        indices: [{ name: 'idx_subscribe_attempt_notification', columnNames: ['notification_id'] }],
        foreignKeys: [foreignKey('fk_subscribe_attempt_notification', 'notification_id', 'notification', 'CASCADE')],
      }),
    );
    const mysql = isMysql(q);
    const col = (name: string) => (mysql ? `\`${name}\`` : `"${name}"`);
    await q.query(`ALTER TABLE ${col('concern')} ADD COLUMN ${col('content_review')} varchar(20) NULL`);
    await q.query(
      `ALTER TABLE ${col('photo')} ADD COLUMN ${col('hidden')} ${mysql ? 'tinyint' : 'boolean'} NOT NULL DEFAULT ${mysql ? '0' : '(0)'}`,
    );
    await q.query(`ALTER TABLE ${col('photo')} ADD COLUMN ${col('media_trace_id')} varchar(64) NULL`);
    await q.query(`CREATE INDEX ${col('idx_photo_media_trace')} ON ${col('photo')} (${col('media_trace_id')})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('photo', 'idx_photo_media_trace');
    await q.dropColumn('photo', 'media_trace_id');
    await q.dropColumn('photo', 'hidden');
    await q.dropColumn('concern', 'content_review');
    await q.dropTable('subscribe_attempt');
    await q.dropTable('subscribe_consent');
  }
}
