import type { ErrorCode } from '@manyi/shared';

// The one error type the request layer throws. Pages and hooks branch on `code` (the server's
// error code from @manyi/shared, e.g. CONCERN_NOT_FOUND, or one of the client-side codes below),
// never on `message`, which is Chinese text meant for the resident.

/** Codes produced on the device rather than by the server. */
export const CLIENT_ERROR_CODES = {
  /** No answer at all: offline, DNS, TLS, timeout, or a domain missing from the mini-program's list. */
  network: 'NETWORK_ERROR',
  /** A non-2xx answer without the `{ error: { code, message } }` envelope (a proxy page, a crash). */
  unexpectedResponse: 'UNEXPECTED_RESPONSE',
  /** Not a request failure at all: a bug on the device, surfaced so the page can still show 重试. */
  unknown: 'CLIENT_ERROR',
} as const;

export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];

/**
 * Known codes autocomplete and can be compared by name; `string & {}` lets a code from a newer
 * server pass through unchanged instead of being squashed into a generic one.
 */
export type ApiErrorCode = ErrorCode | ClientErrorCode | (string & {});

export interface ApiErrorInit {
  code: ApiErrorCode;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  message: string;
  details?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor({ code, status, message, details }: ApiErrorInit) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
    // Keeps `instanceof` working when classes are compiled down to ES5 functions.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Whatever a loader threw, as an ApiError; anything that is not one already is a bug worth logging. */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  console.error(error);
  return new ApiError({
    code: CLIENT_ERROR_CODES.unknown,
    status: 0,
    message: '出了点问题，请稍后重试',
    details: error instanceof Error ? error.message : undefined,
  });
}
