import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from '../../common/errors/app.exception.js';
import { Open311Error } from './open311.error.js';
import { OPEN311_CONTENT_TYPES, formatOfUrl, render } from './open311-format.js';

/**
 * Errors of the GeoReport routes in the specification's shape, `[{ code, description }]` or
 * `<errors><error>`, in the format the path asked for — instead of the rest of the API's error envelope.
 */
@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, description } = this.describe(exception);
    const format = formatOfUrl(request.url);
    void reply
      .status(status)
      .header('content-type', OPEN311_CONTENT_TYPES[format])
      .send(render({ root: 'errors', item: 'error', value: [{ code: status, description }] }, format));
  }

  private describe(exception: unknown): { status: number; description: string } {
    if (exception instanceof Open311Error) return { status: exception.status, description: exception.description };
    if (exception instanceof AppException) return { status: exception.status, description: exception.message };
    const status = exception instanceof HttpException ? exception.getStatus() : statusCodeOf(exception);
    if (status !== undefined && status < 500) return { status, description: '请求有误' };
    this.logger.error(exception instanceof Error ? exception : { exception }, 'unhandled error');
    return { status: 500, description: '服务暂时出现问题，请稍后再试' };
  }
}

/** Fastify's own errors (a body too large, bad JSON) carry `statusCode`. */
function statusCodeOf(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}
