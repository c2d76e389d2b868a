import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  createTable,
  datetimeColumn,
  foreignKey,
  idColumn,
  insertRows,
  intColumn,
  isMysql,
  jsonTextColumn,
  varchar,
} from '../migration-helpers.js';

/** The statuses in which a department holds a concern (co-handling goes on), as of this migration. */
const HANDLED = ['dispatched', 'in_progress', 'reopened'];

/**
 * 协办 for real, and alerts for staff (issue 18):
 * - concern_co_handler: one row per co-handling department of a concern, with its own status, sign-for
 *   deadline, part and reasons — replacing the concern's JSON list `co_handler_ids`, whose ids become
 *   rows (those of concerns still with a department wait for their part; the others count as waived,
 *   as nobody asked for a part then). A sign-for deadline already passed is not chased afterwards;
 * - concern.warned_due_at: the deadline whose approach was last announced (即将超期), once per deadline;
 * - staff_alert: the staff members' notification center;
 * - alert_webhook_message: the outbox of group-robot messages (企业微信群机器人), delivered with retries;
 * - department/street alert_webhook_encrypted (the robot's address, AES-GCM) and alert_webhook_hint
 *   (its masked form, what lists show).
 * Columns are added and dropped with plain ALTER TABLE: TypeORM's SQLite add/dropColumn rebuild the
 * table, which the foreign keys to it refuse.
 */
export class CoHandlingAndStaffAlerts1795476000000 implements MigrationInterface {
  name = 'CoHandlingAndStaffAlerts1795476000000';

