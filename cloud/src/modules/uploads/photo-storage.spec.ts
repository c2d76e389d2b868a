import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalPhotoStorage } from './photo-storage.js';

describe(LocalPhotoStorage.name, () => {
  let root: string;
  let sut: LocalPhotoStorage;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'manyi-storage-'));
    sut = new LocalPhotoStorage(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores bytes under a dated key, reads them back and leaves no temporary file', async () => {
    await sut.put('2026/11/abc123.jpg', Buffer.from('photo'));
    expect((await sut.get('2026/11/abc123.jpg'))?.toString()).toBe('photo');
    expect(readdirSync(join(root, '2026', '11'))).toEqual(['abc123.jpg']);
  });

  it('keeps photos readable by the service’s own user only, whatever the process umask', async () => {
    await sut.put('2026/12/private.jpg', Buffer.from('photo'));

    expect(statSync(join(root, '2026', '12', 'private.jpg')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, '2026', '12')).mode & 0o777).toBe(0o700);
  });

  it('answers null for a key that holds nothing, and removes a key twice without complaint', async () => {
    expect(await sut.get('2026/11/missing.jpg')).toBeNull();
    await sut.put('2026/11/gone.jpg', Buffer.from('x'));
    await sut.remove('2026/11/gone.jpg');
    await sut.remove('2026/11/gone.jpg');
    expect(await sut.get('2026/11/gone.jpg')).toBeNull();
  });

  it.each(['../escape.jpg', '2026/../../escape.jpg', '/etc/passwd', '2026/11/.hidden.jpg', '2026/11/no-extension', ''])(
    'refuses the key %j, which could reach outside its folder',
    async (key) => {
      await expect(sut.put(key, Buffer.from('x'))).rejects.toThrow(/invalid photo storage key/);
      await expect(sut.get(key)).rejects.toThrow(/invalid photo storage key/);
    },
  );
});
