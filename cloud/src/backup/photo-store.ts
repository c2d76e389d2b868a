import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { LocalPhotoStorage, type PhotoStorage } from '../modules/uploads/photo-storage.js';
import { BackupError } from './manifest.js';

/**
 * The photo store the service is configured with, as backup and restore reach it: only through
 * PhotoStorage's get and put (the keys come from the database's photo rows), so an object store fits
 * behind the same seam. Today the local folder `<dataDir>/photos`.
 */
export function configuredPhotoStorage(
  config: AppConfig,
  env: Record<string, string | undefined> = process.env,
): { storage: PhotoStorage; name: string } {
  if (env.MANYI_PHOTO_STORE)
    throw new BackupError(
      'MANYI_PHOTO_STORE is set, but this release backs up only the local photo folder (the object store is not wired in yet)',
    );
  const root = join(config.dataDir, 'photos');
  return { storage: new LocalPhotoStorage(root), name: `local:${root}` };
}
