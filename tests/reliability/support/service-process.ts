import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { assertBuilt, REPO_ROOT } from '../../support/service.js';

/**
 * The built service (`node cloud/dist/main.js`, as `npm start` runs it) as a child process that a
 * test may kill -9 and start again on the same port and database.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private log = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    assertBuilt();
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  output(): string {
    return this.log;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'cloud', 'dist', 'main.js')], {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(this.port), LOG_LEVEL: 'error', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the service exited during start-up:\n${this.log}`);
      try {
        const res = await fetch(`${this.baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not yet listening
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the service did not become healthy within 60 s:\n${this.log}`);
  }

  /** kill -9: no shutdown hooks, no draining — what a crash or an OOM kill does. */
  async kill9(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
