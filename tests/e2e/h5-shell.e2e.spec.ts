import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { launchBrowser, newPhoneContext, watchPage, type PageProblems } from '../support/browser.js';
import { startService, type RunningService } from '../support/service.js';

// The h5 build of the mini-program, served at /h5/ by the built service (node cloud/dist/main.js) on a
// fresh SQLite database with demo content, opened in Debian's Chromium on a phone-sized screen.
// Needs: npm run build (shared, cloud, miniapp h5) and bash scripts/ensure-chromium.sh.

const STREETS_ERROR = { error: { code: 'SERVICE_UNAVAILABLE', message: '服务繁忙，请稍后再试' } };
const TABS = ['资讯', '走访', '我要反映', '我的'];
/** The first line of the 我的 page's introduction. */
const ME_INTRO = '查看我反映的诉求和报名的走访';

/** Waits until the locator is visible; a timeout fails the test with the locator in the message. */
async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  expect(await locator.isVisible()).toBe(true);
}

async function expectHidden(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'hidden' });
  expect(await locator.isVisible()).toBe(false);
}

function streetList(page: Page): Locator {
  return page.getByRole('listbox', { name: '选择街道' });
}

function tab(page: Page, text: string): Locator {
  // Taro's h5 tab bar: <taro-tabbar> with one <a href="javascript:;"> per tab, named by its label.
  return page.locator('taro-tabbar').getByRole('link', { name: text, exact: true });
}

describe('a resident opens the mini-program in a browser', () => {
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    service = await startService({ requireH5: true });
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  beforeEach(async () => {
    context = await newPhoneContext(browser!);
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    problems = watchPage(page);
  });

  afterEach(async () => {
    await context?.close();
  });

  it('sees the streets on the 资讯 tab, the tab bar, and the 我的 page', async () => {
    const api = await fetch(`${service!.baseUrl}/api/v1/streets`);
    expect(api.status).toBe(200);
    const { items } = (await api.json()) as { items: { name: string }[] };

    await page.goto(`${service!.baseUrl}/h5/`);

    // 资讯: the streets come from the API, all of them, in its order.
    const streets = streetList(page);
    await expectVisible(streets.getByRole('option', { name: '斜土路街道' }));
    await expectVisible(streets.getByRole('option', { name: '华泾镇' }));
    expect(await streets.getByRole('option').allTextContents()).toEqual(items.map((street) => street.name));

    // The tab bar shows the four tabs.
    for (const text of TABS) await expectVisible(tab(page, text));

    // Picking a street says which one is chosen and folds the list away; 更换 shows it again, the street selected.
    await streets.getByRole('option', { name: '华泾镇' }).tap();
    await expectVisible(page.getByText('当前街道：华泾镇'));
    await expectHidden(streets);
    await page.getByRole('button', { name: '更换街道' }).tap();
    expect(await streets.getByRole('option', { name: '华泾镇' }).getAttribute('aria-selected')).toBe('true');

    const shots = await mkdtemp(join(tmpdir(), 'manyi-h5-shell-'));
    const newsShot = join(shots, 'news.png');
    await page.screenshot({ path: newsShot });

    // 我的
    await tab(page, '我的').tap();
    await expectVisible(page.getByText(ME_INTRO));
    expect(page.url()).toContain('#/pages/me/index');
    await expectHidden(streets);
    const meShot = join(shots, 'me.png');
    await page.screenshot({ path: meShot });
    console.log(`h5 shell screenshots: ${newsShot} and ${meShot}`);

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
  });

  it('sees the error with 重试 when the API is busy, and the streets after 重试', async () => {
    await page.route('**/api/v1/streets', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json; charset=utf-8', body: JSON.stringify(STREETS_ERROR) }),
    );

    await page.goto(`${service!.baseUrl}/h5/`);

    await expectVisible(page.getByText(STREETS_ERROR.error.message));
    // Taro's h5 <Button> renders <taro-button-core> without role="button", so find it by its text.
    const retry = page.getByRole('button', { name: '重试' });
    await expectVisible(retry);
    expect(await streetList(page).count()).toBe(0);

    await page.unroute('**/api/v1/streets');
    await retry.tap();

    await expectVisible(streetList(page).getByRole('option', { name: '斜土路街道' }));
    await expectVisible(streetList(page).getByRole('option', { name: '华泾镇' }));
    await expectHidden(page.getByText(STREETS_ERROR.error.message));
    await expectHidden(retry);

    // The one 503 answered on purpose, and Chromium's console line about it; nothing else.
    const streetsUrl = `${service!.baseUrl}/api/v1/streets`;
    expect(problems.failedApiRequests).toEqual([`GET ${streetsUrl}: 503`]);
    expect(problems.consoleErrors).toEqual([
      `Failed to load resource: the server responded with a status of 503 (Service Unavailable) (${streetsUrl}:0)`,
    ]);
  });
});
