import { resolveDueAt, triageDueAt } from '@manyi/shared';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.entity.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { Street } from '../directory/street.entity.js';
import { Visit } from '../visits/visit.entity.js';
import { FakeWechatServer } from '../../testing/fake-wechat-server.js';
import { phoneJpeg } from '../../testing/images.js';
import { photoUpload } from '../../testing/multipart.js';
import {
  CJK,
  call,
  concernAt,
  concernRow,
  directoryIds,
  errorOf,
  eventsOf,
  snapshot,
  staffSession,
  submitConcern,
  walkTo,
  type Caller,
  type DirectoryIds,
  type Json,
  type WalkCrew,
} from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { ConcernIntake } from './concern-intake.entity.js';

/*
 * 代录 and 更正分类 (issue 18): staff file a concern for a resident by phone, at the counter, at a visit or
 * from a 12345 transfer; the resident later finds it in 我的诉求 by verifying that phone number; and
 * triage corrects a wrong category or compound before dispatch — handing it to another street when the
 * compound is that street's.
 */
describe.each(TEST_DATABASES)('staff intake, the claim by phone and reclassification on %s', (kind) => {
  let sut: TestApp;
  let ids: DirectoryIds;
  let dispatcher: Caller & { id: number };
  let fenglinDispatcher: Caller;
  let supervisor: Caller;
  let editor: Caller;
  let fenglinEditor: Caller;
  let handler: Caller;
  let crew: WalkCrew;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    ids = await directoryIds(sut.app);
    dispatcher = await staffSession(sut.app, 'dispatcher.intake', 'dispatcher', 'xietu');
    fenglinDispatcher = await staffSession(sut.app, 'dispatcher.intake-fl', 'dispatcher', 'fenglin');
    supervisor = await staffSession(sut.app, 'supervisor.intake', 'supervisor');
    editor = await staffSession(sut.app, 'editor.intake', 'editor', 'xietu');
    fenglinEditor = await staffSession(sut.app, 'editor.intake-fl', 'editor', 'fenglin');
    handler = await staffSession(sut.app, 'handler.intake', 'handler', 'xietu-guanli');
    crew = {
      resident: await createResident(sut.app, '居民'),
      dispatcher,
      handler,
      departmentId: ids.department('xietu-guanli'),
    };
  });
  afterAll(async () => {
    await sut?.close();
  });

  let phoneCounter = 0;
  /** A fresh mobile number per test, so claims in one test never see another's concerns. */
  const freshPhone = () => `139${String(10_000_000 + ++phoneCounter * 7919).slice(-8)}`;
  const body = (overrides: Json = {}): Json => ({
    channel: 'phone',
    contactName: '张阿姨',
    phone: '13812345678',
    categoryId: ids.category('wuye-sheshi'),
    compoundId: ids.compound('xietu-hengyi'),
    title: '楼道灯坏了一周',
    description: '张阿姨来电：三号楼二单元楼道灯坏了一周，晚上上下楼看不见。',
    ...overrides,
  });
  const intake = (who: Caller, payload: Json) => call(sut.app, 'POST', '/api/v1/admin/concerns', who, payload);
  const detail = async (who: Caller, id: number) => (await call(sut.app, 'GET', `/api/v1/admin/concerns/${id}`, who)).body;
  const intakeRows = () => sut.app.get(DataSource).getRepository(ConcernIntake).count();
  const auditOf = (action: string) =>
    sut.app
      .get(DataSource)
      .getRepository(AuditLog)
      .find({ where: { action }, order: { id: 'ASC' } });

  /** A visit of `street` organised by `organiser`, started an hour ago (staff record problems while it is under way or after). */
  const visitUnderWay = async (organiser: Caller, compound = 'xietu-hengyi') => {
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const res = await call(sut.app, 'POST', '/api/v1/admin/visits', organiser, {
      title: '满意在徐汇 · 座谈会',
      compoundId: ids.compound(compound),
      place: '居委会活动室',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      participants: [{ name: '王主任', role: 'district_leader', title: '区领导' }],
      topics: ['老旧小区改造'],
      capacity: 30,
    });
    if (res.status !== 201) throw new Error(`visit → ${res.status} ${res.text}`);
    const id = res.body.id as number;
    await sut.app
      .get(DataSource)
      .getRepository(Visit)
      .update(id, { startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000) });
    return id;
  };

  describe('POST /admin/concerns (代录)', () => {
    it('files a phone call for a resident in the dispatcher’s street: name and phone encrypted and masked, source 电话, no owner yet', async () => {
      const phone = freshPhone();
      const res = await intake(
        dispatcher,
        body({ phone: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, contactName: '张阿姨' }),
      );

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'submitted', source: 'phone', streetId: expect.any(Number), dueKind: 'triage' });
      const id = res.body.id as number;
      const row = await concernRow(sut.app, id);
      expect(row).toMatchObject({ residentId: null, source: 'phone', phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}` });
      expect(row.phoneEncrypted).not.toContain(phone);
      const stored = await sut.app.get(DataSource).getRepository(ConcernIntake).findOneByOrFail({ concernId: id });
      expect(stored).toMatchObject({
        staffId: dispatcher.id,
        contactNameMasked: '张**',
        visitId: null,
        orderNumber: null,
        claimedAt: null,
      });
      expect(stored.contactNameEncrypted).not.toContain('张阿姨');
      expect(stored.phoneHash).toMatch(/^[0-9a-f]{64}$/);

      const seen = await detail(dispatcher, id);
      expect(seen).toMatchObject({
        source: 'phone',
        phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
        intake: { channel: 'phone', staffName: 'dispatcher.intake', contactName: '张**', claimed: false, orderNumber: null },
      });
      expect((seen.timeline as Json[])[0]).toMatchObject({
        action: 'submit',
        actorRole: 'dispatcher',
        publicText: '工作人员代为登记（电话）',
      });
      // The full number and name: the audited reveal.
      const revealed = await call(sut.app, 'POST', `/api/v1/admin/concerns/${id}/reveal-phone`, dispatcher, {});
      expect(revealed.body).toEqual({ phone, contactName: '张阿姨' });
      expect((await auditOf('concern.intake')).at(-1)).toMatchObject({ actorId: dispatcher.id, targetId: id });
    });

    it('accepts the dispatcher’s own intake at once when asked, through the accept step with its 派单 deadline', async () => {
      const res = await intake(dispatcher, body({ phone: freshPhone(), acceptNow: true }));

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'accepted', dueKind: 'dispatch' });
      const events = await eventsOf(sut.app, res.body.id as number);
      expect(events.map((e) => [e.action, e.actorRole, e.toStatus])).toEqual([
        ['submit', 'dispatcher', 'submitted'],
        ['accept', 'dispatcher', 'accepted'],
      ]);
      expect((await auditOf('concern.accept')).at(-1)).toMatchObject({ targetId: res.body.id });
    });

    it('lets a supervisor file a walk-in for any street', async () => {
      const res = await intake(
        supervisor,
        body({ channel: 'walk_in', compoundId: ids.compound('fenglin-shuangfeng'), phone: freshPhone() }),
      );

      expect(res.status).toBe(201);
      expect(res.body.source).toBe('walk_in');
      expect(await detail(fenglinDispatcher, res.body.id as number)).toMatchObject({ source: 'walk_in', intake: { channel: 'walk_in' } });
    });

    it('refuses a dispatcher filing for another street’s compound, and writes nothing', async () => {
      const before = { ...(await snapshot(sut.app)), intakes: await intakeRows() };

      const res = await intake(dispatcher, body({ compoundId: ids.compound('fenglin-shuangfeng') }));

      expect(res.status).toBe(403);
      expect(errorOf(res)).toMatchObject({ code: 'INTAKE_STREET_NOT_ALLOWED', message: '只能为本街道的居民区代录诉求' });
      expect({ ...(await snapshot(sut.app)), intakes: await intakeRows() }).toEqual(before);
    });

    it('keeps a 12345 transfer’s order number, one concern per order however it is typed', async () => {
      const first = await intake(dispatcher, body({ channel: 'hotline', orderNumber: 'sh20261123-0042', phone: freshPhone() }));
      expect(first.status).toBe(201);
      expect(first.body.source).toBe('hotline');
      expect(await detail(dispatcher, first.body.id as number)).toMatchObject({
        intake: { channel: 'hotline', orderNumber: 'SH202611230042' },
      });
      const before = { ...(await snapshot(sut.app)), intakes: await intakeRows() };

      const again = await intake(supervisor, body({ channel: 'hotline', orderNumber: 'SH 2026 1123 0042', phone: freshPhone() }));

      expect(again.status).toBe(409);
      expect(errorOf(again)).toMatchObject({ code: 'HOTLINE_ORDER_TAKEN', message: '该 12345 工单号已经登记过诉求' });
      expect({ ...(await snapshot(sut.app)), intakes: await intakeRows() }).toEqual(before);
    });

    it('files a caller who has only a landline: the number kept encrypted and masked, no claim possible by it', async () => {
      const res = await intake(dispatcher, body({ phone: '(021) 6487 1234', contactName: '王老伯' }));

      expect(res.status).toBe(201);
      const id = res.body.id as number;
      const row = await concernRow(sut.app, id);
      expect(row).toMatchObject({ residentId: null, phoneMasked: '021****1234' });
      expect(row.phoneEncrypted).not.toContain('64871234');
      const stored = await sut.app.get(DataSource).getRepository(ConcernIntake).findOneByOrFail({ concernId: id });
      expect(stored.phoneHash).toBeNull();
      const revealed = await call(sut.app, 'POST', `/api/v1/admin/concerns/${id}/reveal-phone`, dispatcher, {});
      expect(revealed.body).toMatchObject({ phone: '021-64871234' });
    });

    it.each([
      ['a phone call without the number', { phone: undefined }, 400, 'VALIDATION_FAILED', '请填写居民的联系电话（手机或座机）'],
      ['a number that is neither a mobile nor a landline', { phone: '12345' }, 400, 'VALIDATION_FAILED', '联系电话格式不正确'],
      ['a 12345 transfer without its order', { channel: 'hotline' }, 400, 'VALIDATION_FAILED', '请填写 12345 工单号'],
      ['a malformed order number', { channel: 'hotline', orderNumber: '12345' }, 400, 'VALIDATION_FAILED', '12345 工单号格式不正确'],
      ['a visit problem without its visit', { channel: 'visit' }, 400, 'VALIDATION_FAILED', '请选择提出问题的走访活动'],
      ['an unknown channel', { channel: 'fax' }, 400, 'VALIDATION_FAILED', '请选择来源渠道'],
      ['a title of one character', { title: '灯' }, 400, 'VALIDATION_FAILED', '标题至少 2 个字'],
      ['a category group, not a leaf', { categoryId: ids?.category('wuye') }, 400, 'CATEGORY_NOT_LEAF', '请选择具体的诉求类别'],
      ['an unknown compound', { compoundId: 987654 }, 404, 'COMPOUND_NOT_FOUND', '小区不存在'],
    ])('answers %s with a Chinese message and writes nothing', async (_name, fields, status, code, message) => {
      // The table is built before beforeAll: ids needing the directory are looked up now.
      const resolved = { ...fields } as Json;
      if (_name === 'a category group, not a leaf') resolved.categoryId = ids.category('wuye');
      const before = { ...(await snapshot(sut.app)), intakes: await intakeRows() };

      const res = await intake(dispatcher, body(resolved));

      expect(res.status).toBe(status);
      expect(errorOf(res).code).toBe(code);
      expect(JSON.stringify(res.body)).toContain(message);
      expect(JSON.stringify(res.body)).toMatch(CJK);
      expect({ ...(await snapshot(sut.app)), intakes: await intakeRows() }).toEqual(before);
    });

    it('refuses handlers, and visit organisers outside visits or asking to accept', async () => {
      expect((await intake(handler, body())).status).toBe(403);
      const byEditor = await intake(editor, body());
      expect(byEditor.status).toBe(403);
      expect(errorOf(byEditor)).toMatchObject({ code: 'INTAKE_CHANNEL_NOT_ALLOWED', message: '您只能登记走访或座谈会上提出的问题' });
      const visitId = await visitUnderWay(editor);
      const accepting = await intake(editor, body({ channel: 'visit', visitId, acceptNow: true }));
      expect(accepting.status).toBe(403);
      expect(errorOf(accepting)).toMatchObject({ code: 'CONCERN_ROLE_NOT_ALLOWED', message: '宣传编辑不能执行「受理」' });
    });
  });

  describe('a problem raised at a visit', () => {
    it('joins the visit’s 问题清单, the resident’s name hidden, and residents follow its status there', async () => {
      const visitId = await visitUnderWay(editor);
      const res = await intake(
        editor,
        body({
          channel: 'visit',
          visitId,
          phone: undefined,
          contactName: '李建国',
          title: '李建国反映车棚漏雨',
          description: '座谈会上李建国反映：小区车棚顶棚漏雨，电瓶车受潮。',
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.source).toBe('visit');
      const concernId = res.body.id as number;

      const page = await call(sut.app, 'GET', `/api/v1/visits/${visitId}`, null);
      expect(page.body.issues).toEqual([
        { text: '***反映车棚漏雨', concern: { id: concernId, code: expect.any(String), status: 'submitted' } },
      ]);
      const second = await intake(dispatcher, body({ channel: 'visit', visitId, phone: freshPhone(), title: '垃圾房异味' }));
      expect(second.status).toBe(201);
      const organisers = await call(sut.app, 'GET', `/api/v1/admin/visits/${visitId}`, editor);
      expect((organisers.body.issues as Json[]).map((i) => i.text)).toEqual(['***反映车棚漏雨', '垃圾房异味']);
      expect(await detail(dispatcher, concernId)).toMatchObject({
        intake: { channel: 'visit', visitId, visitTitle: '满意在徐汇 · 座谈会' },
      });
    });

    it('is refused for another street’s visit, a visit not yet begun, and a compound outside the visit’s street', async () => {
      const visitId = await visitUnderWay(editor);
      const before = { ...(await snapshot(sut.app)), intakes: await intakeRows() };

      const otherStreet = await intake(fenglinEditor, body({ channel: 'visit', visitId, compoundId: ids.compound('fenglin-shuangfeng') }));
      expect(otherStreet.status).toBe(403);
      const mismatch = await intake(supervisor, body({ channel: 'visit', visitId, compoundId: ids.compound('fenglin-shuangfeng') }));
      expect(errorOf(mismatch)).toMatchObject({ code: 'INTAKE_VISIT_COMPOUND_MISMATCH', message: '所选小区不在该走访活动所在的街道' });
      await sut.app
        .get(DataSource)
        .getRepository(Visit)
        .update(visitId, { startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 90_000_000) });
      const early = await intake(editor, body({ channel: 'visit', visitId }));
      expect(early.status).toBe(409);
      expect(errorOf(early).code).toBe('INTAKE_VISIT_NOT_OPEN');
      expect({ ...(await snapshot(sut.app)), intakes: await intakeRows() }).toEqual(before);
    });
  });

  describe('the source', () => {
    it('is a filter of the inbox', async () => {
      const hotline = await intake(
        dispatcher,
        body({ channel: 'hotline', orderNumber: `SH20261124${String(Date.now()).slice(-6)}`, phone: freshPhone() }),
      );
      await submitConcern(sut.app, crew.resident);

      const res = await call(sut.app, 'GET', '/api/v1/admin/concerns?source=hotline&limit=100', supervisor);

      expect(res.status).toBe(200);
      const items = res.body.items as Array<{ id: number; source: string }>;
      expect(items.map((i) => i.id)).toContain(hotline.body.id);
      expect(new Set(items.map((i) => i.source))).toEqual(new Set(['hotline']));
      const bad = await call(sut.app, 'GET', '/api/v1/admin/concerns?source=fax', supervisor);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('来源无效');
    });
  });

  describe('the resident finds it by verifying the phone number', () => {
    const verify = (who: Caller, phone: string) => call(sut.app, 'POST', '/api/v1/auth/preview/phone', who, { phone });
    const mine = async (who: Caller) =>
      ((await call(sut.app, 'GET', '/api/v1/concerns/mine?limit=50', who)).body.items as Array<{ id: number }>).map((c) => c.id);

    it('takes the concerns filed for that number into 我的诉求, where the resident follows and rates them; another number sees nothing', async () => {
      const phone = freshPhone();
      const filed = await intake(dispatcher, body({ phone }));
      const walkIn = await intake(supervisor, body({ channel: 'walk_in', phone: `+86 ${phone}` }));
      const otherNumber = await intake(dispatcher, body({ phone: freshPhone() }));
      const resident = await createResident(sut.app, '张阿姨');
      const stranger = await createResident(sut.app, '路人');
      // A concern the stranger reported themself with that number is theirs and is never moved.
      const own = await submitConcern(sut.app, stranger, { phone });

      const nothing = await verify(stranger, freshPhone());
      expect(nothing.body).toMatchObject({ claimed: 0, concernIds: [] });
      expect(await mine(stranger)).toEqual([own.id]);

      const claimed = await verify(resident, `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
      expect(claimed.status).toBe(200);
      expect(claimed.body).toEqual({
        phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
        claimed: 2,
        concernIds: [filed.body.id, walkIn.body.id],
      });
      expect(await mine(resident)).toEqual([walkIn.body.id, filed.body.id]);
      expect(await mine(resident)).not.toContain(otherNumber.body.id);
      expect(await mine(stranger)).toEqual([own.id]);
      const seen = await call(sut.app, 'GET', `/api/v1/concerns/${filed.body.id as number}`, resident);
      expect(seen.body).toMatchObject({ phone, source: 'phone' });
      expect((seen.body.timeline as Json[])[0]).toMatchObject({ action: 'submit', publicText: '工作人员代为登记（电话）' });
      expect(await detail(dispatcher, filed.body.id as number)).toMatchObject({ intake: { claimed: true } });
      expect((await auditOf('concern.claim')).at(-1)).toMatchObject({
        actorKind: 'resident',
        actorId: resident.id,
        detail: { via: 'preview', phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, concernIds: [filed.body.id, walkIn.body.id] },
      });

      // Claimed once: the same number verified by someone else later takes nothing.
      expect((await verify(stranger, phone)).body).toMatchObject({ claimed: 0 });

      // The department answers; the resident rates it like their own.
      await walkTo(sut.app, filed.body.id as number, 'awaiting_rating', { ...crew, resident }, {});
      const rated = await call(sut.app, 'POST', `/api/v1/concerns/${filed.body.id as number}/rating`, resident, {
        solved: true,
        satisfaction: 'satisfied',
      });
      expect(rated.status).toBe(200);
      expect(rated.body.status).toBe('closed');
      expect((await call(sut.app, 'GET', `/api/v1/concerns/${walkIn.body.id as number}`, stranger)).status).toBe(404);
    });

    it('shows the resident the photos staff took, once the concern is theirs', async () => {
      const form = photoUpload(await phoneJpeg(400, 300));
      const upload = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { authorization: dispatcher.authorization, ...form.headers },
        payload: form.payload,
      });
      expect(upload.statusCode).toBe(201);
      const photoId = (upload.json() as { id: number }).id;
      const phone = freshPhone();
      const filed = await intake(dispatcher, body({ channel: 'walk_in', phone, photoIds: [photoId] }));
      expect(filed.status).toBe(201);
      const resident = await createResident(sut.app, '来访居民');
      expect((await call(sut.app, 'GET', `/api/v1/uploads/${photoId}`, resident)).status).toBe(404);

      await verify(resident, phone);

      expect((await call(sut.app, 'GET', `/api/v1/concerns/${filed.body.id as number}`, resident)).body.photoIds).toEqual([photoId]);
      expect((await call(sut.app, 'GET', `/api/v1/uploads/${photoId}/thumbnail`, resident)).status).toBe(200);
    });

    it('forgets the name staff took down and the phone’s lookup hash when the resident deletes the account', async () => {
      const phone = freshPhone();
      const filed = await intake(dispatcher, body({ phone, contactName: '赵奶奶' }));
      const resident = await createResident(sut.app, '赵奶奶');
      expect((await verify(resident, phone)).body).toMatchObject({ claimed: 1 });

      expect((await call(sut.app, 'DELETE', '/api/v1/me', resident)).status).toBe(204);

      const stored = await sut.app
        .get(DataSource)
        .getRepository(ConcernIntake)
        .findOneByOrFail({ concernId: filed.body.id as number });
      expect(stored).toMatchObject({ contactNameEncrypted: null, contactNameMasked: null, phoneHash: null });
      expect(await concernRow(sut.app, filed.body.id as number)).toMatchObject({ phoneEncrypted: null, phoneMasked: null });
    });

    it('refuses a number that is not a mobile one and asks staff for nothing', async () => {
      const resident = await createResident(sut.app, '居民');
      const res = await verify(resident, '12345');
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('手机号码格式不正确');
      expect((await call(sut.app, 'POST', '/api/v1/auth/preview/phone', dispatcher, { phone: freshPhone() })).status).toBe(403);
    });
  });

  describe('POST /admin/concerns/:id/reclassify (更正分类)', () => {
    const reclassify = (who: Caller, id: number, payload: Json) =>
      call(sut.app, 'POST', `/api/v1/admin/concerns/${id}/reclassify`, who, payload);

    it('moves a concern to another street’s inbox, its timeline showing old → new to staff and the resident', async () => {
      const concern = await submitConcern(sut.app, crew.resident, { compound: 'xietu-hengyi', category: 'shirong-laji' });
      const before = await concernRow(sut.app, concern.id);

      const res = await reclassify(dispatcher, concern.id, {
        compoundId: ids.compound('fenglin-shuangfeng'),
        categoryId: ids.category('wuye-tingche'),
        reason: '居民所在小区选错了，实为枫林双峰',
      });

      expect(res.status).toBe(200);
      const fenglin = await sut.app.get(DataSource).getRepository(Street).findOneByOrFail({ code: 'fenglin' });
      expect(res.body).toMatchObject({ handedOver: true, concern: { id: concern.id, streetId: fenglin.id, status: 'submitted' } });
      // Out of the xietu inbox, into fenglin's.
      expect((await call(sut.app, 'GET', `/api/v1/admin/concerns/${concern.id}`, dispatcher)).status).toBe(404);
      const fenglinInbox = await call(sut.app, 'GET', '/api/v1/admin/concerns?status=submitted&limit=100', fenglinDispatcher);
      expect((fenglinInbox.body.items as Json[]).map((c) => c.id)).toContain(concern.id);

      const staffView = await detail(fenglinDispatcher, concern.id);
      const event = (staffView.timeline as Json[]).at(-1)!;
      expect(event).toMatchObject({
        action: 'reclassify',
        actorName: 'dispatcher.intake',
        internalText: '居民所在小区选错了，实为枫林双峰',
      });
      const changes = (event.data as { changes: Json[] }).changes;
      expect(changes).toEqual(
        expect.arrayContaining([
          { field: 'category', from: '市容环境 / 垃圾分类与清运', to: expect.stringContaining('小区停车') },
          { field: 'compound', from: '恒益', to: '双峰' },
          { field: 'street', from: '斜土路街道', to: '枫林路街道' },
        ]),
      );
      // The receiving street's 受理 clock starts on the hand-over (the same deadline, outside working hours).
      const after = await concernRow(sut.app, concern.id);
      expect(after.dueKind).toBe('triage');
      expect(after.dueFrom!.getTime()).toBeGreaterThan(before.dueFrom!.getTime());
      expect(after.dueAt!.getTime()).toBe(triageDueAt(after.dueFrom!, sut.app.get(DeadlineRulesService).rules()).getTime());

      const residentView = await call(sut.app, 'GET', `/api/v1/concerns/${concern.id}`, crew.resident);
      const residentEvent = (residentView.body.timeline as Json[]).at(-1)!;
      expect(residentEvent.action).toBe('reclassify');
      expect(residentEvent.publicText).toContain('小区由「恒益」改为「双峰」');
      expect(residentEvent).not.toHaveProperty('internalText');
      expect(residentEvent).not.toHaveProperty('data');
      expect((await auditOf('concern.reclassify')).at(-1)).toMatchObject({
        actorId: dispatcher.id,
        targetId: concern.id,
        detail: {
          from: 'submitted',
          to: 'submitted',
          handedOver: true,
          changes: expect.arrayContaining([{ field: 'compound', from: '恒益', to: '双峰' }]),
        },
      });
    });

    it('recounts the 办结 deadline a new request type implies through the shared arithmetic, and suggests routing again', async () => {
      const concern = await concernAt(sut.app, 'returned', crew, { category: 'shirong-laji' });
      const row = await concernRow(sut.app, concern.id);

      const res = await reclassify(supervisor, concern.id, { requestType: 'consultation', reason: '居民只是咨询清运时间' });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ handedOver: false, suggestedDepartmentId: expect.any(Number) });
      const after = await concernRow(sut.app, concern.id);
      expect(after.requestType).toBe('consultation');
      expect(after.resolveDueAt!.getTime()).toBe(
        resolveDueAt(row.resolveFrom!, 'consultation', sut.app.get(DeadlineRulesService).rules()).getTime(),
      );
      expect(after.resolveDueAt!.getTime()).not.toBe(row.resolveDueAt!.getTime());
      const event = (await eventsOf(sut.app, concern.id)).at(-1)!;
      expect((event.data as { changes: Json[] }).changes).toEqual(
        expect.arrayContaining([
          { field: 'requestType', from: '投诉', to: '咨询' },
          { field: 'resolveDueAt', from: row.resolveDueAt!.toISOString(), to: after.resolveDueAt!.toISOString() },
        ]),
      );
      // Nothing the resident chose changed: their timeline does not show it.
      const residentView = await call(sut.app, 'GET', `/api/v1/concerns/${concern.id}`, crew.resident);
      expect((residentView.body.timeline as Json[]).map((e) => e.action)).not.toContain('reclassify');
    });

    it('is refused once a department holds the concern, saying to return or re-dispatch it, and changes nothing', async () => {
      const concern = await concernAt(sut.app, 'dispatched', crew);
      const before = await snapshot(sut.app);

      const res = await reclassify(dispatcher, concern.id, { categoryId: ids.category('wuye-tingche'), reason: '类别选错了' });

      expect(res.status).toBe(409);
      expect(errorOf(res).code).toBe('CONCERN_ACTION_NOT_ALLOWED');
      expect(errorOf(res).message).toMatch(/退单.*改派/);
      expect(await snapshot(sut.app)).toEqual(before);
    });

    it('refuses another street’s dispatcher, handlers, a change that changes nothing and a bad body, changing nothing', async () => {
      const concern = await submitConcern(sut.app, crew.resident, { category: 'shirong-laji' });
      const before = await snapshot(sut.app);

      expect((await reclassify(fenglinDispatcher, concern.id, { requestType: 'help', reason: '改为求助' })).status).toBe(404);
      expect((await reclassify(handler, concern.id, { requestType: 'help', reason: '改为求助' })).status).toBe(403);
      const same = await reclassify(dispatcher, concern.id, { categoryId: ids.category('shirong-laji'), reason: '确认类别' });
      expect(errorOf(same)).toMatchObject({ code: 'RECLASSIFY_UNCHANGED', message: '所选内容与当前分类相同，没有需要更正的内容' });
      const empty = await reclassify(dispatcher, concern.id, { reason: '没有改动' });
      expect(empty.status).toBe(400);
      expect(JSON.stringify(empty.body)).toContain('请至少更正类别、小区或诉求性质中的一项');
      const disabledOrUnknown = await reclassify(dispatcher, concern.id, { compoundId: 987654, reason: '换小区' });
      expect(errorOf(disabledOrUnknown).code).toBe('COMPOUND_NOT_FOUND');
      expect(await snapshot(sut.app)).toEqual(before);
    });
  });
});

