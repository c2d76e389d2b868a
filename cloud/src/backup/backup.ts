import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DATA_DIR_MODE, DATA_FILE_MODE } from '../common/secrets/local-secret.js';
import type { AppConfig } from '../config/app-config.js';
import type { PhotoStorage } from '../modules/uploads/photo-storage.js';
import {
  BackupError,
  codeMigrations,
  MANIFEST_FILE,
  readManifest,
  unknownMigrations,
  type BackupManifest,
  type DatabaseSnapshot,
} from './manifest.js';
import { dumpMysql, loadMysql, mysqlHoldsData } from './mysql-database.js';
import { backupPhotos, conflictingPhotos, restorePhotos, verifyBackupPhotos } from './photos.js';
import { backupSecrets, planSecrets, writeSecrets } from './secrets.js';
import { backupSqlite, restoreSqlite, sha256File, sqliteHoldsData } from './sqlite-database.js';

export interface BackupOptions {
  /** The photo store the service uses (the local folder, or an object store). */
  storage: PhotoStorage;
  /** How the manifest names that store, e.g. `local:/srv/manyi/data/photos`. */
  storeName: string;
  /** One line per step; silent by default. */
  log?: (line: string) => void;
}

export interface RestoreOptions extends BackupOptions {
  /** Replace a database, photos and keys that are already there. */
  force?: boolean;
}

const DATABASE_FILES = { sqlite: 'database.sqlite', mysql: 'database.sql.gz' } as const;

/**
 * Backs up what the service needs to come back: the database (a consistent snapshot while it runs), the
 * photos its rows name, and the keys kept in the data folder, into a new folder (mode 0700) that
 * describes itself in manifest.json, written last.
 */
export async function backup(config: AppConfig, target: string, options: BackupOptions): Promise<BackupManifest> {
  const log = options.log ?? (() => undefined);
  const folder = resolve(target);
  const created = await prepareFolder(folder);
  try {
    let started = Date.now();
    const kind = config.database.kind;
    const databaseFile = DATABASE_FILES[kind];
    const snapshot: DatabaseSnapshot & { tool?: string } =
      config.database.kind === 'sqlite'
        ? await backupSqlite(config.database.path, join(folder, databaseFile))
        : await dumpMysql(config.database, join(folder, databaseFile));
    const rowCount = Object.values(snapshot.rows).reduce((a, b) => a + b, 0);
    log(
      `database: ${Object.keys(snapshot.rows).length} tables, ${rowCount} rows → ${databaseFile} (${megabytes(snapshot.bytes)}) in ${seconds(started)}`,
    );
    const newer = snapshot.migrations.filter((name) => !codeMigrations().includes(name));
    if (newer.length > 0)
      log(`note: the database has migrations this release does not know (${newer.join(', ')}): restore it with a newer release`);

    started = Date.now();
    const photos = await backupPhotos(options.storage, snapshot.photoKeys, folder);
    const photoBytes = photos.items.reduce((sum, p) => sum + p.bytes, 0);
    log(`photos: ${photos.items.length} files (${megabytes(photoBytes)}) from ${options.storeName} in ${seconds(started)}`);
    if (photos.missing.length > 0)
      log(
        `note: ${photos.missing.length} photo keys the database names were not in the store (removed meanwhile?): ${photos.missing.slice(0, 5).join(', ')}`,
      );

    const secrets = await backupSecrets(config, folder);
    const copied = Object.entries(secrets).filter(([, s]) => s.source === 'file');
    if (copied.length > 0)
      log(
        `keys: ${copied.map(([, s]) => s.file).join(', ')} copied from the data folder — this backup can decrypt personal data: keep it private`,
      );

    const manifest: BackupManifest = {
      format: 'manyi-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: {
        kind,
        file: databaseFile,
        bytes: snapshot.bytes,
        sha256: snapshot.sha256,
        tool: snapshot.tool ?? 'better-sqlite3 online backup',
      },
      schema: { lastMigration: snapshot.migrations.at(-1) ?? null, migrations: snapshot.migrations },
      tables: snapshot.rows,
      photos: { store: options.storeName, count: photos.items.length, bytes: photoBytes, items: photos.items, missing: photos.missing },
      secrets,
    };
    const staged = join(folder, `${MANIFEST_FILE}.writing`);
    await writeFile(staged, JSON.stringify(manifest, null, 2) + '\n', { mode: DATA_FILE_MODE });
    await rename(staged, join(folder, MANIFEST_FILE));
    log(`done: ${folder}`);
    return manifest;
  } catch (error) {
    // A folder this run created holds no finished backup: leave nothing that could be mistaken for one.
    if (created) await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Restores a backup into the configured database, photo store and data folder. Everything is checked
 * before anything changes: the manifest, the schema (a backup newer than this code is refused), every
 * file's checksum, and the target (a database that holds tables, photos or keys that differ are
 * replaced only with `force`). Afterwards the rows per table and every photo are checked again.
 */
