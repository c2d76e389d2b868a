/**
 * Errors that say the database is away or overloaded for a moment, not that the request is wrong: the
 * service answers 503 with Retry-After so the client retries (with its Idempotency-Key, for a submit),
 * instead of a 500 that reads as "broken".
 */
const TRANSIENT_CODES = new Set([
  // The server is unreachable, restarting or dropped the connection.
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
  'ER_STATEMENT_TIMEOUT',
  // Contention: another transaction holds the rows; trying again later succeeds.
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

/** mysql2's pool refusing more waiters, or a closed pool during a restart. */
const TRANSIENT_MESSAGES = [/Queue limit reached/i, /Pool is closed/i, /Can't add new command when connection is in closed state/i];

export function isTransientDatabaseError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if (typeof message === 'string' && TRANSIENT_MESSAGES.some((m) => m.test(message))) return true;
    // TypeORM wraps the driver's error; Node wraps causes.
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 2;
