import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config.js';
import { LocalPhotoStorage, type PhotoStorage } from './photo-storage.js';
import { S3PhotoStorage } from './photo-storage.s3.js';

/**
 * The photo store MANYI_PHOTO_STORE names: a bucket through the S3 API, or by default the local folder
 * `<dataDir>/photos`. The service (UploadsModule) and the command-line tools build it here alike.
 */
export function createPhotoStorage(config: Pick<AppConfig, 'photoStore' | 'dataDir'>): PhotoStorage {
  const store = config.photoStore;
  if (store.kind === 's3') return new S3PhotoStorage(store);
  return new LocalPhotoStorage(join(config.dataDir, 'photos'));
}
