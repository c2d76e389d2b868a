import type { InsertResult } from 'typeorm';

/**
 * The auto-increment id of the one row an insert without `updateEntity` wrote (MariaDB's insertId, SQLite's
 * lastInsertRowid): for hot paths that need only the id, not TypeORM's re-read of the row's defaults.
 */
export function insertedId(result: InsertResult): number {
  const raw = result.raw as { insertId?: number | bigint } | number | bigint;
  const id = typeof raw === 'object' && raw !== null ? raw.insertId : raw;
  if (id === undefined || Number(id) <= 0) throw new Error('the insert did not report the new row id');
  return Number(id);
}
