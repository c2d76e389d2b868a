import Taro from '@tarojs/taro';

// Photos are made smaller on the phone before they go out: a resident on a weak mobile connection
// uploads a few hundred KB instead of a 5 MB original. weapp uses WeChat's compressImage; h5 draws the
// photo onto a canvas no wider or taller than MAX_SIDE and encodes it as JPEG. The service re-encodes
// and strips EXIF anyway; this is about the bytes on the wire. If compressing fails, the original goes.

export const MAX_SIDE = 1600;
/** h5: the compressed photos by their blob: URL, so the upload can send the bytes it already holds. */
const compressedBlobs = new Map<string, Blob>();

/** The compressed photo behind a blob: URL made here (h5), if any. */
export function compressedBlob(path: string): Blob | undefined {
  return compressedBlobs.get(path);
}

export const JPEG_QUALITY = 0.8;

/** A path Taro.uploadFile can send: a temp file on weapp, a blob: URL on h5. */
export async function compressPhoto(localPath: string): Promise<string> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const { tempFilePath } = await Taro.compressImage({
        src: localPath,
        quality: Math.round(JPEG_QUALITY * 100),
        compressedWidth: MAX_SIDE,
      } as Taro.compressImage.Option);
      return tempFilePath;
    }
    if (process.env.TARO_ENV === 'h5') return await compressInBrowser(localPath);
  } catch {
    // Fall through: the original is still a valid photo.
  }
  return localPath;
}

/** The size that fits within MAX_SIDE × MAX_SIDE keeping the proportions; never enlarged. */
export function fitWithin(width: number, height: number, maxSide = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function compressInBrowser(url: string): Promise<string> {
  const image = await new Promise<HTMLImageElement>((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('image did not load'));
    img.src = url;
  });
  const { width, height } = fitWithin(image.naturalWidth, image.naturalHeight);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return url;
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  if (!blob) return url;
  const smaller = URL.createObjectURL(blob);
  compressedBlobs.set(smaller, blob);
  return smaller;
}
