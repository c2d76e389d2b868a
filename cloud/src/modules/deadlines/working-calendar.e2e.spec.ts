import { jest } from '@jest/globals';
import type { CalendarDay } from '@manyi/shared';
import { call, directoryIds, errorOf, staffSession, submitConcern, type Caller, type Json } from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';

/** The UTC instant of a Shanghai wall-clock time. */
const at = (shanghaiLocal: string) => new Date(`${shanghaiLocal}:00+08:00`);
const iso = (shanghaiLocal: string) => at(shanghaiLocal).toISOString();

/*
 * The working calendar as data (issue 15), through the API, with the clock set to Friday 2030-02-01 16:00
 * in Shanghai — the last working day before Spring Festival 2030 in the notice below (invented for the
 * test: 2030 is a year no package holds), so every deadline here crosses the holiday week:
 *
 *   春节: off Sat 02-02 … Fri 02-08; make-up working Saturdays 01-26 and 02-09.
 *
 * With the year missing, Monday–Friday count: a 4-working-hour deadline from Fri 16:00 is Mon 02-04 11:30
 * (1.5 h on Friday, 2.5 h on Monday), marked provisional. With the year entered it is Sat 02-09 11:30.
 */
const NOTICE_2030 = `国务院办公厅关于2030年部分节假日安排的通知
经国务院批准，现将2030年春节具体安排通知如下。
二、春节：2月2日（星期六）至8日（星期五）放假调休，共7天。1月26日（星期六）、2月9日（星期六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。`;

const NOW = at('2030-02-01T16:00');

