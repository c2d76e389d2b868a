import type { NotificationView } from '@manyi/shared';
import { JobScheduler } from '../../common/jobs/job-scheduler.js';
import { AlertWebhookSender } from '../alerts/alert-webhook.sender.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { jest } from '@jest/globals';
import { DataSource, In, type Repository } from 'typeorm';
import { createResident, createStaff } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { Notification } from './notification.entity.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import {
  DELIVERY_RETRY_DELAYS_MS,
  MAX_DELIVERY_ATTEMPTS,
  NotificationDispatcher,
  SENDING_LEASE_MS,
} from './notification-dispatcher.service.js';
import { NotificationSender, type OutgoingNotification } from './notification-sender.js';

type Json = Record<string, unknown>;
type Signed = { id: number; authorization: string };

const errorOf = (body: Json) => (body as { error: { code: string; message: string } }).error;

describe.each(TEST_DATABASES)('notifications on %s', (kind) => {
  let sut: TestApp;
  let ds: DataSource;
  let rows: Repository<Notification>;
  let dispatcher: NotificationDispatcher;
  let sender: NotificationSender;
  let resident: Signed;
  let neighbour: Signed;
  let staff: Signed;
  let compoundId: number;
  let categoryId: number;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    ds = sut.app.get(DataSource);
    rows = ds.getRepository(Notification);
    dispatcher = sut.app.get(NotificationDispatcher);
    // The tests run deliveries themselves; the 5-second timer would race their assertions.
    await dispatcher.stop();
    sender = sut.app.get(NotificationSender);
    resident = await createResident(sut.app, '王阿姨');
    neighbour = await createResident(sut.app, '赵老伯');
    staff = await createStaff(sut.app, 'dispatcher.notify', 'dispatcher', 'xietu');
    compoundId = (await ds.getRepository(Compound).findOneByOrFail({ code: 'xietu-hengyi' })).id;
    categoryId = (await ds.getRepository(Category).findOneByOrFail({ code: 'shirong-laji' })).id;
  });
  afterAll(async () => {
    await sut?.close();
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const call = async (method: 'GET' | 'POST', url: string, who: Signed | null, payload?: Json) => {
    const res = await sut.app.inject({ method, url, headers: who ? { authorization: who.authorization } : {}, payload });
    return { status: res.statusCode, body: res.json() as Json };
  };
  const inbox = async (who: Signed, query = '') => {
    const res = await call('GET', `/api/v1/me/notifications${query}`, who);
    expect(res.status).toBe(200);
    return res.body as { items: NotificationView[]; nextCursor: string | null };
  };
  /** A concern reported by `who` and accepted by the dispatcher, which writes an `accepted` outbox row. */
  const acceptedConcern = async (who: Signed = resident) => {
    const submitted = await call('POST', '/api/v1/concerns', who, {
      categoryId,
      compoundId,
      title: '楼道灯不亮',
      description: '3号楼二楼楼道灯坏了一周，晚上很黑。',
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as number;
    expect((await call('POST', `/api/v1/admin/concerns/${id}/accept`, staff)).status).toBe(200);
    return id;
  };
  /** Outbox rows written straight into the table, for the delivery mechanics. */
  const pendingRows = async (count: number, residentId = resident.id): Promise<number[]> => {
    const concernId = await acceptedConcern();
    await dispatcher.deliverPending();
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const saved = await rows.save(
        rows.create({
          residentId,
          concernId,
          kind: 'reply_published',
          title: '您的诉求已有答复',
          body: `答复 ${i}`,
          status: 'pending',
          attempts: 0,
        }),
      );
      ids.push(saved.id);
    }
    return ids;
  };

  it('turns an accepted concern into a message in the resident’s inbox at once, and a pending row that deliverPending sends once', async () => {
    const concernId = await acceptedConcern();
    const row = await rows.findOneByOrFail({ concernId });
    expect(row).toMatchObject({
      residentId: resident.id,
      kind: 'accepted',
      title: '您的诉求已受理',
      status: 'pending',
      attempts: 0,
      deliveredAt: null,
    });
    // Committed with the step, so already in the inbox: the outbox only carries the copy sent outside.
    expect((await inbox(resident)).items.map((n) => n.id)).toContain(row.id);

    const run = await dispatcher.deliverPending();
    expect(run.delivered).toBeGreaterThanOrEqual(1);
    const delivered = await rows.findOneByOrFail({ id: row.id });
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, readAt: null });
    expect(delivered.deliveredAt).toBeInstanceOf(Date);

    const listed = (await inbox(resident)).items.find((n) => n.id === row.id);
    expect(listed).toMatchObject({
      id: row.id,
      concernId,
      kind: 'accepted',
      title: '您的诉求已受理',
      body: row.body,
      createdAt: row.createdAt.toISOString(),
      readAt: null,
    });
    for (const internal of ['residentId', 'status', 'attempts', 'deliveredAt']) expect(listed).not.toHaveProperty(internal);
    expect((await dispatcher.deliverPending()).delivered).toBe(0);
  });

  it('marks a notification read once, keeps the first time on a second mark, and counts the unread', async () => {
    const concernId = await acceptedConcern();
    await dispatcher.deliverPending();
    const row = await rows.findOneByOrFail({ concernId });
    const unreadBefore = (await call('GET', '/api/v1/me/notifications/unread-count', resident)).body.count as number;
    expect(unreadBefore).toBeGreaterThanOrEqual(1);

    const first = await call('POST', `/api/v1/me/notifications/${row.id}/read`, resident);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: row.id, readAt: expect.any(String) });
    await sleep(5);
    const again = await call('POST', `/api/v1/me/notifications/${row.id}/read`, resident);
    expect(again.body.readAt).toBe(first.body.readAt);
    expect((await inbox(resident)).items.find((n) => n.id === row.id)?.readAt).toBe(first.body.readAt);
    expect((await call('GET', '/api/v1/me/notifications/unread-count', resident)).body.count).toBe(unreadBefore - 1);
  });

  it('shows another resident nothing of it, and answers their mark with 404 leaving it unread', async () => {
    const concernId = await acceptedConcern();
    await dispatcher.deliverPending();
    const row = await rows.findOneByOrFail({ concernId });

    expect((await inbox(neighbour)).items.map((n) => n.id)).not.toContain(row.id);
    const theirs = await call('POST', `/api/v1/me/notifications/${row.id}/read`, neighbour);
    expect(theirs.status).toBe(404);
    expect(errorOf(theirs.body).code).toBe('NOTIFICATION_NOT_FOUND');
    expect((await rows.findOneByOrFail({ id: row.id })).readAt).toBeNull();
    // An unknown id is refused the same way.
    const unknown = await call('POST', `/api/v1/me/notifications/987654/read`, resident);
    expect([unknown.status, errorOf(unknown.body).code]).toEqual([404, 'NOTIFICATION_NOT_FOUND']);
    // The owner may read a message whose outside copy is still pending.
    const [pending] = await pendingRows(1);
    expect((await call('POST', `/api/v1/me/notifications/${pending}/read`, resident)).status).toBe(200);
    expect((await rows.findOneByOrFail({ id: pending })).readAt).toBeInstanceOf(Date);
  });

  it('lists newest first in keyset pages and refuses a forged cursor or a bad limit', async () => {
    const fresh = await createResident(sut.app, '孙阿婆');
    const ids = await pendingRows(5, fresh.id);
    await dispatcher.deliverPending();
    const first = await inbox(fresh, '?limit=2');
    expect(first.items.map((n) => n.id)).toEqual([ids[4], ids[3]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await inbox(fresh, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.id)).toEqual([ids[2], ids[1]]);
    const last = await inbox(fresh, `?limit=2&cursor=${second.nextCursor}`);
    expect(last.items.map((n) => n.id)).toEqual([ids[0]]);
    expect(last.nextCursor).toBeNull();

    for (const query of ['?cursor=not-a-cursor', '?limit=0', '?limit=abc', '?limit=101']) {
      const res = await call('GET', `/api/v1/me/notifications${query}`, fresh);
      expect([res.status, errorOf(res.body).code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('is for residents only: staff get 403, nobody 401, and an id that is not one 400', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/me/notifications'],
      ['GET', '/api/v1/me/notifications/unread-count'],
      ['POST', '/api/v1/me/notifications/1/read'],
    ] as const) {
      expect((await call(method, url, staff)).status).toBe(403);
      expect((await call(method, url, null)).status).toBe(401);
    }
    const bad = await call('POST', '/api/v1/me/notifications/abc/read', resident);
    expect([bad.status, errorOf(bad.body).code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it(`keeps a row pending with its attempts counted while the sender fails, and gives up after ${MAX_DELIVERY_ATTEMPTS}`, async () => {
    const [id] = await pendingRows(1);
    const tried: number[] = [];
    jest.spyOn(sender, 'send').mockImplementation(async (n: OutgoingNotification) => {
      tried.push(n.id);
      throw new Error('WeChat is down');
    });

    // Each run comes when the row's back-off is over.
    let now = new Date();
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) {
      expect((await dispatcher.deliverPending(100, now)).retrying).toBe(1);
      const row = await rows.findOneByOrFail({ id });
      expect(row).toMatchObject({ status: 'pending', attempts: attempt, deliveredAt: null });
      now = row.nextAttemptAt!;
    }
    expect(await dispatcher.deliverPending(100, now)).toMatchObject({ failed: 1, delivered: 0 });
    expect(await rows.findOneByOrFail({ id })).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, deliveredAt: null });

    jest.restoreAllMocks();
    await dispatcher.deliverPending(100, new Date(now.getTime() + 24 * 3_600_000));
    expect(tried).toEqual(Array(MAX_DELIVERY_ATTEMPTS).fill(id));
    expect((await rows.findOneByOrFail({ id })).status).toBe('failed');
    // The outside copy is given up; the resident still has the message in the app.
    expect((await inbox(resident)).items.map((n) => n.id)).toContain(id);
  });

  it('delivers a row that failed once on the first run after its delay', async () => {
    const [id] = await pendingRows(1);
    jest.spyOn(sender, 'send').mockRejectedValueOnce(new Error('timeout'));
    expect((await dispatcher.deliverPending()).retrying).toBe(1);
    const { nextAttemptAt } = await rows.findOneByOrFail({ id });
    expect((await dispatcher.deliverPending(100, nextAttemptAt!)).delivered).toBe(1);
    expect(await rows.findOneByOrFail({ id })).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('leaves a failed row alone until its delay is over, and waits longer after each failure', async () => {
    const [id] = await pendingRows(1);
    const tried: Date[] = [];
    jest.spyOn(sender, 'send').mockImplementation(async () => {
      tried.push(new Date());
      throw new Error('WeChat is down');
    });

    let now = new Date();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      await dispatcher.deliverPending(100, now);
      const row = await rows.findOneByOrFail({ id });
      expect(row).toMatchObject({ status: 'pending', attempts: attempt });
      const wait = row.nextAttemptAt!.getTime() - now.getTime();
      waits.push(wait);
      // The schedule's delay, give or take its jitter.
      expect(wait).toBeGreaterThanOrEqual(DELIVERY_RETRY_DELAYS_MS[attempt - 1]! * 0.8);
      expect(wait).toBeLessThanOrEqual(DELIVERY_RETRY_DELAYS_MS[attempt - 1]! * 1.2);

      // A run a moment before the row is due neither sends nor counts an attempt.
      const early = await dispatcher.deliverPending(100, new Date(row.nextAttemptAt!.getTime() - 1));
      expect(early).toMatchObject({ delivered: 0, retrying: 0, failed: 0 });
      expect(tried).toHaveLength(attempt);
      expect(await rows.findOneByOrFail({ id })).toMatchObject({ status: 'pending', attempts: attempt });
      now = row.nextAttemptAt!;
    }
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);

    jest.restoreAllMocks();
    expect((await dispatcher.deliverPending(100, now)).delivered).toBe(1);
    expect(await rows.findOneByOrFail({ id })).toMatchObject({ status: 'delivered', attempts: 5 });
  });

  it('delivers each row exactly once when two dispatchers run at the same time', async () => {
    const ids = await pendingRows(8);
    const sent: number[] = [];
    const slowSender: NotificationSender = {
      send: async (n) => {
        sent.push(n.id);
        await sleep(10);
      },
    };
    // Two instances of the service, each with its own dispatcher, on the same database.
    const jobs = sut.app.get(JobScheduler);
    const robots = sut.app.get(AlertWebhookSender);
    const [a, b] = [new NotificationDispatcher(ds, slowSender, jobs, robots), new NotificationDispatcher(ds, slowSender, jobs, robots)];
    const runs = await Promise.all([a.deliverPending(), b.deliverPending(), a.deliverPending()]);

    expect(runs.reduce((sum, r) => sum + r.delivered, 0)).toBe(ids.length);
    expect([...sent].sort((x, y) => x - y)).toEqual(ids);
    const after = await rows.findBy({ id: In(ids) });
    expect(after.every((n) => n.status === 'delivered' && n.attempts === 1)).toBe(true);
  });

  it('takes back a claim abandoned mid-send by a dead instance, but not one still within its lease', async () => {
    const [abandoned, working] = await pendingRows(2);
    const now = new Date();
    await rows.update(
      { id: abandoned },
      { status: 'sending' as Notification['status'], attempts: 1, deliveredAt: new Date(now.getTime() - SENDING_LEASE_MS - 1000) },
    );
    await rows.update(
      { id: working },
      { status: 'sending' as Notification['status'], attempts: 1, deliveredAt: new Date(now.getTime() - 1000) },
    );

    expect((await dispatcher.deliverPending(100, now)).delivered).toBe(1);
    expect(await rows.findOneByOrFail({ id: abandoned })).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(await rows.findOneByOrFail({ id: working })).toMatchObject({ status: 'sending', attempts: 1 });
    await rows.update({ id: working }, { status: 'delivered' });
  });

  it('delivers oldest first and no more than the limit per run', async () => {
    const ids = await pendingRows(3);
    const sent: number[] = [];
    jest.spyOn(sender, 'send').mockImplementation(async (n: OutgoingNotification) => {
      sent.push(n.id);
    });
    expect((await dispatcher.deliverPending(2)).delivered).toBe(2);
    expect(sent).toEqual(ids.slice(0, 2));
    expect((await rows.findOneByOrFail({ id: ids[2] })).status).toBe('pending');
    await dispatcher.deliverPending();
    expect(sent).toEqual(ids);
  });
});
