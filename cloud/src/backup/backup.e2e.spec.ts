import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import type { PhotoView } from '@manyi/shared';
import { loadConfig, type AppConfig } from '../config/app-config.js';
import { createApp } from '../create-app.js';
import { LocalPhotoStorage } from '../modules/uploads/photo-storage.js';
import { PhotoProcessingService } from '../modules/uploads/photo-processing.service.js';
import { call, concernAt, directoryIds, staffSession, submitConcern, type Caller } from '../testing/concern-fixtures.js';
import { phoneJpeg } from '../testing/images.js';
import { photoUpload } from '../testing/multipart.js';
import { photoStoreEnv, startS3TestServer } from '../testing/s3-test-server.js';
import { createResident } from '../testing/staff-fixtures.js';
import { createTestDatabase, TEST_DATABASES, testConfig, type TestDatabase, type TestDatabaseKind } from '../testing/test-databases.js';
import { runBackupCommand } from './backup-command.js';
import { backup, restore, type BackupOptions } from './backup.js';
import { codeMigrations, type BackupManifest } from './manifest.js';
import { configuredPhotoStorage } from './photo-store.js';

/** Every row of every table, each as JSON, sorted: two databases hold the same data exactly when these are equal. */
type Tables = Record<string, string[]>;

async function readTables(kind: TestDatabaseKind, url: string): Promise<Tables> {
  const tables: Tables = {};
  if (kind === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
    try {
      const names = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as Array<{
        name: string;
      }>;
      for (const { name } of names) tables[name] = db.prepare(`SELECT * FROM "${name}"`).all().map(rowJson).sort();
    } finally {
      db.close();
    }
    return tables;
  }
  const conn = await mysql.createConnection({ uri: url, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
  try {
    const [names] = await conn.query(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
    );
    for (const { name } of names as Array<{ name: string }>) {
      const [rows] = await conn.query(`SELECT * FROM \`${name}\``);
      tables[name] = (rows as unknown[]).map(rowJson).sort();
    }
  } finally {
    await conn.end();
  }
  return tables;
}

function rowJson(row: unknown): string {
  return JSON.stringify(row, (_key, value: unknown) =>
    value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer'
      ? `hex:${Buffer.from((value as { data: number[] }).data).toString('hex')}`
      : value,
  );
}

async function execute(kind: TestDatabaseKind, url: string, sql: string): Promise<void> {
  if (kind === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const conn = await mysql.createConnection(url);
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

/** Path under the folder → SHA-256 of every file in it. */
function checksums(folder: string): Record<string, string> {
  const sums: Record<string, string> = {};
  if (!existsSync(folder)) return sums;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    sums[relative(folder, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return sums;
}

const mode = (path: string) => statSync(path).mode & 0o777;

/**
 * A district's data survives the loss of its database and photo folder: a database holding concerns with
 * photos (made through the real API) is backed up while the service runs, wiped, restored, and compared
 * row by row, photo by photo, key by key — and restore refuses what would lose data or not work.
 */
describe.each(TEST_DATABASES)('backup and restore on %s', (kind) => {
  let db: TestDatabase;
  let root: string;
  let dataDir: string;
  let config: AppConfig;
  let app: NestFastifyApplication | null = null;
  let resident: Caller;
  let concernId: number;
  let photoUrl: string;
  let backupFolder: string;
  let before: Tables;
  let photosBefore: Record<string, string>;
  let keysBefore: Record<string, string>;
  let manifestBefore: BackupManifest;
  const timings: string[] = [];

  const options = (): BackupOptions => ({ storage: new LocalPhotoStorage(join(dataDir, 'photos')), storeName: 'local' });
  const keys = () => Object.fromEntries(['data-key', 'token-secret'].map((f) => [f, readFileSync(join(dataDir, f), 'utf8')]));
  const start = async () => {
    app = await createApp(config);
    await app.getHttpAdapter().getInstance().ready();
    return app;
  };
  const stop = async () => {
    await app?.close();
    app = null;
  };
  const upload = async (who: Caller, bytes: Buffer): Promise<PhotoView> => {
    const { payload, headers } = photoUpload(bytes);
    const res = await app!.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { ...headers, authorization: who.authorization },
      payload,
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    root = mkdtempSync(join(tmpdir(), 'manyi-backup-spec-'));
    dataDir = join(root, 'data');
    backupFolder = join(root, 'backups', 'first');
    // The keys are kept in the data folder, as on a single machine without them in the environment.
    config = testConfig(db.url, { MANYI_DATA_DIR: dataDir, MANYI_DATA_KEY: '', MANYI_TOKEN_SECRET: '' });
    const sut = await start();
    resident = await createResident(sut, '钱阿姨');
    const crew = {
      resident,
      dispatcher: await staffSession(sut, 'dispatcher.backup', 'dispatcher', 'xietu'),
      handler: await staffSession(sut, 'handler.backup', 'handler', 'xietu-guanli'),
      departmentId: (await directoryIds(sut)).department('xietu-guanli'),
    };
    const photos = [await upload(resident, await phoneJpeg(640, 480)), await upload(resident, await phoneJpeg(800, 600))];
    photoUrl = photos[0]!.url;
    concernId = (await submitConcern(sut, resident, { photoIds: photos.map((p) => p.id), phone: '13812345678', title: '楼道灯坏了 💡' }))
      .id;
    await concernAt(sut, 'closed', crew, { photoIds: [(await upload(resident, await phoneJpeg(480, 360))).id] });
    await concernAt(sut, 'in_progress', crew);
    await upload(resident, await phoneJpeg(320, 240)); // uploaded, not (yet) in a report
    await sut.get(PhotoProcessingService).idle();
  });
  afterAll(async () => {
    await stop();
    await db?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
    process.stdout.write(`backup spec on ${kind}: ${timings.join(', ')}\n`);
  });

  it('backs up while the service runs, and after a wipe restores every row, photo and key', async () => {
    before = await readTables(kind, db.url);
    photosBefore = checksums(join(dataDir, 'photos'));
    keysBefore = keys();
    expect(Object.keys(photosBefore)).toHaveLength(8); // 4 photos, each with its thumbnail

    let started = Date.now();
    const manifest = await backup(config, backupFolder, options());
    manifestBefore = manifest;
    timings.push(`backup ${Date.now() - started} ms`);

    expect(await readTables(kind, db.url)).toEqual(before); // nothing moved meanwhile: the comparison below is exact
    expect(manifest).toMatchObject({
      database: { kind: kind === 'sqlite' ? 'sqlite' : 'mysql' },
      schema: { lastMigration: codeMigrations().at(-1), migrations: codeMigrations() },
      tables: Object.fromEntries(Object.entries(before).map(([table, rows]) => [table, rows.length])),
      photos: { count: 8, missing: [] },
      secrets: { dataKey: { source: 'file' }, tokenSecret: { source: 'file' } },
    });
    expect(Object.fromEntries(manifest.photos.items.map((p) => [p.key, p.sha256]))).toEqual(photosBefore);
    expect(manifest.tables.concern).toBe(3);
    expect(JSON.parse(readFileSync(join(backupFolder, 'manifest.json'), 'utf8'))).toEqual(manifest);
    expect([mode(backupFolder), mode(join(backupFolder, 'secrets', 'data-key')), mode(join(backupFolder, manifest.database.file))]).toEqual(
      [0o700, 0o600, 0o600],
    );

    await stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });

    started = Date.now();
    await restore(config, backupFolder, options());
    timings.push(`restore ${Date.now() - started} ms`);

    expect(await readTables(kind, db.url)).toEqual(before);
    expect(checksums(join(dataDir, 'photos'))).toEqual(photosBefore);
    expect(keys()).toEqual(keysBefore);
    expect(mode(join(dataDir, 'data-key'))).toBe(0o600);

    // The service runs on it as before: the resident's session still holds, the phone number decrypts, the photo is served.
    const sut = await start();
    const detail = await call(sut, 'GET', `/api/v1/concerns/${concernId}`, resident);
    expect([detail.status, detail.body.phone, detail.body.title]).toEqual([200, '13812345678', '楼道灯坏了 💡']);
    const photo = await sut.inject({ method: 'GET', url: photoUrl, headers: { authorization: resident.authorization } });
    expect(photo.statusCode).toBe(200);
    expect(Object.values(photosBefore)).toContain(createHash('sha256').update(photo.rawPayload).digest('hex'));
    await stop();
  });

  it('refuses to restore over data unless forced; forced, the command puts the backup back, its photos into an S3 bucket', async () => {
    await execute(kind, db.url, "UPDATE concern SET title = '改过的标题'");
    const [aPhoto] = Object.keys(photosBefore);
    writeFileSync(join(dataDir, 'photos', aPhoto!), 'other bytes');
    const changed = await readTables(kind, db.url);

    await expect(restore(config, backupFolder, options())).rejects.toThrow(
      /^refusing to restore over existing data: the database .* already holds tables; the photo store holds other bytes under .*\. Add --force to replace it$/,
    );
    expect(await readTables(kind, db.url)).toEqual(changed);

    // The same backup, now for a deployment that keeps its photos in a bucket (MANYI_PHOTO_STORE).
    const server = await startS3TestServer();
    try {
      const env = { DATABASE_URL: db.url, MANYI_DATA_DIR: dataDir, ...photoStoreEnv(server.endpoint) };
      const lines: string[] = [];
      const write = (text: string) => lines.push(text);
      await expect(runBackupCommand(['restore', backupFolder], env, write)).rejects.toThrow(/^refusing to restore over existing data/);
      await runBackupCommand(['restore', backupFolder, '--force'], env, write);
      expect(lines.join('')).toMatch(
        /^manyi restore: photos: 8 files restored into s3:\/\/manyi-photos at http:\/\/127\.0\.0\.1:\d+ and read back/m,
      );
      expect(await readTables(kind, db.url)).toEqual(before);
      const { storage: bucket } = configuredPhotoStorage(loadConfig(env));
      const inBucket: Record<string, string> = {};
      for await (const key of bucket.keys())
        inBucket[key] = createHash('sha256')
          .update((await bucket.get(key))!)
          .digest('hex');
      await bucket.close();
      expect(inBucket).toEqual(photosBefore);

      const fromBucket = join(root, 'backups', 'from-s3');
      await runBackupCommand(['backup', fromBucket], env, write);
      const manifest = JSON.parse(readFileSync(join(fromBucket, 'manifest.json'), 'utf8')) as BackupManifest;
      expect(manifest.photos.store).toMatch(/^s3:\/\/manyi-photos/);
      expect([manifest.photos.items, manifest.tables]).toEqual([manifestBefore.photos.items, manifestBefore.tables]);
      await expect(runBackupCommand(['backup'], env, write)).rejects.toThrow(
        /^expected "backup <folder>" or "restore <folder> \[--force\]"/,
      );
    } finally {
      await server.stop();
    }
  });

  it('refuses a backup of a newer schema, a damaged or unfinished one, or another data key, before touching anything', async () => {
    const copy = join(root, 'backups', 'doctored');
    cpSync(backupFolder, copy, { recursive: true });
    const manifestFile = join(copy, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
    const edit = (change: (m: BackupManifest) => void) => {
      const doctored = structuredClone(manifest);
      change(doctored);
      writeFileSync(manifestFile, JSON.stringify(doctored));
    };
    const refusal = (force = true, cfg = config) => restore(cfg, copy, { ...options(), force });
    const photosNow = checksums(join(dataDir, 'photos'));

    edit((m) => {
      m.schema.migrations.push('TheFuture1899999999999');
      m.schema.lastMigration = 'TheFuture1899999999999';
    });
    await expect(refusal()).rejects.toThrow(
      /^the backup's schema \(TheFuture1899999999999\) is newer than this release's \(\w+\): restore it with/,
    );

    edit(() => undefined);
    const photoFile = join(copy, 'photos', manifest.photos.items[0]!.key);
    const good = readFileSync(photoFile);
    writeFileSync(photoFile, Buffer.concat([good, Buffer.from([0])]));
    await expect(refusal()).rejects.toThrow(/^the backup is damaged: photo .* does not match its checksum$/);
    writeFileSync(photoFile, good);

    const otherKey = testConfig(db.url, {
      MANYI_DATA_DIR: dataDir,
      MANYI_DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
      MANYI_TOKEN_SECRET: '',
    });
    await expect(refusal(false, otherKey)).rejects.toThrow(
      /MANYI_DATA_KEY is not the key the backup was made with: phone numbers .* could not be decrypted/,
    );

    rmSync(manifestFile);
    await expect(refusal()).rejects.toThrow(/is not a finished Manyi backup: it has no manifest\.json/);
    await expect(backup(config, copy, options())).rejects.toThrow(/is not empty: a backup goes into a new or empty folder/);

    expect(await readTables(kind, db.url)).toEqual(before);
    expect(checksums(join(dataDir, 'photos'))).toEqual(photosNow);
  });
});