  async up(q: QueryRunner): Promise<void> {
    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    await createTable(
      q,
      new Table({
        name: 'concern_co_handler',
        columns: [
          idColumn(q),
          intColumn('concern_id'),
          intColumn('department_id'),
          varchar('status', 20),
          datetimeColumn(q, 'asked_at'),
          datetimeColumn(q, 'sign_due_at'),
          datetimeColumn(q, 'signed_at', { nullable: true }),
          datetimeColumn(q, 'sign_warned_at', { nullable: true }),
          datetimeColumn(q, 'sign_chased_at', { nullable: true }),
          datetimeColumn(q, 'submitted_at', { nullable: true }),
          { name: 'part_text', type: 'text', isNullable: true },
          varchar('part_visibility', 10, { isNullable: true }),
          jsonTextColumn('part_photo_ids'),
          datetimeColumn(q, 'declined_at', { nullable: true }),
          varchar('decline_reason', 500, { isNullable: true }),
          datetimeColumn(q, 'waived_at', { nullable: true }),
          varchar('waive_reason', 500, { isNullable: true }),
        ],
        indices: [
          { name: 'uq_concern_co_handler', columnNames: ['concern_id', 'department_id'], isUnique: true },
          { name: 'idx_concern_co_handler_department', columnNames: ['department_id', 'status'] },
          { name: 'idx_concern_co_handler_sign', columnNames: ['status', 'sign_due_at'] },
          { name: 'idx_concern_co_handler_asked', columnNames: ['asked_at', 'department_id'] },
        ],
        foreignKeys: [
          foreignKey('fk_concern_co_handler_concern', 'concern_id', 'concern', 'CASCADE'),
          foreignKey('fk_concern_co_handler_department', 'department_id', 'department', 'RESTRICT'),
        ],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'staff_alert',
        columns: [
          idColumn(q),
          intColumn('staff_id'),
          varchar('kind', 30),
          intColumn('concern_id', { isNullable: true }),
          varchar('title', 100),
          varchar('body', 500),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
          datetimeColumn(q, 'read_at', { nullable: true }),
        ],
        indices: [
          { name: 'idx_staff_alert_staff', columnNames: ['staff_id', 'id'] },
          { name: 'idx_staff_alert_unread', columnNames: ['staff_id', 'read_at'] },
        ],
        foreignKeys: [
          foreignKey('fk_staff_alert_staff', 'staff_id', 'staff_account', 'CASCADE'),
          foreignKey('fk_staff_alert_concern', 'concern_id', 'concern', 'CASCADE'),
        ],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'alert_webhook_message',
        columns: [
          idColumn(q),
          varchar('target_kind', 12),
          intColumn('target_id'),
          varchar('alert_kind', 30),
          intColumn('concern_id', { isNullable: true }),
          { name: 'content', type: 'text' },
          varchar('status', 20),
          intColumn('attempts', { default: 0 }),
          datetimeColumn(q, 'next_attempt_at', { nullable: true }),
          datetimeColumn(q, 'delivered_at', { nullable: true }),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
        ],
        indices: [{ name: 'idx_alert_webhook_pending', columnNames: ['status', 'id'] }],
        foreignKeys: [foreignKey('fk_alert_webhook_concern', 'concern_id', 'concern', 'CASCADE')],
      }),
    );
    for (const table of ['department', 'street']) {
      await q.query(`ALTER TABLE ${quote(table)} ADD COLUMN ${quote('alert_webhook_encrypted')} varchar(1024) NULL`);
      await q.query(`ALTER TABLE ${quote(table)} ADD COLUMN ${quote('alert_webhook_hint')} varchar(120) NULL`);
    }
    await q.query(`ALTER TABLE ${quote('concern')} ADD COLUMN ${quote('warned_due_at')} datetime(3) NULL`);

    // The JSON ids become rows.
    const now = new Date();
    const at = sqlTime(now);
    const departments = new Set(
      ((await q.query(`SELECT id FROM ${quote('department')}`)) as Array<{ id: number }>).map((d) => Number(d.id)),
    );
    const concerns = (await q.query(
      `SELECT id, status, co_handler_ids, dispatched_at, sign_due_at FROM ${quote('concern')} WHERE co_handler_ids <> '[]'`,
    )) as Array<{
      id: number;
      status: string;
      co_handler_ids: string;
      dispatched_at: Date | string | null;
      sign_due_at: Date | string | null;
    }>;
    const rows: Record<string, unknown>[] = [];
    for (const c of concerns) {
      const ids = [...new Set(JSON.parse(c.co_handler_ids || '[]') as number[])].filter((d) => departments.has(d));
      const askedAt = toDate(c.dispatched_at) ?? now;
      const signDueAt = toDate(c.sign_due_at) ?? askedAt;
      const waiting = HANDLED.includes(c.status);
      const past = signDueAt.getTime() <= now.getTime();
      for (const departmentId of ids)
        rows.push({
          concern_id: Number(c.id),
          department_id: departmentId,
          status: waiting ? 'pending' : 'waived',
          asked_at: sqlTime(askedAt),
          sign_due_at: sqlTime(signDueAt),
          sign_warned_at: past || !waiting ? at : null,
          sign_chased_at: past || !waiting ? at : null,
          part_photo_ids: '[]',
          waived_at: waiting ? null : at,
          waive_reason: waiting ? null : '协办功能上线前已派单办理，未要求协办意见',
        });
    }
    await insertRows(q, 'concern_co_handler', rows);
    await q.query(`ALTER TABLE ${quote('concern')} DROP COLUMN ${quote('co_handler_ids')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    await q.query(`ALTER TABLE ${quote('concern')} ADD COLUMN ${quote('co_handler_ids')} text NOT NULL DEFAULT '[]'`);
    const rows = (await q.query(
      `SELECT concern_id, department_id FROM ${quote('concern_co_handler')} WHERE status <> 'released' ORDER BY id`,
    )) as Array<{ concern_id: number; department_id: number }>;
    const byConcern = new Map<number, number[]>();
    for (const r of rows) byConcern.set(Number(r.concern_id), [...(byConcern.get(Number(r.concern_id)) ?? []), Number(r.department_id)]);
    for (const [id, ids] of byConcern)
      await q.query(`UPDATE ${quote('concern')} SET co_handler_ids = ? WHERE id = ?`, [JSON.stringify(ids), id]);
    await q.query(`ALTER TABLE ${quote('concern')} DROP COLUMN ${quote('warned_due_at')}`);
    for (const table of ['street', 'department']) {
      await q.query(`ALTER TABLE ${quote(table)} DROP COLUMN ${quote('alert_webhook_hint')}`);
      await q.query(`ALTER TABLE ${quote(table)} DROP COLUMN ${quote('alert_webhook_encrypted')}`);
    }
    await q.dropTable('alert_webhook_message');
    await q.dropTable('staff_alert');
    await q.dropTable('concern_co_handler');
  }
}

/** SQLite answers datetimes as `YYYY-MM-DD HH:MM:SS.sss` in UTC, MariaDB as Date objects. */
function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/** A UTC datetime as both databases read it from a parameter: `YYYY-MM-DD HH:MM:SS.sss`. */
function sqlTime(d: Date): string {
  return d.toISOString().slice(0, 23).replace('T', ' ');
}
