import { ERROR_CODES } from '@manyi/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RETRY_AFTER_SECONDS } from '../errors/transient-database-error.js';

/**
 * A request still waiting after `seconds` (a database that hangs rather than refuses) is answered 503
 * with Retry-After, so clients back off instead of piling up behind it. The work already started may
 * still finish; a submit retried with its Idempotency-Key then gets that result, never a second copy.
 * Photo uploads are left out: their time is the phone's network, not the database.
 */
export function registerRequestDeadline(app: NestFastifyApplication, seconds: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  // A callback, not an async hook: it runs on every routed request, and a promise each costs more than the timer.
  fastify.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (request.isMultipart()) return done();
    const timer = setTimeout(() => {
      if (reply.sent) return;
      request.log.warn({ url: request.url, seconds }, 'request deadline passed');
      void reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .header('content-type', 'application/json; charset=utf-8')
        .send({ error: { code: 'SERVICE_UNAVAILABLE', message: ERROR_CODES.SERVICE_UNAVAILABLE.message } });
    }, seconds * 1000);
    timer.unref();
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });
}
