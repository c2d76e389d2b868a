import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, datetimeColumn, foreignKey, idColumn, intColumn, uniqueIndex, varchar } from '../migration-helpers.js';

/** Uploaded photos: the row that concerns and replies refer to; the bytes live in the photo storage. */
export class CreatePhotos1795459500000 implements MigrationInterface {
  name = 'CreatePhotos1795459500000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'photo',
        columns: [
          idColumn(q),
          varchar('uploader_kind', 10),
          intColumn('resident_id', { isNullable: true }),
          intColumn('staff_id', { isNullable: true }),
          varchar('storage_key', 120),
          varchar('thumbnail_key', 120),
          varchar('mime', 40),
          intColumn('width'),
          intColumn('height'),
          intColumn('bytes'),
          varchar('sha256', 64),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
        ],
        indices: [
          uniqueIndex('uq_photo_storage_key', 'storage_key'),
          { name: 'idx_photo_resident', columnNames: ['resident_id'] },
          { name: 'idx_photo_staff', columnNames: ['staff_id'] },
        ],
        foreignKeys: [
          foreignKey('fk_photo_resident', 'resident_id', 'resident', 'RESTRICT'),
          foreignKey('fk_photo_staff', 'staff_id', 'staff_account', 'RESTRICT'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('photo');
  }
}
