import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, datetimeColumn, foreignKey, idColumn, intColumn, uniqueIndex, varchar } from '../migration-helpers.js';

/** Open311 GeoReport v2: partners' API keys (stored hashed) and what each filed request adds to its concern. */
export class Open311Requests1795460000000 implements MigrationInterface {
  name = 'Open311Requests1795460000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'open311_key',
        columns: [
          idColumn(q),
          varchar('partner', 60),
          varchar('key_hash', 64),
          varchar('key_prefix', 12),
          intColumn('created_by_id', { isNullable: true }),
          datetimeColumn(q, 'revoked_at', { nullable: true }),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
        ],
        indices: [uniqueIndex('uq_open311_key_hash', 'key_hash')],
        foreignKeys: [foreignKey('fk_open311_key_created_by', 'created_by_id', 'staff_account', 'RESTRICT')],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'open311_request',
        columns: [
          idColumn(q),
          intColumn('concern_id'),
          intColumn('key_id'),
          varchar('media_url', 500, { isNullable: true }),
          { name: 'contact_encrypted', type: 'text', isNullable: true },
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
        ],
        indices: [
          uniqueIndex('uq_open311_request_concern', 'concern_id'),
          { name: 'idx_open311_request_key', columnNames: ['key_id', 'concern_id'] },
        ],
        foreignKeys: [
          foreignKey('fk_open311_request_concern', 'concern_id', 'concern', 'CASCADE'),
          foreignKey('fk_open311_request_key', 'key_id', 'open311_key', 'RESTRICT'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('open311_request');
    await q.dropTable('open311_key');
  }
}
