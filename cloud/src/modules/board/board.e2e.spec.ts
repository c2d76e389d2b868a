import { boardPeriod, shanghaiDate } from '@manyi/shared';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.entity.js';
import {
  CJK,
  call,
  concernAt,
  directoryIds,
  errorOf,
  staffSession,
  reportBody,
  submitConcern,
  type Caller,
  type Json,
  type WalkCrew,
} from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { ConcernPublicCase } from './concern-public-case.entity.js';

/** 已办结 (issue 17): staff publish a closed, agreed concern to the street's public board, masked; the board reads it without login. */
describe.each(TEST_DATABASES)('the public board on %s', (kind) => {
  let sut: TestApp;
  let crew: WalkCrew;
  let dispatcherFenglin: Caller;
  let handler: Caller;
  let supervisor: Caller;

  const personal = '我是王阿姨，手机13812345678，座机021-64871234，身份证310104198001011234，三号楼楼道堆物请清理。';

  beforeAll(async () => {
    sut = await startTestApp(kind);
    const resident = await createResident(sut.app, '王阿姨');
    const dispatcher = await staffSession(sut.app, 'dispatcher.board', 'dispatcher', 'xietu');
    handler = await staffSession(sut.app, 'handler.board', 'handler', 'xietu-guanli');
    dispatcherFenglin = await staffSession(sut.app, 'dispatcher.board.fl', 'dispatcher', 'fenglin');
    supervisor = await staffSession(sut.app, 'supervisor.board', 'supervisor');
    crew = { resident, dispatcher, handler, departmentId: (await directoryIds(sut.app)).department('xietu-guanli') };
  });
  afterAll(async () => {
    await sut?.close();
  });

  const publish = (who: Caller, id: number | string, body: unknown = {}) =>
    call(sut.app, 'POST', `/api/v1/admin/concerns/${id}/publish-case`, who, body);
  const board = async (query = 'street=xietu&limit=100') => {
    const res = await call(sut.app, 'GET', `/api/v1/board?${query}`, null);
    expect(res.status).toBe(200);
    return res.body;
  };
  const boardIds = async () => ((await board()).items as Json[]).map((c) => c.id);

  it('shows a closed, agreed and approved concern masked, with its public clock, to anyone', async () => {
    const concern = await concernAt(sut.app, 'closed', crew, { publishConsent: true, description: personal });
    const card = (await call(sut.app, 'GET', `/api/v1/admin/concerns/${concern.id}`, crew.dispatcher)).body.publicCase as Json;
    expect(card).toMatchObject({ consent: true, eligible: true, status: 'unpublished', photoIds: [] });
    expect(card.text).not.toMatch(/13812345678|64871234|310104198001011234|王阿姨/);

    const published = await publish(crew.dispatcher, concern.id, { reply: '已清理，物业李师傅电话13900001111。' });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', reply: '已清理，物业*师傅电话[电话]。' });

    const page = await board();
    const item = (page.items as Json[]).find((c) => c.id === concern.id)!;
    // The reporter's nickname (王阿姨) is hidden whole; a surname before a form of address (李师傅) keeps the form.
    expect(item.text).toBe('我是***，手机[电话]，座机[电话]，身份证[证件号]，三号楼楼道堆物请清理。');
    expect(item).toMatchObject({ code: concern.code, category: { name: expect.stringMatching(CJK) }, compound: { name: '恒益' } });
    expect(item.clock).toMatchObject({ daysToAccept: 0, daysToReply: 0, daysToClose: 0, onTime: true, deadline: expect.any(String) });
    const audit = await sut.app.get(DataSource).getRepository(AuditLog).findOneBy({ action: 'concern.publish-case', targetId: concern.id });
    expect(audit).not.toBeNull();
  });

  it('never shows an unapproved, unconsented, confidential or withdrawn case', async () => {
    const unapproved = await concernAt(sut.app, 'closed', crew, { publishConsent: true });
    const unconsented = await concernAt(sut.app, 'closed', crew);
    const confidential = await concernAt(sut.app, 'closed', crew, { publishConsent: true, confidential: true });
    const open = await concernAt(sut.app, 'awaiting_rating', crew, { publishConsent: true });
    const withdrawn = await concernAt(sut.app, 'closed', crew, { publishConsent: true });
    for (const [c, code] of [
      [unconsented, 'PUBLISH_CASE_NOT_ALLOWED'],
      [confidential, 'PUBLISH_CASE_NOT_ALLOWED'],
      [open, 'PUBLISH_CASE_NOT_ALLOWED'],
    ] as const) {
      const res = await publish(crew.dispatcher, c.id);
      expect([res.status, errorOf(res).code]).toEqual([409, code]);
      expect(errorOf(res).message).toMatch(CJK);
    }
    expect((await publish(crew.dispatcher, withdrawn.id)).status).toBe(200);
    expect(await boardIds()).toContain(withdrawn.id);
    for (let i = 0; i < 2; i++) {
      const res = await call(sut.app, 'POST', `/api/v1/admin/concerns/${withdrawn.id}/unpublish-case`, crew.dispatcher);
      expect(res.body).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
    }
    const audits = await sut.app
      .get(DataSource)
      .getRepository(AuditLog)
      .countBy({ action: 'concern.unpublish-case', targetId: withdrawn.id });
    expect(audits).toBe(1);
    const ids = await boardIds();
    for (const c of [unapproved, unconsented, confidential, open, withdrawn]) expect(ids).not.toContain(c.id);
    // A case approved and later made confidential in the database leaves the board at once.
    const later = await concernAt(sut.app, 'closed', crew, { publishConsent: true });
    await publish(crew.dispatcher, later.id);
    await sut.app.get(DataSource).query('UPDATE concern SET confidential = ? WHERE id = ?', [true, later.id]);
    expect(await boardIds()).not.toContain(later.id);
    const never = await call(sut.app, 'POST', `/api/v1/admin/concerns/${unapproved.id}/unpublish-case`, crew.dispatcher);
    expect([never.status, errorOf(never).code]).toEqual([409, 'PUBLIC_CASE_NOT_PUBLISHED']);
  });

  it('keeps publishing to the street’s staff: another street’s dispatcher gets 404, a handler 403, bad input 400 with nothing stored', async () => {
    const concern = await concernAt(sut.app, 'closed', crew, { publishConsent: true });
    const other = await publish(dispatcherFenglin, concern.id);
    expect([other.status, errorOf(other).code]).toEqual([404, 'CONCERN_NOT_FOUND']);
    expect((await publish(handler, concern.id)).status).toBe(403);
    const bad: Array<[string, unknown, string]> = [
      ['id not a number', 'abc', ''],
      ['photo ids not numbers', concern.id, 'photos'],
      ['text too short', concern.id, 'short'],
      ['unknown field', concern.id, 'extra'],
      ['photo of another concern', concern.id, 'foreign'],
    ];
    const bodies: Record<string, unknown> = {
      '': {},
      photos: { photoIds: ['a'] },
      short: { text: '短' },
      extra: { approve: true },
      foreign: { photoIds: [987654] },
    };
    for (const [label, id, body] of bad) {
      const res = await publish(crew.dispatcher, id as number, bodies[body]);
      expect({ label, status: res.status }).toEqual({ label, status: 400 });
      expect(errorOf(res).message).toMatch(CJK);
    }
    expect(await sut.app.get(DataSource).getRepository(ConcernPublicCase).countBy({ concernId: concern.id })).toBe(0);
    expect((await call(sut.app, 'GET', '/api/v1/board', null)).status).toBe(400);
    expect((await call(sut.app, 'GET', '/api/v1/board?street=nowhere', null)).status).toBe(404);
    expect(((await board('street=fenglin')).items as Json[]).map((c) => c.id)).not.toContain(concern.id);
  });

  it('pages the board by keyset and shows on its first page the same three rates as the dashboard for the street and period', async () => {
    for (let i = 0; i < 3; i++) {
      const c = await concernAt(sut.app, 'closed', crew, { publishConsent: true });
      await publish(supervisor, c.id);
    }
    const all = await boardIds();
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Json = await board(`street=xietu&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      if (pages > 0) expect(page.rates).toBeNull();
      seen.push(...(page.items as Json[]).map((c) => c.id));
      cursor = page.nextCursor as string | null;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(all);

    const first = await board();
    const rates = first.rates as Json;
    const period = boardPeriod(shanghaiDate(new Date()));
    expect(rates).toMatchObject(period);
    const overview = (
      await call(sut.app, 'GET', `/api/v1/admin/stats/overview?from=${period.from}&to=${period.to}&street=xietu`, crew.dispatcher)
    ).body.total as Json;
    expect({
      responseRate: rates.responseRate,
      resolutionRate: rates.resolutionRate,
      satisfactionRate: rates.satisfactionRate,
      rated: (rates.counts as Json).rated,
      dispatched: (rates.counts as Json).dispatched,
    }).toEqual({
      responseRate: overview.responseRate,
      resolutionRate: overview.resolutionRate,
      satisfactionRate: overview.satisfactionRate,
      rated: overview.rated,
      dispatched: overview.dispatched,
    });
    expect(overview.rated as number).toBeGreaterThan(0);
  });

  it('stores the publish consent at submit, off unless the resident ticks it', async () => {
    const off = await submitConcern(sut.app, crew.resident);
    const on = await submitConcern(sut.app, crew.resident, { publishConsent: true });
    expect((await call(sut.app, 'GET', `/api/v1/concerns/${off.id}`, crew.resident)).body.publishConsent).toBe(false);
    expect((await call(sut.app, 'GET', `/api/v1/concerns/${on.id}`, crew.resident)).body.publishConsent).toBe(true);
    const bad = await call(sut.app, 'POST', '/api/v1/concerns', crew.resident, {
      ...(await reportBody(sut.app)),
      publishConsent: 'yes',
    });
    expect([bad.status, errorOf(bad).message]).toEqual([400, expect.stringContaining('公开选项无效')]);
  });
});
