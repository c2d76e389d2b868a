import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  booleanColumn,
  createTable,
  datetimeColumn,
  foreignKey,
  idColumn,
  intColumn,
  jsonTextColumn,
  timestampColumns,
  varchar,
} from '../migration-helpers.js';

/** The first shape of news articles and visits, enough for demo content; their own issue grows them. */
export class CreateNewsAndVisits1795459320000 implements MigrationInterface {
  name = 'CreateNewsAndVisits1795459320000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'news_article',
        columns: [
          idColumn(q),
          intColumn('street_id'),
          varchar('title', 120),
          jsonTextColumn('body'),
          varchar('source', 60, { isNullable: true }),
          varchar('status', 20),
          datetimeColumn(q, 'published_at', { nullable: true }),
          booleanColumn('is_demo', false),
          ...timestampColumns(q),
        ],
        indices: [{ name: 'idx_news_street_published', columnNames: ['street_id', 'status', 'published_at'] }],
        foreignKeys: [foreignKey('fk_news_article_street', 'street_id', 'street', 'RESTRICT')],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'visit',
        columns: [
          idColumn(q),
          varchar('title', 120),
          intColumn('street_id'),
          intColumn('compound_id', { isNullable: true }),
          varchar('place', 120),
          datetimeColumn(q, 'starts_at'),
          datetimeColumn(q, 'ends_at'),
          jsonTextColumn('participants'),
          jsonTextColumn('topics'),
          intColumn('capacity'),
          varchar('status', 20),
          booleanColumn('is_demo', false),
          ...timestampColumns(q),
        ],
        indices: [{ name: 'idx_visit_street_starts', columnNames: ['street_id', 'starts_at'] }],
        foreignKeys: [
          foreignKey('fk_visit_street', 'street_id', 'street', 'RESTRICT'),
          foreignKey('fk_visit_compound', 'compound_id', 'compound', 'RESTRICT'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('visit');
    await q.dropTable('news_article');
  }
}
