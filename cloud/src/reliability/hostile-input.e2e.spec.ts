import fc from 'fast-check';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { registeredRoutes } from '../common/security/security.js';
import { call, concernAt, directoryIds, reportBody, staffSession, type Caller, type Json } from '../testing/concern-fixtures.js';
import { phoneJpeg, pngBomb, transparentPng } from '../testing/images.js';
import { multipartBody } from '../testing/multipart.js';
import { createResident } from '../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { TEST_DATABASES } from '../testing/test-databases.js';

/*
 * Hostile input to every write route the router registers (docs/security.md "How it works": bad
 * input → 4xx, changes nothing). fast-check generates bodies, query strings, headers and uploads:
 * wrong types, huge strings, deep JSON, SQL and script fragments, invalid UTF-8, 4-byte emoji, path
 * tricks in file names, a PNG claiming 50,000 × 50,000 pixels, images lying about their type. For
 * every case:
 *
 * - no 5xx;
 * - a refused request (4xx) leaves every table's row count as it was — no partial write;
 * - nothing comes back as something a browser would run: every answer is JSON (or Open311's XML, or
 *   an image) with nosniff, and every stored photo is a re-encoded raster image without markup.
 *
 * SQLite takes the bulk (at least 10,000 cases); MariaDB a smaller sample of the same generators.
 */

/** Cases on SQLite per run (MANYI_HOSTILE_CASES narrows a local run); MariaDB runs an eighth of them. */
const TOTAL_CASES = Number(process.env.MANYI_HOSTILE_CASES ?? 10_400);
const CASES: Record<string, number> = { sqlite: TOTAL_CASES, mariadb: Math.ceil(TOTAL_CASES / 8) };
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

const SQL_AND_SCRIPT = [
  "' OR '1'='1",
  '1; DROP TABLE concern; --',
  "' UNION SELECT password_hash FROM staff_account --",
  '1) OR SLEEP(5)#',
  '\\x27\\x22',
  '%27%20OR%201=1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '\u0000\u0001\u001f',
  '\u202e\u2066',
  '😀👨‍👩‍👧‍👦𠀀𪚥',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  'null',
  'true',
  '',
  ' ',
];
const HUGE = ['x'.repeat(70_000), '😀'.repeat(20_000), '楼'.repeat(30_000), '<script>'.repeat(5_000)];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SQL_AND_SCRIPT) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => `${s}<script>document.cookie</script>${s}`) },
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(null, true, false, 0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e21),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** JSON nested `depth` levels, written out (JSON.stringify itself would overflow on the deepest). */
const deepJson = fc
  .integer({ min: 20, max: 120_000 })
  .chain((depth) => fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

/** Bytes that are not UTF-8: lone continuation bytes, overlong forms, a cut-off 4-byte sequence. */
const invalidUtf8 = fc.constantFrom(
  Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  Buffer.from([0x7b, 0x22, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xf0, 0x9f, 0x98, 0x22, 0x7d]),
  Buffer.from([0xed, 0xa0, 0x80]),
);

type Payload = { payload: string | Buffer | undefined; contentType: string | undefined };

/** A body as sent on the wire, with the content type it claims. */
function payloadArbitrary(valid: Json | undefined): fc.Arbitrary<Payload> {
  const json = (value: unknown) => JSON.stringify(value) ?? 'null';
  const variants: Array<fc.Arbitrary<Payload>> = [
    hostileValue.map((v) => ({ payload: json(v), contentType: 'application/json' })),
    fc.dictionary(hostileString, hostileValue, { maxKeys: 6 }).map((v) => ({ payload: json(v), contentType: 'application/json' })),
    deepJson.map((p) => ({ payload: p, contentType: 'application/json' })),
    invalidUtf8.map((p) => ({ payload: p, contentType: 'application/json; charset=utf-8' })),
    fc
      .constantFrom('{"title":', '{"a":1}}', '[', 'undefined', '{"a":1,"a":2}', '\ufeff{}')
      .map((p) => ({ payload: p, contentType: 'application/json' })),
    fc
      .tuple(
        hostileString,
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'multipart/form-data',
          'x/y; charset=nope',
          'application/json; charset=latin1',
        ),
      )
      .map(([p, contentType]) => ({ payload: p, contentType })),
    fc.constant({ payload: undefined, contentType: undefined }),
  ];
  if (valid) {
    // A valid body with one field made hostile, removed, or one field added: it gets past the first checks.
    const keys = Object.keys(valid);
    variants.push(
      fc.tuple(fc.constantFrom(...keys, '__proto__', 'extra'), hostileValue, fc.boolean()).map(([key, value, remove]) => {
        const body: Json = { ...valid };
        if (remove) delete body[key];
        else body[key] = value;
        return { payload: json(body), contentType: 'application/json' };
      }),
    );
  }
  return fc.oneof(...variants);
}

