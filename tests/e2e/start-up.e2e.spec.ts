import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { REPO_ROOT, assertBuilt, freePort, startService } from '../support/service.js';

const MYSQL_SERVER_URL = process.env.MANYI_TEST_MYSQL_URL ?? 'mysql://manyi:manyi@127.0.0.1:3306';

/** Runs the built service with `env` until it exits; for start-ups that must fail. */
function runUntilExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'cloud', 'dist', 'main.js')], {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('starting the service', () => {
  beforeAll(() => assertBuilt());

  it.each([
    [
      'a DATABASE_URL of an unsupported kind',
      { DATABASE_URL: 'postgres://u@127.0.0.1/manyi' },
      /DATABASE_URL scheme "postgres:" is not supported/,
    ],
    ['a DATABASE_URL that is not a URL', { DATABASE_URL: 'my database' }, /DATABASE_URL is not a URL/],
    ['a PORT that is not a port', { PORT: '99999' }, /PORT="99999" is invalid/],
    [
      'a MariaDB nobody listens on',
      { DATABASE_URL: 'mysql://manyi:manyi@127.0.0.1:1/manyi_nowhere' },
      /the database refused the connection/,
    ],
    [
      'a wrong database password',
      { DATABASE_URL: `${MYSQL_SERVER_URL.replace(/:[^:@/]*@/, ':not-the-password@')}/manyi_x` },
      /refused the user or password/,
    ],
    [
      'a Redis nobody listens on (its password not shown)',
      { REDIS_URL: 'redis://:not-shown-secret@127.0.0.1:1' },
      /Redis at 127\.0\.0\.1:1 cannot be reached \(ECONNREFUSED\); is it running, and is REDIS_URL right\?/,
    ],
  ])('stops with one clear line, not a stack trace, on %s', async (_case, env, message) => {
    const port = await freePort();
    const result = await runUntilExit({ PORT: String(port), ...env });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^manyi: cannot start: /);
    expect(lines[0]).toMatch(message);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout + result.stderr).not.toContain('not-shown-secret');
  });

  it('serves the same directory on MariaDB (from a latin1 database) as on the embedded SQLite', async () => {
    const name = `manyi_e2e_${randomBytes(5).toString('hex')}`;
    const server = await mysql.createConnection(MYSQL_SERVER_URL);
    await server.query(`CREATE DATABASE \`${name}\` CHARACTER SET latin1`);
    const onSqlite = await startService();
    const onMariadb = await startService({ env: { DATABASE_URL: `${MYSQL_SERVER_URL}/${name}` } }).catch(async (error: unknown) => {
      await onSqlite.stop();
      throw error;
    });
    try {
      const read = async (base: string, path: string) => (await fetch(`${base}/api/v1${path}`)).json();
      // From 60 days before a year the calendar lacks, health also names it (calendar: …): on both alike.
      const [mariadbHealth, sqliteHealth] = [await read(onMariadb.baseUrl, '/health'), await read(onSqlite.baseUrl, '/health')];
      expect(mariadbHealth).toMatchObject({ status: 'ok', database: 'mysql' });
      expect(sqliteHealth).toMatchObject({ status: 'ok', database: 'sqlite' });
      expect(mariadbHealth.calendar).toEqual(sqliteHealth.calendar);
      for (const path of ['/streets', '/streets/xietu/compounds', '/streets/huajing/compounds', '/categories', '/departments']) {
        expect(await read(onMariadb.baseUrl, path)).toEqual(await read(onSqlite.baseUrl, path));
      }
    } finally {
      await Promise.all([onSqlite.stop(), onMariadb.stop()]);
      await server.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await server.end();
    }
  });

  it('writes its logs as JSON lines, with request logs that never carry the bearer token', async () => {
    const service = await startService({ env: { LOG_LEVEL: 'info' } });
    try {
      await fetch(`${service.baseUrl}/api/v1/streets`, { headers: { authorization: 'Bearer secret-token-123' } });
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await service.stop();
    }
    const logLines = service
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    const entries = logLines.map((line) => JSON.parse(line) as { level: number; time: number; msg: string; req?: { url: string } });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => typeof e.level === 'number' && typeof e.time === 'number' && typeof e.msg === 'string')).toBe(true);
    expect(entries.some((e) => e.req?.url === '/api/v1/streets')).toBe(true);
    expect(service.output()).not.toContain('secret-token-123');
  });
});