describe.each(TEST_DATABASES)('the claim with WeChat’s phone-number button on %s', (kind) => {
  let fake: FakeWechatServer;
  let sut: TestApp;

  beforeAll(async () => {
    fake = await FakeWechatServer.start();
    sut = await startTestApp(kind, fake.env());
  });
  afterAll(async () => {
    await sut?.close();
    await fake?.stop();
  });

  const signIn = async (openid: string): Promise<Caller> => {
    const res = await call(sut.app, 'POST', '/api/v1/auth/wechat/login', null, { code: fake.loginCode({ openid }) });
    return { authorization: `Bearer ${res.body.token as string}` };
  };

  it('finds the concerns filed for the number WeChat verified, and nothing for another; preview verification is off', async () => {
    const ids = await directoryIds(sut.app);
    const dispatcher = await staffSession(sut.app, 'dispatcher.wx-intake', 'dispatcher', 'xietu');
    const filed = await call(sut.app, 'POST', '/api/v1/admin/concerns', dispatcher, {
      channel: 'phone',
      contactName: '王伯伯',
      phone: '13987654321',
      categoryId: ids.category('wuye-sheshi'),
      compoundId: ids.compound('xietu-hengyi'),
      title: '电梯经常停运',
      description: '王伯伯来电：12 号楼电梯这个月停了三次，老人上下楼困难。',
    });
    expect(filed.status).toBe(201);
    const resident = await signIn('o-wang-bobo');
    const other = await signIn('o-someone-else');

    const nothing = await call(sut.app, 'POST', '/api/v1/me/phone', other, { code: fake.phoneCode('13700001111') });
    expect(nothing.body).toEqual({ phone: '137****1111', claimed: 0, concernIds: [] });
    const claimed = await call(sut.app, 'POST', '/api/v1/me/phone', resident, { code: fake.phoneCode('13987654321') });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toEqual({ phone: '139****4321', claimed: 1, concernIds: [filed.body.id] });
    const mine = await call(sut.app, 'GET', '/api/v1/concerns/mine', resident);
    expect((mine.body.items as Json[]).map((c) => c.id)).toEqual([filed.body.id]);
    expect(((await call(sut.app, 'GET', '/api/v1/concerns/mine', other)).body.items as Json[]).length).toBe(0);

    const stale = await call(sut.app, 'POST', '/api/v1/me/phone', resident, { code: 'phone-not-issued' });
    expect(stale.status).toBe(400);
    expect(errorOf(stale).message).toMatch(CJK);
    const preview = await call(sut.app, 'POST', '/api/v1/auth/preview/phone', resident, { phone: '13987654321' });
    expect(preview.status).toBe(404);
    expect(errorOf(preview).code).toBe('PREVIEW_LOGIN_DISABLED');
  });
});
