/**
 * The ceiling of the service's own HTTP stack: a bare Fastify server answering each measured URL with
 * the status, bytes and response headers the service sent for it (answers.ts) — Fastify's routing and
 * reply, but no Nest, hooks, validation, auth or database.
 *
 *   node bench/dist/bare-server.js <port> <answers.json>   (CapturedAnswers, keyed by URL)
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { notModified, notModifiedHeaders, type CapturedAnswers } from './answers.js';

const [port, file] = process.argv.slice(2);
const answers = JSON.parse(readFileSync(file!, 'utf8')) as CapturedAnswers;
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
// One route per path; a path measured with several query strings picks its answer by the whole URL.
const byPath = new Map<string, Map<string, ReturnType<typeof prepared>>>();
const prepared = (a: CapturedAnswers[string]) => ({ ...a, bytes: Buffer.from(a.body, 'base64'), unchanged: notModifiedHeaders(a) });
for (const [url, answer] of Object.entries(answers)) {
  const path = url.split('?')[0]!;
  if (!byPath.has(path)) byPath.set(path, new Map());
  byPath.get(path)!.set(url, prepared(answer));
}
for (const [path, urls] of byPath)
  app.get(path, (request, reply) => {
    const answer = urls.get(request.url);
    if (!answer) return reply.code(404).send();
    if (notModified(answer, request.headers['if-none-match'])) return reply.code(304).headers(answer.unchanged).send();
    return reply.code(answer.status).headers(answer.headers).send(answer.bytes);
  });
await app.listen({ port: Number(port), host: '127.0.0.1' });
