import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { booleanColumn, createTable, datetimeColumn, idColumn, timestampColumns, uniqueIndex, varchar } from '../migration-helpers.js';

export class CreateResidents1795459440000 implements MigrationInterface {
  name = 'CreateResidents1795459440000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'resident',
        columns: [
          idColumn(q),
          varchar('openid', 64, { isNullable: true }),
          varchar('unionid', 64, { isNullable: true }),
          varchar('nickname', 40),
          booleanColumn('is_preview', false),
          datetimeColumn(q, 'deleted_at', { nullable: true }),
          ...timestampColumns(q),
        ],
        indices: [uniqueIndex('uq_resident_openid', 'openid')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('resident');
  }
}
