import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { createPhotoStorage } from '../modules/uploads/configured-photo-storage.js';
import type { PhotoStorage } from '../modules/uploads/photo-storage.js';

/**
 * The photo store the service is configured with (the local folder, or the bucket MANYI_PHOTO_STORE
 * names), built as the service builds it, and how a manifest names it. Backup and restore reach it only
 * through get and put: the keys come from the database's photo rows, so no listing is needed.
 */
export function configuredPhotoStorage(config: Pick<AppConfig, 'photoStore' | 'dataDir'>): { storage: PhotoStorage; name: string } {
  const store = config.photoStore;
  const name =
    store.kind === 's3'
      ? `s3://${store.bucket}${store.endpoint ? ` at ${store.endpoint}` : ''}`
      : `local:${join(config.dataDir, 'photos')}`;
  return { storage: createPhotoStorage(config), name };
}
