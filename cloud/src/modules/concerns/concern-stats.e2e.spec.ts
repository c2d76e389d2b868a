import {
  shanghaiDate,
  type RatesRow,
  type StaffRole,
  type StatsOverviewView,
  type StatsTopView,
  type StatsTrendsView,
} from '@manyi/shared';
import ExcelJS from 'exceljs';
import { call, concernAt, CJK, directoryIds, errorOf, staffSession, type Caller, type WalkCrew } from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { ConcernSweepService } from './concern-sweep.service.js';
import { trendBuckets } from './concern-stats.service.js';

/*
 * 数据看板: the three rates with their counts by street and by department, the trends and the top
 * lists, for the supervisor (the district) and a dispatcher (their street), and as an Excel workbook
 * with the same numbers. Three concerns are walked through the real API today: one in Xietu closed
 * solved and satisfied, one in Xietu in progress, one in Fenglin waiting for its rating.
 */

describe('trend buckets', () => {
  it('cuts a period into days', () => {
    expect(trendBuckets('2026-11-28', '2026-11-30', 'day').map((b) => b.start)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30']);
  });

  it('cuts a period into weeks starting on Monday, the first and last cut to the period', () => {
    // 2026-11-26 is a Thursday; 2026-11-30 and 2026-12-07 are Mondays.
    const buckets = trendBuckets('2026-11-26', '2026-12-08', 'week');
    expect(buckets.map((b) => b.start)).toEqual(['2026-11-26', '2026-11-30', '2026-12-07']);
    expect(buckets[0]!.begin.toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(buckets.at(-1)!.end.toISOString()).toBe('2026-12-08T16:00:00.000Z');
  });
});

describe.each(TEST_DATABASES)('the dashboard routes on %s', (kind) => {
  let t: TestApp;
  let supervisor: Caller;
  let dispatcherXietu: Caller;
  let dispatcherFenglin: Caller;
  let resident: Caller;
  let xietuCrew: WalkCrew;
  let fenglinCrew: WalkCrew;
  let fenglinConcern: number;
  let others: Record<'handler' | 'editor' | 'admin', Caller>;
  const today = shanghaiDate(new Date());
  const period = `from=${today}&to=${today}`;

  const get = async <T>(who: Caller, url: string) => {
    const res = await call(t.app, 'GET', url, who);
    if (res.status !== 200) throw new Error(`${url} → ${res.status} ${res.text}`);
    return res.body as unknown as T;
  };
  const row = (rows: RatesRow[], key: string) => rows.find((r) => r.key === key);

  beforeAll(async () => {
    t = await startTestApp(kind);
    const session = (name: string, role: StaffRole, scope?: string) => staffSession(t.app, name, role, scope);
    [supervisor, dispatcherXietu, dispatcherFenglin] = await Promise.all([
      session('supervisor.stats', 'supervisor'),
      session('dispatcher.stats-xietu', 'dispatcher', 'xietu'),
      session('dispatcher.stats-fenglin', 'dispatcher', 'fenglin'),
    ]);
    others = {
      handler: await session('handler.stats', 'handler', 'xietu-guanli'),
      editor: await session('editor.stats', 'editor', 'xietu'),
      admin: await session('admin.stats', 'admin'),
    };
    resident = await createResident(t.app, '看板居民');
    const ids = await directoryIds(t.app);
    xietuCrew = { resident, dispatcher: dispatcherXietu, handler: others.handler, departmentId: ids.department('xietu-guanli') };
    fenglinCrew = {
      resident,
      dispatcher: dispatcherFenglin,
      handler: await session('handler.stats-fenglin', 'handler', 'fenglin-guanli'),
      departmentId: ids.department('fenglin-guanli'),
    };
    await concernAt(t.app, 'closed', xietuCrew);
    await concernAt(t.app, 'in_progress', xietuCrew);
    fenglinConcern = (await concernAt(t.app, 'awaiting_rating', fenglinCrew, { compound: 'fenglin-shuangfeng' })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the supervisor the three rates with their counts for the district and each street', async () => {
    const sut = await get<StatsOverviewView>(supervisor, `/api/v1/admin/stats/overview?${period}&groupBy=street`);
    expect(sut.total).toMatchObject({
      dispatched: 3,
      signedOnTime: 3,
      rated: 1,
      solved: 1,
      satisfied: 1,
      responseRate: 1,
      resolutionRate: 1,
      satisfactionRate: 1,
    });
    expect(row(sut.rows, 'xietu')).toMatchObject({ name: '斜土路街道', dispatched: 2, rated: 1 });
    expect(row(sut.rows, 'fenglin')).toMatchObject({ dispatched: 1, rated: 0, resolutionRate: null });
    expect(sut.backlog).toBe(2);
    expect(sut.overdue).toBe(0);
  });

  it('groups by lead department on request', async () => {
    const sut = await get<StatsOverviewView>(supervisor, `/api/v1/admin/stats/overview?${period}&groupBy=department`);
    expect(sut.rows.map((r) => r.key).sort()).toEqual(['fenglin-guanli', 'xietu-guanli']);
    expect(row(sut.rows, 'xietu-guanli')).toMatchObject({ dispatched: 2, solved: 1 });
  });

  it("shows a dispatcher only their street's concerns", async () => {
    const sut = await get<StatsOverviewView>(dispatcherXietu, `/api/v1/admin/stats/overview?${period}`);
    expect(sut.rows.map((r) => r.key)).toEqual(['xietu']);
    expect(sut.total.dispatched).toBe(2);
    expect(sut.backlog).toBe(1);
    const top = await get<StatsTopView>(dispatcherXietu, `/api/v1/admin/stats/top?${period}`);
    expect(top.compounds).toEqual([expect.objectContaining({ name: '恒益', count: 2 })]);
  });

  it('narrows the district to one street or one department when asked', async () => {
    const street = await get<StatsOverviewView>(supervisor, `/api/v1/admin/stats/overview?${period}&street=fenglin`);
    expect(street.total.dispatched).toBe(1);
    const department = await get<StatsOverviewView>(
      supervisor,
      `/api/v1/admin/stats/overview?${period}&department=${xietuCrew.departmentId}`,
    );
    expect(department.total.dispatched).toBe(2);
  });

  it('counts reported, ended, overdue and open concerns per day', async () => {
    const sut = await get<StatsTrendsView>(supervisor, `/api/v1/admin/stats/trends?${period}&interval=day`);
    expect(sut.points).toEqual([{ start: today, received: 3, closed: 1, overdue: 0, backlog: 2 }]);
  });

  it('lists the categories and compounds with the most concerns', async () => {
    const sut = await get<StatsTopView>(supervisor, `/api/v1/admin/stats/top?${period}`);
    expect(sut.categories).toEqual([expect.objectContaining({ name: '市容环境 / 垃圾分类与清运', count: 3 })]);
    expect(sut.compounds.map((c) => [c.name, c.count])).toEqual([
      ['恒益', 2],
      ['双峰', 1],
    ]);
  });

  it('counts the concerns by source (来源), every source listed', async () => {
    const sut = await get<StatsTopView>(supervisor, `/api/v1/admin/stats/top?${period}`);
    expect(sut.sources.map((s) => [s.source, s.name, s.count])).toEqual([
      ['miniapp', '小程序', 3],
      ['visit', '走访/座谈会', 0],
      ['open311', 'Open311 接口', 0],
      ['hotline', '12345 热线转办', 0],
      ['phone', '电话', 0],
      ['walk_in', '来访', 0],
    ]);
  });

  it('exports the same numbers as an Excel workbook', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/stats/export.xlsx?${period}`,
      headers: { authorization: supervisor.authorization },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['各项指标', '趋势', '诉求类别排行', '居民区排行', '来源分布']);
    expect(book.getWorksheet('来源分布')!.getRow(2).values).toEqual([undefined, '小程序', 3]);
    const rates = book.getWorksheet('各项指标')!;
    const values = rates.getSheetValues().filter(Boolean) as unknown[][];
    const total = values.find((r) => r[1] === '合计')!;
    // name, dispatched, signed on time, response rate, rated, solved, resolution rate, satisfied, basic, unsatisfied, satisfaction rate
    expect(total.slice(1, 12)).toEqual(['合计', 3, 3, 1, 1, 1, 1, 1, 0, 0, 1]);
    const trend = book.getWorksheet('趋势')!.getRow(2).values as unknown[];
    expect(trend.slice(1)).toEqual([today, 3, 1, 0, 2]);
  });

  it('moves the counts when a concern is rated and closed, and when a deadline passes', async () => {
    const rating = await call(t.app, 'POST', `/api/v1/concerns/${fenglinConcern}/rating`, resident, {
      solved: true,
      satisfaction: 'basic',
    });
    expect(rating.status).toBe(200);
    const after = await get<StatsOverviewView>(supervisor, `/api/v1/admin/stats/overview?${period}`);
    expect(after.total).toMatchObject({ rated: 2, solved: 2, satisfied: 1, basicallySatisfied: 1, satisfactionRate: 1 });
    expect(after.backlog).toBe(1);

    // A month from now the in-progress concern is past its due date: the sweep that runs then chases it,
    // and its chase counts on that day (reported and closed today, it stands in that day's backlog).
    const later = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000);
    await t.app.get(ConcernSweepService).sweep(later);
    const day = shanghaiDate(later);
    const trends = await get<StatsTrendsView>(supervisor, `/api/v1/admin/stats/trends?from=${today}&to=${day}&interval=day`);
    expect(trends.points[0]).toMatchObject({ start: today, received: 3, closed: 2, overdue: 0, backlog: 1 });
    expect(trends.points.at(-1)).toMatchObject({ start: day, received: 0, closed: 0, overdue: 1, backlog: 1 });
  });

  describe('refuses', () => {
    const ROUTES = ['overview', 'trends', 'top', 'export.xlsx'];

    it.each(['handler', 'editor', 'admin'] as const)('a %s on every dashboard route with 403', async (role) => {
      for (const route of ROUTES) {
        const res = await call(t.app, 'GET', `/api/v1/admin/stats/${route}?${period}`, others[role]);
        expect([route, res.status, errorOf(res).code]).toEqual([route, 403, 'FORBIDDEN']);
      }
    });

    it('a resident and a caller without a token', async () => {
      for (const route of ROUTES) {
        expect((await call(t.app, 'GET', `/api/v1/admin/stats/${route}?${period}`, resident)).status).toBe(403);
        expect((await call(t.app, 'GET', `/api/v1/admin/stats/${route}?${period}`, null)).status).toBe(401);
      }
    });

    it.each([
      ['a start after the end', 'from=2026-11-30&to=2026-11-01', '开始日期不能晚于结束日期'],
      ['a period over a year', 'from=2025-01-01&to=2026-11-30', '统计周期最长 366 天'],
      ['no dates', '', '请填写开始日期（格式 YYYY-MM-DD）'],
      ['a date that is not one', 'from=2026-13-45&to=2026-11-30', '日期无效'],
      ['an unknown grouping', `${period}&groupBy=city`, '分组方式应为 street、department、category 或 channel'],
    ])('%s with 400 and a message', async (_name, qs, message) => {
      for (const route of ['overview', 'export.xlsx']) {
        const res = await call(t.app, 'GET', `/api/v1/admin/stats/${route}?${qs}`, supervisor);
        expect(res.status).toBe(400);
        expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', message });
        expect(errorOf(res).message).toMatch(CJK);
      }
    });

    it('an unknown interval or a top list too long with 400', async () => {
      expect(errorOf(await call(t.app, 'GET', `/api/v1/admin/stats/trends?${period}&interval=month`, supervisor)).message).toBe(
        '间隔应为 day 或 week',
      );
      expect(errorOf(await call(t.app, 'GET', `/api/v1/admin/stats/top?${period}&limit=500`, supervisor)).message).toBe('数量为 1 至 50');
    });
  });
});