/** What lies in place of a path parameter: real ids, and what a path should never accept. */
function paramArbitrary(realIds: number[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...realIds.map(String)),
    fc.constantFrom(
      '0',
      '-1',
      '1.5',
      '1e3',
      '99999999999999999999',
      '0x10',
      '１２',
      '%00',
      '..%2f..%2fetc',
      'NaN',
      ' 1',
      'accept',
      'compounds',
    ),
    fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s) || 'x'),
  );
}

const queryArbitrary = fc.dictionary(
  fc.oneof(fc.constantFrom('cursor', 'limit', 'status', 'street', 'q', 'api_key', '__proto__', 'a[b]'), fc.string({ maxLength: 8 })),
  hostileString.map((s) => s.slice(0, 300)),
  { maxKeys: 4 },
);

/** Header values must be latin1 without control characters to be sent at all. */
const headerValue = fc.oneof(
  fc.constantFrom(...SQL_AND_SCRIPT.filter((s) => /^[\x20-\x7e]*$/.test(s))),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 }),
);
const headersArbitrary = fc.record(
  {
    'idempotency-key': headerValue,
    'accept-language': headerValue,
    'x-forwarded-for': headerValue,
    authorization: fc.oneof(
      headerValue,
      headerValue.map((v) => `Bearer ${v}`),
    ),
  },
  { requiredKeys: [] },
);

/**
 * What a refusal must write by design: a failed staff login is counted (login_throttle) and audited
 * (issue 21); nothing else may change.
 */
const RECORDED_WHEN_REFUSED: Record<string, string[]> = {
  'POST /api/v1/auth/staff/login': ['audit_log', 'login_throttle'],
};

interface Upload {
  filename: string;
  contentType: string;
  data: Buffer;
}

