import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIGRATIONS } from '../database/migrations/index.js';

/** A refusal or failure of backup or restore, said in one line to the operator. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** What a database copy holds, read from the copy itself. */
export interface DatabaseSnapshot {
  /** Rows per table, by table name. */
  rows: Record<string, number>;
  /** The migrations the database has run, oldest first. */
  migrations: string[];
  /** Every key the photo rows name. */
  photoKeys: string[];
  sha256: string;
  bytes: number;
}

export interface BackupPhoto {
  key: string;
  bytes: number;
  sha256: string;
}

/** Where a key (data key, token secret) came from when the backup was made. */
export interface BackupSecret {
  /** `file`: kept in the data folder and copied into the backup; `environment`: set in the environment, not copied. */
  source: 'file' | 'environment' | 'none';
  /** `secrets/<name>` in the backup, for `file`. */
  file?: string;
  /** Identifies the key without revealing it: restore checks the key it will run with against it. */
  fingerprint?: string;
}

/** manifest.json: what a backup folder holds. Written last, so a folder without one is not a finished backup. */
export interface BackupManifest {
  format: 'manyi-backup';
  version: 1;
  createdAt: string;
  database: { kind: 'sqlite' | 'mysql'; file: string; bytes: number; sha256: string; tool: string };
  schema: { lastMigration: string | null; migrations: string[] };
  tables: Record<string, number>;
  photos: { store: string; count: number; bytes: number; items: BackupPhoto[]; missing: string[] };
  secrets: { dataKey: BackupSecret; tokenSecret: BackupSecret };
}

export const MANIFEST_FILE = 'manifest.json';

export async function readManifest(folder: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(folder, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BackupError(`${folder} is not a finished Manyi backup: it has no ${MANIFEST_FILE} (a backup writes it last)`);
    throw error;
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw new BackupError(`${join(folder, MANIFEST_FILE)} is not valid JSON`);
  }
  if (manifest.format !== 'manyi-backup') throw new BackupError(`${join(folder, MANIFEST_FILE)} is not a Manyi backup manifest`);
  if (manifest.version !== 1)
    throw new BackupError(
      `the backup's format version ${String(manifest.version)} is newer than this release reads: restore with the release that made it`,
    );
  return manifest;
}

/** The names of the migrations this code knows, oldest first (as TypeORM records them in the `migrations` table). */
export function codeMigrations(): string[] {
  return MIGRATIONS.map((migration) => migration.name)
    .map((name) => ({ name, timestamp: Number(/(\d{13})$/.exec(name)?.[1] ?? 0) }))
    .sort((a, b) => a.timestamp - b.timestamp)
    .map((m) => m.name);
}

/** The migrations a backup has run that this code does not know: its schema is newer than the code. */
export function unknownMigrations(manifest: BackupManifest): string[] {
  const known = new Set(codeMigrations());
  return manifest.schema.migrations.filter((name) => !known.has(name));
}
