import { shanghaiDate } from '@manyi/shared';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { createResident, createStaff } from '../../testing/staff-fixtures.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { Concern } from '../concerns/concern.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { VisitReminderService } from './visit-reminder.service.js';
import { Visit } from './visit.entity.js';

type Json = Record<string, unknown>;
interface Caller {
  authorization: string;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const CJK = /[\u4e00-\u9fff]/;

/** `YYYY-MM-DD` (Shanghai) `days` after today, at `hour`:00 Shanghai time. */
function shanghaiAt(days: number, hour: number): Date {
  return new Date(`${shanghaiDate(new Date(Date.now() + days * DAY_MS))}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

describe.each(TEST_DATABASES)('visits on %s', (kind) => {
  let sut: TestApp;
  let editor: Caller;
  let otherEditor: Caller;
  let dispatcher: Caller;
  let supervisor: Caller;
  let residents: (Caller & { id: number })[];
  let hengyiId: number;
  let rihuiId: number;
  let categoryId: number;
  let ds: DataSource;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    ds = sut.app.get(DataSource);
    editor = await createStaff(sut.app, 'editor.visits', 'editor', 'xietu');
    otherEditor = await createStaff(sut.app, 'editor.elsewhere', 'editor', 'fenglin');
    dispatcher = await createStaff(sut.app, 'dispatcher.visits', 'dispatcher', 'xietu');
    supervisor = await createStaff(sut.app, 'supervisor.visits', 'supervisor');
    residents = [];
    for (const nickname of ['李阿姨', '王师傅', '=张,"老伯"', '陈同学', '赵阿姨', '孙先生'])
      residents.push(await createResident(sut.app, nickname));
    hengyiId = (await ds.getRepository(Compound).findOneByOrFail({ code: 'xietu-hengyi' })).id;
    rihuiId = (await ds.getRepository(Compound).findOneByOrFail({ code: 'xietu-rihuiliucun' })).id;
    categoryId = (await ds.getRepository(Category).findOneByOrFail({ code: 'shirong-laji' })).id;
  });
  afterAll(async () => {
    await sut?.close();
  });

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: Caller | null, payload?: unknown) => {
    const res = await sut.app.inject({
      method,
      url,
      headers: who ? { authorization: who.authorization } : {},
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
    let body: Json = {};
    try {
      body = JSON.parse(res.body) as Json;
    } catch {
      // CSV downloads are read from `text`.
    }
    return { status: res.statusCode, body, text: res.body, headers: res.headers };
  };

  const visitInput = (overrides: Json = {}): Json => ({
    title: '满意在徐汇 · 恒益居民区面对面',
    compoundId: hengyiId,
    place: '恒益居民区活动室',
    startsAt: shanghaiAt(5, 14).toISOString(),
    endsAt: shanghaiAt(5, 16).toISOString(),
    participants: [
      { name: '王主任', role: 'district_leader', title: '区领导' },
      { name: '陈律师', role: 'lawyer', title: '社区法律顾问' },
    ],
    topics: ['加装电梯', '停车难'],
    capacity: 30,
    ...overrides,
  });

  const publish = async (overrides: Json = {}, who: Caller = editor): Promise<number> => {
    const res = await call('POST', '/api/v1/admin/visits', who, visitInput(overrides));
    if (res.status !== 201) throw new Error(`publish → ${res.status} ${res.text}`);
    return res.body.id as number;
  };
  const signUp = (visitId: number, who: Caller) => call('POST', `/api/v1/visits/${visitId}/signups`, who);
  const report = async (who: Caller, compoundId: number, title: string): Promise<number> => {
    const res = await call('POST', '/api/v1/concerns', who, { categoryId, compoundId, title, description: `${title}，请尽快处理。` });
    if (res.status !== 201) throw new Error(`report → ${res.status} ${res.text}`);
    return res.body.id as number;
  };
  const accept = async (concernId: number) => {
    const res = await call('POST', `/api/v1/admin/concerns/${concernId}/accept`, dispatcher, {});
    if (res.status !== 200) throw new Error(`accept → ${res.status} ${res.text}`);
  };

  it('publishes a visit for the editor’s own street, and an editor of another street cannot', async () => {
    const created = await call('POST', '/api/v1/admin/visits', editor, visitInput());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'planned',
      street: { code: 'xietu' },
      compound: { id: hengyiId, code: 'xietu-hengyi' },
      capacity: 30,
      remaining: 30,
      waitingCount: 0,
      participants: [
        { name: '王主任', role: 'district_leader', title: '区领导' },
        { name: '陈律师', role: 'lawyer', title: '社区法律顾问' },
      ],
      topics: ['加装电梯', '停车难'],
      signups: [],
      questions: [],
    });
    const id = created.body.id as number;

    const foreign = await call('POST', '/api/v1/admin/visits', otherEditor, visitInput({ street: 'xietu' }));
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // Nor may they manage the xietu visit that exists.
    expect((await call('GET', `/api/v1/admin/visits/${id}`, otherEditor)).status).toBe(403);
    // A compound of another street is refused for the editor's own street.
    const fenglinCompound = await ds.getRepository(Compound).findOneByOrFail({ code: 'fenglin-dongan-yicun' });
    expect((await call('POST', '/api/v1/admin/visits', otherEditor, visitInput({ compoundId: hengyiId }))).status).toBe(400);
    expect((await call('POST', '/api/v1/admin/visits', otherEditor, visitInput({ compoundId: fenglinCompound.id }))).status).toBe(201);
    // A supervisor names the street; a dispatcher manages their own street's visits too.
    expect((await call('POST', '/api/v1/admin/visits', supervisor, visitInput())).status).toBe(400);
    expect((await call('POST', '/api/v1/admin/visits', supervisor, visitInput({ street: 'xietu' }))).status).toBe(201);
    expect((await call('GET', `/api/v1/admin/visits/${id}`, dispatcher)).status).toBe(200);

    const xietu = await call('GET', '/api/v1/visits?street=xietu', null);
    expect(xietu.status).toBe(200);
    const listed = (xietu.body.items as Json[]).find((v) => v.id === id);
    expect(listed).toMatchObject({
      title: '满意在徐汇 · 恒益居民区面对面',
      remaining: 30,
      street: { code: 'xietu', name: expect.stringMatching(CJK) },
    });
    expect((xietu.body.items as Json[]).every((v) => (v.street as Json).code === 'xietu')).toBe(true);
    const fenglin = await call('GET', '/api/v1/visits?street=fenglin', null);
    expect((fenglin.body.items as Json[]).map((v) => v.id)).not.toContain(id);
    // `from` defaults to now: a visit that started yesterday is not upcoming.
    const past = await publish({ startsAt: shanghaiAt(-1, 9).toISOString(), endsAt: shanghaiAt(-1, 11).toISOString() });
    expect(((await call('GET', '/api/v1/visits?street=xietu', null)).body.items as Json[]).map((v) => v.id)).not.toContain(past);
    const fromLastWeek = await call('GET', `/api/v1/visits?street=xietu&from=${encodeURIComponent(shanghaiAt(-7, 0).toISOString())}`, null);
    expect((fromLastWeek.body.items as Json[]).map((v) => v.id)).toContain(past);

    const audited = await ds.getRepository(AuditLog).findOneBy({ action: 'visit.create', targetId: id });
    expect(audited).toMatchObject({ actorKind: 'staff', targetType: 'visit' });
  });

  it('pages the schedule soonest first with a cursor', async () => {
    const street = 'xietu';
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/visits?street=${street}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call('GET', url, null);
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as Json[]).map((v) => v.id as number));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    const rows = await ds
      .getRepository(Visit)
      .find({ where: { streetId: (await ds.getRepository(Visit).findOneByOrFail({ id: seen[0] })).streetId } });
    const upcoming = rows
      .filter((v) => v.startsAt.getTime() >= Date.now())
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
    expect(seen).toEqual(upcoming.map((v) => v.id));
  });

  it('answers validation errors with 400 and a Chinese message', async () => {
    const bad = [
      visitInput({ endsAt: shanghaiAt(5, 13).toISOString() }),
      visitInput({ capacity: 0 }),
      visitInput({ participants: [] }),
      visitInput({ participants: [{ name: '某人', role: 'mayor' }] }),
      visitInput({ startsAt: '明天下午' }),
      visitInput({ title: '' }),
      visitInput({ topics: 'x' }),
    ];
    for (const payload of bad) {
      const res = await call('POST', '/api/v1/admin/visits', editor, payload);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(CJK) } });
    }
    const id = await publish({ participants: [{ name: '王主任', role: 'district_leader' }] });
    const short = await call('POST', `/api/v1/visits/${id}/questions`, residents[0]!, { addressedTo: 'district_leader', text: '好' });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(CJK) } });
    const noLawyer = await call('POST', `/api/v1/visits/${id}/questions`, residents[0]!, {
      addressedTo: 'lawyer',
      text: '租房合同纠纷应该怎么处理？',
    });
    expect(noLawyer.status).toBe(400);
    expect(noLawyer.body).toMatchObject({ error: { code: 'VISIT_PARTICIPANT_ABSENT', message: expect.stringContaining('律师') } });
    const badQuery = await call('GET', '/api/v1/visits?from=yesterday', null);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(CJK) } });
    expect((await call('GET', '/api/v1/visits/abc', null)).status).toBe(400);
    expect((await call('GET', '/api/v1/visits/999999', null)).body).toMatchObject({ error: { code: 'VISIT_NOT_FOUND' } });
    expect((await call('GET', '/api/v1/visits?street=nowhere', null)).body).toMatchObject({ error: { code: 'STREET_NOT_FOUND' } });
  });

  it('keeps residents and anonymous callers out of the admin routes', async () => {
    const id = await publish();
    const resident = residents[0]!;
    for (const [method, url, payload] of [
      ['POST', '/api/v1/admin/visits', visitInput()],
      ['GET', '/api/v1/admin/visits', undefined],
      ['GET', `/api/v1/admin/visits/${id}`, undefined],
      ['POST', `/api/v1/admin/visits/${id}/held`, { attendance: 10, summary: '居民反映了五个问题。' }],
      ['PUT', `/api/v1/admin/visits/${id}/issues`, { items: [{ text: '问题', concernId: 1 }] }],
      ['GET', `/api/v1/admin/visits/${id}/export`, undefined],
    ] as const) {
      const asResident = await call(method, url, resident, payload);
      expect(asResident.status).toBe(403);
      expect(asResident.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
      expect((await call(method, url, null, payload)).status).toBe(401);
    }
    // A handler has no business with visits; staff cannot sign up as residents.
    const handler = await createStaff(sut.app, 'handler.visits', 'handler', 'xietu-guanli');
    expect((await call('GET', '/api/v1/admin/visits', handler)).status).toBe(403);
    expect((await signUp(id, editor)).status).toBe(403);
    expect((await signUp(id, { authorization: 'Bearer not-a-real-token-at-all' })).status).toBe(401);
    // A bad token on the public page is refused rather than ignored.
    expect((await call('GET', `/api/v1/visits/${id}`, { authorization: 'Bearer not-a-real-token-at-all' })).status).toBe(401);
  });

  it('fills a visit past capacity into the waiting list, and a cancellation promotes the first waiting', async () => {
    const id = await publish({ capacity: 2 });
    const [a, b, c, d] = [residents[0]!, residents[1]!, residents[2]!, residents[3]!];
    // Preview mode names no subscribe template: nothing to ask consent for (WeChat mode: wechat-subscribe.e2e).
    expect(await signUp(id, a)).toMatchObject({ status: 201, body: { status: 'confirmed', position: null, subscribeTemplates: [] } });
    expect(await signUp(id, b)).toMatchObject({ status: 201, body: { status: 'confirmed', position: null } });
    expect(await signUp(id, c)).toMatchObject({ status: 201, body: { status: 'waiting', position: 1 } });
    expect(await signUp(id, d)).toMatchObject({ status: 201, body: { status: 'waiting', position: 2 } });
    // One sign-up per resident: signing up again changes nothing.
    expect(await signUp(id, a)).toMatchObject({ status: 200, body: { status: 'confirmed' } });
    expect(await signUp(id, d)).toMatchObject({ status: 200, body: { status: 'waiting', position: 2 } });

    const seenByD = await call('GET', `/api/v1/visits/${id}`, d);
    expect(seenByD.body).toMatchObject({ remaining: 0, waitingCount: 2, mySignup: { status: 'waiting', position: 2 } });
    expect((await call('GET', `/api/v1/visits/${id}`, null)).body).toMatchObject({ mySignup: null, remaining: 0 });

    const cancelled = await call('DELETE', `/api/v1/visits/${id}/signups/mine`, a);
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect((await call('GET', `/api/v1/visits/${id}`, c)).body).toMatchObject({
      remaining: 0,
      waitingCount: 1,
      mySignup: { status: 'confirmed', position: null },
    });
    expect((await call('GET', `/api/v1/visits/${id}`, d)).body).toMatchObject({ mySignup: { status: 'waiting', position: 1 } });
    expect((await call('GET', `/api/v1/visits/${id}`, a)).body).toMatchObject({ mySignup: null });
    const promoted = await ds.getRepository(Notification).findBy({ visitId: id });
    expect(promoted).toEqual([expect.objectContaining({ residentId: c.id, kind: 'visit_promoted', concernId: null })]);

    expect((await call('DELETE', `/api/v1/visits/${id}/signups/mine`, a)).body).toMatchObject({
      error: { code: 'VISIT_SIGNUP_NOT_FOUND' },
    });
    // Signing up again after cancelling goes to the back of the queue.
    expect(await signUp(id, a)).toMatchObject({ status: 201, body: { status: 'waiting', position: 2 } });
    // A waiting resident who cancels frees no place and promotes no one.
    expect((await call('DELETE', `/api/v1/visits/${id}/signups/mine`, d)).status).toBe(200);
    expect((await call('GET', `/api/v1/visits/${id}`, a)).body).toMatchObject({
      remaining: 0,
      waitingCount: 1,
      mySignup: { status: 'waiting', position: 1 },
    });

    // 我的报名 lists where each resident stands; a cancelled sign-up is gone from it.
    const mineOf = async (who: Caller) => ((await call('GET', '/api/v1/visits/mine', who)).body.items as Json[]).find((v) => v.id === id);
    expect(await mineOf(a)).toMatchObject({ id, title: expect.any(String), mySignup: { status: 'waiting', position: 1 } });
    expect(await mineOf(c)).toMatchObject({ mySignup: { status: 'confirmed', position: null } });
    expect(await mineOf(d)).toBeUndefined();
    expect((await call('GET', '/api/v1/visits/mine', null)).status).toBe(401);

    const admin = await call('GET', `/api/v1/admin/visits/${id}`, editor);
    expect((admin.body.signups as Json[]).map((s) => [s.nickname, s.status, s.position])).toEqual([
      ['王师傅', 'confirmed', null],
      ['=张,"老伯"', 'confirmed', null],
      ['李阿姨', 'waiting', 1],
      ['陈同学', 'cancelled', null],
    ]);
    expect((await ds.getRepository(Visit).findOneByOrFail({ id })).confirmedCount).toBe(2);
  });

  it('gives the last place to exactly one of several residents signing up at once', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await publish({ capacity: 1 });
      const results = await Promise.all(residents.slice(0, 4).map((r) => signUp(id, r)));
      expect(results.every((r) => r.status === 201)).toBe(true);
      const statuses = results.map((r) => r.body.status);
      expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'waiting')).toHaveLength(3);
      expect(
        results
          .map((r) => r.body.position)
          .filter((p) => p !== null)
          .sort(),
      ).toEqual([1, 2, 3]);
      expect((await ds.getRepository(Visit).findOneByOrFail({ id })).confirmedCount).toBe(1);
    }
    // Two cancellations and two sign-ups at once still leave capacity confirmed, never more.
    const id = await publish({ capacity: 2 });
    for (const r of residents.slice(0, 4)) await signUp(id, r);
    await Promise.all([
      call('DELETE', `/api/v1/visits/${id}/signups/mine`, residents[0]!),
      call('DELETE', `/api/v1/visits/${id}/signups/mine`, residents[1]!),
      signUp(id, residents[4]!),
      signUp(id, residents[5]!),
    ]);
    const admin = await call('GET', `/api/v1/admin/visits/${id}`, editor);
    const confirmed = (admin.body.signups as Json[]).filter((s) => s.status === 'confirmed');
    expect(confirmed.map((s) => s.nickname).sort()).toEqual(['=张,"老伯"', '陈同学'].sort());
    expect((await ds.getRepository(Visit).findOneByOrFail({ id })).confirmedCount).toBe(2);
  });

  it('lets staff answer a question publicly', async () => {
    const id = await publish();
    const [asker, other] = [residents[0]!, residents[1]!];
    const asked = await call('POST', `/api/v1/visits/${id}/questions`, asker, {
      addressedTo: 'lawyer',
      text: '  房东不退押金，我该怎么维权？ ',
    });
    expect(asked).toMatchObject({
      status: 201,
      body: { status: 'open', addressedTo: 'lawyer', text: '房东不退押金，我该怎么维权？', mine: true },
    });
    const questionId = asked.body.id as number;
    // Unanswered questions are the asker's alone.
    expect((await call('GET', `/api/v1/visits/${id}`, other)).body.questions).toEqual([]);
    expect((await call('GET', `/api/v1/visits/${id}`, asker)).body.questions).toEqual([
      expect.objectContaining({ id: questionId, mine: true }),
    ]);

    const answered = await call('POST', `/api/v1/admin/visits/${id}/questions/${questionId}/answer`, editor, {
      answer: '可先书面催告，保留租赁合同和转账记录，必要时申请人民调解或起诉。',
    });
    expect(answered).toMatchObject({ status: 200, body: { status: 'answered', answer: expect.stringContaining('书面催告') } });
    const page = await call('GET', `/api/v1/visits/${id}`, null);
    expect(page.body.questions).toEqual([
      expect.objectContaining({
        id: questionId,
        status: 'answered',
        answer: expect.stringContaining('人民调解'),
        mine: false,
        concern: null,
      }),
    ]);
    expect(JSON.stringify(page.body)).not.toContain('李阿姨');
    expect(await ds.getRepository(AuditLog).countBy({ action: 'visit.question.answer', targetId: questionId })).toBe(1);
    // An editor of another street cannot answer; a question of another visit is not found.
    expect(
      (await call('POST', `/api/v1/admin/visits/${id}/questions/${questionId}/answer`, otherEditor, { answer: '越权答复' })).status,
    ).toBe(403);
    const otherVisit = await publish();
    expect(
      (await call('POST', `/api/v1/admin/visits/${otherVisit}/questions/${questionId}/answer`, editor, { answer: '答非所问' })).body,
    ).toMatchObject({
      error: { code: 'VISIT_QUESTION_NOT_FOUND' },
    });
    // At most three questions per resident per visit.
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await call('POST', `/api/v1/visits/${id}/questions`, asker, {
            addressedTo: 'district_leader',
            text: `第${i + 2}个问题：小区停车难`,
          })
        ).status,
      ).toBe(201);
    }
    expect(
      (await call('POST', `/api/v1/visits/${id}/questions`, asker, { addressedTo: 'district_leader', text: '第四个问题：还有吗' })).body,
    ).toMatchObject({
      error: { code: 'VISIT_QUESTION_LIMIT' },
    });
  });

  it('turns a question into a concern for the resident, and the visit page follows its status', async () => {
    const id = await publish();
    const asker = residents[1]!;
    const asked = await call('POST', `/api/v1/visits/${id}/questions`, asker, {
      addressedTo: 'district_leader',
      text: '恒益小区3号楼旁的垃圾房每天都满溢，能不能增加清运次数？',
    });
    const questionId = asked.body.id as number;

    const filed = await call('POST', `/api/v1/admin/visits/${id}/questions/${questionId}/concern`, editor, {
      categoryId,
      compoundId: hengyiId,
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      status: 'concern',
      concern: { status: 'submitted', code: expect.stringMatching(/^XH\d{8}-\d{4,}$/) },
    });
    const concernId = (filed.body.concern as Json).id as number;
    const concern = await ds.getRepository(Concern).findOneByOrFail({ id: concernId });
    expect(concern).toMatchObject({ source: 'visit', residentId: asker.id, compoundId: hengyiId, categoryId, status: 'submitted' });
    expect(concern.title).toBe('恒益小区3号楼旁的垃圾房每天都满溢，能不能增加清运次数？');
    // The resident follows it like any concern of theirs.
    const mine = await call('GET', '/api/v1/concerns/mine', asker);
    expect((mine.body.items as Json[]).map((c) => c.id)).toContain(concernId);

    const visitPage = async () => (await call('GET', `/api/v1/visits/${id}`, null)).body.questions as Json[];
    expect(await visitPage()).toEqual([
      expect.objectContaining({
        id: questionId,
        status: 'concern',
        concern: expect.objectContaining({ id: concernId, status: 'submitted' }),
      }),
    ]);
    await accept(concernId);
    expect(await visitPage()).toEqual([
      expect.objectContaining({ concern: expect.objectContaining({ id: concernId, status: 'accepted' }) }),
    ]);

    // Filed once: neither answered nor filed again.
    expect(
      (await call('POST', `/api/v1/admin/visits/${id}/questions/${questionId}/concern`, editor, { categoryId, compoundId: hengyiId })).body,
    ).toMatchObject({
      error: { code: 'VISIT_QUESTION_HANDLED' },
    });
    expect(
      (await call('POST', `/api/v1/admin/visits/${id}/questions/${questionId}/answer`, editor, { answer: '已转办' })).body,
    ).toMatchObject({
      error: { code: 'VISIT_QUESTION_HANDLED' },
    });
    expect(await ds.getRepository(Concern).countBy({ source: 'visit', residentId: asker.id })).toBe(1);
    expect(await ds.getRepository(AuditLog).countBy({ action: 'visit.question.concern', targetId: questionId })).toBe(1);
    // A category that is not a leaf is refused and nothing changes.
    const parent = await ds.getRepository(Category).findOneByOrFail({ code: 'shirong' });
    const second = await call('POST', `/api/v1/visits/${id}/questions`, asker, { addressedTo: 'lawyer', text: '物业费上涨是否合法？' });
    const refused = await call('POST', `/api/v1/admin/visits/${id}/questions/${second.body.id as number}/concern`, editor, {
      categoryId: parent.id,
      compoundId: hengyiId,
    });
    expect(refused.body).toMatchObject({ error: { code: 'CATEGORY_NOT_LEAF' } });
    expect((await call('GET', `/api/v1/admin/visits/${id}`, editor)).body.questions).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: second.body.id, status: 'open', concern: null })]),
    );
  });

  it('records a held visit with its issues, and the next visit to the compound opens with them and their live status', async () => {
    const [a, b] = [residents[0]!, residents[1]!];
    const held = await publish({
      title: '满意在徐汇 · 日晖六村议事会',
      compoundId: rihuiId,
      startsAt: shanghaiAt(-3, 14).toISOString(),
      endsAt: shanghaiAt(-3, 16).toISOString(),
    });
    const next = await publish({
      title: '满意在徐汇 · 日晖六村回头看',
      compoundId: rihuiId,
      startsAt: shanghaiAt(6, 14).toISOString(),
      endsAt: shanghaiAt(6, 16).toISOString(),
    });
    const lift = await report(a, rihuiId, '日晖六村12号加装电梯进度');
    const parking = await report(b, rihuiId, '日晖六村夜间停车难');
    const elsewhere = await report(
      a,
      (await ds.getRepository(Compound).findOneByOrFail({ code: 'fenglin-dongan-yicun' })).id,
      '东安一村路灯不亮',
    );

    expect(
      (await call('PUT', `/api/v1/admin/visits/${held}/issues`, editor, { items: [{ text: '加装电梯', concernId: lift }] })).body,
    ).toMatchObject({
      error: { code: 'VISIT_NOT_HELD' },
    });
    expect(
      (await call('POST', `/api/v1/admin/visits/${next}/held`, editor, { attendance: 5, summary: '还没开始的走访' })).body,
    ).toMatchObject({
      error: { code: 'VISIT_NOT_STARTED' },
    });
    const record = await call('POST', `/api/v1/admin/visits/${held}/held`, editor, {
      attendance: 42,
      summary: '居民重点反映了加装电梯和停车问题。',
    });
    expect(record).toMatchObject({ status: 200, body: { status: 'held', attendance: 42, heldAt: expect.any(String) } });
    // Issues link only to concerns of the visit's street.
    const foreign = await call('PUT', `/api/v1/admin/visits/${held}/issues`, editor, { items: [{ text: '路灯', concernId: elsewhere }] });
    expect(foreign).toMatchObject({
      status: 400,
      body: { error: { code: 'VISIT_ISSUE_CONCERN_INVALID', details: { concernIds: [elsewhere] } } },
    });
    const published = await call('PUT', `/api/v1/admin/visits/${held}/issues`, editor, {
      items: [
        { text: '12号楼加装电梯何时开工', concernId: lift },
        { text: '夜间停车位不足', concernId: parking },
      ],
    });
    expect(published.status).toBe(200);

    const heldPage = await call('GET', `/api/v1/visits/${held}`, null);
    expect(heldPage.body).toMatchObject({
      status: 'held',
      attendance: 42,
      summary: '居民重点反映了加装电梯和停车问题。',
      issues: [
        { text: '12号楼加装电梯何时开工', concern: { id: lift, status: 'submitted' } },
        { text: '夜间停车位不足', concern: { id: parking, status: 'submitted' } },
      ],
    });

    await accept(lift);
    const nextPage = await call('GET', `/api/v1/visits/${next}`, null);
    expect(nextPage.body.previousIssues).toEqual({
      visitId: held,
      title: '满意在徐汇 · 日晖六村议事会',
      heldAt: expect.any(String),
      items: [
        { text: '12号楼加装电梯何时开工', concern: expect.objectContaining({ id: lift, status: 'accepted' }) },
        { text: '夜间停车位不足', concern: expect.objectContaining({ id: parking, status: 'submitted' }) },
      ],
    });
    const byCompound = await call('GET', '/api/v1/visits?compound=xietu-rihuiliucun', null);
    expect((byCompound.body.items as Json[]).map((v) => v.id)).toEqual([next]);
    expect(byCompound.body.previousIssues).toEqual(nextPage.body.previousIssues);
    expect((await call('GET', `/api/v1/visits?compound=${rihuiId}`, null)).body.previousIssues).toEqual(nextPage.body.previousIssues);
    // The held visit itself does not look back at itself.
    expect(heldPage.body.previousIssues).toBeNull();

    // Publishing again replaces the list.
    await call('PUT', `/api/v1/admin/visits/${held}/issues`, editor, { items: [{ text: '夜间停车位不足', concernId: parking }] });
    expect(((await call('GET', `/api/v1/visits/${next}`, null)).body.previousIssues as Json).items).toEqual([
      { text: '夜间停车位不足', concern: expect.objectContaining({ id: parking }) },
    ]);
    expect(await ds.getRepository(AuditLog).countBy({ action: 'visit.issues.publish', targetId: held })).toBe(2);
  });

  it('reminds each confirmed resident once, the day before the visit', async () => {
    const reminder = sut.app.get(VisitReminderService);
    const id = await publish({ capacity: 1, startsAt: shanghaiAt(2, 14).toISOString(), endsAt: shanghaiAt(2, 16).toISOString() });
    const [confirmed, waiting] = [residents[0]!, residents[1]!];
    await signUp(id, confirmed);
    await signUp(id, waiting);
    const rows = () => ds.getRepository(Notification).findBy({ visitId: id, kind: 'visit_reminder' });

    // Two days before, and before 9:00 the day before: not yet.
    await reminder.remindTomorrow(shanghaiAt(0, 10));
    await reminder.remindTomorrow(shanghaiAt(1, 7));
    expect(await rows()).toEqual([]);

    // The day before: one reminder for the confirmed resident, however many sweeps run, even at once.
    const dayBefore = shanghaiAt(1, 10);
    await Promise.all([reminder.remindTomorrow(dayBefore), reminder.remindTomorrow(dayBefore)]);
    expect(await reminder.remindTomorrow(new Date(dayBefore.getTime() + HOUR_MS))).toBe(0);
    const sent = await rows();
    expect(sent).toEqual([
      expect.objectContaining({ residentId: confirmed.id, concernId: null, visitId: id, status: 'pending', title: '走访活动提醒' }),
    ]);
    expect(sent[0]!.body).toContain('明天 14:00');
  });

  it('calls off a visit: everyone signed up or waiting is told, and no one can sign up or ask any more', async () => {
    const reminder = sut.app.get(VisitReminderService);
    const id = await publish({ capacity: 1, startsAt: shanghaiAt(2, 9).toISOString(), endsAt: shanghaiAt(2, 11).toISOString() });
    const [confirmed, waiting, late] = [residents[3]!, residents[4]!, residents[5]!];
    await signUp(id, confirmed);
    await signUp(id, waiting);

    expect((await call('POST', `/api/v1/admin/visits/${id}/cancel`, otherEditor, { reason: '越权取消' })).status).toBe(403);
    expect((await call('POST', `/api/v1/admin/visits/${id}/cancel`, editor, {})).body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(CJK) },
    });
    const cancelled = await call('POST', `/api/v1/admin/visits/${id}/cancel`, editor, { reason: '遇台风天气，改期另行通知' });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    const told = await ds
      .getRepository(Notification)
      .find({ where: { visitId: id, kind: 'visit_cancelled' }, order: { residentId: 'ASC' } });
    expect(told.map((n) => n.residentId)).toEqual([confirmed.id, waiting.id].sort((x, y) => x - y));
    expect(told[0]!.body).toContain('遇台风天气');

    expect((await call('GET', `/api/v1/visits/${id}`, confirmed)).body).toMatchObject({
      status: 'cancelled',
      mySignup: { status: 'confirmed' },
    });
    expect((await signUp(id, late)).body).toMatchObject({ error: { code: 'VISIT_CLOSED' } });
    expect(
      (await call('POST', `/api/v1/visits/${id}/questions`, late, { addressedTo: 'lawyer', text: '还会改期举行吗？' })).body,
    ).toMatchObject({
      error: { code: 'VISIT_CLOSED' },
    });
    expect((await call('POST', `/api/v1/admin/visits/${id}/cancel`, editor, { reason: '再取消一次' })).body).toMatchObject({
      error: { code: 'VISIT_CLOSED' },
    });
    // A cancelled visit sends no reminder.
    await reminder.remindTomorrow(shanghaiAt(1, 10));
    expect(await ds.getRepository(Notification).countBy({ visitId: id, kind: 'visit_reminder' })).toBe(0);
    expect(await ds.getRepository(AuditLog).countBy({ action: 'visit.cancel', targetId: id })).toBe(1);
  });

  it('exports sign-ups and questions as CSV for Excel, nicknames only', async () => {
    const id = await publish({ capacity: 2, title: '满意在徐汇 · 导出测试' });
    for (const r of residents.slice(0, 3)) await signUp(id, r);
    const q = await call('POST', `/api/v1/visits/${id}/questions`, residents[2]!, {
      addressedTo: 'lawyer',
      text: '遗嘱需要公证吗？\n还有, 继承"顺序"是什么？',
    });
    await call('POST', `/api/v1/admin/visits/${id}/questions/${q.body.id as number}/answer`, editor, { answer: '不一定需要公证。' });
    const q2 = await call('POST', `/api/v1/visits/${id}/questions`, residents[0]!, {
      addressedTo: 'district_leader',
      text: '楼道堆物谁来管？',
    });
    const filed = await call('POST', `/api/v1/admin/visits/${id}/questions/${q2.body.id as number}/concern`, editor, {
      categoryId,
      compoundId: hengyiId,
    });
    const code = (filed.body.concern as Json).code as string;

    const signups = await call('GET', `/api/v1/admin/visits/${id}/export?part=signups`, editor);
    expect(signups.status).toBe(200);
    expect(signups.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(signups.headers['content-disposition']).toContain(`filename="visit-${id}-signups.csv"`);
    expect(signups.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('满意在徐汇 · 导出测试-报名名单.csv')}`,
    );
    expect(signups.text.startsWith('\uFEFF')).toBe(true);
    const lines = signups.text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('序号,昵称,状态,候补顺位,报名时间,取消时间');
    expect(lines).toHaveLength(4);
    const at = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}`;
    expect(lines[1]).toMatch(new RegExp(`^1,李阿姨,已报名,,${at},$`));
    expect(lines[2]).toMatch(new RegExp(`^2,王师傅,已报名,,${at},$`));
    // Quoted for its comma and quotes, and kept as text rather than read as a formula.
    expect(lines[3]).toMatch(new RegExp(`^3,"'=张,""老伯""",候补,1,${at},$`));

    const questions = await call('GET', `/api/v1/admin/visits/${id}/export?part=questions`, editor);
    expect(questions.status).toBe(200);
    const text = questions.text;
    expect(text).toContain('序号,提问人昵称,提问对象,问题,状态,答复,关联诉求编号,诉求状态,提问时间');
    expect(text).toContain(`1,"'=张,""老伯""",律师,"遗嘱需要公证吗？\n还有, 继承""顺序""是什么？",已答复,不一定需要公证。,,,`);
    expect(text).toContain(`2,李阿姨,区领导,楼道堆物谁来管？,已转为诉求,,${code},待受理,`);
    // No phone number of anyone, in either file.
    expect(`${signups.text}${text}`).not.toMatch(/1[3-9]\d{9}/);
    expect(await ds.getRepository(AuditLog).countBy({ action: 'visit.export', targetId: id })).toBe(2);

    expect((await call('GET', `/api/v1/admin/visits/${id}/export?part=everything`, editor)).status).toBe(400);
    expect((await call('GET', `/api/v1/admin/visits/${id}/export`, otherEditor)).status).toBe(403);
    expect((await call('GET', `/api/v1/admin/visits/${id}/export`, supervisor)).status).toBe(200);
  });
});
