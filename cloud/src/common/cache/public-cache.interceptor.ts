import {
  applyDecorators,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import negotiate from '@fastify/accept-negotiator';
import { RouteConfig, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, map, of, switchMap, type Observable } from 'rxjs';
import type { BeforeMiddleware } from '../http/before-middleware.js';
import { PublicCache, type CachedAnswer, type PublicCacheNamespace } from './public-cache.js';

/** The Fastify route config key naming a route's cache namespace. */
const CONFIG_KEY = 'publicCache';

type CachedRouteConfig = { [CONFIG_KEY]?: PublicCacheNamespace };

/**
 * Serves a public GET route's answer from the PublicCache, keyed by its URL (path and query string).
 * Only routes without a caller of their own may use it: the same URL must mean the same answer for
 * everyone. Clients get an ETag and `Cache-Control: no-cache`, so a phone that asks again with
 * If-None-Match gets a 304 without the body, and nothing is ever shown stale.
 *
 * A kept answer is sent from a Fastify hook (`answerKeptPublicReads`), after the security headers and
 * before the request goes through Nest and its middleware; the interceptor keeps what the handler
 * answers on a miss.
 */
export function CachedPublicRead(namespace: PublicCacheNamespace) {
  return applyDecorators(RouteConfig({ [CONFIG_KEY]: namespace }), UseInterceptors(PublicCacheInterceptor));
}

/**
 * Answers a cached route's GET from the kept answer, if there is one, before the request reaches Nest:
 * a thousand residents opening the feed at once cost the headers and the bytes, not the framework.
 * Added after the security headers, so the kept answer carries the same headers as any other, and
 * before Nest's middleware (BeforeMiddleware): these answers are not in the request log.
 */
export function answerKeptPublicReads(app: NestFastifyApplication, beforeMiddleware: BeforeMiddleware): void {
  const cache = app.get(PublicCache);
  beforeMiddleware.add((request, reply, done) => {
    const namespace = (request.routeOptions.config as CachedRouteConfig | undefined)?.[CONFIG_KEY];
    const kept = namespace && request.method === 'GET' ? cache.get(namespace, request.url) : undefined;
    if (!kept) return done();
    void reply.send(answer(request, reply, kept));
  });
}

@Injectable()
export class PublicCacheInterceptor implements NestInterceptor {
  constructor(private readonly cache: PublicCache) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const namespace = (request.routeOptions.config as CachedRouteConfig)[CONFIG_KEY]!;
    const now = new Date();
    // Kept since the hook looked (another request filled it): answer from it all the same.
    const kept = this.cache.get(namespace, request.url, now);
    if (kept) return of(answer(request, reply, kept));
    const generation = this.cache.generation(namespace);
    return next.handle().pipe(
      switchMap((value) => from(this.cache.set(namespace, request.url, JSON.stringify(value), generation, now))),
      map((fresh) => answer(request, reply, fresh)),
    );
  }
}

/** A kept answer as it goes out: status, the headers it adds, and the bytes (empty for a 304). */
export interface KeptResponse {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Buffer | string;
}

/**
 * The kept bytes as the JSON answer — compressed as the client accepts, from the forms made when it was
 * kept — or an empty 304 when the client already holds them. `vary` is what the answer varies by
 * already (CORS adds Origin); Accept-Encoding is added to it. The Fastify hook above and the kept-read
 * lane (kept-read-lane.ts) both answer with this, so the two cannot drift apart.
 */
export function keptResponse(
  kept: CachedAnswer,
  request: { ifNoneMatch: string | undefined; acceptEncoding: string | undefined },
  vary?: string,
): KeptResponse {
  const headers: Record<string, string> = {
    etag: kept.etag,
    'cache-control': 'no-cache',
    vary: vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding',
    // On a 304 too: it describes the answer the client holds (Fastify would call an empty body text/plain).
    'content-type': 'application/json; charset=utf-8',
  };
  if (request.ifNoneMatch === kept.etag) return { status: 304, headers, body: '' };
  const encoding = request.acceptEncoding && kept.br && kept.gzip ? negotiate(request.acceptEncoding, ['br', 'gzip']) : null;
  if (!encoding) return { status: 200, headers, body: kept.body };
  headers['content-encoding'] = encoding;
  return { status: 200, headers, body: encoding === 'br' ? kept.br! : kept.gzip! };
}

function answer(request: FastifyRequest, reply: FastifyReply, kept: CachedAnswer): string | Buffer {
  const vary = reply.getHeader('vary');
  const response = keptResponse(
    kept,
    { ifNoneMatch: request.headers['if-none-match'], acceptEncoding: request.headers['accept-encoding'] },
    vary === undefined ? undefined : String(vary),
  );
  void reply.status(response.status).headers(response.headers);
  return response.body;
}
