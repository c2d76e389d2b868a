import { CALENDAR_HORIZON_DAYS, shanghaiDate, type CalendarOverviewView, type CalendarYearView } from '@manyi/shared';
import type { Browser, Page } from 'playwright-core';

import { adminPages, expectVisible, screenshots } from '../support/admin-page.js';
import { apiClient, staffToken } from '../support/api.js';
import { launchBrowser } from '../support/browser.js';
import { startService, type RunningService } from '../support/service.js';

// The working calendar on the built service with demo accounts in Debian's Chromium: while the year
// the next 60 days reach has no holidays entered, a dispatcher and an admin see the banner; the admin
// pastes that year's State Council notice, checks the days marked in the year view and saves once; the
// banner goes away for both. Independent of today's date: the year is computed, and deleted first
// through the API if the fresh demo database already holds it. Screenshots go to
// tests/artifacts/screenshots/admin-calendar-<run>/.
// Needs: npm run build (shared, cloud, admin) and bash scripts/ensure-chromium.sh.

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => weekdayOf(date) === 0 || weekdayOf(date) === 6;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** "2月7日（周六）" as the notices write a date. */
const written = (date: string, withMonth = true) =>
  `${withMonth ? `${Number(date.slice(5, 7))}月` : ''}${Number(date.slice(8, 10))}日（周${WEEKDAYS[weekdayOf(date)]}）`;

/**
 * A notice for `year` in the State Council's format: 元旦 on 1 January, 春节 10–16 February with a
 * make-up working day on the weekend day before and after it, 国庆节 1–7 October. Plausible, not real:
 * generated so the test works for any year.
 */
function noticeFor(year: number) {
  const springStart = iso(year, 2, 10);
  const springEnd = iso(year, 2, 16);
  let before = addDays(springStart, -1);
  while (!isWeekend(before)) before = addDays(before, -1);
  let after = addDays(springEnd, 1);
  while (!isWeekend(after)) after = addDays(after, 1);
  const newYear = iso(year, 1, 1);
  const national = [iso(year, 10, 1), iso(year, 10, 7)] as const;
  const text = [
    `国务院办公厅关于${year}年部分节假日安排的通知`,
    '',
    '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
    `    经国务院批准，现将${year}年元旦、春节和国庆节放假调休日期的具体安排通知如下。`,
    `    一、元旦：${written(newYear)}放假1天，不调休。`,
    `    二、春节：${written(springStart)}至${written(springEnd, false)}放假调休，共7天。${written(before)}、${written(after)}上班。`,
    `    三、国庆节：${written(national[0])}至${written(national[1], false)}放假调休，共7天。`,
    '    节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、应急等工作，确保人民群众祥和平安度过节日假期。',
    '',
    '国务院办公厅',
    `${year - 1}年11月4日`,
  ].join('\n');
  return { text, holiday: iso(year, 2, 12), makeUp: [before, after] as const, holidays: 15 };
}

