import type { Photo } from './photo.entity.js';

/** What the API answers about a photo. The URLs are relative to the service's origin. */
export interface PhotoView {
  id: number;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

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
