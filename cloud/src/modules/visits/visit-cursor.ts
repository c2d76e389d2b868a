import { AppException } from '../../common/errors/app.exception.js';

/** The schedule's keyset cursor, opaque to clients: the last row's start (ms) and id, base64url. */
export interface VisitCursor {
  at: number;
  id: number;
}

export function encodeVisitCursor(cursor: VisitCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeVisitCursor(raw: string | undefined): VisitCursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as VisitCursor;
    if (!Number.isSafeInteger(value.at) || !Number.isSafeInteger(value.id)) throw new Error('bad cursor');
    return value;
  } catch {
    throw new AppException('VALIDATION_FAILED', '分页参数无效');
  }
}
