/**
 * What the service answered, kept so the bare servers (bare-node.ts, bare-server.ts) can send the very
 * same answer: status, body bytes and response headers. The ratio of the service to them is then the
 * cost of what lies between the socket and those bytes, not of the bytes or the headers themselves.
 */
import { request } from 'node:http';

export interface CapturedAnswer {
  status: number;
  /** The service's response headers, less those the serving socket writes itself (WRITTEN_BY_SERVER). */
  headers: Record<string, string | string[]>;
  /** The body, base64 (it may be compressed). */
  body: string;
}

/** Keyed by the request URL (path and query string), as the load asks for it. */
export type CapturedAnswers = Record<string, CapturedAnswer>;

/** Headers that belong to the connection or the moment, which any node:http server writes by itself. */
const WRITTEN_BY_SERVER = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * One GET with exactly the request headers the load sends (autocannon writes Host and Connection:
 * keep-alive, then the given headers; node:http does the same), so the service negotiates the same
 * answer it gives the load (no Accept-Encoding: the uncompressed bytes).
 */
export function captureAnswer(base: string, path: string, headers: Record<string, string> = {}): Promise<CapturedAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { headers: { connection: 'keep-alive', ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const kept: CapturedAnswer['headers'] = {};
        for (const [name, value] of Object.entries(res.headers))
          if (value !== undefined && !WRITTEN_BY_SERVER.has(name)) kept[name] = value;
        resolve({ status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks).toString('base64') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Whether the service answers this request with a 304: it does (public-cache.interceptor.ts) when the
 * client already holds the ETag it would send. The load never sends If-None-Match; this keeps the bare
 * servers honest for anyone who tries them with curl.
 */
export function notModified(answer: CapturedAnswer, ifNoneMatch: string | undefined): boolean {
  return ifNoneMatch !== undefined && answer.headers.etag !== undefined && answer.headers.etag === ifNoneMatch;
}

/** The headers of that 304: the same, less those describing the body that is not sent. */
export function notModifiedHeaders(answer: CapturedAnswer): CapturedAnswer['headers'] {
  const { 'content-type': _type, 'content-encoding': _encoding, ...rest } = answer.headers;
  return rest;
}
