import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isMysql } from '../migration-helpers.js';

/**
 * The content check's flag on a question asked ahead of a visit, carried to the concern it may become.
 * A plain ADD COLUMN on both databases (TypeORM's SQLite addColumn rebuilds the table).
 */
export class VisitQuestionContentReview1795461060000 implements MigrationInterface {
  name = 'VisitQuestionContentReview1795461060000';

  async up(q: QueryRunner): Promise<void> {
    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    await q.query(`ALTER TABLE ${quote('visit_question')} ADD COLUMN ${quote('content_review')} varchar(20) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('visit_question', 'content_review');
  }
}
