import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DATA_DIR_MODE, DATA_FILE_MODE } from '../../common/secrets/local-secret.js';

/**
 * Where photo bytes live, by key (`2026/11/<random>.jpg`). Deliberately narrow — put, get, remove — so
 * an object store (Tencent COS, S3-compatible) can replace the local folder without touching callers.
 * Metadata (owner, size, checksum) belongs to the `photo` row, not to the store.
 */
export abstract class PhotoStorage {
  /** Stores the bytes under a new key; resolves only once they are durable. */
  abstract put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under the key, or null when nothing is stored there. */
  abstract get(key: string): Promise<Buffer | null>;
  /** Removes the key; a key that is already gone is not an error. */
  abstract remove(key: string): Promise<void>;
}

/** Path segments of letters, digits, `_` and `-`, and one extension: no `..`, no absolute paths, no hidden files. */
const KEY_PATTERN = /^(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+\.[a-z0-9]+$/;

/** Photos in a local folder (by default `<dataDir>/photos`). */
export class LocalPhotoStorage extends PhotoStorage {
  constructor(private readonly root: string) {
    super();
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    const dir = dirname(path);
    await mkdir(dir, { recursive: true, mode: DATA_DIR_MODE });
    // Written aside, flushed, then renamed into place: a crash leaves a stray .tmp file, never half a photo under its key.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const file = await open(temporary, 'wx', DATA_FILE_MODE);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await file.close();
    try {
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await syncDirectory(dir);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid photo storage key: ${JSON.stringify(key)}`);
    return join(this.root, key);
  }
}

/** Makes the rename itself durable. Some platforms (Windows) cannot open a directory; there it is skipped. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // EISDIR/EPERM on platforms without directory fsync; the file itself is already flushed.
  } finally {
    await handle.close();
  }
}
