import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DATA_DIR_MODE, DATA_FILE_MODE } from '../common/secrets/local-secret.js';
import { isPhotoKey, type PhotoStorage } from '../modules/uploads/photo-storage.js';
import { BackupError, type BackupPhoto } from './manifest.js';

export const PHOTOS_FOLDER = 'photos';

/** Photos copied at once: an object store answers each request in tens of milliseconds. */
const PARALLEL = 8;

/**
 * Copies the photos the database names out of the store (`get`, so the local folder and an object store
 * alike) into `<backup>/photos/<key>`. A key with nothing stored is listed as missing, not fatal: the
 * service already answers 404 for such a photo, and the clean-up may remove an unattached upload while
 * the backup runs.
 */
export async function backupPhotos(
  storage: PhotoStorage,
  keys: string[],
  folder: string,
): Promise<{ items: BackupPhoto[]; missing: string[] }> {
  const items: BackupPhoto[] = [];
  const missing: string[] = [];
  await inParallel(keys, async (key) => {
    if (!isPhotoKey(key)) throw new BackupError(`the database names a photo key the stores refuse: ${JSON.stringify(key)}`);
    const bytes = await storage.get(key);
    if (bytes === null) {
      missing.push(key);
      return;
    }
    const path = join(folder, PHOTOS_FOLDER, key);
    await mkdir(dirname(path), { recursive: true, mode: DATA_DIR_MODE });
    await writeFile(path, bytes, { mode: DATA_FILE_MODE });
    items.push({ key, bytes: bytes.length, sha256: sha256(bytes) });
  });
  items.sort((a, b) => a.key.localeCompare(b.key));
  return { items, missing: missing.sort() };
}

/** Checks every photo file of the backup against its checksum before anything is restored. */
export async function verifyBackupPhotos(items: BackupPhoto[], folder: string): Promise<void> {
  await inParallel(items, async (item) => {
    await readChecked(item, folder);
  });
}

/** Puts every photo back through the store and reads it back: stored bytes that do not match stop the restore. */
export async function restorePhotos(storage: PhotoStorage, items: BackupPhoto[], folder: string): Promise<void> {
  await inParallel(items, async (item) => {
    await storage.put(item.key, await readChecked(item, folder));
    const stored = await storage.get(item.key);
    if (stored === null || sha256(stored) !== item.sha256)
      throw new BackupError(`photo ${item.key} does not read back as restored from the photo store (checksum differs)`);
  });
}

/** Backup photos whose key the store already holds with other bytes (restoring would replace them). */
export async function conflictingPhotos(storage: PhotoStorage, items: BackupPhoto[]): Promise<string[]> {
  const conflicts: string[] = [];
  await inParallel(items, async (item) => {
    const stored = await storage.get(item.key);
    if (stored !== null && sha256(stored) !== item.sha256) conflicts.push(item.key);
  });
  return conflicts.sort();
}

async function readChecked(item: BackupPhoto, folder: string): Promise<Buffer> {
  // As the stores accept them: no `..`, no absolute path, so a doctored manifest cannot reach outside the backup.
  if (!isPhotoKey(item.key)) throw new BackupError(`the manifest names a photo key the stores refuse: ${JSON.stringify(item.key)}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(join(folder, PHOTOS_FOLDER, item.key));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupError(`the backup is damaged: photo ${item.key} is missing`);
    throw error;
  }
  if (sha256(bytes) !== item.sha256) throw new BackupError(`the backup is damaged: photo ${item.key} does not match its checksum`);
  return bytes;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}
