import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, foreignKey, idColumn, intColumn } from '../migration-helpers.js';

/** Links concerns to their photos, for photo read permissions. */
export class ConcernPhotos1795459740000 implements MigrationInterface {
  name = 'ConcernPhotos1795459740000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'concern_photo',
        columns: [idColumn(q), intColumn('concern_id'), intColumn('photo_id')],
        indices: [
          { name: 'uq_concern_photo', columnNames: ['concern_id', 'photo_id'], isUnique: true },
          { name: 'idx_concern_photo_photo', columnNames: ['photo_id'] },
        ],
        foreignKeys: [
          foreignKey('fk_concern_photo_concern', 'concern_id', 'concern', 'CASCADE'),
          foreignKey('fk_concern_photo_photo', 'photo_id', 'photo', 'CASCADE'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('concern_photo');
  }
}
