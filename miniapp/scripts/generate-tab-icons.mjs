// Draws the four tab-bar icons (81×81 PNG, the size WeChat recommends) from simple geometry,
// so the repository owns its icons outright and nothing is copied from an icon set.
// Run: node scripts/generate-tab-icons.mjs   (outputs to src/assets/tab/, which is committed)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SUBSAMPLES = 4; // 4×4 samples per pixel for smooth edges
const STROKE = 5;
const COLORS = { normal: [0x66, 0x66, 0x66], active: [0xc8, 0x16, 0x1d] };

// --- geometry: each shape is a predicate "is the point (x, y) ink?" ---------------------------
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const outline = (x0, y0, x1, y1, r, w = STROKE) => {
  const outer = roundedRect(x0, y0, x1, y1, r);
  const inner = roundedRect(x0 + w, y0 + w, x1 - w, y1 - w, Math.max(r - w, 0));
  return (x, y) => outer(x, y) && !inner(x, y);
};
const segment =
  (ax, ay, bx, by, w = STROKE) =>
  (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.min(Math.max(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1), 0), 1);
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
  };
const disc = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring =
  (cx, cy, r, w = STROKE) =>
  (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return d <= r && d >= r - w;
  };
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by);
  const d2 = s(bx, by, cx, cy);
  const d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));
const clipAbove = (shape, maxY) => (x, y) => y <= maxY && shape(x, y);

const ICONS = {
  // 资讯: a page with lines of text
  news: union(outline(16, 11, 65, 70, 8), segment(27, 27, 54, 27), segment(27, 39, 54, 39), segment(27, 51, 44, 51)),
  // 走访: a calendar with scheduled days
  visits: union(
    outline(11, 17, 70, 69, 8),
    roundedRect(11, 17, 70, 32, 8),
    segment(28, 10, 28, 22),
    segment(53, 10, 53, 22),
    disc(27, 45, 3.5),
    disc(40.5, 45, 3.5),
    disc(54, 45, 3.5),
    disc(27, 57, 3.5),
    disc(40.5, 57, 3.5),
  ),
  // 我要反映: a speech bubble with an exclamation mark
  report: union(outline(9, 12, 72, 58, 12), triangle(20, 55, 19, 72, 36, 55), segment(40.5, 23, 40.5, 37, 6), disc(40.5, 46, 3.6)),
  // 我的: a person
  me: union(
    ring(40.5, 26, 13),
    clipAbove(ring(40.5, 70, 27), 70),
    segment(13.5 + STROKE / 2, 70 - STROKE / 2 + 0.5, 67.5 - STROKE / 2, 70 - STROKE / 2 + 0.5),
  ),
};

// --- PNG encoding (RGBA, 8 bit) ------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const encodePng = (rgba, size) => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

const render = (shape, [r, g, b]) => {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          if (shape(px + (sx + 0.5) / SUBSAMPLES, py + (sy + 0.5) / SUBSAMPLES)) hits++;
        }
      }
      const i = (py * SIZE + px) * 4;
      rgba[i] = r;
      rgba[i + 1] = g;
      rgba[i + 2] = b;
      rgba[i + 3] = Math.round((255 * hits) / SUBSAMPLES ** 2);
    }
  }
  return encodePng(rgba, SIZE);
};

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab');
mkdirSync(outDir, { recursive: true });
for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(join(outDir, `${name}.png`), render(shape, COLORS.normal));
  writeFileSync(join(outDir, `${name}-active.png`), render(shape, COLORS.active));
}
console.log(`wrote ${Object.keys(ICONS).length * 2} icons to ${outDir}`);
