import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, datetimeColumn, foreignKey, idColumn, intColumn, isMysql, timestampColumns, varchar } from '../migration-helpers.js';

/** The rate columns as of this migration (concern-tallies.ts RATE_COLUMNS). */
const RATE_COLUMNS = [
  'dispatched',
  'signed_on_time',
  'rated',
  'solved',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'rated_by_callback',
  'triaged',
  'accepted_on_time',
  'closed',
  'closed_first_time',
  'closed_on_time',
  'closed_rated',
  'closed_unreached',
];

/**
 * 双先联、双回访, reply templates, the knowledge base and the complete rates (issue 19):
 * - concern: when and whether on time the triage decision came (按时受理), whether the last reply came
 *   within the 办结时限 (按时办结), the rating's channel (小程序 / 回访), unreached callbacks of the round
 *   and the 未回访 closing; indexes for the 督办 list (returned three times, reopened twice);
 * - concern_contact (先联系) and concern_callback (回访): the records, staff only;
 * - reply_template (答复模板) and knowledge_entry (政策知识库) with its bigram index
 *   knowledge_search_token, built like news_search_token;
 * - concern_rate_day / concern_rate_month rebuilt with the new counts, and concern_rate_facet_day /
 *   concern_rate_facet_month beside them per category and per source (来源), all backfilled from the
 *   concerns: 按时受理 and 按时办结 count from here on (the facts were not kept before); the other counts
 *   are complete.
 * Columns are added with plain ALTER TABLE: TypeORM's SQLite addColumn rebuilds the table, which the
 * foreign keys to it refuse.
 */
export class ContactCallbackAndCompleteRates1795600000000 implements MigrationInterface {
  name = 'ContactCallbackAndCompleteRates1795600000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = isMysql(q);
    const quote = (name: string) => (mysql ? `\`${name}\`` : `"${name}"`);
    const addColumn = (definition: string) => q.query(`ALTER TABLE ${quote('concern')} ADD COLUMN ${definition}`);
    await addColumn(`${quote('triaged_at')} datetime(3) NULL`);
    await addColumn(`${quote('triaged_on_time')} boolean NULL`);
    await addColumn(`${quote('replied_on_time')} boolean NULL`);
    await addColumn(`${quote('rating_channel')} varchar(10) NULL`);
    await addColumn(`${quote('unreached_callbacks')} integer NOT NULL DEFAULT 0`);
    await addColumn(`${quote('callback_unreached')} boolean NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX ${quote('idx_concern_returns')} ON ${quote('concern')} (${quote('return_count')})`);
    await q.query(`CREATE INDEX ${quote('idx_concern_reopens')} ON ${quote('concern')} (${quote('reopen_count')})`);

