import { readFile } from 'node:fs/promises';

import type { DepartmentView, StreetView } from '@manyi/shared';
import type { Browser, Page } from 'playwright-core';

import { adminPages, expectVisible, screenshots } from '../support/admin-page.js';
import { apiClient, DEMO_PASSWORD, type Json } from '../support/api.js';
import { launchBrowser } from '../support/browser.js';
import { previewResident, reportConcern } from '../support/concerns.js';
import { startService, type RunningService } from '../support/service.js';

// The management pages of the staff admin page, on the built service with demo accounts in Debian's
// Chromium: the supervisor's dashboard counts move after a concern is closed through the API and its
// Excel export downloads; an admin manages the directory, creates a staff account whose temporary
// password then signs in, and finds it in the audit log. Screenshots of each page go to
// tests/artifacts/screenshots/admin-dashboard-<run>/.
// Needs: npm run build (shared, cloud, admin) and bash scripts/ensure-chromium.sh.

/** "3 / 5（已解决 / 评价）" → [3, 5] */
function counts(text: string | null): [number, number] {
  const match = /^(\d+) \/ (\d+)/.exec(text ?? '');
  if (!match) throw new Error(`not a count: ${text}`);
  return [Number(match[1]), Number(match[2])];
}

describe('the management pages of the admin page', () => {
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  let shot: Awaited<ReturnType<typeof screenshots>>['shot'];

  const api = apiClient(() => service!.baseUrl);
  const { newPage, logIn, closeAll } = adminPages(
    () => service!.baseUrl,
    () => browser!,
  );
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const res = await api('POST', '/auth/staff/login', undefined, { username, password });
    expect(res.status).toBe(200);
    return res.body.token as string;
  };

  /** A resident reports a concern; the street's dispatcher and the department's handler walk it to closed through the API. */
  const closeOneConcern = async () => {
    const resident = await previewResident(api, '王老伯');
    const { id } = await reportConcern(api, resident, {
      title: '楼道灯坏了一个月',
      description: '5号楼三楼楼道灯一直不亮，老人晚上上下楼很危险。',
    });
    const departments = (await api('GET', '/departments')).body.items as DepartmentView[];
    const dispatcher = await login('dispatcher.xietu');
    const handler = await login('handler.xietu-guanli');
    const steps: Array<[string, string, Json]> = [
      [dispatcher, 'accept', {}],
      [dispatcher, 'dispatch', { departmentId: departments.find((d) => d.code === 'xietu-guanli')!.id }],
      [handler, 'sign', {}],
      [handler, 'reply', { text: '已更换5号楼三楼楼道灯，并检查了其他楼层。' }],
      [dispatcher, 'approve-reply', {}],
    ];
    for (const [token, action, body] of steps) expect((await api('POST', `/admin/concerns/${id}/${action}`, token, body)).status).toBe(200);
    expect((await api('POST', `/concerns/${id}/rating`, resident, { solved: true, satisfaction: 'satisfied' })).status).toBe(200);
  };

  const menu = (page: Page, label: string) => page.getByRole('menuitem', { name: label }).click();
  beforeAll(async () => {
    service = await startService({ requireAdmin: true });
    browser = await launchBrowser();
    ({ shot } = await screenshots('admin-dashboard', 500)); // 500 ms: antd's animations and ECharts' first draw
  }, 90_000);

  afterAll(async () => {
    await closeAll();
    await browser?.close();
    await service?.stop();
  });

  it("moves the supervisor's dashboard counts when a concern is closed, and exports them to Excel", async () => {
    const { page, problems } = await newPage();
    await logIn(page, 'supervisor');
    await menu(page, '数据看板');
    expect(new URL(page.url()).pathname).toBe('/admin/dashboard');
    const resolution = page.getByTestId('rate-resolution-counts');
    const response = page.getByTestId('rate-response-counts');
    await expectVisible(resolution);
    const [solvedBefore, ratedBefore] = counts(await resolution.textContent());
    const [, dispatchedBefore] = counts(await response.textContent());

    await closeOneConcern();
    await page.getByRole('button', { name: '刷新' }).click();
    await expectVisible(resolution.filter({ hasText: new RegExp(`^${solvedBefore + 1} / ${ratedBefore + 1}（`) }));
    expect(counts(await response.textContent())[1]).toBe(dispatchedBefore + 1);
    await expectVisible(page.getByTestId('rates-table').getByText('斜土路街道'));
    expect(await page.locator('[data-testid="dashboard"] canvas').count()).toBeGreaterThanOrEqual(3);
    await shot(page, 'dashboard');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^数据看板-\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await readFile((await download.path())!);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK'); // an xlsx is a zip

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
  }, 120_000);

  it('lets an admin manage the directory, create a staff account whose temporary password signs in, and find it in the audit log', async () => {
    const { page, problems } = await newPage();
    await logIn(page, 'admin');
    // An admin has no inbox: the page opens on the directory, and the menu has no dashboard.
    await page.waitForURL(/\/admin\/directory\/streets$/);
    expect(await page.getByRole('menuitem', { name: '数据看板' }).count()).toBe(0);
    await expectVisible(page.getByRole('cell', { name: '斜土路街道' }));
    await shot(page, 'directory-streets');
    for (const [tab, slug] of [
      ['居民区', 'compounds'],
      ['部门', 'departments'],
      ['诉求类别', 'categories'],
      ['派单规则', 'routing-rules'],
    ] as const) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.waitForURL(new RegExp(`/admin/directory/${slug}$`));
      await expectVisible(page.locator('.ant-table-row').first());
      await shot(page, `directory-${slug}`);
    }
    await page.getByRole('button', { name: '新增派单规则' }).click();
    await expectVisible(page.getByRole('dialog'));
    await shot(page, 'directory-routing-rule-form');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

    await menu(page, '账号管理');
    await expectVisible(page.getByRole('cell', { name: 'dispatcher.xietu', exact: true }));
    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('dispatcher.xietu-night');
    await dialog.getByLabel('姓名').fill('夜班派单员');
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-item-option', { hasText: '街道派单员' }).click();
    await dialog.getByLabel('所属街道').click();
    await page.locator('.ant-select-item-option', { hasText: '斜土路街道' }).click();
    await dialog.getByRole('button', { name: '保存' }).click();
    const password = page.getByTestId('temporary-password');
    await expectVisible(password);
    const temporary = (await password.textContent())!.trim();
    expect(temporary).toMatch(/^[A-Za-z0-9]{14}$/);
    await shot(page, 'staff-temporary-password');
    await page.getByRole('button', { name: '我已记下' }).click();
    await page.getByLabel('搜索账号').fill('夜班');
    await page.getByLabel('搜索账号').press('Enter');
    await expectVisible(page.getByRole('cell', { name: 'dispatcher.xietu-night' }));
    await shot(page, 'staff');

    // A temporary password signs in, but its session may only change it (issue 21).
    const temporaryToken = await login('dispatcher.xietu-night', temporary);
    expect((await api('GET', '/admin/whoami', temporaryToken)).body).toMatchObject({ error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    const changed = await api('POST', '/auth/staff/password', temporaryToken, {
      currentPassword: temporary,
      newPassword: 'Night-Shift-2026',
    });
    expect(changed.status).toBe(200);
    const token = changed.body.token as string;
    const streets = (await api('GET', '/streets')).body.items as StreetView[];
    expect((await api('GET', '/admin/whoami', token)).body).toMatchObject({
      role: 'dispatcher',
      streetId: streets.find((s) => s.code === 'xietu')!.id,
    });

    await menu(page, '操作日志');
    const row = page.getByRole('row', { name: /staff\.create/ });
    await expectVisible(row);
    await expectVisible(row.getByText('admin', { exact: true }));
    await shot(page, 'audit');

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
  }, 120_000);
});
