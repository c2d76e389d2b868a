import type { QueryRunner, Table, TableColumnOptions } from 'typeorm';
import type { TableForeignKeyOptions } from 'typeorm/schema-builder/options/TableForeignKeyOptions.js';
import type { TableIndexOptions } from 'typeorm/schema-builder/options/TableIndexOptions.js';

/**
 * Hand-written migrations run on SQLite and MariaDB from one source: these helpers switch the few
 * things that differ (defaults of timestamps, table character set).
 */
export function isMysql(on: Pick<QueryRunner, 'connection'>): boolean {
  const type = on.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}

/** SQLite only autoincrements an `integer` primary key; MariaDB calls it `int`. */
export function idColumn(queryRunner: QueryRunner): TableColumnOptions {
  return {
    name: 'id',
    type: isMysql(queryRunner) ? 'int' : 'integer',
    isPrimary: true,
    isGenerated: true,
    generationStrategy: 'increment',
  };
}

export function varchar(name: string, length: number, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
  return { name, type: 'varchar', length: String(length), ...options };
}

/** `integer` is what SQLite calls the entities' `int`; MariaDB reads it back as `int`. */
export function intColumn(name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
  return { name, type: 'integer', ...options };
}

export function booleanColumn(name: string, defaultValue: boolean): TableColumnOptions {
  return { name, type: 'boolean', default: defaultValue ? 1 : 0 };
}

export function jsonTextColumn(name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
  return { name, type: 'text', ...options };
}

/** A millisecond-precision UTC datetime (MariaDB drops milliseconds without the precision). */
export function datetimeColumn(
  queryRunner: QueryRunner,
  name: string,
  options: { nullable?: boolean; defaultNow?: boolean; onUpdateNow?: boolean; precision?: 3 | 6 } = {},
): TableColumnOptions {
  const mysql = isMysql(queryRunner);
  const precision = options.precision ?? 3;
  const now = mysql ? `CURRENT_TIMESTAMP(${precision})` : "datetime('now')";
  return {
    name,
    type: 'datetime',
    precision,
    isNullable: options.nullable ?? false,
    ...(options.defaultNow ? { default: now } : {}),
    ...(options.onUpdateNow && mysql ? { onUpdate: now } : {}),
  };
}

/** `created_at` and `updated_at`, as TypeORM's CreateDateColumn and UpdateDateColumn expect them. */
export function timestampColumns(queryRunner: QueryRunner): TableColumnOptions[] {
  return [
    datetimeColumn(queryRunner, 'created_at', { defaultNow: true, precision: 6 }),
    datetimeColumn(queryRunner, 'updated_at', { defaultNow: true, onUpdateNow: true, precision: 6 }),
  ];
}

/** A foreign key as TypeORM's entities declare it (ON UPDATE NO ACTION), so the two never differ. */
export function foreignKey(
  name: string,
  column: string,
  referencedTable: string,
  onDelete: 'RESTRICT' | 'CASCADE',
): TableForeignKeyOptions {
  return {
    name,
    columnNames: [column],
    referencedTableName: referencedTable,
    referencedColumnNames: ['id'],
    onDelete,
    onUpdate: 'NO ACTION',
  };
}

export function uniqueIndex(name: string, column: string): TableIndexOptions {
  return { name, columnNames: [column], isUnique: true };
}

/**
 * Creates a table; on MariaDB/MySQL it is converted to utf8mb4, because MariaDB's default character
 * set here is latin1 and Chinese text (and emoji) would fail with "Incorrect string value".
 */
export async function createTable(queryRunner: QueryRunner, table: Table): Promise<void> {
  await queryRunner.createTable(table, false, true, true);
  if (isMysql(queryRunner)) {
    await queryRunner.query(`ALTER TABLE \`${table.name}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
}

/**
 * Plain parameterised INSERTs by column name. Data migrations use this rather than TypeORM's query
 * builder, which maps values through today's entities — a migration must mean what it meant when written.
 */
export async function insertRows(queryRunner: QueryRunner, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const quote = (name: string) => (isMysql(queryRunner) ? `\`${name}\`` : `"${name}"`);
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    await queryRunner.query(
      `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${batch.map(() => placeholders).join(', ')}`,
      batch.flatMap((row) => columns.map((c) => row[c])),
    );
  }
}
