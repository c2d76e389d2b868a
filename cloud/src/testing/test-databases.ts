import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { loadConfig, type AppConfig } from '../config/app-config.js';

/**
 * Every test that touches the database runs on SQLite and on MariaDB. Each test file gets its own
 * throwaway database (a temp SQLite file, or a fresh MariaDB database created latin1 on purpose —
 * the server default on many installs — so the migrations must make it utf8mb4 themselves).
 *
 * `MANYI_TEST_DATABASES=sqlite` narrows a local run; CI runs both. MariaDB comes from
 * scripts/ensure-mariadb.sh (the README's test command runs it).
 */
export type TestDatabaseKind = 'sqlite' | 'mariadb';

export const TEST_DATABASES: TestDatabaseKind[] = (process.env.MANYI_TEST_DATABASES ?? 'sqlite,mariadb')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is TestDatabaseKind => s === 'sqlite' || s === 'mariadb');

const MYSQL_SERVER_URL = process.env.MANYI_TEST_MYSQL_URL ?? 'mysql://manyi:manyi@127.0.0.1:3306';

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** The DATABASE_URL for the service under test. */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'manyi-test-'));
    return { kind, url: `sqlite:${join(dir, 'manyi.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `manyi_t_${randomBytes(6).toString('hex')}`;
  const server = await connectToServer();
  try {
    await server.query(`CREATE DATABASE \`${name}\` CHARACTER SET latin1 COLLATE latin1_swedish_ci`);
  } finally {
    await server.end();
  }
  return {
    kind,
    url: `${MYSQL_SERVER_URL.replace(/\/$/, '')}/${name}`,
    drop: async () => {
      const conn = await connectToServer();
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}

async function connectToServer(): Promise<mysql.Connection> {
  try {
    return await mysql.createConnection(MYSQL_SERVER_URL);
  } catch (error) {
    throw new Error(
      `MariaDB is not reachable at ${MYSQL_SERVER_URL.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message}). ` +
        'Run scripts/ensure-mariadb.sh, or set MANYI_TEST_DATABASES=sqlite for a SQLite-only local run.',
    );
  }
}

/** A configuration for the service under test: quiet logs, demo mode as asked, no front ends. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    MANYI_DEMO: '0',
    MANYI_H5_DIR: '/nonexistent/h5',
    MANYI_ADMIN_DIR: '/nonexistent/admin',
    MANYI_TOKEN_SECRET: 'test-token-secret-of-at-least-32-characters',
    MANYI_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
    // A test file signs in and submits far more often than a person; the limits have their own tests.
    MANYI_RATE_LIMIT_LOGIN: '1000000',
    MANYI_RATE_LIMIT_SUBMIT: '1000000',
    // Residents sign in through the preview login here, except where a test runs WeChat mode.
    ...(overrides.WECHAT_APPID ? {} : { MANYI_PREVIEW_LOGIN: '1' }),
    MANYI_RATE_LIMIT_UPLOAD: '1000000',
    MANYI_UPLOAD_PENDING_MAX: '100000',
    ...overrides,
  });
}
