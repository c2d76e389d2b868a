import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Images built in memory for upload tests, so no binary fixture sits in the repository. */

/** Where a phone would say it was: Xujiahui, as EXIF rationals. */
const GPS_XUJIAHUI = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '31/1 11/1 30/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '121/1 26/1 15/1',
};

/** A phone-style JPEG: landscape pixels, EXIF orientation 6 (shown portrait), camera make and GPS. */
export function phoneJpeg(width = 4000, height = 3000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 60, g: 120, b: 200 } } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'Manyi Test Phone', Model: 'T1' }, IFD3: GPS_XUJIAHUI })
    .toBuffer();
}

/** A half-transparent PNG, like a screenshot with rounded corners. */
export function transparentPng(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0 } } })
    .png()
    .toBuffer();
}

export function plainImage(format: 'webp' | 'avif' | 'gif' | 'tiff', width = 120, height = 80): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 160, b: 90 } } })
    .toFormat(format)
    .toBuffer();
}

/**
 * A decompression bomb in 70-odd bytes: a valid PNG whose header claims `width` × `height` pixels
 * (50,000 × 50,000 RGB would be 7.5 GB decoded) over a tiny compressed stream.
 */
export function pngBomb(width = 50_000, height = 50_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Whether an EXIF block (as `sharp().metadata().exif` returns it: "Exif\0\0" then TIFF) has a GPS IFD,
 * i.e. tag 0x8825 in IFD0. Enough to prove a test image carries a location before checking it is gone.
 */
export function hasGpsIfd(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  const entries = u16(ifd0);
  for (let i = 0; i < entries; i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}