    await createTable(
      q,
      new Table({
        name: 'concern_contact',
        columns: [
          idColumn(q),
          intColumn('concern_id'),
          intColumn('staff_id', { isNullable: true }),
          varchar('method', 10),
          datetimeColumn(q, 'contacted_at'),
          varchar('note', 200, { isNullable: true }),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
        ],
        indices: [{ name: 'idx_concern_contact_concern', columnNames: ['concern_id', 'id'] }],
        foreignKeys: [foreignKey('fk_concern_contact_concern', 'concern_id', 'concern', 'CASCADE')],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'concern_callback',
        columns: [
          idColumn(q),
          intColumn('concern_id'),
          intColumn('staff_id', { isNullable: true }),
          { name: 'reached', type: 'boolean' },
          { name: 'solved', type: 'boolean', isNullable: true },
          varchar('satisfaction', 20, { isNullable: true }),
          varchar('words', 500, { isNullable: true }),
          datetimeColumn(q, 'called_at'),
          { name: 'counted', type: 'boolean' },
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
        ],
        indices: [{ name: 'idx_concern_callback_concern', columnNames: ['concern_id', 'id'] }],
        foreignKeys: [foreignKey('fk_concern_callback_concern', 'concern_id', 'concern', 'CASCADE')],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'reply_template',
        columns: [
          idColumn(q),
          intColumn('category_id', { isNullable: true }),
          varchar('kind', 20),
          varchar('title', 30),
          { name: 'text', type: 'text' },
          intColumn('updated_by_id', { isNullable: true }),
          ...timestampColumns(q),
        ],
        indices: [{ name: 'idx_reply_template_category', columnNames: ['category_id', 'kind'] }],
        foreignKeys: [foreignKey('fk_reply_template_category', 'category_id', 'category', 'RESTRICT')],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'knowledge_entry',
        columns: [
          idColumn(q),
          varchar('title', 120),
          { name: 'text', type: 'text' },
          varchar('source', 60),
          varchar('valid_until', 10, { isNullable: true }),
          { name: 'search_text', type: 'text', isNullable: true },
          intColumn('updated_by_id', { isNullable: true }),
          ...timestampColumns(q),
        ],
        indices: [{ name: 'idx_knowledge_entry_updated', columnNames: ['updated_at', 'id'] }],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'knowledge_search_token',
        withoutRowid: true,
        columns: [intColumn('entry_id', { isPrimary: true }), varchar('token', 2, { isPrimary: true })],
        indices: [{ name: 'idx_knowledge_search_token', columnNames: ['token', 'entry_id'] }],
      }),
    );
    if (mysql) {
      // Exact code points, as for news_search_token (migration 1795459620000).
      await q.query('ALTER TABLE `knowledge_search_token` MODIFY `token` varchar(2) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL');
      await q.query('ALTER TABLE `knowledge_entry` MODIFY `search_text` text CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL');
    }

    await rebuildRateTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    const mysql = isMysql(q);
    const quote = (name: string) => (mysql ? `\`${name}\`` : `"${name}"`);
    await q.dropTable('knowledge_search_token');
    await q.dropTable('knowledge_entry');
    await q.dropTable('reply_template');
    await q.dropTable('concern_callback');
    await q.dropTable('concern_contact');
    await q.query(`DROP INDEX ${quote('idx_concern_reopens')}${mysql ? ` ON ${quote('concern')}` : ''}`);
    await q.query(`DROP INDEX ${quote('idx_concern_returns')}${mysql ? ` ON ${quote('concern')}` : ''}`);
    for (const column of [
      'callback_unreached',
      'unreached_callbacks',
      'rating_channel',
      'replied_on_time',
      'triaged_on_time',
      'triaged_at',
    ])
      await q.query(`ALTER TABLE ${quote('concern')} DROP COLUMN ${quote(column)}`);
    // concern_rate_day/month keep the new columns (the earlier service's are among them, with the same key).
    await q.dropTable('concern_rate_facet_month');
    await q.dropTable('concern_rate_facet_day');
  }
}

/**
 * The rates' kept counts, dropped and made again from the concerns as they are (the facts of
 * concern-tallies.ts contributions()):
 * - concern_rate_day / concern_rate_month per Shanghai day (month), street and lead department, with every
 *   count — the total, by street, by department;
 * - concern_rate_facet_day / concern_rate_facet_month the same counts also per category or per source
 *   (`facet` 'category' or 'source', `facet_value` the category id or the source), read only for those
 *   groupings: a year of the district by street stays a few thousand rows.
 */
