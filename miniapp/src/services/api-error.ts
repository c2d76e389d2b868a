import { ApiError, CLIENT_ERROR_CODES, isApiError } from '@manyi/shared';

// ApiError itself and its codes live in @manyi/shared (the client core both front ends share).

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