describe.each(TEST_DATABASES)('hostile input on %s', (kind) => {
  let sut: TestApp;
  let tables: string[];
  let realIds: number[];
  const valid: Record<string, Json> = {};
  let images: Record<string, Buffer>;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    const app = sut.app;
    const ds = app.get(DataSource);
    tables = [...new Set(ds.entityMetadatas.map((m) => m.tableName))];
    const resident = await createResident(app, '居民甲');
    const dispatcher = await staffSession(app, 'hostile.dispatcher', 'dispatcher', 'xietu');
    const handler = await staffSession(app, 'hostile.handler', 'handler', 'xietu-guanli');
    const ids = await directoryIds(app);
    const concern = await concernAt(app, 'in_progress', { resident, dispatcher, handler, departmentId: ids.department('xietu-guanli') });
    realIds = [1, 2, concern.id, resident.id, dispatcher.id];
    valid['POST /api/v1/concerns'] = await reportBody(app);
    valid['POST /api/v1/concerns/:id/rating'] = { solved: true, satisfaction: 'satisfied', comment: '处理及时' };
    valid['POST /api/v1/admin/news'] = { street: 'xietu', title: '通知', body: [{ type: 'paragraph', text: '正文。' }] };
    valid['POST /api/v1/auth/staff/login'] = { username: 'hostile.dispatcher', password: 'correct-horse-battery' };
    valid['POST /api/v1/auth/preview/login'] = { nickname: '居民' };
    // A wrong current password, so a mutated body near it never ends the caller's session mid-sweep.
    valid['POST /api/v1/auth/staff/password'] = { currentPassword: 'not-the-password', newPassword: 'Hostile-Password-2026' };
    valid['POST /api/v1/auth/staff/totp/enable'] = { code: '123456' };
    valid['POST /api/v1/auth/staff/totp/disable'] = { password: 'not-the-password', code: '123456' };
    valid['POST /api/v1/admin/concerns/:id/:action'] = { departmentId: ids.department('xietu-guanli') };
    images = {
      jpeg: await phoneJpeg(320, 240),
      png: await transparentPng(64, 64),
      bomb: pngBomb(50_000, 50_000),
      svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'),
      html: Buffer.from('<!doctype html><script>alert(document.cookie)</script>'),
      truncated: (await phoneJpeg(320, 240)).subarray(0, 200),
      empty: Buffer.alloc(0),
      random: Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)),
    };
  });
  afterAll(() => sut?.close());

  /** Every table's row count, in one query. */
  async function rowCounts(): Promise<Record<string, number>> {
    const ds = sut.app.get(DataSource);
    const columns = tables.map((table, i) => `(SELECT COUNT(*) FROM ${ds.driver.escape(table)}) AS c${i}`).join(', ');
    const [row] = (await ds.query(`SELECT ${columns}`)) as Array<Record<string, number | string>>;
    return Object.fromEntries(tables.map((table, i) => [table, Number(row![`c${i}`])]));
  }

  /** The first kind of caller the route lets past its door, fresh for this route so one route cannot lock out the next. */
  async function callerFor(method: string, url: string, index: number): Promise<Caller | null> {
    const sample = url.replace(/:(\w+)|\*/g, '1');
    const candidates: Array<() => Promise<Caller | null>> = [
      async () => null,
      () => createResident(sut.app, `居民${index}`),
      () => staffSession(sut.app, `hostile.admin${index}`, 'admin'),
      () => staffSession(sut.app, `hostile.supervisor${index}`, 'supervisor'),
      () => staffSession(sut.app, `hostile.dispatcher${index}`, 'dispatcher', 'xietu'),
      () => staffSession(sut.app, `hostile.editor${index}`, 'editor', 'xietu'),
      () => staffSession(sut.app, `hostile.handler${index}`, 'handler', 'xietu-guanli'),
    ];
    for (const candidate of candidates) {
      const who = await candidate();
      const res = await call(sut.app, method as 'POST', sample, who, {});
      if (res.status !== 401 && res.status !== 403) return who;
    }
    return null;
  }

  function check(route: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }, problems: string[]): void {
    if (res.statusCode >= 500) problems.push(`${route} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    const type = String(res.headers['content-type'] ?? '');
    if (res.body.length > 0 && !/^(application\/json|application\/xml|text\/xml|image\/)/.test(type))
      problems.push(`${route} answered with ${type || 'no content type'}`);
    if (res.body.length > 0 && res.headers['x-content-type-options'] !== 'nosniff') problems.push(`${route} answered without nosniff`);
  }

  it('never answers a generated body, query string or header with a 5xx, a partial write or something a browser would run', async () => {
    const routes = registeredRoutes(sut.app).filter((r) => WRITE_METHODS.includes(r.method));
    const perRoute = Math.ceil((CASES[kind]! * 0.9) / routes.length);
    const problems: string[] = [];
    let tried = 0;
    let refused = 0;
    // The counts after one case are the counts before the next: one count per case.
    let counts = await rowCounts();
    for (const [index, route] of routes.entries()) {
      const key = `${route.method} ${route.url}`;
      const started = Date.now();
      const who = await callerFor(route.method, route.url, index);
      counts = await rowCounts();
      const params = route.url.match(/:(\w+)|\*/g) ?? [];
      await fc
        .assert(
          fc.asyncProperty(
            fc.tuple(...params.map(() => paramArbitrary(realIds))),
            queryArbitrary,
            headersArbitrary,
            payloadArbitrary(valid[key]),
            async (values, query, headers, { payload, contentType }) => {
              let i = 0;
              const path = route.url.replace(/:(\w+)|\*/g, () => values[i++]!);
              const search = new URLSearchParams(query as Record<string, string>).toString();
              const before = counts;
              const res = await sut.app.inject({
                method: route.method as 'POST',
                url: search ? `${path}?${search}` : path,
                headers: {
                  ...headers,
                  ...(who && !('authorization' in headers) ? { authorization: who.authorization } : {}),
                  ...(contentType ? { 'content-type': contentType } : {}),
                },
                ...(payload === undefined ? {} : { payload }),
              });
              tried += 1;
              check(key, res, problems);
              counts = await rowCounts();
              if (res.statusCode >= 400) {
                refused += 1;
                const after = counts;
                const changed = tables.filter((t) => after[t] !== before[t] && !RECORDED_WHEN_REFUSED[key]?.includes(t));
                if (changed.length > 0) problems.push(`${key} refused with ${res.statusCode} but changed ${changed.join(', ')}`);
              }
              return problems.length === 0;
            },
          ),
          { numRuns: perRoute, seed: Number(process.env.MANYI_HOSTILE_SEED ?? Date.now() % 2 ** 31) },
        )
        .catch((error: Error) => problems.push(error.message.split('\n').slice(0, 6).join(' ')));
      if (process.env.MANYI_HOSTILE_PROFILE) process.stdout.write(`${key}: ${Date.now() - started} ms\n`);
    }
    process.stdout.write(`hostile input on ${kind}: ${tried} requests to ${routes.length} write routes, ${refused} refused\n`);
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(Math.floor(CASES[kind]! * 0.9));
  }, 900_000);

  it('stores only re-encoded raster photos, whatever the upload claims to be', async () => {
    const resident = await createResident(sut.app, '上传者');
    const uploadArbitrary: fc.Arbitrary<Upload> = fc.record({
      filename: fc.oneof(
        fc.constantFrom(
          'photo.jpg',
          '../../../etc/passwd',
          '..\\..\\boot.ini',
          '%2e%2e%2fphoto.jpg',
          'photo.jpg\u0000.php',
          '照片😀.heic',
          'a'.repeat(300),
          '.htaccess',
          'x.svg',
        ),
        fc.string({ maxLength: 40 }).map((s) => s.replace(/["\r\n]/g, '')),
      ),
      contentType: fc.constantFrom(
        'image/jpeg',
        'image/png',
        'image/webp',
        'image/heic',
        'image/svg+xml',
        'text/html',
        'application/octet-stream',
        'image/jpeg; charset=utf-8',
      ),
      data: fc.constantFrom(...Object.values(images)),
    });
    const problems: string[] = [];
    let tried = 0;
    let stored = 0;
    await fc
      .assert(
        fc.asyncProperty(uploadArbitrary, fc.boolean(), async (upload, extraFile) => {
          const parts = [{ name: 'file', filename: upload.filename, contentType: upload.contentType, data: upload.data }];
          if (extraFile) parts.push({ name: 'file', filename: 'second.jpg', contentType: 'image/jpeg', data: images.jpeg! });
          const form = multipartBody(parts);
          const before = await rowCounts();
          const res = await sut.app.inject({
            method: 'POST',
            url: '/api/v1/uploads',
            headers: { authorization: resident.authorization, ...form.headers },
            payload: form.payload,
          });
          tried += 1;
          check('POST /api/v1/uploads', res, problems);
          if (res.statusCode >= 400) {
            const after = await rowCounts();
            const changed = tables.filter((t) => after[t] !== before[t]);
            if (changed.length > 0) problems.push(`upload refused with ${res.statusCode} but changed ${changed.join(', ')}`);
            return problems.length === 0;
          }
          stored += 1;
          const { id } = res.json() as { id: number };
          for (const variant of ['', '/thumbnail']) {
            const file = await sut.app.inject({
              method: 'GET',
              url: `/api/v1/uploads/${id}${variant}`,
              headers: { authorization: resident.authorization },
            });
            check('GET /api/v1/uploads/:id', file, problems);
            // Only the header is checked on upload: bytes the re-encoding cannot decode are never served.
            if (file.statusCode === 422 && (file.json() as { error: { code: string } }).error.code === 'PHOTO_UNREADABLE') continue;
            const meta = await sharp(file.rawPayload).metadata();
            if (!['jpeg', 'webp', 'png'].includes(meta.format ?? '')) problems.push(`a stored photo is ${meta.format}`);
            if ((meta.width ?? 0) * (meta.height ?? 0) > 40_000_000)
              problems.push(`a stored photo has ${meta.width}×${meta.height} pixels`);
            if (/<script|<svg|<html/i.test(file.rawPayload.toString('latin1'))) problems.push('a stored photo carries markup');
          }
          return problems.length === 0;
        }),
        { numRuns: Math.ceil(CASES[kind]! * 0.1) },
      )
      .catch((error: Error) => problems.push(error.message.split('\n').slice(0, 6).join(' ')));
    process.stdout.write(`hostile uploads on ${kind}: ${tried} uploads, ${stored} stored as photos\n`);
    expect(problems).toEqual([]);
    expect(stored).toBeGreaterThan(0);
  }, 300_000);
});
