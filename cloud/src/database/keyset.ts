import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppException } from '../common/errors/app.exception.js';

/**
 * Keyset paging, shared by every list: one row more than the page is read, so a full page knows
 * whether another follows without a COUNT; the cursor names the last row shown by its sort key.
 */
export interface KeysetPage<Row> {
  items: Row[];
  nextCursor: string | null;
}

/**
 * A page of `limit` rows from `source` — a query builder (read with `take`, the paging TypeORM keeps
 * right across joins) or a function that reads `take` rows itself — and the cursor of its last row,
 * or null on the last page.
 */
export async function keysetPage<Row extends ObjectLiteral>(
  source: SelectQueryBuilder<Row> | ((take: number) => Promise<Row[]>),
  limit: number,
  cursorOf: (last: Row) => object,
): Promise<KeysetPage<Row>> {
  const take = limit + 1;
  const rows = typeof source === 'function' ? await source(take) : await source.take(take).getMany();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

/** Cursors are opaque to clients: base64url of the last row's sort key as JSON. */
export function encodeCursor(cursor: object): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/**
 * The cursor a client sent back, or null for the first page. `read` checks the decoded value's shape
 * and answers the cursor, or null when it is not one of this list's; anything else is a 400.
 */
export function decodeCursor<C>(raw: string | undefined, read: (value: Partial<Record<string, unknown>>) => C | null): C | null {
  if (!raw) return null;
  let cursor: C | null = null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) cursor = read(value as Partial<Record<string, unknown>>);
  } catch {
    // Not base64url JSON: answered as a bad cursor below.
  }
  if (cursor === null) throw new AppException('VALIDATION_FAILED', '分页参数无效');
  return cursor;
}

/** A cursor field that must be a whole number (ids, times in ms). */
export const isCursorInteger = (value: unknown): value is number => Number.isSafeInteger(value);

/**
 * The cursor most lists carry: the last row's id, and where the list sorts by something first, that
 * key — `due` (a time in ms, or null when the row had none) or `followers`. The names are the ones
 * clients' cursors already hold.
 */
export interface RowCursor {
  id: number;
  due?: number | null;
  followers?: number;
}

export function readRowCursor(value: Partial<Record<string, unknown>>): RowCursor | null {
  const ok =
    isCursorInteger(value.id) &&
    (value.due == null || isCursorInteger(value.due)) &&
    (value.followers === undefined || isCursorInteger(value.followers));
  return ok ? (value as unknown as RowCursor) : null;
}

/** `decodeCursor` for lists on the row cursor. */
export function decodeRowCursor(raw: string | undefined): RowCursor | null {
  return decodeCursor(raw, readRowCursor);
}
