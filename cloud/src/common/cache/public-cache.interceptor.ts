import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, map, of, switchMap, type Observable } from 'rxjs';
import { PublicCache, type CachedAnswer, type PublicCacheNamespace } from './public-cache.js';

const NAMESPACE_KEY = 'manyi:public-cache';

/**
 * Serves a public GET route's answer from the PublicCache, keyed by its URL (path and query string).
 * Only routes without a caller of their own may use it: the same URL must mean the same answer for
 * everyone. Clients get an ETag and `Cache-Control: no-cache`, so a phone that asks again with
 * If-None-Match gets a 304 without the body, and nothing is ever shown stale.
 */
export function CachedPublicRead(namespace: PublicCacheNamespace) {
  return applyDecorators(SetMetadata(NAMESPACE_KEY, namespace), UseInterceptors(PublicCacheInterceptor));
}

@Injectable()
export class PublicCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly cache: PublicCache,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const namespace = this.reflector.get<PublicCacheNamespace>(NAMESPACE_KEY, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const now = new Date();
    const kept = this.cache.get(namespace, request.url, now);
    if (kept) return of(answer(request, reply, kept));
    const generation = this.cache.generation(namespace);
    return next.handle().pipe(
      switchMap((value) => from(this.cache.set(namespace, request.url, JSON.stringify(value), generation, now))),
      map((fresh) => answer(request, reply, fresh)),
    );
  }
}

/**
 * The kept bytes as the JSON answer — compressed as the client accepts, from the forms made when it was
 * kept — or an empty 304 when the client already holds them.
 */
function answer(request: FastifyRequest, reply: FastifyReply, kept: CachedAnswer): string | Buffer {
  void reply.header('etag', kept.etag).header('cache-control', 'no-cache').header('vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === kept.etag) {
    void reply.status(304);
    return '';
  }
  void reply.header('content-type', 'application/json; charset=utf-8');
  const accepted = request.headers['accept-encoding'];
  const encoding = accepted && kept.br && kept.gzip ? negotiate(accepted, ['br', 'gzip']) : null;
  if (!encoding) return kept.body;
  void reply.header('content-encoding', encoding);
  return encoding === 'br' ? kept.br! : kept.gzip!;
}
