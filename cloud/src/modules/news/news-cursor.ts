import { AppException } from '../../common/errors/app.exception.js';

/**
 * Keyset cursors, opaque to clients (base64url of the last row's sort key). The public list sorts by
 * publication time then id; the staff list by id.
 */
export interface NewsCursor {
  id: number;
  /** The last row's publication time in ms (public list only). */
  at?: number;
}

export function encodeNewsCursor(cursor: NewsCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeNewsCursor(raw: string | undefined, withTime: boolean): NewsCursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as NewsCursor;
    if (!Number.isSafeInteger(value.id) || value.id < 1) throw new Error('bad id');
    if (withTime !== Number.isSafeInteger(value.at)) throw new Error('bad time');
    return withTime ? { id: value.id, at: value.at } : { id: value.id };
  } catch {
    throw new AppException('VALIDATION_FAILED', '分页参数无效');
  }
}
