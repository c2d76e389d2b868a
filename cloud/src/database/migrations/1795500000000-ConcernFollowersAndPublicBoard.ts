import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, datetimeColumn, foreignKey, idColumn, intColumn, isMysql, jsonTextColumn, varchar } from '../migration-helpers.js';

/**
 * 附议 and the public board (issue 17):
 * - concern_follower: a resident following a concern ("我也遇到了"), with their own rating of the reply
 *   (kept apart from the reporter's, never in the three rates);
 * - concern.follower_count: the followers, kept with each follow and unfollow, for the inbox's 多人反映
 *   filter and sort without counting per row;
 * - concern.publish_consent: the reporter agreed at submit to publish it on the street's board (off by default);
 * - concern_public_case: what staff approved for the board (masked texts, chosen photos), and its withdrawal.
 * Columns are added with plain ALTER TABLE: TypeORM's SQLite addColumn rebuilds the table, which the
 * foreign keys to it refuse.
 */
export class ConcernFollowersAndPublicBoard1795500000000 implements MigrationInterface {
  name = 'ConcernFollowersAndPublicBoard1795500000000';

  async up(q: QueryRunner): Promise<void> {
    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    await q.query(`ALTER TABLE ${quote('concern')} ADD COLUMN ${quote('follower_count')} integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE ${quote('concern')} ADD COLUMN ${quote('publish_consent')} boolean NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX ${quote('idx_concern_followers')} ON ${quote('concern')} (${quote('follower_count')}, ${quote('id')})`);
    await createTable(
      q,
      new Table({
        name: 'concern_follower',
        columns: [
          idColumn(q),
          intColumn('concern_id'),
          intColumn('resident_id'),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
          { name: 'solved', type: 'boolean', isNullable: true },
          varchar('satisfaction', 20, { isNullable: true }),
          varchar('rating_comment', 500, { isNullable: true }),
          datetimeColumn(q, 'rated_at', { nullable: true }),
        ],
        indices: [
          { name: 'uq_concern_follower', columnNames: ['concern_id', 'resident_id'], isUnique: true },
          { name: 'idx_concern_follower_resident', columnNames: ['resident_id', 'id'] },
        ],
        foreignKeys: [
          foreignKey('fk_concern_follower_concern', 'concern_id', 'concern', 'CASCADE'),
          foreignKey('fk_concern_follower_resident', 'resident_id', 'resident', 'CASCADE'),
        ],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'concern_public_case',
        columns: [
          { ...intColumn('concern_id'), isPrimary: true },
          intColumn('street_id'),
          { name: 'public_text', type: 'text' },
          { name: 'public_reply', type: 'text' },
          jsonTextColumn('photo_ids'),
          intColumn('published_by', { isNullable: true }),
          datetimeColumn(q, 'published_at'),
          datetimeColumn(q, 'withdrawn_at', { nullable: true }),
        ],
        indices: [{ name: 'idx_concern_public_case_board', columnNames: ['street_id', 'withdrawn_at', 'published_at'] }],
        foreignKeys: [
          foreignKey('fk_concern_public_case_concern', 'concern_id', 'concern', 'CASCADE'),
          foreignKey('fk_concern_public_case_street', 'street_id', 'street', 'RESTRICT'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    await q.dropTable('concern_public_case');
    await q.dropTable('concern_follower');
    if (isMysql(q)) await q.query(`DROP INDEX ${quote('idx_concern_followers')} ON ${quote('concern')}`);
    else await q.query(`DROP INDEX ${quote('idx_concern_followers')}`);
    await q.query(`ALTER TABLE ${quote('concern')} DROP COLUMN ${quote('publish_consent')}`);
    await q.query(`ALTER TABLE ${quote('concern')} DROP COLUMN ${quote('follower_count')}`);
  }
}
