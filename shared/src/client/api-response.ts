import { ApiError, CLIENT_ERROR_CODES } from './api-error.js';

// What both request layers do with an answer once their transport (fetch, Taro.request) has one:
// an error answer becomes an ApiError with the service's code and words, or a Chinese fallback.

export const NETWORK_FAILURE_MESSAGE = '网络连接失败，请检查网络后重试';
export const NETWORK_TIMEOUT_MESSAGE = '网络请求超时，请稍后重试';

/** The message for a failed answer that did not say what went wrong. */
export function fallbackMessage(status: number): string {
  if (status === 401) return '请先登录';
  if (status === 403) return '没有权限进行此操作';
  if (status === 404) return '找不到请求的内容';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 500) return '服务暂时不可用，请稍后再试';
  return `请求失败（${status}），请稍后再试`;
}

/** The JSON value of a text, or undefined when it is not JSON (an empty body, a proxy's HTML page). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The ApiError for a non-2xx answer. `body` is the parsed JSON, or the raw text when the transport
 * could not parse it (some weapp base libraries hand it back as a string). The service's
 * `{ error: { code, message, details } }` keeps its code; anything else is UNEXPECTED_RESPONSE.
 */
export function responseError(status: number, body: unknown): ApiError {
  const envelope = readErrorEnvelope(body);
  if (envelope) {
    return new ApiError({ code: envelope.code, status, message: envelope.message ?? fallbackMessage(status), details: envelope.details });
  }
  return new ApiError({ code: CLIENT_ERROR_CODES.unexpectedResponse, status, message: fallbackMessage(status), details: body });
}

/** The ApiError for a request that got no answer; a timeout says so. */
export function networkError(cause: unknown): ApiError {
  const text = errorText(cause);
  const timedOut = /timeout|timed out|abort/i.test(text);
  return new ApiError({
    code: CLIENT_ERROR_CODES.network,
    status: 0,
    message: timedOut ? NETWORK_TIMEOUT_MESSAGE : NETWORK_FAILURE_MESSAGE,
    details: text || undefined,
  });
}

interface ErrorEnvelope {
  code: string;
  message?: string;
  details?: unknown;
}

function readErrorEnvelope(body: unknown): ErrorEnvelope | undefined {
  const parsed = typeof body === 'string' ? parseJson(body) : body;
  if (!isRecord(parsed) || !isRecord(parsed.error)) return undefined;
  const { code, message, details } = parsed.error;
  if (typeof code !== 'string' || code === '') return undefined;
  return { code, message: typeof message === 'string' && message !== '' ? message : undefined, details };
}

/** fetch rejects with an Error (a TypeError), weapp with `{ errMsg }`. */
function errorText(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (isRecord(cause) && typeof cause.errMsg === 'string') return cause.errMsg;
  return typeof cause === 'string' ? cause : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
