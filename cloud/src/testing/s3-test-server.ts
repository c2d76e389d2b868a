import { createHash } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from 'fauxqs';

/**
 * An S3-protocol server for tests: fauxqs (an S3/SQS/SNS emulator on Fastify, a dev dependency), in this
 * process, objects in memory, on a free loopback port; the real @aws-sdk/client-s3 talks to it as it
 * talks to COS or MinIO. Like S3, it stores an object only once its whole body arrived. It does not
 * verify Content-MD5 (real stores do): S3FaultProxy records what each PUT carried.
 */
export interface S3TestServer {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

export const TEST_BUCKET = 'manyi-photos';

/** Any credentials sign for the test server; the variables are the ones a deployment sets. */
export const TEST_S3_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'manyi-test', AWS_SECRET_ACCESS_KEY: 'manyi-test-secret' };

export async function startS3TestServer(bucket = TEST_BUCKET): Promise<S3TestServer> {
  const app = buildApp({ logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const created = await app.inject({ method: 'PUT', url: `/${bucket}` });
  if (created.statusCode !== 200) throw new Error(`the S3 test server did not create ${bucket}: ${created.statusCode} ${created.body}`);
  const { port } = app.server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, bucket, stop: () => app.close() };
}

/** The service's settings for a bucket at `endpoint` (the server itself, or a proxy in front of it). */
export function photoStoreEnv(endpoint: string, bucket = TEST_BUCKET): Record<string, string> {
  return {
    MANYI_PHOTO_STORE: `s3://${bucket}?endpoint=${endpoint}&region=us-east-1&forcePathStyle=true`,
    ...TEST_S3_CREDENTIALS,
  };
}

/**
 * What the proxy does to an object PUT: `pass` it on; `cut` it — forward half the body, then destroy
 * both connections, as a network or a store that dies mid-write does; answer `error` 500 InternalError
 * itself. `down` answers 500 to every request, reads included.
 */
export type FaultMode = 'pass' | 'cut' | 'error' | 'down';

export interface ObservedPut {
  key: string;
  mode: FaultMode;
  /** The Content-MD5 header the client sent, and the MD5 of the body it sent (base64), for comparison. */
  contentMd5: string | undefined;
  bodyMd5: string;
  bytes: number;
}

export interface S3FaultProxy {
  endpoint: string;
  mode: FaultMode;
  /** Every object PUT that reached the proxy, retries included. */
  readonly puts: ObservedPut[];
  stop(): Promise<void>;
}

const INTERNAL_ERROR =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>';

/** A loopback HTTP proxy in front of an S3 server that fails on demand (see FaultMode). */
export async function startS3FaultProxy(upstream: string): Promise<S3FaultProxy> {
  const target = new URL(upstream);
  const proxy: S3FaultProxy = { endpoint: '', mode: 'pass', puts: [], stop: async () => undefined };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const path = new URL(req.url ?? '/', 'http://proxy').pathname;
      const key = decodeURIComponent(path.split('/').slice(2).join('/'));
      const mode = proxy.mode;
      const objectPut = req.method === 'PUT' && key !== '';
      if (objectPut) {
        const header = req.headers['content-md5'];
        proxy.puts.push({
          key,
          mode,
          contentMd5: Array.isArray(header) ? header[0] : header,
          bodyMd5: createHash('md5').update(body).digest('base64'),
          bytes: body.length,
        });
      }
      if (mode === 'down' || (objectPut && mode === 'error')) {
        res.writeHead(500, { 'content-type': 'application/xml' }).end(INTERNAL_ERROR);
        return;
      }
      const forward = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      if (objectPut && mode === 'cut') {
        forward.flushHeaders();
        forward.write(body.subarray(0, Math.floor(body.length / 2)));
        // Give the partial body time to reach the server, then fail both sides without an answer.
        setTimeout(() => {
          forward.destroy();
          req.socket.destroy();
        }, 20);
        return;
      }
      forward.end(body);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
