import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { booleanColumn, isMysql } from '../migration-helpers.js';

const DIRECTORY_TABLES = ['street', 'compound', 'department', 'category', 'routing_rule'] as const;

/**
 * Directory items are disabled (停用), never deleted, once concerns refer to them; and the audit log is
 * searched by action and by date on the admin page.
 */
export class DirectoryDisableAndAuditSearch1795462000000 implements MigrationInterface {
  name = 'DirectoryDisableAndAuditSearch1795462000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of DIRECTORY_TABLES) await q.addColumn(table, new TableColumn(booleanColumn('disabled', false)));
    await q.createIndex('audit_log', new TableIndex({ name: 'idx_audit_log_action', columnNames: ['action', 'id'] }));
    await q.createIndex('audit_log', new TableIndex({ name: 'idx_audit_log_created', columnNames: ['created_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('audit_log', 'idx_audit_log_created');
    await q.dropIndex('audit_log', 'idx_audit_log_action');
    // A plain DROP COLUMN: TypeORM's SQLite dropColumn rebuilds the table, which the foreign keys of
    // the rows that refer to it refuse inside a transaction.
    const quote = (name: string) => (isMysql(q) ? `\`${name}\`` : `"${name}"`);
    for (const table of DIRECTORY_TABLES) await q.query(`ALTER TABLE ${quote(table)} DROP COLUMN ${quote('disabled')}`);
  }
}
