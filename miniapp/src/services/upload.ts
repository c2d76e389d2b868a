import Taro from '@tarojs/taro';

import { ApiError, CLIENT_ERROR_CODES, networkError, parseJson, responseError, type PhotoView } from '@manyi/shared';

import { compressedBlob } from './compress-photo';
import { REQUEST_TIMEOUT_MS } from './config';
import { buildUrl } from './request';
import { clearToken, getToken } from './token-store';

// The upload counterpart of request(): the only caller of Taro.uploadFile. One photo per call
// (WeChat's uploadFile sends one file as multipart), with the same token, the same 401 handling
// and the same ApiError as every other call. Retrying is the caller's: a failed photo keeps its
// local path, so 重试 simply uploads it again (an upload creates nothing but an unattached photo).

/** The multipart field the service reads the photo from (cloud UploadsController's PHOTO_FIELD). */
const PHOTO_FIELD = 'file';

const UPLOAD_TIMEOUT_MS = REQUEST_TIMEOUT_MS * 4;

/** The part of the service's answer the app uses. */
export type UploadedPhoto = Pick<PhotoView, 'id' | 'url' | 'thumbnailUrl'>;

export interface UploadOptions {
  /** 0–100 as the bytes go out. */
  onProgress?: (percent: number) => void;
}

export async function uploadPhoto(filePath: string, { onProgress }: UploadOptions = {}): Promise<UploadedPhoto> {
  const header: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) header.Authorization = `Bearer ${token}`;

  let statusCode: number;
  let data: unknown;
  try {
    const blob = process.env.TARO_ENV === 'h5' ? compressedBlob(filePath) : undefined;
    const response = blob ? await sendBlob(blob, header, onProgress) : await sendFile(filePath, header, onProgress);
    statusCode = response.statusCode;
    // uploadFile hands back the body as text on every platform; text that is not JSON stays as it is.
    const parsed = typeof response.data === 'string' ? parseJson(response.data) : response.data;
    data = parsed === undefined ? response.data : parsed;
  } catch (cause) {
    throw networkError(cause);
  }

  if (statusCode === 401 && token) clearToken('expired');
  if (statusCode >= 200 && statusCode < 300 && isUploadedPhoto(data)) {
    onProgress?.(100);
    return { id: data.id, url: data.url, thumbnailUrl: data.thumbnailUrl };
  }
  if (statusCode >= 200 && statusCode < 300) {
    throw new ApiError({ code: CLIENT_ERROR_CODES.unexpectedResponse, status: statusCode, message: '照片上传失败，请重试', details: data });
  }
  throw responseError(statusCode, data);
}

interface RawUpload {
  statusCode: number;
  data: unknown;
}

function sendFile(filePath: string, header: Record<string, string>, onProgress?: (percent: number) => void): Promise<RawUpload> {
  const task = Taro.uploadFile({ url: buildUrl('/api/v1/uploads'), filePath, name: PHOTO_FIELD, header, timeout: UPLOAD_TIMEOUT_MS });
  if (onProgress && typeof task.onProgressUpdate === 'function') task.onProgressUpdate((update) => onProgress(update.progress));
  return task;
}

/**
 * h5 with a photo compressed in memory: sends those bytes as they are. Taro's h5 uploadFile would first
 * fetch the blob: URL back, which the service's CSP (connect-src 'self') refuses.
 */
function sendBlob(blob: Blob, header: Record<string, string>, onProgress?: (percent: number) => void): Promise<RawUpload> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl('/api/v1/uploads'));
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    Object.entries(header).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.((event.loaded / event.total) * 100);
    };
    xhr.onload = () => resolve({ statusCode: xhr.status, data: xhr.responseText });
    xhr.onerror = () => reject({ errMsg: 'uploadFile:fail network error' });
    xhr.ontimeout = () => reject({ errMsg: 'uploadFile:fail timeout' });
    const form = new FormData();
    form.append(PHOTO_FIELD, blob, 'photo.jpg');
    xhr.send(form);
  });
}

function isUploadedPhoto(data: unknown): data is UploadedPhoto {
  if (typeof data !== 'object' || data === null) return false;
  const { id, url, thumbnailUrl } = data as Record<string, unknown>;
  return typeof id === 'number' && typeof url === 'string' && typeof thumbnailUrl === 'string';
}
