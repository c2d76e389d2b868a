import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3FaultProxy, startS3TestServer, TEST_BUCKET, type S3FaultProxy, type S3TestServer } from '../../testing/s3-test-server.js';
import { LocalPhotoStorage, PhotoStorageError, type PhotoStorage } from './photo-storage.js';
import { S3PhotoStorage, type S3PhotoStorageOptions } from './photo-storage.s3.js';

const credentials = { accessKeyId: 'manyi-test', secretAccessKey: 'manyi-test-secret' };
const s3Options = (endpoint: string, bucket = TEST_BUCKET): S3PhotoStorageOptions => ({
  bucket,
  endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials,
  timeouts: { connectMs: 1_000, idleMs: 2_000, requestMs: 5_000 },
});

interface Subject {
  sut: PhotoStorage;
  done(): Promise<void>;
}

/** Each implementation behind the seam, fresh for each test: a temp folder, or a bucket on the S3 test server. */
const implementations: [string, () => Promise<Subject>][] = [
  [
    'LocalPhotoStorage',
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'manyi-storage-'));
      return { sut: new LocalPhotoStorage(root), done: async () => rmSync(root, { recursive: true, force: true }) };
    },
  ],
  [
    'S3PhotoStorage',
    async () => {
      const server = await startS3TestServer();
      const sut = new S3PhotoStorage(s3Options(server.endpoint));
      return {
        sut,
        done: async () => {
          await sut.close();
          await server.stop();
        },
      };
    },
  ],
];

describe.each(implementations)('%s behind PhotoStorage', (_name, make) => {
  let subject: Subject;
  let sut: PhotoStorage;

  beforeEach(async () => {
    subject = await make();
    sut = subject.sut;
  });
  afterEach(() => subject.done());

  it('stores bytes under a dated key and reads exactly those bytes back, replacing what was there', async () => {
    const photo = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    await sut.put('2026/11/abc123.jpg', photo);
    expect((await sut.get('2026/11/abc123.jpg'))?.equals(photo)).toBe(true);
    await sut.put('2026/11/abc123.jpg', Buffer.from('second'));
    expect((await sut.get('2026/11/abc123.jpg'))?.toString()).toBe('second');
  });

  it('answers null for a key that holds nothing, and removes a key twice without complaint', async () => {
    expect(await sut.get('2026/11/missing.jpg')).toBeNull();
    await sut.put('2026/11/gone.jpg', Buffer.from('x'));
    await sut.remove('2026/11/gone.jpg');
    await sut.remove('2026/11/gone.jpg');
    await sut.remove('2025/01/never-there.jpg');
    expect(await sut.get('2026/11/gone.jpg')).toBeNull();
  });

  it('lists every key it holds, nested or not, and nothing once they are removed', async () => {
    expect(await collect(sut.keys())).toEqual([]);
    const keys = ['2026/11/a.jpg', '2026/11/a-thumb.jpg', '2026/12/b-upload.bin', 'c.jpg'];
    for (const key of keys) await sut.put(key, Buffer.from(key));
    expect((await collect(sut.keys())).sort()).toEqual([...keys].sort());
    for (const key of keys) await sut.remove(key);
    expect(await collect(sut.keys())).toEqual([]);
  });

  it('passes its readiness check when it takes writes', async () => {
    await expect(sut.check()).resolves.toBeUndefined();
  });

  it.each(['../escape.jpg', '2026/../../escape.jpg', '/etc/passwd', '2026/11/.hidden.jpg', '2026/11/no-extension', ''])(
    'refuses the key %j, which could reach outside its folder or prefix',
    async (key) => {
      await expect(sut.put(key, Buffer.from('x'))).rejects.toThrow(/invalid photo storage key/);
      await expect(sut.get(key)).rejects.toThrow(/invalid photo storage key/);
      await expect(sut.remove(key)).rejects.toThrow(/invalid photo storage key/);
    },
  );
});