describe.each(TEST_DATABASES)('the working calendar and the deadline rules on %s', (kind) => {
  let sut: TestApp;
  let resident: Caller;
  let dispatcher: Caller;
  let admin: Caller;
  let departmentId: number;
  let coHandlerId: number;
  let springFestival: CalendarDay[];

  beforeAll(async () => {
    // Only the clock is set; timers run as usual so the database drivers and the service keep working.
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    sut = await startTestApp(kind);
    resident = await createResident(sut.app, '周阿婆');
    dispatcher = await staffSession(sut.app, 'dispatcher.xietu', 'dispatcher', 'xietu');
    admin = await staffSession(sut.app, 'admin', 'admin');
    departmentId = (await directoryIds(sut.app)).department('xietu-guanli');
    coHandlerId = (await directoryIds(sut.app)).department('xietu-chengguan');
  });
  afterAll(async () => {
    await sut?.close();
    jest.useRealTimers();
  });

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: Caller | null, body?: Json) =>
    call(sut.app, method, `/api/v1${url}`, who, body);
  const staffDetail = async (id: number) => (await api('GET', `/admin/concerns/${id}`, dispatcher)).body;
  const residentDetail = async (id: number) => (await api('GET', `/concerns/${id}`, resident)).body;
  const health = async () => (await api('GET', '/health', null)).body.calendar;

  /** Concerns filed at the clock's time, one per case, each with its deadlines before the calendar changes. */
  let triaged: number;
  let dispatched: number;

  it('names the missing year in the health check when the next 60 days reach it', async () => {
    expect(await health()).toEqual({ coveredUntil: null, missingYears: [2030] });
    const overview = await api('GET', '/admin/calendar', dispatcher);
    expect(overview.status).toBe(200);
    expect(overview.body.coverage).toEqual({ coveredUntil: null, missingYears: [2030] });
  });

  it('counts Monday–Friday over a missing year and marks the deadline provisional, for staff and resident', async () => {
    triaged = (await submitConcern(sut.app, resident)).id;

    const staff = await staffDetail(triaged);
    expect(staff).toMatchObject({ dueKind: 'triage', dueAt: iso('2030-02-04T11:30'), dueProvisional: true });
    expect(await residentDetail(triaged)).toMatchObject({ dueAt: iso('2030-02-04T11:30'), dueProvisional: true });
    const inbox = await api('GET', '/admin/concerns?limit=100', dispatcher);
    expect((inbox.body.items as Json[]).find((c) => c.id === triaged)).toMatchObject({ dueProvisional: true });

    dispatched = (await submitConcern(sut.app, resident)).id;
    expect((await api('POST', `/admin/concerns/${dispatched}/accept`, dispatcher, {})).status).toBe(200);
    expect(
      (await api('POST', `/admin/concerns/${dispatched}/dispatch`, dispatcher, { departmentId, coHandlerIds: [coHandlerId] })).status,
    ).toBe(200);
    // 签收 4 working hours, 办结 5 working days (a complaint), both from Friday 16:00.
    expect(await staffDetail(dispatched)).toMatchObject({
      dueKind: 'sign',
      dueAt: iso('2030-02-04T11:30'),
      resolveDueAt: iso('2030-02-08T16:00'),
      resolveDueProvisional: true,
      // The co-handling department (协办) was asked at the same moment: the same 签收时限.
      coHandlers: [{ departmentId: coHandlerId, status: 'pending', signDueAt: iso('2030-02-04T11:30') }],
    });
  });

  it('reads the State Council notice into days without saving them', async () => {
    const res = await api('POST', '/admin/calendar/import', admin, { text: NOTICE_2030 });

    expect(res.status).toBe(200);
    expect(res.body.year).toBe(2030);
    springFestival = res.body.days as CalendarDay[];
    expect(springFestival.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual([
      '2030-02-02',
      '2030-02-03',
      '2030-02-04',
      '2030-02-05',
      '2030-02-06',
      '2030-02-07',
      '2030-02-08',
    ]);
    expect(springFestival.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(['2030-01-26', '2030-02-09']);
    expect(springFestival.every((d) => d.name === '春节')).toBe(true);
    expect((await api('GET', '/admin/calendar/2030', admin)).body.published).toBe(false);
  });

  it('refuses a make-up working day on a weekday, a day outside the year, and anyone but an admin — changing nothing', async () => {
    const weekday = await api('PUT', '/admin/calendar/2030', admin, { days: [{ date: '2030-02-12', kind: 'workday', name: '春节' }] });
    expect(weekday.status).toBe(400);
    expect(errorOf(weekday)).toMatchObject({ code: 'VALIDATION_FAILED', message: '2030-02-12 本来就是工作日，不能设为调休上班' });

    const otherYear = await api('PUT', '/admin/calendar/2030', admin, { days: [{ date: '2031-01-01', kind: 'holiday', name: '元旦' }] });
    expect(otherYear.status).toBe(400);
    expect(errorOf(otherYear).message).toBe('2031-01-01 不在 2030 年');

    expect((await api('PUT', '/admin/calendar/2030', dispatcher, { days: springFestival })).status).toBe(403);
    expect((await api('GET', '/admin/calendar/1999', admin)).status).toBe(400);
    expect(
      (await api('PUT', '/admin/calendar/2030', admin, { days: [{ date: '2030-02-30', kind: 'holiday', name: '春节' }] })).status,
    ).toBe(400);

    expect((await api('GET', '/admin/calendar/2030', admin)).body).toMatchObject({ published: false, days: [] });
    expect((await staffDetail(triaged)).dueAt).toBe(iso('2030-02-04T11:30'));
  });

  it('recomputes the open concerns a changed day affects when the year is entered, with a timeline event and an audit record', async () => {
    const saved = await api('PUT', '/admin/calendar/2030', admin, { days: springFestival, source: 'notice' });

    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ year: 2030, published: true, source: 'notice', updatedBy: 'admin', recomputedConcerns: 2 });
    expect(await health()).toEqual({ coveredUntil: '2030-12-31', missingYears: [] });

    expect(await staffDetail(triaged)).toMatchObject({ dueAt: iso('2030-02-09T11:30'), dueProvisional: false });
    expect(await staffDetail(dispatched)).toMatchObject({
      dueKind: 'sign',
      dueAt: iso('2030-02-09T11:30'),
      // The make-up Saturday counts: Sat 02-09, Mon 11, Tue 12, Wed 13, Thu 14.
      resolveDueAt: iso('2030-02-14T16:00'),
      resolveDueProvisional: false,
      // The co-handler's 签收时限 moves past the holiday with the lead's.
      coHandlers: [{ departmentId: coHandlerId, status: 'pending', signDueAt: iso('2030-02-09T11:30') }],
    });
    // The resident sees the new date and why it moved.
    const mine = await residentDetail(triaged);
    expect(mine.dueAt).toBe(iso('2030-02-09T11:30'));
    const event = (mine.timeline as Json[]).find((e) => e.action === 'reschedule');
    expect(event?.publicText).toBe('因 2030 年节假日安排调整，受理期限改为 2030-02-09 11:30');

    const audit = await api('GET', '/admin/audit?entity=calendar', admin);
    expect(audit.status).toBe(200);
    const record = (audit.body.items as Json[]).find((e) => e.action === 'calendar.save');
    expect(record?.detail).toMatchObject({
      year: 2030,
      source: 'notice',
      holidays: 7,
      workdays: 2,
      recomputedConcernIds: [triaged, dispatched],
    });
    expect((record?.detail as { changedDates: string[] }).changedDates).toEqual([
      '2030-01-26',
      '2030-02-04',
      '2030-02-05',
      '2030-02-06',
      '2030-02-07',
      '2030-02-08',
      '2030-02-09',
    ]);
  });

  it('gives a concern submitted on the last working day before the entered Spring Festival its due date after the holiday', async () => {
    const { id } = await submitConcern(sut.app, resident);

    expect(await staffDetail(id)).toMatchObject({ dueAt: iso('2030-02-09T11:30'), dueProvisional: false });
  });

  it('moves nothing when a save changes no working day (a holiday renamed)', async () => {
    const renamed = springFestival.map((d) => ({ ...d, name: '春节假期' }));

    const saved = await api('PUT', '/admin/calendar/2030', admin, { days: renamed, source: 'manual' });

    expect(saved.body).toMatchObject({ recomputedConcerns: 0, source: 'manual' });
    expect((saved.body.days as CalendarDay[]).every((d) => d.name === '春节假期')).toBe(true);
  });

  it('applies changed deadline rules to concerns submitted after the change only', async () => {
    const before = (await api('GET', '/admin/settings/deadlines', admin)).body;
    expect(before).toMatchObject({ updatedAt: null, updatedBy: null, settings: { triageWorkingHours: 4 } });
    const settings = { ...(before.settings as Json), triageWorkingHours: 8 };

    const saved = await api('PUT', '/admin/settings/deadlines', admin, settings);

    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ updatedBy: 'admin', settings: { triageWorkingHours: 8 }, defaults: { triageWorkingHours: 4 } });
    const { id: later } = await submitConcern(sut.app, resident);
    // 8 working hours: 1.5 h on Friday, 6.5 h on the make-up Saturday.
    expect((await staffDetail(later)).dueAt).toBe(iso('2030-02-09T15:30'));
    expect((await staffDetail(triaged)).dueAt).toBe(iso('2030-02-09T11:30'));
  });

  it('refuses deadline rules out of range with a Chinese message, changing nothing', async () => {
    const current = (await api('GET', '/admin/settings/deadlines', admin)).body.settings as Json;

    const res = await api('PUT', '/admin/settings/deadlines', admin, { ...current, ratingWindowDays: 0 });

    expect(res.status).toBe(400);
    expect(errorOf(res).message).toBe('评价期为 1 至 30 的整数');
    expect((await api('PUT', '/admin/settings/deadlines', dispatcher, current)).status).toBe(403);
    expect((await api('GET', '/admin/settings/deadlines', admin)).body.settings).toEqual(current);
  });

  it('counts every open deadline Monday–Friday again, keeping the rule it was set under, when the year is withdrawn', async () => {
    const later = (await api('GET', '/admin/concerns?limit=100', dispatcher)).body.items as Json[];
    const eightHours = later.find((c) => c.dueAt === iso('2030-02-09T15:30'))!.id as number;

    const res = await api('DELETE', '/admin/calendar/2030', admin);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ published: false, days: [], recomputedConcerns: 4 });
    expect(await staffDetail(triaged)).toMatchObject({ dueAt: iso('2030-02-04T11:30'), dueProvisional: true });
    // Its 8 hours stay 8 hours: Friday 1.5 h, Monday 6.5 h.
    expect(await staffDetail(eightHours)).toMatchObject({ dueAt: iso('2030-02-04T15:30'), dueProvisional: true });
    expect(await health()).toEqual({ coveredUntil: null, missingYears: [2030] });
    expect((await api('DELETE', '/admin/calendar/2030', admin)).status).toBe(404);
  });
});
