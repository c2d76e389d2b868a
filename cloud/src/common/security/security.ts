import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import type { BeforeMiddleware } from '../http/before-middleware.js';
import { TokenService } from './token.service.js';
import { AppException } from '../errors/app.exception.js';
import { REDIS_CLIENT } from '../redis/redis.module.js';

/** The routes a script would hammer (method and path under the API prefix), and which budget each one spends. */
export const RATE_LIMITED_ROUTES: Record<string, 'login' | 'submit' | 'upload'> = {
  'POST auth/staff/login': 'login',
  'POST auth/preview/login': 'login',
  'POST auth/wechat/login': 'login',
  'POST concerns': 'submit',
  'POST uploads': 'upload',
};

export interface RegisteredRoute {
  method: string;
  url: string;
}

const ROUTES = new WeakMap<object, RegisteredRoute[]>();

/** Every method and URL pattern the service registered (HEAD twins of GET routes left out). */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  return [...(ROUTES.get(app) ?? [])];
}

/** Deepest nesting a JSON body may have; no route takes more than a few levels. */
export const MAX_JSON_DEPTH = 16;

/**
 * The protections every request passes through before a route runs (docs/security.md "How it works"):
 * security headers, CORS for the configured origins only, a JSON nesting limit, and rate limits on the
 * routes a script would hammer (logins, concern submits). With REDIS_URL set the rate-limit counts live
 * in Redis, so several instances enforce one limit together. Answers the security headers it sets.
 */
export async function registerSecurity(
  app: NestFastifyApplication,
  config: AppConfig,
  apiPrefix: string,
  beforeMiddleware: BeforeMiddleware,
): Promise<Readonly<Record<string, string>>> {
  const fastify = app.getHttpAdapter().getInstance();
  // Built once: @fastify/helmet builds helmet again on every request, which took a tenth of a cached
  // read's CPU time. The headers are the same for every answer (no nonce, nothing from the request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        // Photos the resident picks are shown from blob: URLs before upload; news articles show pictures
        // hosted on the street's own website. Pictures are passive content: scripts stay 'self' only.
        // antd and Taro set inline styles.
        'img-src': ["'self'", 'data:', 'blob:', 'https:', 'http:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        // TLS ends at the district's proxy; the service itself is also reached over plain HTTP on the host.
        'upgrade-insecure-requests': null,
      },
    },
    // The mini-program's web view and the admin page never need to be framed by anyone.
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  // Set as one object: helmet's middleware called a dozen setHeader (each validating name and value) per request.
  const headers = headersSetBy(securityHeaders);
  // Before Nest's middleware, so every answer carries them, a kept public read's too.
  beforeMiddleware.add((_request, reply, done) => {
    void reply.headers(headers);
    done();
  });

  // Same-origin pages need no CORS; other origins only when listed in MANYI_CORS_ORIGINS.
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposedHeaders: ['Retry-After', 'Idempotent-Replayed'],
    maxAge: 600,
  });

  // Every route as registered, for the authorization matrix (a route cannot escape it by being new).
  const routes: RegisteredRoute[] = [];
  ROUTES.set(app, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  // A callback, not an async hook: most requests have no body, and a promise per request costs more than the check.
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (request.body !== null && typeof request.body === 'object' && depthOf(request.body) > MAX_JSON_DEPTH) {
      return done(new AppException('VALIDATION_FAILED', `提交的内容层级过深（最多 ${MAX_JSON_DEPTH} 层）`));
    }
    done();
  });

  const redis = app.get<Redis | null>(REDIS_CLIENT, { strict: false });
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: `${config.redisPrefix}:rate:` } : {}),
    // A Redis outage must not lock everyone out: the request goes on without a count.
    skipOnError: true,
    errorResponseBuilder: (_request: FastifyRequest, context: { statusCode: number }) =>
      Object.assign(new AppException('RATE_LIMITED'), { statusCode: context.statusCode }),
  });

  const tokens = app.get(TokenService);
  const byAddress = (request: FastifyRequest) => `ip:${request.ip}`;
  // A resident is counted by their account, wherever they submit from; an unreadable token by address
  // (the guard refuses it anyway).
  const byResident = (request: FastifyRequest) => {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token) {
      try {
        const claims = tokens.verify(token);
        return `${claims.kind}:${claims.sub}`;
      } catch {
        // fall through to the address
      }
    }
    return byAddress(request);
  };
  const login = fastify.rateLimit({
    max: config.rateLimits.loginPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `login:${byAddress(request)}`,
  });
  const submit = fastify.rateLimit({
    max: config.rateLimits.submitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `submit:${byResident(request)}`,
  });
  // Per account too (a resident or a staff member), so a script cannot fill the disk or the photo queue.
  const upload = fastify.rateLimit({
    max: config.rateLimits.uploadPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `upload:${byResident(request)}`,
  });
  const limiters = { login, submit, upload };
  const limited = new Map(
    Object.entries(RATE_LIMITED_ROUTES).map(([route, kind]) => [route.replace(' ', ` /${apiPrefix}/`), limiters[kind]]),
  );
  // Attached to the limited routes as they are registered, so no other request passes a rate-limit hook.
  const attached = new Set<string>();
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const limiter = limited.get(`${method} ${route.url}`);
      if (!limiter) continue;
      route.onRequest = [...[route.onRequest ?? []].flat(), limiter];
      attached.add(`${method} ${route.url}`);
    }
  });
  // A limited route renamed without its entry above would go unlimited: refuse to start instead.
  fastify.addHook('onReady', (done) => {
    const missing = [...limited.keys()].filter((route) => !attached.has(route));
    done(missing.length > 0 ? new Error(`rate-limited routes not registered: ${missing.join(', ')}`) : undefined);
  });
  // The kept-read lane sends them too (kept-read-lane.ts).
  return headers;
}

/**
 * The headers a helmet middleware sets, found once by running it against a response that records them:
 * with this configuration they never depend on the request.
 */
function headersSetBy(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let finished = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error as Error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not set its headers at once');
  return headers;
}

/** How deeply a parsed JSON value nests, walked without recursion so a hostile body cannot overflow the stack. */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}