export async function rebuildRateTables(q: QueryRunner): Promise<void> {
  const mysql = isMysql(q);
  for (const table of ['concern_rate_month', 'concern_rate_day', 'concern_rate_facet_month', 'concern_rate_facet_day'])
    if (await q.hasTable(table)) await q.dropTable(table);
  for (const [table, period, length, faceted] of [
    ['concern_rate_day', 'day', 10, false],
    ['concern_rate_month', 'month', 7, false],
    ['concern_rate_facet_day', 'day', 10, true],
    ['concern_rate_facet_month', 'month', 7, true],
  ] as const) {
    await createTable(
      q,
      new Table({
        name: table,
        // The facet leads the key of the faceted tables: a grouping reads only its own facet's range.
        columns: [
          ...(faceted ? [varchar('facet', 10, { isPrimary: true })] : []),
          varchar(period, length, { isPrimary: true }),
          intColumn('street_id', { isPrimary: true }),
          intColumn('department_id', { isPrimary: true }),
          ...(faceted ? [varchar('facet_value', 20, { isPrimary: true })] : []),
          ...RATE_COLUMNS.map((name) => intColumn(name, { default: 0 })),
        ],
      }),
    );
  }
  // The Shanghai calendar day (UTC+8, no daylight saving) of a UTC datetime, as 'YYYY-MM-DD'.
  const day = (column: string) =>
    mysql ? `DATE_FORMAT(DATE_ADD(${column}, INTERVAL 8 HOUR), '%Y-%m-%d')` : `strftime('%Y-%m-%d', ${column}, '+8 hours')`;
  const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
  const key = `street_id, COALESCE(lead_department_id, 0) AS department_id, CAST(category_id AS ${mysql ? 'CHAR' : 'TEXT'}) AS category, source`;
  // One SELECT per kind of fact, each giving every column.
  const fact = (at: string, values: Partial<Record<(typeof RATE_COLUMNS)[number], string>>, where: string) =>
    `SELECT ${day(at)} AS day, ${key}, ${RATE_COLUMNS.map((c) => `${values[c] ?? '0'} AS ${c}`).join(', ')} FROM concern WHERE ${where}`;
  const facts = [
    fact(
      'dispatched_at',
      { dispatched: '1', signed_on_time: flag('signed_at IS NOT NULL AND signed_at <= sign_due_at') },
      'dispatched_at IS NOT NULL',
    ),
    fact(
      'rated_at',
      {
        rated: '1',
        solved: flag('solved = 1'),
        satisfied: flag("satisfaction = 'satisfied'"),
        basically_satisfied: flag("satisfaction = 'basic'"),
        unsatisfied: flag("satisfaction = 'unsatisfied'"),
        rated_by_callback: flag("rating_channel = 'callback'"),
      },
      'rated_at IS NOT NULL',
    ),
    fact('triaged_at', { triaged: '1', accepted_on_time: flag('triaged_on_time = 1') }, 'triaged_at IS NOT NULL'),
    fact(
      'closed_at',
      {
        closed: '1',
        closed_first_time: flag('reopen_count = 0'),
        closed_on_time: flag('replied_on_time = 1'),
        closed_rated: flag('rated_at IS NOT NULL'),
        closed_unreached: flag('callback_unreached = 1'),
      },
      "status = 'closed' AND closed_at IS NOT NULL",
    ),
  ].join(' UNION ALL ');
  const sums = RATE_COLUMNS.map((c) => `SUM(${c})`).join(', ');
  const columns = RATE_COLUMNS.join(', ');
  await q.query(
    `INSERT INTO concern_rate_day (day, street_id, department_id, ${columns})
     SELECT day, street_id, department_id, ${sums} FROM (${facts}) facts GROUP BY day, street_id, department_id`,
  );
  for (const [facet, column] of [
    ['category', 'category'],
    ['source', 'source'],
  ] as const)
    await q.query(
      `INSERT INTO concern_rate_facet_day (day, street_id, department_id, facet, facet_value, ${columns})
       SELECT day, street_id, department_id, '${facet}', ${column}, ${sums} FROM (${facts}) facts GROUP BY day, street_id, department_id, ${column}`,
    );
  await q.query(
    `INSERT INTO concern_rate_month (month, street_id, department_id, ${columns})
     SELECT SUBSTR(day, 1, 7), street_id, department_id, ${sums} FROM concern_rate_day GROUP BY SUBSTR(day, 1, 7), street_id, department_id`,
  );
  await q.query(
    `INSERT INTO concern_rate_facet_month (month, street_id, department_id, facet, facet_value, ${columns})
     SELECT SUBSTR(day, 1, 7), street_id, department_id, facet, facet_value, ${sums}
     FROM concern_rate_facet_day GROUP BY SUBSTR(day, 1, 7), street_id, department_id, facet, facet_value`,
  );
}
