import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, datetimeColumn, foreignKey, idColumn, intColumn, timestampColumns, varchar } from '../migration-helpers.js';

/**
 * Visits grow what residents and organisers do with them: sign-ups with a waiting list, questions
 * ahead, the record after the visit and its list of issues. The notification outbox learns to speak
 * about a visit (the day-before reminder has no concern).
 */
export class VisitSignupsAndQuestions1795459680000 implements MigrationInterface {
  name = 'VisitSignupsAndQuestions1795459680000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('visit', [
      new TableColumn(intColumn('confirmed_count', { default: 0 })),
      new TableColumn(intColumn('signup_seq', { default: 0 })),
      new TableColumn(intColumn('attendance', { isNullable: true })),
      new TableColumn({ name: 'summary', type: 'text', isNullable: true }),
      new TableColumn(datetimeColumn(q, 'held_at', { nullable: true })),
      new TableColumn(datetimeColumn(q, 'issues_published_at', { nullable: true })),
    ]);
    await q.createIndex(
      'visit',
      new TableIndex({ name: 'idx_visit_compound_status', columnNames: ['compound_id', 'status', 'starts_at'] }),
    );

    await createTable(
      q,
      new Table({
        name: 'visit_signup',
        columns: [
          idColumn(q),
          intColumn('visit_id'),
          intColumn('resident_id'),
          varchar('status', 20),
          intColumn('queue_seq'),
          datetimeColumn(q, 'confirmed_at', { nullable: true }),
          datetimeColumn(q, 'cancelled_at', { nullable: true }),
          datetimeColumn(q, 'reminded_at', { nullable: true }),
          ...timestampColumns(q),
        ],
        indices: [
          { name: 'uq_visit_signup_resident', columnNames: ['visit_id', 'resident_id'], isUnique: true },
          { name: 'idx_visit_signup_queue', columnNames: ['visit_id', 'status', 'queue_seq'] },
        ],
        foreignKeys: [
          foreignKey('fk_visit_signup_visit', 'visit_id', 'visit', 'CASCADE'),
          foreignKey('fk_visit_signup_resident', 'resident_id', 'resident', 'CASCADE'),
        ],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'visit_question',
        columns: [
          idColumn(q),
          intColumn('visit_id'),
          intColumn('resident_id'),
          varchar('addressed_to', 20),
          varchar('text', 500),
          varchar('status', 20),
          { name: 'answer', type: 'text', isNullable: true },
          datetimeColumn(q, 'answered_at', { nullable: true }),
          intColumn('handled_by_id', { isNullable: true }),
          intColumn('concern_id', { isNullable: true }),
          ...timestampColumns(q),
        ],
        indices: [
          { name: 'idx_visit_question_visit', columnNames: ['visit_id', 'id'] },
          { name: 'idx_visit_question_resident', columnNames: ['resident_id', 'visit_id'] },
        ],
        foreignKeys: [
          foreignKey('fk_visit_question_visit', 'visit_id', 'visit', 'CASCADE'),
          foreignKey('fk_visit_question_resident', 'resident_id', 'resident', 'CASCADE'),
          foreignKey('fk_visit_question_concern', 'concern_id', 'concern', 'RESTRICT'),
        ],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'visit_issue',
        columns: [
          idColumn(q),
          intColumn('visit_id'),
          intColumn('position'),
          varchar('text', 500),
          intColumn('concern_id'),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
        ],
        indices: [{ name: 'idx_visit_issue_visit', columnNames: ['visit_id', 'position'] }],
        foreignKeys: [
          foreignKey('fk_visit_issue_visit', 'visit_id', 'visit', 'CASCADE'),
          foreignKey('fk_visit_issue_concern', 'concern_id', 'concern', 'RESTRICT'),
        ],
      }),
    );

    // A reminder is about a visit, not a concern.
    await setNullable(q, 'notification', 'concern_id', true);
    await q.addColumn('notification', new TableColumn(intColumn('visit_id', { isNullable: true })));
    await q.createForeignKey('notification', new TableForeignKey(foreignKey('fk_notification_visit', 'visit_id', 'visit', 'CASCADE')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropForeignKey('notification', 'fk_notification_visit');
    await q.dropColumn('notification', 'visit_id');
    // Messages without a concern cannot survive the column becoming required again.
    await q.query('DELETE FROM notification WHERE concern_id IS NULL');
    await setNullable(q, 'notification', 'concern_id', false);

    for (const table of ['visit_issue', 'visit_question', 'visit_signup']) await q.dropTable(table);
    // MariaDB let this index stand in for the compound foreign key's own: it goes with the key, which then gets its index back.
    await q.dropForeignKey('visit', 'fk_visit_compound');
    await q.dropIndex('visit', 'idx_visit_compound_status');
    await q.createForeignKey('visit', new TableForeignKey(foreignKey('fk_visit_compound', 'compound_id', 'compound', 'RESTRICT')));
    for (const column of ['issues_published_at', 'held_at', 'summary', 'attendance', 'signup_seq', 'confirmed_count']) {
      await q.dropColumn('visit', column);
    }
  }
}

/** Changes only whether a column takes NULL: on MariaDB an ALTER … CHANGE that keeps its foreign key. */
async function setNullable(q: QueryRunner, tableName: string, columnName: string, nullable: boolean): Promise<void> {
  const table = await q.getTable(tableName);
  const column = table?.findColumnByName(columnName);
  if (!table || !column) throw new Error(`${tableName}.${columnName} is missing`);
  const changed = column.clone();
  changed.isNullable = nullable;
  await q.changeColumn(table, column, changed);
}
