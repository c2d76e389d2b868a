import type { PhotoView } from '@manyi/shared';
import type { Photo } from './photo.entity.js';

/** The routes of UploadsController under the global `/api/v1` prefix. */
const UPLOADS_PATH = '/api/v1/uploads';

export function mapPhoto(photo: Photo): PhotoView {
  return {
    id: photo.id,
    url: `${UPLOADS_PATH}/${photo.id}`,
    thumbnailUrl: `${UPLOADS_PATH}/${photo.id}/thumbnail`,
    width: photo.width,
    height: photo.height,
  };
}
