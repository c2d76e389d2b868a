import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { ROOT } from './cloud.js';

export interface LoadResult {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Requests that were not 2xx, errored or timed out: a row with any is not a valid figure. */
  failed: number;
}

/** A fixed number of connections, or a fixed overall rate (then `connections` is the pool). */
export interface LoadOptions {
  connections: number;
  seconds: number;
  rate?: number;
  headers?: Record<string, string>;
}

/**
 * autocannon on loopback, run by a child process of its own (load.ts): the generator's work never
 * lands on the event loop of the bench or of a server being measured.
 */
export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
  const child = spawn(process.execPath, [join(ROOT, 'bench/dist/load.js'), JSON.stringify({ url, ...options })], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`the load generator exited with ${code} for ${url}:\n${stderr}`);
  return JSON.parse(stdout) as LoadResult;
}
