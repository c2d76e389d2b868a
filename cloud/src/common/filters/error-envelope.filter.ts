import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { ERROR_CODES, type ErrorBody, type ErrorCode } from '@manyi/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from '../errors/app.exception.js';
import { isTransientDatabaseError, RETRY_AFTER_SECONDS } from '../errors/transient-database-error.js';
import { redactUrl } from '../logging/redact-url.js';

/** HTTP statuses that Nest or Fastify raise by themselves, mapped to our codes. */
const CODE_FOR_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Turns any thrown value into `{ error: { code, message, details } }` and logs what is unexpected. */
export function toErrorResponse(exception: unknown, logger: Logger): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (exception instanceof AppException) {
    return {
      status: exception.status,
      body: {
        error: {
          code: exception.code,
          message: exception.message,
          ...(exception.details === undefined ? {} : { details: exception.details }),
        },
      },
      ...(exception.retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(exception.retryAfterSeconds) } }),
    };
  }
  const status = httpStatusOf(exception);
  if (status !== undefined && status < 500) {
    const code = CODE_FOR_STATUS[status] ?? 'BAD_REQUEST';
    return { status, body: { error: { code, message: ERROR_CODES[code].message } } };
  }
  if (status === 503 || isTransientDatabaseError(exception)) {
    if (status !== 503) logger.warn({ err: exception }, 'database unavailable');
    return {
      status: 503,
      body: { error: { code: 'SERVICE_UNAVAILABLE', message: ERROR_CODES.SERVICE_UNAVAILABLE.message } },
      headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    };
  }
  // Anything else is our fault: log it whole, answer with nothing internal.
  logger.error(exception instanceof Error ? exception : { exception }, 'unhandled error');
  return { status: 500, body: { error: { code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message } } };
}

/** Nest's HttpException, or Fastify's own errors (bad JSON, body too large) which carry `statusCode`. */
function httpStatusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  if (typeof exception === 'object' && exception !== null && 'statusCode' in exception) {
    const status = (exception as { statusCode: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
  }
  return undefined;
}

@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, body, headers } = toErrorResponse(exception, this.logger);
    if (status >= 500) this.logger.warn({ method: request.method, url: redactUrl(request.url), status }, 'request failed');
    void reply
      .status(status)
      .headers(headers ?? {})
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }
}
