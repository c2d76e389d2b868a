import { shanghaiDate } from '@manyi/shared';
import { DataSource, type Repository } from 'typeorm';
import { call, errorOf, staffSession, submitConcern, walkTo, type Caller, type WalkCrew } from '../../testing/concern-fixtures.js';
import { FakeWechatServer } from '../../testing/fake-wechat-server.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { Notification } from '../notifications/notification.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { Department } from '../directory/department.entity.js';
import { MAX_DELIVERY_ATTEMPTS, NotificationDispatcher, SENDING_LEASE_MS } from '../notifications/notification-dispatcher.service.js';
import { NotificationSender } from '../notifications/notification-sender.js';
import { SubscribeAttempt } from '../notifications/subscribe-attempt.entity.js';
import { SubscribeConsent } from '../notifications/subscribe-consent.entity.js';
import { WechatSubscribeSender } from '../notifications/wechat-subscribe.sender.js';

const REPLY = 'tpl-reply-published-0123456789';
const PROGRESS = 'tpl-progress-0123456789';
const VISIT = 'tpl-visit-0123456789';
const SEND = '/cgi-bin/message/subscribe/send';

describe.each(TEST_DATABASES)('subscribe messages through the outbox on %s', (kind) => {
  let fake: FakeWechatServer;
  let sut: TestApp;
  let ds: DataSource;
  let dispatcher: NotificationDispatcher;
  let outbox: Repository<Notification>;
  let crewBase: Omit<WalkCrew, 'resident'>;
  let openidSeq = 0;

  beforeAll(async () => {
    fake = await FakeWechatServer.start();
    sut = await startTestApp(
      kind,
      fake.env({ WECHAT_TEMPLATE_REPLY: REPLY, WECHAT_TEMPLATE_PROGRESS: PROGRESS, WECHAT_MINIPROGRAM_STATE: 'trial' }),
    );
    ds = sut.app.get(DataSource);
    outbox = ds.getRepository(Notification);
    dispatcher = sut.app.get(NotificationDispatcher);
    // The tests run deliveries themselves; the timer would race their assertions.
    await dispatcher.stop();
    const departmentId = (await ds.getRepository(Department).findOneByOrFail({ code: 'xietu-guanli' })).id;
    crewBase = {
      dispatcher: await staffSession(sut.app, 'dispatcher.subscribe', 'dispatcher', 'xietu'),
      handler: await staffSession(sut.app, 'handler.subscribe', 'handler', 'xietu-guanli'),
      departmentId,
    };
  });

  afterAll(async () => {
    await sut?.close();
    await fake?.stop();
  });

  /** A resident signed in through the fake WeChat login. */
  const wechatResident = async (): Promise<Caller & { id: number; openid: string }> => {
    const openid = `o-subscriber-${++openidSeq}-${kind}`;
    const res = await call(sut.app, 'POST', '/api/v1/auth/wechat/login', null, { code: fake.loginCode({ openid }) });
    const body = res.body as { token: string; resident: { id: number } };
    return { id: body.resident.id, authorization: `Bearer ${body.token}`, openid };
  };
  const consent = (who: Caller, results: Record<string, string>) =>
    call(sut.app, 'POST', '/api/v1/me/subscribe-consents', who, { results });
  const sendsTo = (openid: string) => fake.callsTo(SEND).filter((c) => c.body?.touser === openid);
  const remaining = async (residentId: number, templateId: string) =>
    (await ds.getRepository(SubscribeConsent).findOneBy({ residentId, templateId }))?.remaining ?? 0;
  const attemptsOf = (notificationId: number) =>
    ds.getRepository(SubscribeAttempt).find({ where: { notificationId }, order: { id: 'ASC' } });
  /** An accepted concern: one pending `accepted` row (progress template) in the outbox. */
  const acceptedConcern = async (resident: Caller) => {
    const concern = await submitConcern(sut.app, resident);
    await walkTo(sut.app, concern.id, 'accepted', { resident, ...crewBase });
    return { concern, row: await outbox.findOneByOrFail({ concernId: concern.id, kind: 'accepted' }) };
  };

  it('counts each accept as one message, ignores other answers and unknown templates, and answers what is left', async () => {
    const resident = await wechatResident();
    const first = await consent(resident, { [REPLY]: 'accept', [PROGRESS]: 'reject', 'tpl-unknown': 'accept' });
    expect([first.status, first.body]).toEqual([200, { remaining: { [REPLY]: 1, [PROGRESS]: 0 } }]);
    const second = await consent(resident, { [REPLY]: 'accept', [PROGRESS]: 'accept' });
    expect(second.body).toEqual({ remaining: { [REPLY]: 2, [PROGRESS]: 1 } });

    for (const bad of [{ results: {} }, { results: { [REPLY]: 'yes' } }, {}]) {
      const res = await call(sut.app, 'POST', '/api/v1/me/subscribe-consents', resident, bad);
      expect([res.status, errorOf(res).code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await remaining(resident.id, REPLY)).toBe(2);
    expect((await call(sut.app, 'POST', '/api/v1/me/subscribe-consents', null, { results: { [REPLY]: 'accept' } })).status).toBe(401);
  });

  it('sends nothing to WeChat without a consent, and still delivers the in-app message', async () => {
    const resident = await wechatResident();
    const { row } = await acceptedConcern(resident);
    await dispatcher.deliverPending();
    expect(sendsTo(resident.openid)).toHaveLength(0);
    expect(await outbox.findOneByOrFail({ id: row.id })).toMatchObject({ status: 'delivered' });
    expect(await attemptsOf(row.id)).toEqual([]);
  });

  it('with two consents sends two messages, and the third stays in-app only', async () => {
    const resident = await wechatResident();
    await consent(resident, { [PROGRESS]: 'accept' });
    await consent(resident, { [PROGRESS]: 'accept' });
    const rows = [];
    for (let i = 0; i < 3; i++) rows.push((await acceptedConcern(resident)).row);
    await dispatcher.deliverPending();

    const sent = sendsTo(resident.openid);
    expect(sent).toHaveLength(2);
    expect(await remaining(resident.id, PROGRESS)).toBe(0);
    expect(sent[0]!.body).toMatchObject({
      touser: resident.openid,
      template_id: PROGRESS,
      page: `packages/concerns/pages/detail/index?id=${rows[0]!.concernId}`,
      miniprogram_state: 'trial',
      data: { phrase3: { value: '已受理' }, character_string1: { value: expect.stringMatching(/^XH\d{8}-\d{4,}$/) } },
    });
    for (const field of Object.values(sent[0]!.body!.data as Record<string, { value: string }>))
      expect(field.value.length).toBeLessThanOrEqual(32);
    expect((sent[0]!.body!.data as Record<string, { value: string }>).thing2!.value.length).toBeLessThanOrEqual(20);
    expect((await attemptsOf(rows[0]!.id)).map((a) => a.outcome)).toEqual(['sent']);
    expect(await attemptsOf(rows[2]!.id)).toEqual([]);
    for (const row of rows) expect((await outbox.findOneByOrFail({ id: row.id })).status).toBe('delivered');
  });

  it('keeps the last consent of a shared template for the reply-published message', async () => {
    const shared = await startTestApp(kind, fake.env({ WECHAT_TEMPLATE_REPLY: REPLY, WECHAT_TEMPLATE_PROGRESS: REPLY }));
    try {
      const sharedDs = shared.app.get(DataSource);
      const sharedDispatcher = shared.app.get(NotificationDispatcher);
      await sharedDispatcher.stop();
      const crew = {
        dispatcher: await staffSession(shared.app, 'dispatcher.shared', 'dispatcher', 'xietu'),
        handler: await staffSession(shared.app, 'handler.shared', 'handler', 'xietu-guanli'),
        departmentId: crewBase.departmentId,
      };
      const openid = `o-shared-${kind}`;
      const login = await call(shared.app, 'POST', '/api/v1/auth/wechat/login', null, { code: fake.loginCode({ openid }) });
      const resident = { authorization: `Bearer ${(login.body as { token: string }).token}` };
      await call(shared.app, 'POST', '/api/v1/me/subscribe-consents', resident, { results: { [REPLY]: 'accept' } });

      const concern = await submitConcern(shared.app, resident);
      await walkTo(shared.app, concern.id, 'accepted', { resident, ...crew });
      await sharedDispatcher.deliverPending();
      expect(sendsTo(openid)).toHaveLength(0); // "accepted" left the one consent alone

      const steps: [Caller, string, Record<string, unknown>][] = [
        [crew.dispatcher, 'dispatch', { departmentId: crew.departmentId }],
        [crew.handler, 'sign', {}],
        [crew.handler, 'reply', { text: '已联系物业清理楼道堆物。' }],
        [crew.dispatcher, 'approve-reply', {}],
      ];
      for (const [who, action, body] of steps) {
        expect((await call(shared.app, 'POST', `/api/v1/admin/concerns/${concern.id}/${action}`, who, body)).status).toBe(200);
      }
      await sharedDispatcher.deliverPending();
      const sent = sendsTo(openid);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.body).toMatchObject({ template_id: REPLY, data: { phrase3: { value: '已答复' } } });
      const kinds = await sharedDs.getRepository(Notification).find({ where: { concernId: concern.id }, order: { id: 'ASC' } });
      expect(kinds.map((n) => [n.kind, n.status])).toEqual([
        ['accepted', 'delivered'],
        ['reply_published', 'delivered'],
      ]);
    } finally {
      await shared.close();
    }
  });

  it('asks consent for the visit template at sign-up; a cancellation spends it, and every visit message lands in 我的消息', async () => {
    const visits = await startTestApp(kind, fake.env({ WECHAT_TEMPLATE_PROGRESS: PROGRESS, WECHAT_TEMPLATE_VISIT: VISIT }));
    try {
      const visitDispatcher = visits.app.get(NotificationDispatcher);
      await visitDispatcher.stop();
      const editor = await staffSession(visits.app, 'editor.subscribe', 'editor', 'xietu');
      const compoundId = (await visits.app.get(DataSource).getRepository(Compound).findOneByOrFail({ code: 'xietu-hengyi' })).id;
      const day = shanghaiDate(new Date(Date.now() + 5 * 86_400_000));
      const publishVisit = async (title: string): Promise<number> => {
        const res = await call(visits.app, 'POST', '/api/v1/admin/visits', editor, {
          title,
          compoundId,
          place: '恒益居民区活动室',
          startsAt: `${day}T14:00:00+08:00`,
          endsAt: `${day}T16:00:00+08:00`,
          participants: [{ name: '王主任', role: 'district_leader', title: '区领导' }],
          topics: ['加装电梯'],
          capacity: 30,
        });
        expect(res.status).toBe(201);
        return (res.body as { id: number }).id;
      };
      const openid = `o-visitor-${kind}`;
      const login = await call(visits.app, 'POST', '/api/v1/auth/wechat/login', null, { code: fake.loginCode({ openid }) });
      const resident = { authorization: `Bearer ${(login.body as { token: string }).token}` };
      const [first, second] = [await publishVisit('满意在徐汇 · 恒益面对面'), await publishVisit('满意在徐汇 · 恒益法律咨询')];

      const signup = await call(visits.app, 'POST', `/api/v1/visits/${first}/signups`, resident);
      expect([signup.status, (signup.body as { subscribeTemplates: string[] }).subscribeTemplates]).toEqual([201, [VISIT]]);
      await call(visits.app, 'POST', '/api/v1/me/subscribe-consents', resident, { results: { [VISIT]: 'accept' } });
      await call(visits.app, 'POST', `/api/v1/visits/${second}/signups`, resident);

      for (const id of [first, second])
        expect((await call(visits.app, 'POST', `/api/v1/admin/visits/${id}/cancel`, editor, { reason: '场地临时检修' })).status).toBe(200);
      await visitDispatcher.deliverPending();

      // One consent, one WeChat message (opening the visit's own page); the second stays in-app only.
      const sent = sendsTo(openid);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.body).toMatchObject({
        template_id: VISIT,
        page: `packages/visits/pages/detail/index?id=${first}`,
        data: { thing1: { value: '满意在徐汇 · 恒益面对面' }, thing3: { value: '恒益居民区活动室' } },
      });
      const inbox = await call(visits.app, 'GET', '/api/v1/notifications', resident);
      const items = (inbox.body as { items: { kind: string; read: boolean }[] }).items;
      expect(items.filter((n) => n.kind === 'visit_cancelled').map((n) => n.read)).toEqual([false, false]);
    } finally {
      await visits.close();
    }
  });

  it('gives up at once on 43101 (no consent on WeChat’s side), zeroes the count, and never tries that row again', async () => {
    const resident = await wechatResident();
    await consent(resident, { [PROGRESS]: 'accept' });
    await consent(resident, { [PROGRESS]: 'accept' });
    fake.revokeConsents(resident.openid);
    const { row } = await acceptedConcern(resident);
    await dispatcher.deliverPending();
    expect(sendsTo(resident.openid)).toHaveLength(1);
    expect(await remaining(resident.id, PROGRESS)).toBe(0);
    expect(await attemptsOf(row.id)).toMatchObject([{ outcome: 'no_consent', errcode: 43101 }]);
    expect(await outbox.findOneByOrFail({ id: row.id })).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('retries a busy WeChat through the outbox with the consent given back, then sends once', async () => {
    const resident = await wechatResident();
    await consent(resident, { [PROGRESS]: 'accept' });
    const { row } = await acceptedConcern(resident);
    // Three tries inside the client, all busy: the row stays pending for the outbox's next run.
    fake.failNext(SEND, { errcode: -1 }, { errcode: -1 }, { httpStatus: 503 });
    expect((await dispatcher.deliverPending()).retrying).toBeGreaterThanOrEqual(1);
    expect(await outbox.findOneByOrFail({ id: row.id })).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await remaining(resident.id, PROGRESS)).toBe(1);

    const { nextAttemptAt } = await outbox.findOneByOrFail({ id: row.id });
    await dispatcher.deliverPending(100, nextAttemptAt!);
    expect(await outbox.findOneByOrFail({ id: row.id })).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((await attemptsOf(row.id)).map((a) => a.outcome)).toEqual(['failed', 'sent']);
    expect(await remaining(resident.id, PROGRESS)).toBe(0);
    expect(sendsTo(resident.openid)).toHaveLength(4);
  });

  it('waits out an outage of hours with growing delays, then sends the message exactly once', async () => {
    const resident = await wechatResident();
    await consent(resident, { [PROGRESS]: 'accept' });
    const { row } = await acceptedConcern(resident);
    const outageStart = new Date();
    const outageEnd = new Date(outageStart.getTime() + 3 * 3_600_000);

    // WeChat unreachable for three hours: every run that comes due fails all three of the client's tries.
    let now = outageStart;
    let failures = 0;
    const waits: number[] = [];
    while (now < outageEnd) {
      fake.failNext(SEND, 'drop', 'drop', 'drop');
      await dispatcher.deliverPending(100, now);
      failures++;
      const pending = await outbox.findOneByOrFail({ id: row.id });
      expect(pending).toMatchObject({ status: 'pending', attempts: failures });
      waits.push(pending.nextAttemptAt!.getTime() - now.getTime());
      // Not tried again before its delay is over.
      await dispatcher.deliverPending(100, new Date(pending.nextAttemptAt!.getTime() - 1));
      expect(sendsTo(resident.openid)).toHaveLength(3 * failures);
      now = pending.nextAttemptAt!;
    }
    expect(failures).toBeLessThan(MAX_DELIVERY_ATTEMPTS);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);
    expect(await remaining(resident.id, PROGRESS)).toBe(1); // each failed try gave the consent back

    // WeChat is back: the next due run sends it, and later runs never again.
    await dispatcher.deliverPending(100, now);
    await dispatcher.deliverPending(100, new Date(now.getTime() + 24 * 3_600_000));
    const sends = sendsTo(resident.openid);
    expect(sends).toHaveLength(3 * failures + 1);
    expect(sends.at(-1)!.body).toMatchObject({ template_id: PROGRESS, touser: resident.openid });
    expect(await outbox.findOneByOrFail({ id: row.id })).toMatchObject({ status: 'delivered', attempts: failures + 1 });
    expect((await attemptsOf(row.id)).map((a) => a.outcome)).toEqual([...Array<string>(failures).fill('failed'), 'sent']);
    expect(await remaining(resident.id, PROGRESS)).toBe(0);
  });

  it('delivers the in-app message on the last attempt even when WeChat is still down', async () => {
    const resident = await wechatResident();
    await consent(resident, { [PROGRESS]: 'accept' });
    const { row } = await acceptedConcern(resident);
    await outbox.update({ id: row.id }, { attempts: MAX_DELIVERY_ATTEMPTS - 1 });
    fake.failNext(SEND, 'drop', 'drop', 'drop');
    await dispatcher.deliverPending();
    expect(await outbox.findOneByOrFail({ id: row.id })).toMatchObject({ status: 'delivered', attempts: MAX_DELIVERY_ATTEMPTS });
    expect((await attemptsOf(row.id)).map((a) => a.outcome)).toEqual(['failed']);
    expect(await remaining(resident.id, PROGRESS)).toBe(1);
  });

  it('delays but neither loses nor doubles a message when the dispatcher dies after its claim, before sending', async () => {
    const resident = await wechatResident();
    await consent(resident, { [PROGRESS]: 'accept' });
    const { row } = await acceptedConcern(resident);
    // What the dispatcher's claim writes, and then the process is gone: no send, no outcome.
    const claimedAt = new Date();
    await outbox.update({ id: row.id }, { status: 'sending' as Notification['status'], attempts: 1, deliveredAt: claimedAt });

    await dispatcher.deliverPending(100, new Date(claimedAt.getTime() + 1000));
    expect(sendsTo(resident.openid)).toHaveLength(0); // still within the dead claim's lease: delayed

    const later = new Date(claimedAt.getTime() + SENDING_LEASE_MS + 1000);
    await dispatcher.deliverPending(100, later);
    await dispatcher.deliverPending(100, later);
    expect(sendsTo(resident.openid)).toHaveLength(1);
    expect(await outbox.findOneByOrFail({ id: row.id })).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('does not send again when the process died after WeChat took the message but before the row was settled', async () => {
    const resident = await wechatResident();
    await consent(resident, { [PROGRESS]: 'accept' });
    await consent(resident, { [PROGRESS]: 'accept' });
    const { row } = await acceptedConcern(resident);
    const sender = sut.app.get(NotificationSender);
    expect(sender).toBeInstanceOf(WechatSubscribeSender);
    // The claim, then the send, then the crash: the row is left `sending`.
    const claimedAt = new Date();
    await outbox.update({ id: row.id }, { status: 'sending' as Notification['status'], attempts: 1, deliveredAt: claimedAt });
    const claimed = await outbox.findOneOrFail({ where: { id: row.id }, relations: { resident: true } });
    await sender.send(claimed as Parameters<NotificationSender['send']>[0]);
    expect(sendsTo(resident.openid)).toHaveLength(1);

    await dispatcher.deliverPending(100, new Date(claimedAt.getTime() + SENDING_LEASE_MS + 1000));
    expect(sendsTo(resident.openid)).toHaveLength(1);
    expect(await outbox.findOneByOrFail({ id: row.id })).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(await remaining(resident.id, PROGRESS)).toBe(1); // one consent spent, one left
  });
});
