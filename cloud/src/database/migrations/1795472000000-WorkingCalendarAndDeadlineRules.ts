import { packageCalendarDays, packageCalendarYears } from '@manyi/shared/package-calendar';
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, datetimeColumn, insertRows, intColumn, isMysql, jsonTextColumn, varchar } from '../migration-helpers.js';

/**
 * The working calendar and the deadline rules become data (工作日历, 时限设置): the calendar's dated
 * exceptions and the years entered, seeded from the chinese-days package for every year it holds (the
 * version pinned in package-lock.json); one settings record (no row: the defaults). Each concern also
 * remembers when its running clocks started, so a calendar change can count them again; for concerns
 * already open that start is taken from their timeline.
 */
export class WorkingCalendarAndDeadlineRules1795472000000 implements MigrationInterface {
  name = 'WorkingCalendarAndDeadlineRules1795472000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'calendar_year',
        columns: [
          intColumn('year', { isPrimary: true }),
          varchar('source', 10),
          datetimeColumn(q, 'updated_at', { nullable: true }),
          intColumn('updated_by_id', { isNullable: true }),
        ],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'calendar_day',
        columns: [varchar('date', 10, { isPrimary: true }), intColumn('year'), varchar('kind', 10), varchar('name', 40)],
        indices: [{ name: 'idx_calendar_day_year', columnNames: ['year'] }],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'deadline_settings',
        columns: [
          intColumn('id', { isPrimary: true }),
          jsonTextColumn('settings'),
          datetimeColumn(q, 'updated_at'),
          intColumn('updated_by_id', { isNullable: true }),
        ],
      }),
    );

    const years = packageCalendarYears();
    await insertRows(
      q,
      'calendar_year',
      years.map((year) => ({ year, source: 'package', updated_at: null, updated_by_id: null })),
    );
    await insertRows(
      q,
      'calendar_day',
      years.flatMap((year) => packageCalendarDays(year).map((d) => ({ date: d.date, year, kind: d.kind, name: d.name }))),
    );

    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    // A plain ADD COLUMN on both databases (TypeORM's SQLite addColumn rebuilds the table).
    for (const column of ['due_from', 'resolve_from'])
      await q.query(`ALTER TABLE ${quote('concern')} ADD COLUMN ${quote(column)} datetime(3) NULL`);
    const lastEvent = (actions: string[]) =>
      `(SELECT MAX(e.created_at) FROM concern_event e WHERE e.concern_id = concern.id AND e.action IN (${actions.map((a) => `'${a}'`).join(', ')}))`;
    // 办结 counts from the dispatch, or from the reopen (a rating) that restarted it.
    await q.query(`UPDATE concern SET resolve_from = COALESCE(${lastEvent(['rate'])}, dispatched_at) WHERE resolve_due_at IS NOT NULL`);
    await q.query(`UPDATE concern SET due_from = created_at WHERE due_kind = 'triage'`);
    await q.query(`UPDATE concern SET due_from = dispatched_at WHERE due_kind = 'sign'`);
    await q.query(`UPDATE concern SET due_from = resolve_from WHERE due_kind = 'resolve'`);
    await q.query(`UPDATE concern SET due_from = ${lastEvent(['accept', 'return'])} WHERE due_kind = 'dispatch'`);
    await q.query(`UPDATE concern SET due_from = ${lastEvent(['reply'])} WHERE due_kind = 'review'`);
    await q.query(`UPDATE concern SET due_from = ${lastEvent(['approve-reply'])} WHERE due_kind = 'rating'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('concern', 'resolve_from');
    await q.dropColumn('concern', 'due_from');
    await q.dropTable('deadline_settings');
    await q.dropTable('calendar_day');
    await q.dropTable('calendar_year');
  }
}
