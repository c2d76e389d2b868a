import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** One JSON log line of the service (pino). */
export interface LogLine {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

/**
 * One process of a deployment, started from a release folder (scripts/build-release.sh) as the image
 * starts it: `node cloud/dist/main.js` with the role and settings in its environment. It keeps every
 * JSON log line it printed, so a test can count what each process did.
 */
export class ReleaseProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private text = '';
  readonly lines: LogLine[] = [];

  constructor(
    readonly name: string,
    private readonly releaseDir: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the process printed, for a failure message. */
  output(): string {
    return this.text.slice(-20_000);
  }

  /** Log lines whose message is `msg`. */
  logged(msg: string): LogLine[] {
    return this.lines.filter((line) => line.msg === msg);
  }

  /** Starts the process and waits until GET /api/v1/health/ready answers 200. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [join(this.releaseDir, 'cloud', 'dist', 'main.js')], {
      cwd: this.releaseDir,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(this.port), ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.text += text;
      partial += text;
      const complete = partial.split('\n');
      partial = complete.pop()!;
      for (const line of complete) {
        if (!line.startsWith('{')) continue;
        try {
          this.lines.push(JSON.parse(line) as LogLine);
        } catch {
          // a line that is not JSON (the start-up banner) is kept in the text only
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited during start-up:\n${this.output()}`);
      try {
        const res = await fetch(`${this.baseUrl}/api/v1/health/ready`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${this.name} did not become ready within 90 s:\n${this.output()}`);
  }

  /** SIGKILL: the process dies wherever it is, as a node losing power does. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, as Kubernetes stops a pod; SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Runs a one-shot command of the release (`migrate`), returning its exit status and output. */
export function runReleaseCommand(
  releaseDir: string,
  args: string[],
  env: Record<string, string>,
): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(releaseDir, 'cloud', 'dist', 'main.js'), ...args], {
    cwd: releaseDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
