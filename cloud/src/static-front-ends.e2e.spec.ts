import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from './testing/test-app.js';

// The built front ends as the service serves them: the h5 build under /h5/ (with the .br/.gz copies its
// build writes) and the admin page under /admin/ (a single-page app, no compressed copies).

const BUNDLE = `console.log(${JSON.stringify('满意'.repeat(500))});`;
const INDEX = '<!doctype html><html><head><script defer src="/h5/js/app.1a2b3c4d.js"></script></head><body></body></html>';
const ADMIN_INDEX = '<!doctype html><html><body><div id="root"></div></body></html>';
const YEAR = 'public, max-age=31536000, immutable';

function write(root: string, file: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}

describe('the built front ends', () => {
  let dir: string;
  let sut: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'front-ends-'));
    const h5 = join(dir, 'h5');
    write(h5, 'index.html', INDEX);
    write(h5, 'js/app.1a2b3c4d.js', BUNDLE);
    write(h5, 'js/app.1a2b3c4d.js.br', brotliCompressSync(BUNDLE));
    write(h5, 'js/app.1a2b3c4d.js.gz', gzipSync(BUNDLE));
    write(h5, 'css/app.5e6f7a8b.css', 'body{margin:0}');
    const admin = join(dir, 'admin');
    write(admin, 'index.html', ADMIN_INDEX);
    write(admin, 'assets/index-Cg7sPf1w.js', BUNDLE);
    sut = await startTestApp('sqlite', { MANYI_H5_DIR: h5, MANYI_ADMIN_DIR: admin });
  });

  afterAll(async () => {
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    sut.app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

  it('sends a browser that accepts Brotli the build’s Brotli copy of a bundle, as JavaScript', async () => {
    const res = await get('/h5/js/app.1a2b3c4d.js', 'gzip, deflate, br');

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(BUNDLE);
  });

  it('sends the gzip copy to a browser that accepts only gzip', async () => {
    const res = await get('/h5/js/app.1a2b3c4d.js', 'gzip');

    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toBe(BUNDLE);
  });

  it('sends the plain file to a client that accepts no compression, or when the build wrote no copy', async () => {
    const plain = await get('/h5/js/app.1a2b3c4d.js');
    const small = await get('/h5/css/app.5e6f7a8b.css', 'gzip, deflate, br');

    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.payload).toBe(BUNDLE);
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.payload).toBe('body{margin:0}');
  });

  it('lets browsers keep hashed bundles and stylesheets for a year', async () => {
    const bundle = await get('/h5/js/app.1a2b3c4d.js', 'br');
    const stylesheet = await get('/h5/css/app.5e6f7a8b.css');

    expect(bundle.headers['cache-control']).toBe(YEAR);
    expect(stylesheet.headers['cache-control']).toBe(YEAR);
  });

  it('has the h5 page revalidated on every load, so a new build is picked up at once', async () => {
    const res = await get('/h5/', 'gzip, deflate, br');

    expect(res.statusCode).toBe(200);
    expect(res.payload).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.etag).toBeDefined();
  });

  it('answers a missing file with a 404 that no browser keeps', async () => {
    const h5 = await get('/h5/js/app.00000000.js', 'br');
    const admin = await get('/admin/assets/index-missing.js', 'br');

    expect(h5.statusCode).toBe(404);
    expect(admin.statusCode).toBe(404);
    expect(h5.headers['cache-control']).toBeUndefined();
    expect(admin.headers['cache-control']).toBeUndefined();
  });

  it('serves the admin page for its deep links, revalidated, and its hashed assets for a year', async () => {
    const deepLink = await get('/admin/concerns/42', 'gzip, br');
    const asset = await get('/admin/assets/index-Cg7sPf1w.js', 'gzip, br');

    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.payload).toBe(ADMIN_INDEX);
    expect(deepLink.headers['cache-control']).toBe('no-cache');
    expect(asset.statusCode).toBe(200);
    expect(asset.payload).toBe(BUNDLE);
    expect(asset.headers['cache-control']).toBe(YEAR);
  });
});
