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
  uniqueIndex,
  varchar,
} from '../migration-helpers.js';

/** Concerns, their timeline, the notification outbox and the audit log. */
export class CreateConcerns1795459560000 implements MigrationInterface {
  name = 'CreateConcerns1795459560000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(
      q,
      new Table({
        name: 'concern',
        columns: [
          idColumn(q),
          varchar('code', 24, { isNullable: true }),
          intColumn('resident_id', { isNullable: true }),
          intColumn('street_id'),
          intColumn('compound_id'),
          intColumn('category_id'),
          varchar('request_type', 20),
          varchar('title', 60),
          { name: 'description', type: 'text' },
          jsonTextColumn('photo_ids'),
          { name: 'latitude', type: 'double', isNullable: true },
          { name: 'longitude', type: 'double', isNullable: true },
          varchar('address', 200, { isNullable: true }),
          varchar('phone_encrypted', 255, { isNullable: true }),
          varchar('phone_masked', 20, { isNullable: true }),
          booleanColumn('confidential', false),
          varchar('source', 20),
          varchar('status', 20),
          intColumn('lead_department_id', { isNullable: true }),
          jsonTextColumn('co_handler_ids'),
          intColumn('reopen_count', { default: 0 }),
          intColumn('return_count', { default: 0 }),
          intColumn('extension_count', { default: 0 }),
          intColumn('pending_extension_days', { isNullable: true }),
          booleanColumn('escalated', false),
          intColumn('merged_into_id', { isNullable: true }),
          datetimeColumn(q, 'due_at', { nullable: true }),
          varchar('due_kind', 20, { isNullable: true }),
          datetimeColumn(q, 'chased_due_at', { nullable: true }),
          datetimeColumn(q, 'resolve_due_at', { nullable: true }),
          datetimeColumn(q, 'dispatched_at', { nullable: true }),
          datetimeColumn(q, 'sign_due_at', { nullable: true }),
          datetimeColumn(q, 'signed_at', { nullable: true }),
          { name: 'solved', type: 'boolean', isNullable: true },
          varchar('satisfaction', 20, { isNullable: true }),
          { name: 'rating_comment', type: 'text', isNullable: true },
          datetimeColumn(q, 'rated_at', { nullable: true }),
          datetimeColumn(q, 'closed_at', { nullable: true }),
          varchar('idempotency_key', 64, { isNullable: true }),
          intColumn('version'),
          ...timestampColumns(q),
        ],
        indices: [
          uniqueIndex('uq_concern_code', 'code'),
          { name: 'uq_concern_idempotency', columnNames: ['resident_id', 'idempotency_key'], isUnique: true },
          { name: 'idx_concern_inbox', columnNames: ['street_id', 'status', 'due_at'] },
          { name: 'idx_concern_department', columnNames: ['lead_department_id', 'status', 'due_at'] },
          { name: 'idx_concern_resident', columnNames: ['resident_id', 'created_at'] },
          { name: 'idx_concern_duplicates', columnNames: ['compound_id', 'category_id', 'status'] },
        ],
        foreignKeys: [
          foreignKey('fk_concern_resident', 'resident_id', 'resident', 'RESTRICT'),
          foreignKey('fk_concern_street', 'street_id', 'street', 'RESTRICT'),
          foreignKey('fk_concern_compound', 'compound_id', 'compound', 'RESTRICT'),
          foreignKey('fk_concern_category', 'category_id', 'category', 'RESTRICT'),
          foreignKey('fk_concern_lead_department', 'lead_department_id', 'department', 'RESTRICT'),
          foreignKey('fk_concern_merged_into', 'merged_into_id', 'concern', 'RESTRICT'),
        ],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'concern_event',
        columns: [
          idColumn(q),
          intColumn('concern_id'),
          varchar('action', 30),
          varchar('actor_role', 20),
          intColumn('actor_id', { isNullable: true }),
          varchar('from_status', 20, { isNullable: true }),
          varchar('to_status', 20),
          { name: 'public_text', type: 'text', isNullable: true },
          { name: 'internal_text', type: 'text', isNullable: true },
          jsonTextColumn('data', { isNullable: true }),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
        ],
        indices: [{ name: 'idx_concern_event_concern', columnNames: ['concern_id', 'id'] }],
        foreignKeys: [foreignKey('fk_concern_event_concern', 'concern_id', 'concern', 'CASCADE')],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'notification',
        columns: [
          idColumn(q),
          intColumn('resident_id'),
          intColumn('concern_id'),
          varchar('kind', 30),
          varchar('title', 100),
          varchar('body', 500),
          varchar('status', 20),
          intColumn('attempts', { default: 0 }),
          datetimeColumn(q, 'delivered_at', { nullable: true }),
          datetimeColumn(q, 'read_at', { nullable: true }),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
        ],
        indices: [
          { name: 'idx_notification_resident', columnNames: ['resident_id', 'id'] },
          { name: 'idx_notification_pending', columnNames: ['status', 'id'] },
        ],
        foreignKeys: [
          foreignKey('fk_notification_resident', 'resident_id', 'resident', 'CASCADE'),
          foreignKey('fk_notification_concern', 'concern_id', 'concern', 'CASCADE'),
        ],
      }),
    );
    await createTable(
      q,
      new Table({
        name: 'audit_log',
        columns: [
          idColumn(q),
          varchar('actor_kind', 20),
          intColumn('actor_id', { isNullable: true }),
          varchar('action', 60),
          varchar('target_type', 30),
          intColumn('target_id', { isNullable: true }),
          jsonTextColumn('detail', { isNullable: true }),
          datetimeColumn(q, 'created_at', { defaultNow: true, precision: 6 }),
        ],
        indices: [
          { name: 'idx_audit_log_target', columnNames: ['target_type', 'target_id'] },
          { name: 'idx_audit_log_actor', columnNames: ['actor_kind', 'actor_id', 'id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'notification', 'concern_event', 'concern']) await q.dropTable(table);
  }
}
