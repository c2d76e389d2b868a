import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this file's place in it (tests/support/service.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const SERVICE_ENTRY = join(REPO_ROOT, 'cloud', 'dist', 'main.js');
const H5_INDEX = join(REPO_ROOT, 'miniapp', 'dist', 'h5', 'index.html');
const ADMIN_INDEX = join(REPO_ROOT, 'cloud', 'admin', 'dist', 'index.html');

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** How much of the child's output to keep for error messages. */
const OUTPUT_LIMIT = 20_000;

export interface RunningService {
  /** e.g. http://127.0.0.1:41234 — no trailing slash. */
  baseUrl: string;
  /** Kills the service, waits for it to exit and removes its temporary data folder. */
  stop(): Promise<void>;
  /** What the service has printed so far (the last 20,000 characters). */
  output(): string;
}

export interface StartServiceOptions {
  /** Extra or replacement environment variables for the service. */
  env?: Record<string, string>;
  /** Also require the built h5 front end (miniapp/dist/h5), for the browser tests. */
  requireH5?: boolean;
  /** Also require the built admin page (cloud/admin/dist), for its browser tests. */
  requireAdmin?: boolean;
}

/** Fails with one clear line when a build the tests run against is missing. */
export function assertBuilt({ requireH5 = false, requireAdmin = false }: { requireH5?: boolean; requireAdmin?: boolean } = {}): void {
  const missing = [SERVICE_ENTRY, ...(requireH5 ? [H5_INDEX] : []), ...(requireAdmin ? [ADMIN_INDEX] : [])].filter(
    (file) => !existsSync(file),
  );
  if (missing.length > 0) {
    throw new Error(
      `${missing.map((file) => file.slice(REPO_ROOT.length)).join(' and ')} missing: run npm run build first ` +
        `(npm run build -w @manyi/shared && npm run build -w @manyi/cloud && npm run build:h5 -w @manyi/miniapp ` +
        `&& npm run build -w @manyi/admin)`,
    );
  }
}

/** A port nobody listens on right now: the kernel picks one for a throwaway listener. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not get a free port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/**
 * Starts the built service (`node cloud/dist/main.js`, as `npm start` runs it) on a free port with a
 * fresh SQLite database in a temporary folder and demo content on, and waits until
 * GET /api/v1/health answers 200.
 */
export async function startService(options: StartServiceOptions = {}): Promise<RunningService> {
  assertBuilt({ requireH5: options.requireH5, requireAdmin: options.requireAdmin });

  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'manyi-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;

  const child = spawn(process.execPath, [SERVICE_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      // Listen where the tests connect, not on every interface.
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(dataDir, 'manyi.sqlite')}`,
      MANYI_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      MANYI_DEMO: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const stop = async (): Promise<void> => {
    await killAndWait(child, exited, () => hasExited);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(`${baseUrl}/api/v1/health`, exited, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop, output: () => output };
}

async function waitForHealth(
  url: string,
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((e) => {
    exit = e;
  });
  let lastProblem = 'no answer yet';

  while (Date.now() < deadline) {
    if (exit) {
      throw new Error(`the service exited during start-up (${exit.signal ?? `code ${exit.code}`}):\n${output().trim() || '(no output)'}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      lastProblem = `GET ${url} answered ${response.status}`;
    } catch (error) {
      lastProblem =
        error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `the service did not answer GET ${url} with 200 within ${START_TIMEOUT_MS / 1000} s (${lastProblem}):\n${output().trim() || '(no output)'}`,
  );
}

async function killAndWait(child: ChildProcess, exited: Promise<unknown>, hasExited: () => boolean): Promise<void> {
  if (hasExited()) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!hasExited()) child.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