describe('the working calendar on the admin page', () => {
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  let shot: Awaited<ReturnType<typeof screenshots>>['shot'];

  const api = apiClient(() => service!.baseUrl);
  const { newPage, logIn, closeAll } = adminPages(
    () => service!.baseUrl,
    () => browser!,
  );
  const banner = (page: Page) => page.getByTestId('calendar-banner');

  beforeAll(async () => {
    service = await startService({ requireAdmin: true });
    browser = await launchBrowser();
    ({ shot } = await screenshots('admin-calendar', 500)); // 500 ms: antd's dialogs and messages settle
  }, 90_000);

  afterAll(async () => {
    await closeAll();
    await browser?.close();
    await service?.stop();
  });

  it('shows the banner while the coming year is missing, and an admin enters it from the notice in one save', async () => {
    // The year the next 60 days reach, as the service computes its coverage (Shanghai dates).
    const year = Number(shanghaiDate(new Date(Date.now() + CALENDAR_HORIZON_DAYS * DAY_MS)).slice(0, 4));
    const admin = await staffToken(api, 'admin');
    const existing = await api('GET', `/admin/calendar/${year}`, admin);
    expect(existing.status).toBe(200);
    if ((existing.body as unknown as CalendarYearView).published)
      expect((await api('DELETE', `/admin/calendar/${year}`, admin)).status).toBe(200);
    const overview = (await api('GET', '/admin/calendar', admin)).body as unknown as CalendarOverviewView;
    expect(overview.coverage.missingYears).toEqual([year]);

    // A dispatcher is told, and told whom to ask.
    const dispatcher = await newPage();
    await logIn(dispatcher.page, 'dispatcher.xietu');
    await expectVisible(banner(dispatcher.page));
    expect(await banner(dispatcher.page).textContent()).toContain(`工作日历缺少 ${year} 年的节假日安排`);
    expect(await banner(dispatcher.page).textContent()).toContain('请联系系统管理员录入');
    await shot(dispatcher.page, 'dispatcher-banner');

    // The admin is offered the year, and the page opens on it.
    const { page, problems } = await newPage();
    await logIn(page, 'admin');
    await expectVisible(banner(page));
    await expectVisible(page.getByRole('menuitem', { name: '工作日历' }));
    await banner(page)
      .getByRole('button', { name: `录入 ${year} 年` })
      .click();
    await page.waitForURL(new RegExp(`/admin/calendar/${year}$`));
    const status = page.getByTestId('calendar-status');
    await expectVisible(status.getByText('未录入', { exact: true }));
    expect(await page.locator('.month-calendar').count()).toBe(12);
    await shot(page, 'calendar-missing-year');

    // The notice, pasted and read: its days and the year, nothing saved yet.
    const notice = noticeFor(year);
    await page.getByRole('button', { name: '导入国务院通知' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('通知全文').fill(notice.text);
    await dialog.getByRole('button', { name: '解析' }).click();
    const result = dialog.getByTestId('notice-result');
    await expectVisible(result);
    expect(await result.textContent()).toContain(`${year} 年：放假 ${notice.holidays} 天，调休上班 2 天`);
    await expectVisible(result.getByRole('cell', { name: notice.makeUp[0], exact: true }));
    await shot(page, 'calendar-import');
    expect(((await api('GET', `/admin/calendar/${year}`, admin)).body as unknown as CalendarYearView).published).toBe(false);

    // Applied as the year's draft: holidays and make-up days marked in the year view.
    await dialog.getByRole('button', { name: '应用到年历' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const cell = (date: string) => page.locator(`.year-calendar [data-date="${date}"]`);
    await expectVisible(cell(notice.holiday).and(page.locator('[data-kind="holiday"]')));
    expect(await cell(notice.holiday).textContent()).toContain('休');
    expect(await cell(notice.holiday).getAttribute('title')).toContain('春节 放假');
    for (const date of notice.makeUp) {
      expect(await cell(date).getAttribute('data-kind')).toBe('workday');
      expect(await cell(date).textContent()).toContain('班');
    }
    expect(await cell(`${year}-10-03`).getAttribute('data-kind')).toBe('holiday');
    await expectVisible(page.getByTestId('calendar-draft'));
    await shot(page, 'calendar-draft');

    // One save, confirmed: the year is published and the banner goes away.
    await status.getByRole('button', { name: '保存' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await expectVisible(confirm.getByText('所有在办诉求的期限将按新的日历重新计算'));
    await confirm.getByRole('button', { name: '保存' }).click();
    await expectVisible(page.getByText(/^已保存，\d+ 件在办诉求的期限已重新计算$/));
    await expectVisible(status.getByText('已发布', { exact: true }));
    await banner(page).waitFor({ state: 'hidden' });
    expect(await banner(page).count()).toBe(0);
    await shot(page, 'calendar-saved');

    const saved = (await api('GET', `/admin/calendar/${year}`, admin)).body as unknown as CalendarYearView;
    expect(saved).toMatchObject({ published: true, source: 'notice', updatedBy: 'admin' });
    expect(saved.days).toHaveLength(notice.holidays + 2);

    // 时限设置 is the admin's too: every rule beside its default.
    await page.getByRole('menuitem', { name: '时限设置' }).click();
    await page.waitForURL(/\/admin\/settings\/deadlines$/);
    await expectVisible(page.getByTestId('default-triageWorkingHours').getByText('默认 4'));
    await shot(page, 'deadline-settings');

    // The dispatcher's next page load has no banner.
    const answered = dispatcher.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/admin/calendar' && r.status() === 200);
    await dispatcher.page.reload();
    await answered;
    await expectVisible(dispatcher.page.getByTestId('current-user'));
    await dispatcher.page.waitForTimeout(300);
    expect(await banner(dispatcher.page).count()).toBe(0);
    await shot(dispatcher.page, 'dispatcher-no-banner');

    for (const p of [problems, dispatcher.problems]) {
      expect(p.consoleErrors).toEqual([]);
      expect(p.failedApiRequests).toEqual([]);
    }
  }, 180_000);
});
