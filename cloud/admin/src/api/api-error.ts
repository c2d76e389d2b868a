import type { ErrorCode } from '@manyi/shared';

/** Codes the page gives failures that never reached the service or came back without the envelope. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  unexpectedResponse: 'UNEXPECTED_RESPONSE',
} as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];

/**
 * Every failed API call becomes one of these, with the service's code (`CONCERN_CHANGED`, …) so a page
 * can react by name, and its Chinese message to show as is.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode | ClientErrorCode | string;
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly details: unknown;

  constructor(init: { code: string; status: number; message: string; details?: unknown }) {
    super(init.message);
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
  }
}

export function isApiError(value: unknown, code?: ErrorCode | ClientErrorCode): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code);
}

/** The message to show for any failure: the service's own words when it gave some. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}
