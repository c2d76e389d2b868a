import { AppException } from '../../common/errors/app.exception.js';

/** Keyset cursors are opaque to clients: base64url of the last row's sort key. */
export interface Cursor {
  id: number;
  /** The last row's due time (ms), or null when it had none. */
  due?: number | null;
  /** The inbox sorted by followers (多人反映): the last row's follower count. */
  followers?: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (
      !Number.isSafeInteger(value.id) ||
      (value.due != null && !Number.isSafeInteger(value.due)) ||
      (value.followers !== undefined && !Number.isSafeInteger(value.followers))
    )
      throw new Error('bad cursor');
    return value;
  } catch {
    throw new AppException('VALIDATION_FAILED', '分页参数无效');
  }
}
