import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, intColumn, isMysql, varchar } from '../migration-helpers.js';

/**
 * News search (docs/news.md "News search"): a normalised copy of each article's text, and a table of its
 * character bigrams with an index on the bigram — one schema and one query on SQLite and MariaDB.
 * Also the indexes that list published news newest first, per street and overall (with the status, so
 * that the newest can be counted from the index alone).
 *
 * Existing articles keep `search_text` NULL here: the service indexes them when it starts, with the
 * normaliser of its own version (a migration must not depend on today's code).
 */
export class NewsSearch1795459620000 implements MigrationInterface {
  name = 'NewsSearch1795459620000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('news_article', new TableColumn({ name: 'search_text', type: 'text', isNullable: true }));
    await q.createIndex(
      'news_article',
      new TableIndex({ name: 'idx_news_street_time', columnNames: ['street_id', 'published_at', 'id', 'status'] }),
    );
    await q.createIndex('news_article', new TableIndex({ name: 'idx_news_time', columnNames: ['published_at', 'id', 'status'] }));

    await createTable(
      q,
      new Table({
        name: 'news_search_token',
        // SQLite keeps the rows in primary-key order, without a second copy keyed by rowid.
        withoutRowid: true,
        columns: [intColumn('article_id', { isPrimary: true }), varchar('token', 2, { isPrimary: true })],
        // No foreign key: news_article must stay truncatable on MariaDB (see news-search-token.entity.ts).
        indices: [{ name: 'idx_news_search_token', columnNames: ['token', 'article_id'] }],
      }),
    );

    if (isMysql(q)) {
      // Exact code-point comparison, as SQLite does: utf8mb4_unicode_ci would fold case, accents and
      // widths (and treat every 4-byte character as equal), which turns distinct bigrams into
      // duplicate keys and makes LIKE match what the normaliser kept apart.
      await q.query('ALTER TABLE `news_search_token` MODIFY `token` varchar(2) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL');
      await q.query('ALTER TABLE `news_article` MODIFY `search_text` text CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('news_search_token');
    await q.dropIndex('news_article', 'idx_news_time');
    await q.dropIndex('news_article', 'idx_news_street_time');
    await q.dropColumn('news_article', 'search_text');
  }
}
