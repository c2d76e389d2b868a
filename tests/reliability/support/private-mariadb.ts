import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freePort } from '../../support/service.js';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';

/**
 * A MariaDB server of the fault tests' own: its own data folder, port and socket, so stopping,
 * freezing and restarting it never touches the shared server the other test suites use
 * (scripts/ensure-mariadb.sh installs the binaries this starts).
 */
export class PrivateMariaDb {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** mysql://… of a fresh utf8mb4 database on this server, for the service under test. */
  get url(): string {
    return `mysql://manyi:manyi@127.0.0.1:${this.port}/manyi_faults`;
  }

  static async create(): Promise<PrivateMariaDb> {
    for (const binary of [MARIADBD, INSTALL_DB]) {
      if (!existsSync(binary)) throw new Error(`${binary} is missing: run bash scripts/ensure-mariadb.sh first`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'manyi-faults-db-'));
    const installed = spawnSync(
      INSTALL_DB,
      ['--no-defaults', '--user=root', `--datadir=${join(dir, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
      { encoding: 'utf8' },
    );
    if (installed.status !== 0) throw new Error(`mariadb-install-db failed: ${installed.stderr}`);
    const db = new PrivateMariaDb(dir, await freePort());
    await db.start();
    const root = await mysql.createConnection({ socketPath: join(dir, 'mysqld.sock'), user: 'root' });
    try {
      await root.query(`CREATE USER 'manyi'@'127.0.0.1' IDENTIFIED BY 'manyi'`);
      await root.query(`GRANT ALL PRIVILEGES ON *.* TO 'manyi'@'127.0.0.1'`);
      await root.query('CREATE DATABASE manyi_faults CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    } finally {
      await root.end();
    }
    return db;
  }

  /** Starts the server (again) on the same data and port, and waits until it answers. */
  async start(): Promise<void> {
    const child = spawn(
      MARIADBD,
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        `--log-error=${join(this.dir, 'error.log')}`,
        '--skip-log-bin',
        '--innodb-buffer-pool-size=32M',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const conn = await mysql.createConnection({ socketPath: join(this.dir, 'mysqld.sock'), user: 'root' });
        await conn.end();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    throw new Error('the private MariaDB did not start within 60 s');
  }

  /** A clean shutdown, as an operator's restart does; waits until the process is gone. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
    this.child = null;
  }

  /** Freezes the server: connections stay open, nothing answers — a hanging database. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  async connect(): Promise<mysql.Connection> {
    return mysql.createConnection(this.url);
  }

  async destroy(): Promise<void> {
    this.thaw();
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}
