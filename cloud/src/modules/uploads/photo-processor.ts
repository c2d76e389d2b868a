import sharp, { type FormatEnum, type Metadata, type OutputInfo, type SharpOptions } from 'sharp';
import { AppException } from '../../common/errors/app.exception.js';

/** The most a phone photo may weigh on the wire (also the multipart file limit). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** 50 megapixels: more than any phone camera's default, far less than a decompression bomb claims. */
export const MAX_PHOTO_PIXELS = 50_000_000;
/** The long side of the stored photo and of its thumbnail. */
export const PHOTO_MAX_EDGE = 2048;
export const THUMBNAIL_EDGE = 320;

/** What phones (and screenshots) produce. `heif` covers HEIC and AVIF. Everything else — SVG, GIF, TIFF, PDF — is refused. */
const ACCEPTED_FORMATS: ReadonlySet<keyof FormatEnum> = new Set(['jpeg', 'png', 'webp', 'heif']);

export interface ProcessedPhoto {
  /** The photo re-encoded as JPEG: upright, at most PHOTO_MAX_EDGE on the long side, no metadata at all. */
  full: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

/** What the upload's checks learn: the size the stored photo will have. */
export interface InspectedPhoto {
  width: number;
  height: number;
}

/**
 * The checks made while the resident waits: the header only (type, pixel count, a HEIC we cannot
 * decode), never a pixel, so a burst of uploads costs no decoding on the request path. Everything that
 * needs the image data — a truncated or corrupt file — is found by processPhoto in the job, which marks
 * the photo `failed`: never served, refused by a submit with PHOTO_UNREADABLE.
 */
export async function inspectPhoto(input: Buffer): Promise<InspectedPhoto> {
  const metadata = await acceptedHeader(input);
  // The published sharp binaries read HEIF's AV1 flavour (AVIF) but carry no HEVC decoder: the header says which.
  if (isHevc(metadata)) throw heicRefused();
  // Upright (EXIF orientation 5–8 swap the sides), then fitted into PHOTO_MAX_EDGE as processPhoto's resize does.
  const { width, height } = metadata.autoOrient;
  const scale = Math.max(width, height) / PHOTO_MAX_EDGE;
  return scale > 1 ? { width: Math.round(width / scale), height: Math.round(height / scale) } : { width, height };
}

/**
 * Turns uploaded bytes into the two files we store. The type comes from the bytes alone (the file name
 * and declared content type are never read), and the result is re-encoded from pixels, so EXIF (GPS
 * included), XMP, IPTC, ICC profiles and anything hidden after the image data are all left behind.
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  const metadata = await acceptedHeader(input);

  let full: { data: Buffer; info: OutputInfo };
  try {
    full = await sharp(input, decodeOptions())
      .rotate() // upright by the EXIF orientation, which is then dropped with the rest of the metadata
      .resize({ width: PHOTO_MAX_EDGE, height: PHOTO_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' }) // a transparent screenshot becomes white, not black
      .jpeg({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw decodeFailure(error, metadata);
  }
  // JPEG rather than WebP: the mini-program's <image> shows WebP on Android only with its `webp` flag.
  const thumbnail = await sharp(full.data)
    .resize({ width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toBuffer();
  return { full: full.data, thumbnail, width: full.info.width, height: full.info.height };
}

/** Warnings (common in real phone JPEGs) pass; errors and truncated data do not. */
function decodeOptions(): SharpOptions {
  return { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' };
}

/** The header of bytes that are a photo we take: not empty, an accepted type, not too many pixels. */
async function acceptedHeader(input: Buffer): Promise<Metadata> {
  if (input.length === 0) throw new AppException('PHOTO_MISSING', '照片内容为空，请重新选择');
  const metadata = await readHeader(input);
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format)) throw new AppException('PHOTO_TYPE_NOT_ALLOWED');
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_PHOTO_PIXELS) throw tooManyPixels();
  return metadata;
}

/** Reads only the header: format and claimed dimensions, without decoding a pixel. */
async function readHeader(input: Buffer): Promise<Metadata> {
  try {
    return await sharp(input, decodeOptions()).metadata();
  } catch (error) {
    if (isPixelLimitError(error)) throw tooManyPixels();
    // Not something libvips recognises as an image at all: a script, an HTML page, random bytes.
    throw new AppException('PHOTO_TYPE_NOT_ALLOWED');
  }
}

function decodeFailure(error: unknown, metadata: Metadata): AppException {
  if (isPixelLimitError(error)) return tooManyPixels();
  // The published sharp binaries read HEIF's AV1 flavour (AVIF) but carry no HEVC decoder for HEIC.
  if (isHevc(metadata)) return heicRefused();
  return new AppException('PHOTO_UNREADABLE');
}

function isHevc(metadata: Metadata): boolean {
  return metadata.format === 'heif' && metadata.compression === 'hevc';
}

function heicRefused(): AppException {
  return new AppException('PHOTO_TYPE_NOT_ALLOWED', '暂时无法处理 HEIC 格式的照片，请改用 JPEG 格式上传');
}

function isPixelLimitError(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

function tooManyPixels(): AppException {
  return new AppException('PHOTO_TOO_LARGE', `照片像素过多（最多 ${MAX_PHOTO_PIXELS / 10_000} 万像素），请缩小后再上传`);
}
