import type { ErrorCode } from '../errors.js';

// The one error type both front ends' request layers throw. Pages branch on `code` (the service's
// code from errors.ts, e.g. CONCERN_NOT_FOUND, or one of the client-side codes below), never on
// `message`, which is Chinese text meant for the reader.

/** Codes given on the device rather than by the service. */
export const CLIENT_ERROR_CODES = {
  /** No answer at all: offline, DNS, TLS, timeout, or a domain missing from the mini-program's list. */
  network: 'NETWORK_ERROR',
  /** An answer without the `{ error: { code, message } }` envelope (a proxy page, a crash). */
  unexpectedResponse: 'UNEXPECTED_RESPONSE',
  /** Not a request failure at all: a bug on the device, surfaced so the page can still offer 重试. */
  unknown: 'CLIENT_ERROR',
} as const;

export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];

/**
 * Known codes autocomplete and can be compared by name; `string & {}` lets a code from a newer
 * service pass through unchanged instead of being squashed into a generic one.
 */
export type ApiErrorCode = ErrorCode | ClientErrorCode | (string & {});

export interface ApiErrorInit {
  code: ApiErrorCode;
  /** HTTP status; 0 when no answer arrived. */
  status: number;
  message: string;
  details?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly details: unknown;

  constructor({ code, status, message, details }: ApiErrorInit) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
    // Keeps `instanceof` working when classes are compiled down to ES5 functions (the mini-program).
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Whether `value` is an ApiError, and when a code is given, one with that code. */
export function isApiError(value: unknown, code?: ErrorCode | ClientErrorCode): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code);
}
