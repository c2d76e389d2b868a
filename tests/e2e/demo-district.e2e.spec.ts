import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { StatsTrendsView } from '@manyi/shared';
import type { Locator, Page } from 'playwright-core';

import { expectVisible } from '../support/admin-page.js';
import { adminSuite } from '../support/admin-suite.js';
import { DEMO_PASSWORD } from '../support/api.js';
import { newPhoneContext, watchPage } from '../support/browser.js';

// The demo district (issue 24), on the built service after a fresh start in demo mode, in Debian's
// Chromium: the supervisor's dashboard has rates by street with their counts and trends with shape;
// every saved inbox view of the demo roles has concerns in it; 演示居民 signs in on the h5 build, sees
// their concerns and sign-ups, and rates the reply that waits for them. Screenshots go to
// tests/artifacts/screenshots/demo-district-<run>/.
// Needs: npm run build (shared, cloud, admin, miniapp h5) and bash scripts/ensure-chromium.sh.

/** "3 / 5（已解决 / 评价）" → [3, 5] */
function counts(text: string | null): [number, number] {
  const match = /^(\d+) \/ (\d+)/.exec(text ?? '');
  if (!match) throw new Error(`not a count: ${text}`);
  return [Number(match[1]), Number(match[2])];
}

/** Taro keeps earlier pages in the document, hidden: only what the resident can see counts. */
const seen = (locator: Locator): Locator => locator.filter({ visible: true }).first();
const tab = (page: Page, text: string) => page.locator('taro-tabbar').getByRole('link', { name: text, exact: true });

/** The saved views of each demo role's menu (cloud/admin/src/inbox/inbox-views.ts), by their address. */
const VIEWS: Record<string, string[]> = {
  supervisor: ['submitted', 'to-dispatch', 'to-review', 'overdue', 'escalated', 'all'],
  'dispatcher.xietu': ['submitted', 'to-dispatch', 'to-review', 'overdue', 'all'],
  'handler.xietu-guanli': ['to-sign', 'in-progress', 'overdue', 'all'],
};

describe('the demo district after a fresh start in demo mode', () => {
  // At info level the start-up log has the seeding's line, with how long it took.
  const { newPage, logIn, api, shot, baseUrl, browser, shotsDir, service } = adminSuite('demo-district', {
    service: { requireH5: true, env: { LOG_LEVEL: 'info' } },
    settleMs: 500,
    startTimeout: 120_000,
  });

  beforeAll(() => {
    const seeded = /demo district seeded: (\d+) concerns in (\d+) ms/.exec(service().output());
    expect(seeded).not.toBeNull();
    console.log(`demo district: ${seeded![1]} concerns seeded in ${seeded![2]} ms at start-up`);
  });

  it("shows the supervisor's dashboard with rates by street, their counts, and trends with shape", async () => {
    const { page, problems } = await newPage();
    await logIn(page, 'supervisor');
    await page.getByRole('menuitem', { name: '数据看板' }).click();
    const resolution = page.getByTestId('rate-resolution-counts');
    await expectVisible(resolution);
    const [solved, rated] = counts(await resolution.textContent());
    const [signedOnTime, dispatched] = counts(await page.getByTestId('rate-response-counts').textContent());
    expect(rated).toBeGreaterThan(10);
    expect(solved).toBeGreaterThan(0);
    expect(dispatched).toBeGreaterThan(10);
    expect(signedOnTime).toBeGreaterThan(0);
    // Several streets, each row with its counts.
    const rows = page.getByTestId('rates-table').locator('.ant-table-row');
    await expectVisible(rows.first());
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    await expectVisible(page.getByTestId('rates-table').getByText('斜土路街道'));
    expect(await page.locator('[data-testid="dashboard"] canvas').count()).toBeGreaterThanOrEqual(3);
    await shot(page, 'dashboard');

    // The trends over the 60 days: reports arrive on many days, in different numbers, and a backlog stands.
    const token = (await api('POST', '/auth/staff/login', undefined, { username: 'supervisor', password: DEMO_PASSWORD })).body
      .token as string;
    const day = (ago: number) => new Date(Date.now() + 8 * 3_600_000 - ago * 86_400_000).toISOString().slice(0, 10);
    const trends = (await api('GET', `/admin/stats/trends?from=${day(59)}&to=${day(0)}&interval=day`, token))
      .body as unknown as StatsTrendsView;
    const received = trends.points.map((p) => p.received);
    expect(received.filter((n) => n > 0).length).toBeGreaterThan(30);
    expect(new Set(received).size).toBeGreaterThan(3);
    expect(trends.points.some((p) => p.closed > 0)).toBe(true);
    expect(trends.points.some((p) => p.overdue > 0)).toBe(true);
    expect(trends.points.at(-1)!.backlog).toBeGreaterThan(0);

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
  }, 120_000);

  it.each(Object.entries(VIEWS))(
    'gives %s concerns in every saved inbox view',
    async (username, views) => {
      const { page, problems } = await newPage();
      await logIn(page, username);
      for (const view of views) {
        await page.goto(`${baseUrl()}/admin/inbox/${view}`);
        await expectVisible(page.locator('.ant-table-row').first());
        expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(0);
        await shot(page, `${username}-${view}`);
      }
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedApiRequests).toEqual([]);
    },
    120_000,
  );

  it('lets 演示居民 follow their concerns and sign-ups in the h5 build, and rate the reply waiting for them', async () => {
    const context = await newPhoneContext(browser());
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const problems = watchPage(page);
    const h5Shots = join(shotsDir(), 'h5');
    await mkdir(h5Shots, { recursive: true });
    let step = 0;
    const phoneShot = async (name: string) => {
      await page.waitForTimeout(600); // Taro's h5 page transition slides the new page in
      step += 1;
      await page.screenshot({ path: join(h5Shots, `${String(step).padStart(2, '0')}-${name}.png`) });
    };

    await page.goto(`${baseUrl()}/h5/`);
    await seen(page.getByRole('listbox', { name: '选择街道' }).getByRole('option', { name: '斜土路街道' })).tap();
    await tab(page, '我的').tap();
    await seen(page.getByRole('button', { name: '演示居民' })).tap();
    const mine = seen(page.getByRole('list', { name: '我的诉求' }));
    await expectVisible(mine.getByRole('listitem').first());
    expect(await mine.getByRole('listitem').count()).toBeGreaterThanOrEqual(5);
    await expectVisible(
      seen(page.getByRole('list', { name: '我的报名' }))
        .getByRole('listitem')
        .first(),
    );
    await phoneShot('me');

    const waiting = mine
      .getByRole('listitem')
      .filter({ has: page.locator('.status-chip', { hasText: '待评价' }) })
      .first();
    await waiting.tap();
    await expectVisible(seen(page.locator('.status-chip').getByText('待评价', { exact: true })));
    await phoneShot('concern-awaiting-rating');
    await seen(page.getByRole('listbox', { name: '问题是否解决' }).getByRole('option', { name: '已解决' })).tap();
    await seen(page.getByRole('listbox', { name: '满意程度' }).getByRole('option', { name: '满意', exact: true })).tap();
    await seen(page.getByRole('button', { name: '提交评价' })).tap();
    await expectVisible(seen(page.locator('.status-chip').getByText('已办结', { exact: true })));
    await phoneShot('concern-rated');

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
    await context.close();
  }, 120_000);
});
