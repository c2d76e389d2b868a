/**
 * The ceiling for an answer kept in memory: plain node:http, answering each measured URL with the
 * status, bytes and response headers the service sent for it (answers.ts), and nothing else — no
 * framework, no routing table, no hooks. Node adds Date, Content-Length and Connection as it does for
 * the service.
 *
 *   node bench/dist/bare-node.js <port> <answers.json>   (CapturedAnswers, keyed by URL)
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { notModified, notModifiedHeaders, type CapturedAnswers } from './answers.js';

const [port, file] = process.argv.slice(2);
const answers = new Map(
  Object.entries(JSON.parse(readFileSync(file!, 'utf8')) as CapturedAnswers).map(([url, a]) => [
    url,
    { ...a, bytes: Buffer.from(a.body, 'base64'), unchanged: notModifiedHeaders(a) },
  ]),
);
const health = Buffer.from('{"status":"ok"}');

createServer((request, response) => {
  const answer = answers.get(request.url!);
  if (answer && notModified(answer, request.headers['if-none-match'])) response.writeHead(304, answer.unchanged).end();
  else if (answer) response.writeHead(answer.status, answer.headers).end(answer.bytes);
  else if (request.url === '/health') response.writeHead(200, { 'content-type': 'application/json' }).end(health);
  else response.writeHead(404).end();
}).listen(Number(port), '127.0.0.1');
