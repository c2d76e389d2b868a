import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { PassThrough, Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import mysql from 'mysql2/promise';
import { DATA_FILE_MODE } from '../common/secrets/local-secret.js';
import type { DatabaseConfig } from '../config/app-config.js';
import { DumpRowCounter } from './dump-row-counter.js';
import { BackupError, type DatabaseSnapshot } from './manifest.js';

type MysqlConfig = Extract<DatabaseConfig, { kind: 'mysql' }>;

/** The first of these on PATH does the work: MariaDB's names first (Debian's `mysqldump` is a link to them). */
const DUMP_TOOLS = ['mariadb-dump', 'mysqldump'];
const CLIENT_TOOLS = ['mariadb', 'mysql'];

export interface MysqlDumpResult extends DatabaseSnapshot {
  tool: string;
}

/**
 * `mariadb-dump`/`mysqldump --single-transaction` of the configured database into a gzip file: one
 * consistent snapshot while the service keeps writing (every table is InnoDB). The rows of each table are
 * counted from the dump itself, so the counts are the snapshot's. Credentials go through a temporary
 * option file (mode 0600), never the command line, where `ps` would show them.
 */
export async function dumpMysql(database: MysqlConfig, file: string): Promise<MysqlDumpResult> {
  const tool = findTool(DUMP_TOOLS, 'mariadb-dump nor mysqldump');
  const version = toolVersion(tool);
  const mysqlFlavour = !/MariaDB/i.test(version);
  const args = [
    '--single-transaction',
    '--quick',
    '--skip-lock-tables',
    '--hex-blob',
    '--triggers',
    '--no-tablespaces',
    '--default-character-set=utf8mb4',
    // MySQL's own mysqldump: no GTID statements (a managed database such as TencentDB refuses them on
    // restore), and no histogram query that MariaDB servers do not know.
    ...(mysqlFlavour ? ['--set-gtid-purged=OFF', ...(/Ver [89]\.|Ver \d{2,}\./.test(version) ? ['--column-statistics=0'] : [])] : []),
    database.database,
  ];
  const counter = new DumpRowCounter();
  const hash = createHash('sha256');
  let bytes = 0;
  await withOptionFile(database, async (optionFile) => {
    const child = spawn(tool, [`--defaults-extra-file=${optionFile}`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    await Promise.all([
      exitOf(child, tool),
      pipeline(
        child.stdout!,
        counter,
        createGzip(),
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            bytes += chunk.length;
            done(null, chunk);
          },
        }),
        createWriteStream(file, { mode: DATA_FILE_MODE }),
      ),
    ]);
  });
  const { migrations, photoKeys } = await readMysql(database, async (conn) => ({
    migrations: await migrationNames(conn),
    photoKeys: await photoKeysOf(conn),
  }));
  return {
    rows: Object.fromEntries([...counter.rows].sort(([a], [b]) => a.localeCompare(b))),
    migrations,
    photoKeys,
    sha256: hash.digest('hex'),
    bytes,
    tool: version,
  };
}

/** Whether the configured database exists and holds any table (a migrated database always does). */
export async function mysqlHoldsData(database: MysqlConfig): Promise<boolean> {
  const conn = await connect(database, false);
  try {
    return (await tablesOf(conn, database.database)).length > 0;
  } finally {
    await conn.end();
  }
}

/**
 * Loads a dump into the configured database: creates it (utf8mb4) when it is missing, drops what it holds
 * when `replace` is set, then pipes the dump into `mariadb`/`mysql`. Returns the rows each table then has.
 */
