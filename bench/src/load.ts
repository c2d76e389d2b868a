/**
 * The load generator, in a process of its own so that it never shares an event loop (or a core's
 * scheduling) with a server it measures: `node bench/dist/load.js '<options as JSON>'` runs autocannon
 * once and prints its LoadResult as one line of JSON on stdout. http.ts's load() spawns it.
 */
import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './http.js';

const options = JSON.parse(process.argv[2] ?? '') as LoadOptions & { url: string };
const result = await autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.seconds,
  overallRate: options.rate,
  headers: options.headers,
  timeout: 10,
});
const answer: LoadResult = {
  rps: result.requests.average,
  p50: result.latency.p50,
  p90: result.latency.p90,
  p99: result.latency.p99,
  max: result.latency.max,
  failed: result.non2xx + result.errors + result.timeouts,
};
process.stdout.write(JSON.stringify(answer) + '\n');