describe(LocalPhotoStorage.name, () => {
  let root: string;
  let sut: LocalPhotoStorage;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'manyi-storage-'));
    sut = new LocalPhotoStorage(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('leaves no temporary file, and lists none that an interrupted put left behind', async () => {
    await sut.put('2026/11/abc123.jpg', Buffer.from('photo'));
    expect(readdirSync(join(root, '2026', '11'))).toEqual(['abc123.jpg']);
    writeFileSync(join(root, '2026', '11', 'def456.jpg.0a1b2c.tmp'), 'half');
    expect(await collect(sut.keys())).toEqual(['2026/11/abc123.jpg']);
  });

  it('keeps photos readable by the service’s own user only, whatever the process umask', async () => {
    await sut.put('2026/12/private.jpg', Buffer.from('photo'));

    expect(statSync(join(root, '2026', '12', 'private.jpg')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, '2026', '12')).mode & 0o777).toBe(0o700);
  });

  it('fails its readiness check when the folder cannot be made', async () => {
    writeFileSync(join(root, 'a-file'), 'x');
    await expect(new LocalPhotoStorage(join(root, 'a-file', 'photos')).check()).rejects.toThrow(/ENOTDIR|EEXIST/);
  });
});

describe(S3PhotoStorage.name, () => {
  let server: S3TestServer;
  let proxy: S3FaultProxy;
  let sut: S3PhotoStorage;
  let direct: S3PhotoStorage;

  beforeAll(async () => {
    server = await startS3TestServer();
    proxy = await startS3FaultProxy(server.endpoint);
    sut = new S3PhotoStorage(s3Options(proxy.endpoint));
    direct = new S3PhotoStorage(s3Options(server.endpoint));
  });
  afterAll(async () => {
    await Promise.all([sut?.close(), direct?.close()]);
    await proxy?.stop();
    await server?.stop();
  });
  beforeEach(() => {
    proxy.mode = 'pass';
    proxy.puts.length = 0;
  });

  it('sends the Content-MD5 of exactly the bytes it puts, so a store that received other bytes refuses them', async () => {
    const photo = Buffer.from('a photo, byte for byte');
    await sut.put('2026/11/md5.jpg', photo);
    const expected = createHash('md5').update(photo).digest('base64');
    expect(proxy.puts).toEqual([{ key: '2026/11/md5.jpg', mode: 'pass', contentMd5: expected, bodyMd5: expected, bytes: photo.length }]);
  });

  it('rejects a put whose connection dies mid-body, after retrying, and nothing is stored under the key', async () => {
    proxy.mode = 'cut';
    const error = await sut.put('2026/11/cut.jpg', Buffer.alloc(64_000, 7)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoStorageError);
    expect((error as Error).message).toMatch(/^photo store: PutObject 2026\/11\/cut\.jpg failed: /);
    expect(proxy.puts.length).toBe(3);
    expect(await direct.get('2026/11/cut.jpg')).toBeNull();
  });

  it('rejects a put the store answers 500 to, after retrying, and takes the next one once the store is back', async () => {
    proxy.mode = 'error';
    await expect(sut.put('2026/11/err.jpg', Buffer.from('x'))).rejects.toThrow(/PutObject 2026\/11\/err\.jpg failed: .*HTTP 500/);
    expect(proxy.puts.map((p) => p.mode)).toEqual(['error', 'error', 'error']);
    proxy.mode = 'pass';
    await sut.put('2026/11/err.jpg', Buffer.from('x'));
    expect((await direct.get('2026/11/err.jpg'))?.toString()).toBe('x');
  });

  it('throws on a read the store cannot answer rather than calling the photo missing, and fails its readiness check', async () => {
    await direct.put('2026/11/there.jpg', Buffer.from('there'));
    proxy.mode = 'down';
    await expect(sut.get('2026/11/there.jpg')).rejects.toThrow(PhotoStorageError);
    await expect(sut.check()).rejects.toThrow(/HeadBucket failed/);
    await expect(collect(sut.keys())).rejects.toThrow(/ListObjectsV2 failed/);
  });

  it('fails its readiness check for a bucket that does not exist, and when nothing listens', async () => {
    const missing = new S3PhotoStorage(s3Options(server.endpoint, 'no-such-bucket'));
    const closed = new S3PhotoStorage({ ...s3Options('http://127.0.0.1:9'), maxAttempts: 1 });
    try {
      await expect(missing.check()).rejects.toThrow(/HeadBucket failed: .*HTTP 404/);
      await expect(closed.check()).rejects.toThrow(/HeadBucket failed: .*ECONNREFUSED/);
    } finally {
      await Promise.all([missing.close(), closed.close()]);
    }
  });
});

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const key of keys) all.push(key);
  return all;
}
