import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Requests that were not 2xx, errored or timed out: a row with any is not a valid figure. */
  failed: number;
}

/** autocannon on loopback: a fixed number of connections, or a fixed overall rate (then `connections` is the pool). */
export async function load(
  url: string,
  options: { connections: number; seconds: number; rate?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.rate,
    headers: options.headers,
    timeout: 10,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