export async function loadMysql(database: MysqlConfig, file: string, replace: boolean): Promise<DatabaseSnapshot> {
  const tool = findTool(CLIENT_TOOLS, 'mariadb nor mysql');
  const conn = await connect(database, false);
  try {
    // Created only when missing: a managed database's user may hold every right on its database but not CREATE DATABASE.
    const [schemas] = await conn.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [database.database]);
    if ((schemas as unknown[]).length === 0)
      await conn.query(`CREATE DATABASE ${quoteName(database.database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    if (replace) {
      await conn.query(`USE ${quoteName(database.database)}`);
      await conn.query('SET FOREIGN_KEY_CHECKS = 0');
      for (const { name, type } of await tablesOf(conn, database.database))
        await conn.query(`DROP ${type === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS ${quoteName(name)}`);
    }
  } catch (error) {
    throw new BackupError(`cannot prepare the database ${database.database}: ${(error as Error).message}`);
  } finally {
    await conn.end();
  }
  await withOptionFile(database, async (optionFile) => {
    const child = spawn(tool, [`--defaults-extra-file=${optionFile}`, '--default-character-set=utf8mb4', database.database], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const exited = exitOf(child, tool);
    // The client may stop reading at an error: its exit status and message say what went wrong, not the broken pipe.
    const fed = pipeline(createReadStream(file), createGunzip(), child.stdin as Writable).catch((error: unknown) => error);
    await exited;
    const feedError = await fed;
    if (feedError) throw new BackupError(`cannot read the dump ${file}: ${(feedError as Error).message}`);
  });
  return readMysql(database, async (conn) => {
    const rows: Record<string, number> = {};
    for (const { name, type } of await tablesOf(conn, database.database)) {
      if (type === 'VIEW') continue;
      const [result] = await conn.query(`SELECT COUNT(*) AS n FROM ${quoteName(name)}`);
      rows[name] = Number((result as Array<{ n: number | string }>)[0]!.n);
    }
    return { rows, migrations: await migrationNames(conn), photoKeys: await photoKeysOf(conn), sha256: '', bytes: 0 };
  });
}

async function readMysql<T>(database: MysqlConfig, read: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await connect(database, true);
  try {
    return await read(conn);
  } finally {
    await conn.end();
  }
}

async function connect(database: MysqlConfig, withDatabase: boolean): Promise<mysql.Connection> {
  try {
    return await mysql.createConnection({
      host: database.host,
      port: database.port,
      user: database.username,
      password: database.password,
      ...(withDatabase ? { database: database.database } : {}),
      charset: 'utf8mb4_unicode_ci',
      connectTimeout: 10_000,
    });
  } catch (error) {
    throw new BackupError(`cannot connect to ${database.host}:${database.port} as ${database.username}: ${(error as Error).message}`);
  }
}

async function tablesOf(conn: mysql.Connection, schema: string): Promise<Array<{ name: string; type: string }>> {
  const [rows] = await conn.query('SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [
    schema,
  ]);
  return rows as Array<{ name: string; type: string }>;
}

async function migrationNames(conn: mysql.Connection): Promise<string[]> {
  const [tables] = await conn.query(
    "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'migrations'",
  );
  if ((tables as unknown[]).length === 0) return [];
  const [rows] = await conn.query('SELECT name FROM migrations ORDER BY timestamp, id');
  return (rows as Array<{ name: string }>).map((r) => r.name);
}

async function photoKeysOf(conn: mysql.Connection): Promise<string[]> {
  const [tables] = await conn.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'photo'");
  if ((tables as unknown[]).length === 0) return [];
  const [rows] = await conn.query('SELECT storage_key, thumbnail_key, original_key FROM photo');
  return keysOfRows(rows as Array<Record<string, string | null>>);
}

/** Every storage key the photo rows name (full size, thumbnail, and the upload while it waits to be processed). */
export function keysOfRows(rows: Array<Record<string, string | null>>): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of [row.storage_key, row.thumbnail_key, row.original_key]) if (key) keys.add(key);
  return [...keys].sort();
}

function quoteName(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

function findTool(names: string[], what: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  throw new BackupError(`neither ${what} is on PATH: install the MySQL or MariaDB client (Debian: apt-get install mariadb-client)`);
}

function toolVersion(tool: string): string {
  const result = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  return (result.stdout || tool).trim();
}

/** An option file in a fresh owner-only folder for the client's `--defaults-extra-file`, removed afterwards. */
async function withOptionFile<T>(database: MysqlConfig, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'manyi-backup-'));
  const path = join(dir, 'client.cnf');
  try {
    const value = (v: string) => '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
    // TCP like the service, even for "localhost" (where the client would otherwise look for a socket).
    const lines = ['[client]', `user=${value(database.username)}`, `password=${value(database.password)}`, `host=${value(database.host)}`];
    lines.push(`port=${database.port}`, 'protocol=tcp', '');
    await writeFile(path, lines.join('\n'), { mode: DATA_FILE_MODE });
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Resolves when the child exits 0; otherwise rejects with its own first error line. */
function exitOf(child: ReturnType<typeof spawn>, tool: string): Promise<void> {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  (child.stderr as Readable | null)?.pipe(stderr);
  stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', (error) => reject(new BackupError(`cannot run ${tool}: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const message = Buffer.concat(chunks)
        .toString('utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !/deprecated program name/i.test(line));
      reject(new BackupError(`${tool} failed (${signal ?? `exit ${code}`}): ${message[0] ?? 'no message'}`));
    });
  });
}
