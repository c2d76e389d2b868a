import { ERROR_CODES, type ErrorCode } from '@manyi/shared';

/**
 * The one exception type of the service: a code from @manyi/shared, a message (Chinese where a
 * resident may read it) and optional details. The exception filter turns it into the error envelope.
 */
export class AppException extends Error {
  override name = 'AppException';
  /** Sent as Retry-After with a 429 or 503, so the client knows how long to wait. */
  retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code].message,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}