export async function restore(config: AppConfig, source: string, options: RestoreOptions): Promise<BackupManifest> {
  const log = options.log ?? (() => undefined);
  const folder = resolve(source);
  const manifest = await readManifest(folder);

  const unknown = unknownMigrations(manifest);
  if (unknown.length > 0) {
    const code = codeMigrations().at(-1) ?? 'none';
    throw new BackupError(
      `the backup's schema (${manifest.schema.lastMigration ?? '?'}) is newer than this release's (${code}): restore it with the release that made it, or a later one`,
    );
  }
  if (manifest.database.kind !== config.database.kind)
    throw new BackupError(
      `the backup holds a ${manifest.database.kind === 'sqlite' ? 'SQLite' : 'MySQL/MariaDB'} database, but DATABASE_URL names a ${config.database.kind === 'sqlite' ? 'SQLite' : 'MySQL/MariaDB'} one`,
    );

  let started = Date.now();
  const databaseFile = join(folder, manifest.database.file);
  try {
    if ((await sha256File(databaseFile)) !== manifest.database.sha256)
      throw new BackupError(`the backup is damaged: ${manifest.database.file} does not match its checksum`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BackupError(`the backup is damaged: ${manifest.database.file} is missing`);
    throw error;
  }
  await verifyBackupPhotos(manifest.photos.items, folder);
  const secrets = await planSecrets(config, manifest, folder);
  log(`checked: ${manifest.database.file} and ${manifest.photos.items.length} photos match their checksums (${seconds(started)})`);

  const holdsData = config.database.kind === 'sqlite' ? sqliteHoldsData(config.database.path) : await mysqlHoldsData(config.database);
  const conflicts = [
    ...(holdsData ? [`the database ${describeDatabase(config)} already holds tables`] : []),
    ...(await conflictingPhotos(options.storage, manifest.photos.items)).map((key) => `the photo store holds other bytes under ${key}`),
    ...secrets.conflicts,
  ];
  if (conflicts.length > 0 && !options.force)
    throw new BackupError(
      `refusing to restore over existing data: ${conflicts.slice(0, 3).join('; ')}${conflicts.length > 3 ? ` (and ${conflicts.length - 3} more)` : ''}. Add --force to replace it`,
    );
  for (const conflict of conflicts) log(`replacing: ${conflict}`);

  started = Date.now();
  const restored =
    config.database.kind === 'sqlite'
      ? await restoreSqlite(databaseFile, config.database.path)
      : await loadMysql(config.database, databaseFile, holdsData);
  const differences = Object.keys({ ...manifest.tables, ...restored.rows })
    .filter((table) => manifest.tables[table] !== restored.rows[table])
    .map((table) => `${table}: ${restored.rows[table] ?? 'no table'} rows, the backup ${manifest.tables[table] ?? 'no table'}`);
  if (differences.length > 0) throw new BackupError(`the restored database differs from the backup: ${differences.slice(0, 3).join('; ')}`);
  const rowCount = Object.values(restored.rows).reduce((a, b) => a + b, 0);
  log(
    `database: ${Object.keys(restored.rows).length} tables, ${rowCount} rows restored into ${describeDatabase(config)} in ${seconds(started)}`,
  );

  started = Date.now();
  await restorePhotos(options.storage, manifest.photos.items, folder);
  log(`photos: ${manifest.photos.items.length} files restored into ${options.storeName} and read back in ${seconds(started)}`);
  if (manifest.photos.missing.length > 0)
    log(`note: ${manifest.photos.missing.length} photos the database names were already missing when the backup was made`);

  await writeSecrets(config, secrets);
  if (secrets.writes.length > 0) log(`keys: ${secrets.writes.map((w) => w.path).join(', ')} restored`);
  for (const note of secrets.notes) log(`note: ${note}`);
  if (manifest.schema.lastMigration !== (codeMigrations().at(-1) ?? null))
    log("note: the backup's schema is older than this release: the service migrates it when it starts (or run its migrate command)");
  log(`done: restored the backup of ${manifest.createdAt}`);
  return manifest;
}

/** A new folder, or an existing empty one; returns whether it was created here. */
async function prepareFolder(folder: string): Promise<boolean> {
  let existing;
  try {
    existing = await stat(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing) {
    if (!existing.isDirectory()) throw new BackupError(`${folder} exists and is not a folder`);
    if ((await readdir(folder)).length > 0) throw new BackupError(`${folder} is not empty: a backup goes into a new or empty folder`);
    await chmod(folder, DATA_DIR_MODE);
    return false;
  }
  await mkdir(folder, { recursive: true, mode: DATA_DIR_MODE });
  await chmod(folder, DATA_DIR_MODE);
  return true;
}

function describeDatabase(config: AppConfig): string {
  return config.database.kind === 'sqlite'
    ? config.database.path
    : `${config.database.host}:${config.database.port}/${config.database.database}`;
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
