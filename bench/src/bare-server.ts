/**
 * The ceiling: a bare Fastify server that answers each path with bytes the real service gave for it,
 * with the same content type, and nothing else — no routing framework, validation, auth or database.
 *
 *   node bench/dist/bare-server.js <port> <responses.json>   (responses: { "<path>": "<body>" })
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [port, file] = process.argv.slice(2);
const responses = JSON.parse(readFileSync(file!, 'utf8')) as Record<string, string>;
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
for (const [path, body] of Object.entries(responses)) {
  const bytes = Buffer.from(body);
  app.get(path.split('?')[0]!, (_request, reply) => {
    void reply.header('content-type', 'application/json; charset=utf-8').send(bytes);
  });
}
await app.listen({ port: Number(port), host: '127.0.0.1' });
