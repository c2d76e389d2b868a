import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLOUD_DIST, ROOT } from './cloud.js';

export interface Server {
  url: string;
  /** The child's process id (node itself, no shell between), to read its CPU time (processCpuSeconds). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * A child process that serves HTTP on `port`, ready once `readyPath` answers. Its output is kept and
 * shown only if it fails to start; it is stopped (SIGTERM, then SIGKILL) by stop() or when the bench exits.
 */
export async function startServer(
  name: string,
  args: string[],
  port: number,
  env: Record<string, string>,
  readyPath: string,
  timeoutMs = 600_000,
): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  children.add(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(url + readyPath);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start in ${timeoutMs / 1000} s:\n${output}`);
    }
    await sleep(250);
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const exited = once(child, 'exit');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      children.delete(child);
    },
  };
}

const children = new Set<ChildProcess>();
const killChildren = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
};
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });

/**
 * The CPU time (user + system, every thread) a process has used so far, in seconds, from
 * /proc/<pid>/stat: fields 14 and 15, counted in the kernel's user-visible ticks, 100 a second on Linux.
 */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count the fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * `node [--inspect] <build>/main.js`: the built service (CLOUD_DIST, or another build such as the
 * "before" one). With `inspectPort` its inspector listens on loopback, for the bench's CPU profiles and
 * event-loop probes (inspector.ts); an inspector with no profiler running costs next to nothing.
 */
export function serviceArgs(options: { inspectPort?: number; dist?: string } = {}): string[] {
  const inspect = options.inspectPort ? [`--inspect=127.0.0.1:${options.inspectPort}`] : [];
  return [...inspect, join(options.dist ?? CLOUD_DIST, 'main.js')];
}
