import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DATA_DIR_MODE, DATA_FILE_MODE } from '../common/secrets/local-secret.js';
import { BackupError, type DatabaseSnapshot } from './manifest.js';
import { keysOfRows } from './mysql-database.js';

/**
 * SQLite through its online backup API: a consistent copy page by page while the service keeps reading
 * and writing (a write during the copy makes SQLite restart it, so the copy is always one moment's
 * state). The copy is turned into a single self-contained file (rollback journal, not WAL).
 */
export async function backupSqlite(path: string, file: string): Promise<DatabaseSnapshot> {
  if (path === ':memory:') throw new BackupError('DATABASE_URL is sqlite::memory: — an in-memory database has nothing to back up');
  if (!existsSync(path)) throw new BackupError(`the database file ${path} does not exist (is MANYI_DATA_DIR or DATABASE_URL right?)`);
  const source = new Database(path, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(file);
  } finally {
    source.close();
  }
  await chmod(file, DATA_FILE_MODE);
  const copy = new Database(file);
  let snapshot: Omit<DatabaseSnapshot, 'sha256' | 'bytes'>;
  try {
    copy.pragma('journal_mode = DELETE');
    snapshot = describe(copy);
  } finally {
    copy.close();
  }
  return { ...snapshot, sha256: await sha256File(file), bytes: statSync(file).size };
}

/** Whether the file exists and holds any table (a migrated database always does). */
export function sqliteHoldsData(path: string): boolean {
  if (!existsSync(path) || statSync(path).size === 0) return false;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n > 0;
    } finally {
      db.close();
    }
  } catch {
    // Not a database SQLite can read: something is there all the same.
    return true;
  }
}

/**
 * Puts the backup's file in place of the database: copied beside it, checked, then renamed over it, with
 * the old write-ahead log removed so SQLite cannot replay it onto the restored file.
 */
export async function restoreSqlite(file: string, path: string): Promise<DatabaseSnapshot> {
  await mkdir(dirname(path), { recursive: true, mode: DATA_DIR_MODE });
  const staged = `${path}.restoring`;
  await copyFile(file, staged);
  await chmod(staged, DATA_FILE_MODE);
  const check = new Database(staged, { fileMustExist: true });
  try {
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`the backup's database file fails SQLite's check: ${String(result)}`);
  } finally {
    check.close();
  }
  await rm(`${path}-wal`, { force: true });
  await rm(`${path}-shm`, { force: true });
  await rm(`${path}-journal`, { force: true });
  await rename(staged, path);
  const restored = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return { ...describe(restored), sha256: '', bytes: 0 };
  } finally {
    restored.close();
  }
}

function describe(db: Database.Database): Omit<DatabaseSnapshot, 'sha256' | 'bytes'> {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((t) => t.name);
  const rows: Record<string, number> = {};
  for (const name of tables) rows[name] = (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
  const migrations = tables.includes('migrations')
    ? (db.prepare('SELECT name FROM migrations ORDER BY timestamp, id').all() as Array<{ name: string }>).map((r) => r.name)
    : [];
  const photoKeys = tables.includes('photo')
    ? keysOfRows(db.prepare('SELECT storage_key, thumbnail_key, original_key FROM photo').all() as Array<Record<string, string | null>>)
    : [];
  return { rows, migrations, photoKeys };
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
