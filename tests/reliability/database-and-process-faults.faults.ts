import { freePort } from '../support/service.js';
import { PrivateMariaDb } from './support/private-mariadb.js';
import { ServiceProcess } from './support/service-process.js';
import { newTally, submitWithRetries, type Resident, type Tally } from './support/submit-load.js';

/*
 * No resident's concern is ever lost, and none is filed twice, when the database goes away or the
 * service dies in the middle of a submit load (docs/security.md; the concern loop's
 * "one step, one transaction": a write is acknowledged only after commit). The built service runs as a child process on a
 * MariaDB server of this test's own; residents submit with Idempotency-Keys and retry on anything
 * but an answer. Mid-load, MariaDB is shut down and started again, then the service is killed with
 * SIGKILL and restarted. Afterwards every 201 must be in the database, exactly once.
 */

const WORKERS = 6;
const RESIDENTS = 12;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('submits through database and process faults', () => {
  let db: PrivateMariaDb;
  let service: ServiceProcess;
  const residents: Resident[] = [];
  let body: Record<string, unknown>;

  beforeAll(async () => {
    db = await PrivateMariaDb.create();
    service = new ServiceProcess(await freePort(), {
      DATABASE_URL: db.url,
      MANYI_DEMO: '1',
      MANYI_DATA_DIR: `${db.dir}/service-data`,
      MANYI_TOKEN_SECRET: 'faults-test-token-secret-of-at-least-32-chars',
      MANYI_DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
      MANYI_RATE_LIMIT_LOGIN: '100000',
      MANYI_RATE_LIMIT_SUBMIT: '100000',
      MANYI_REQUEST_DEADLINE: '3',
    });
    await service.start();
    for (let i = 0; i < RESIDENTS; i++) {
      const res = await fetch(`${service.baseUrl}/api/v1/auth/preview/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ nickname: `居民${i}` }),
      });
      residents.push({ authorization: `Bearer ${((await res.json()) as { token: string }).token}` });
    }
    const conn = await db.connect();
    try {
      const [[category]] = (await conn.query(`SELECT id FROM category WHERE code = 'shirong-laji'`)) as unknown as [Array<{ id: number }>];
      const [[compound]] = (await conn.query(`SELECT id FROM compound WHERE code = 'xietu-hengyi'`)) as unknown as [Array<{ id: number }>];
      body = { categoryId: category!.id, compoundId: compound!.id, description: '三号楼楼道堆物影响通行，请尽快处理。' };
    } finally {
      await conn.end();
    }
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
    await db?.destroy();
  });

  async function stored(): Promise<Array<{ id: number; idempotency_key: string; title: string }>> {
    const conn = await db.connect();
    try {
      const [rows] = await conn.query(`SELECT id, idempotency_key, title FROM concern WHERE title LIKE '负载测试诉求%'`);
      return rows as Array<{ id: number; idempotency_key: string; title: string }>;
    } finally {
      await conn.end();
    }
  }

  function verify(tally: Tally, rows: Array<{ id: number; idempotency_key: string; title: string }>) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = tally.acknowledged.filter((a) => byId.get(a.id)?.idempotency_key !== a.key || byId.get(a.id)?.title !== a.title);
    const perTitle = new Map<string, number>();
    for (const r of rows) perTitle.set(r.title, (perTitle.get(r.title) ?? 0) + 1);
    const duplicates = [...perTitle.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);
    return { missing, duplicates };
  }

  it('keeps every acknowledged report exactly once when MariaDB stops and the service is killed mid-load', async () => {
    const tally = newTally();
    const faults: string[] = [];
    let loading = true;
    const giveUpAt = Date.now() + 150_000;
    const workers = Array.from({ length: WORKERS }, async (_, w) => {
      for (let n = 0; loading; n++)
        await submitWithRetries(() => service.baseUrl, residents[(w + n * WORKERS) % RESIDENTS]!, body, tally, giveUpAt);
    });

    await sleep(3_000);
    await db.stop();
    faults.push('MariaDB shut down mid-load');
    await sleep(4_000);
    await db.start();
    faults.push('MariaDB started again');
    await sleep(4_000);
    await service.kill9();
    faults.push('service killed with SIGKILL mid-load');
    await sleep(1_000);
    await service.start();
    faults.push('service restarted');
    await sleep(4_000);
    loading = false;
    await Promise.all(workers);

    const rows = await stored();
    const { missing, duplicates } = verify(tally, rows);
    const fiveHundreds = Object.entries(tally.answers)
      .filter(([status]) => Number(status) >= 500)
      .map(([status, n]) => `${n}×${status}`);
    process.stdout.write(
      `faults: ${faults.join('; ')}\n` +
        `  reports acknowledged ${tally.acknowledged.length}, found ${tally.acknowledged.length - missing.length} ` +
        `(rows ${rows.length}), missing ${missing.length}, duplicates ${duplicates}\n` +
        `  answers ${JSON.stringify(tally.answers)}, network errors ${tally.networkErrors}, 5xx ${fiveHundreds.join(', ') || 0}\n`,
    );
    expect(tally.refused).toEqual([]);
    expect(missing).toEqual([]);
    expect(duplicates).toBe(0);
    expect(rows.length).toBe(tally.acknowledged.length);
    // The outage answers 503 with Retry-After (or drops the connection), never a 500.
    expect(tally.answers[500] ?? 0).toBe(0);
    expect(tally.acknowledged.length).toBeGreaterThan(20);
  }, 240_000);

  it('answers 503 with Retry-After when the database hangs, instead of piling requests up, and files each retried report once', async () => {
    const tally = newTally();
    db.freeze();
    const started = Date.now();
    let answers: Array<{ status: number; retryAfter: string | null; ms: number }>;
    try {
      answers = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const t0 = Date.now();
          const res = await fetch(`${service.baseUrl}/api/v1/concerns`, {
            method: 'POST',
            headers: {
              authorization: residents[i % RESIDENTS]!.authorization,
              'content-type': 'application/json',
              'idempotency-key': `hang-${i}-abcdefgh`,
            },
            body: JSON.stringify({ ...body, title: `负载测试诉求 冻结 ${i}` }),
            signal: AbortSignal.timeout(30_000),
          });
          await res.arrayBuffer();
          return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - t0 };
        }),
      );
    } finally {
      db.thaw();
    }
    const slowest = Math.max(...answers.map((a) => a.ms));
    process.stdout.write(
      `hanging database: 30 submits answered ${JSON.stringify(answers.reduce<Record<number, number>>((m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }), {}))} ` +
        `within ${slowest} ms (deadline 3 s), ${Date.now() - started} ms in all\n`,
    );
    expect(answers.every((a) => a.status === 503 && Number(a.retryAfter) > 0)).toBe(true);

    // The residents retry with the same keys once the database answers again: each report is filed once.
    for (let i = 0; i < 30; i++) {
      const key = `hang-${i}-abcdefgh`;
      for (;;) {
        const res = await fetch(`${service.baseUrl}/api/v1/concerns`, {
          method: 'POST',
          headers: { authorization: residents[i % RESIDENTS]!.authorization, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ ...body, title: `负载测试诉求 冻结 ${i}` }),
        });
        const text = await res.text();
        if (res.status === 201) {
          tally.acknowledged.push({ id: (JSON.parse(text) as { id: number }).id, key, title: `负载测试诉求 冻结 ${i}` });
          break;
        }
        expect(res.status).toBe(503);
        await sleep(500);
      }
    }
    const rows = (await stored()).filter((r) => r.title.startsWith('负载测试诉求 冻结'));
    const { missing, duplicates } = verify(tally, rows);
    expect(missing).toEqual([]);
    expect(duplicates).toBe(0);
    expect(rows).toHaveLength(30);
  }, 120_000);
});
