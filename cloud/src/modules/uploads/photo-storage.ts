import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { DATA_DIR_MODE, DATA_FILE_MODE } from '../../common/secrets/local-secret.js';

/**
 * Where photo bytes live, by key (`2026/11/<random>.jpg`). Deliberately narrow — put, get, remove — so
 * an object store (Tencent COS, S3-compatible: photo-storage.s3.ts) replaces the local folder without
 * touching callers. Metadata (owner, size, checksum) belongs to the `photo` row, not to the store.
 */
export abstract class PhotoStorage {
  /** Stores the bytes under a new key; resolves only once they are durable — the whole of them. */
  abstract put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under the key, or null when nothing is stored there; throws when the store cannot answer. */
  abstract get(key: string): Promise<Buffer | null>;
  /** Removes the key; a key that is already gone is not an error. */
  abstract remove(key: string): Promise<void>;
  /** Every photo key the store holds (in no promised order), for backups and audits; other names are skipped. */
  abstract keys(): AsyncIterable<string>;
  /** Resolves when the store answers and takes writes (a cheap probe for readiness); throws otherwise. */
  abstract check(): Promise<void>;
  /** Releases connections; the store is not used afterwards. */
  async close(): Promise<void> {}

  /** Nest calls this on every provider at app.close(), after the photo jobs have drained. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

/**
 * The store did not take or give the bytes (unreachable, refused, cut off): never the caller's fault.
 * `statusCode` makes an error that escapes to the HTTP layer a 503 with Retry-After rather than a 500.
 */
export class PhotoStorageError extends Error {
  override name = 'PhotoStorageError';
  readonly statusCode = 503;
}

/** Path segments of letters, digits, `_` and `-`, and one extension: no `..`, no absolute paths, no hidden files. */
const KEY_PATTERN = /^(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+\.[a-z0-9]+$/;

export function isPhotoKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Throws for a key that could reach outside the store's folder or prefix. */
export function assertPhotoKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`invalid photo storage key: ${JSON.stringify(key)}`);
}

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

  /** Walks the folder; temporary files of an interrupted put are not photo keys and are skipped. */
  async *keys(): AsyncIterable<string> {
    let entries;
    try {
      entries = await readdir(this.root, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const key = relative(this.root, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (KEY_PATTERN.test(key)) yield key;
    }
  }

  /** The folder exists (made when missing) and this process may write in it. */
  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: DATA_DIR_MODE });
    await access(this.root, constants.W_OK | constants.X_OK);
  }

  private pathOf(key: string): string {
    assertPhotoKey(key);
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
