import { ApiError } from '@manyi/shared';

// ApiError itself and its codes live in @manyi/shared (the client core both front ends share).

/** The message to show for any failure: the service's own words when it gave some. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}
