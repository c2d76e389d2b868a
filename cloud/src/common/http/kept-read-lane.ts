import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';
import { keptResponse } from '../cache/public-cache.interceptor.js';
import type { PublicCache } from '../cache/public-cache.js';

/** The options Fastify passes a server factory (with its defaults filled in) that its own server uses. */
interface FastifyServerOptions {
  http?: ServerOptions;
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number;
}

/**
 * The kept-read lane (issue 23): a GET whose URL a cached public route has already answered (the feed
 * a thousand residents open at once, the directory lists) is answered from the kept bytes by the HTTP
 * server's own request listener, before Fastify builds a request and a reply, routes it and runs its
 * hooks. It sends what the route would: the security headers, then keptResponse — ETag, 304, the
 * compressed form the client accepts — the same function Fastify's hook answers with.
 *
 * Everything else goes on to Fastify as before, and so does anything the lane does not reproduce:
 * a request with an Origin header, HEAD and every other method, a URL no cached route has kept, and
 * every request once the app has begun to close (Fastify answers 503). With other origins allowed
 * (MANYI_CORS_ORIGINS) the lane stays shut: CORS then adds its headers to every answer. Kept answers
 * are not in the request log, as before the lane.
 */
export class KeptReadLane {
  private cache: PublicCache | null = null;
  private securityHeaders: Readonly<Record<string, string>> = {};

  /**
   * Fastify's `serverFactory`: the HTTP server Fastify would make (its keep-alive, request and
   * connection timeouts, lib/server.js), with the lane in front of Fastify's handler.
   */
  readonly serverFactory: FastifyServerFactory = (handler, options) => {
    const o = options as FastifyServerOptions;
    const server: Server = createServer(o.http ?? {}, (request, response) => {
      if (!this.answer(request, response)) handler(request, response);
    });
    if (o.keepAliveTimeout !== undefined) server.keepAliveTimeout = o.keepAliveTimeout;
    if (o.requestTimeout !== undefined) server.requestTimeout = o.requestTimeout;
    server.setTimeout(o.connectionTimeout ?? 0);
    if (o.maxRequestsPerSocket) server.maxRequestsPerSocket = o.maxRequestsPerSocket;
    return server;
  };

  /** Starts answering, once the app's cache and its security headers exist. */
  open(cache: PublicCache, securityHeaders: Readonly<Record<string, string>>): void {
    this.cache = cache;
    this.securityHeaders = securityHeaders;
  }

  /** Stops answering: from here on Fastify answers everything (while closing: 503). */
  close(): void {
    this.cache = null;
  }

  /** Whether the request was answered here. */
  private answer(request: IncomingMessage, response: ServerResponse): boolean {
    if (!this.cache || request.method !== 'GET' || request.url === undefined || request.headers.origin !== undefined) return false;
    const kept = this.cache.getByUrl(request.url);
    if (!kept) return false;
    const { status, headers, body } = keptResponse(kept, {
      ifNoneMatch: request.headers['if-none-match'],
      acceptEncoding: request.headers['accept-encoding'],
    });
    response.writeHead(status, { ...this.securityHeaders, ...headers, 'content-length': String(Buffer.byteLength(body)) });
    response.end(body);
    return true;
  }
}
