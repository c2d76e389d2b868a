import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';

import { launchBrowser, newPhoneContext, watchPage } from '../support/browser.js';
import { startService, type RunningService } from '../support/service.js';

// A resident reports a concern in the h5 build against the real service: preview login, the report
// form, the preview, submit, and the concern page with its status 待受理.
// Needs: npm run build (shared, cloud, miniapp h5) and bash scripts/ensure-chromium.sh.

async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  expect(await locator.isVisible()).toBe(true);
}

function tab(page: Page, text: string): Locator {
  return page.locator('taro-tabbar').getByRole('link', { name: text, exact: true });
}

async function typeText(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  // In the h5 build Taro's Input and Textarea are web components holding the real field.
  await field.locator('input, textarea').fill(value);
}

describe('a resident reports a concern in the h5 build', () => {
  let service: RunningService | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    service = await startService({ requireH5: true });
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('logs in, fills the form, previews, submits and sees the concern 待受理', async () => {
    const context = await newPhoneContext(browser!);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems = watchPage(page);
    const shots = await mkdtemp(join(tmpdir(), 'manyi-report-'));

    // The street is remembered from 资讯.
    await page.goto(`${service!.baseUrl}/h5/`);
    await page.getByRole('listbox', { name: '选择街道' }).getByRole('option', { name: '徐家汇街道' }).tap();

    await tab(page, '我要反映').tap();
    await typeText(page, '昵称', '测试居民');
    await page.getByRole('button', { name: '预览登录' }).tap();

    await page.getByRole('listbox', { name: '诉求大类' }).getByRole('option', { name: '市容环境' }).tap();
    const leaves = page.getByRole('listbox', { name: '市容环境的具体类别' }).getByRole('option');
    await leaves.first().tap();
    await page.getByRole('listbox', { name: '选择小区' }).getByRole('option').first().tap();
    await typeText(page, '标题', '楼道灯坏了');
    await typeText(page, '问题描述', '3号楼二楼楼道灯坏了一周，晚上看不见台阶。');
    await typeText(page, '地点', '3号楼二楼');
    await page.screenshot({ path: join(shots, 'form.png') });

    await page.getByRole('button', { name: '下一步：预览' }).tap();
    await expectVisible(page.getByRole('button', { name: '确认提交' }));
    await expectVisible(page.getByText('楼道灯坏了', { exact: true }));
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(shots, 'preview.png') });

    await page.getByRole('button', { name: '确认提交' }).tap();
    const timeline = page.getByRole('list', { name: '办理进度' });
    await expectVisible(timeline.getByText('提交诉求', { exact: true }));
    await expectVisible(page.locator('.status-chip').getByText('待受理', { exact: true }));
    expect(page.url()).toContain('packages/concerns/pages/detail/index');
    await page.waitForTimeout(600); // Taro's h5 page transition slides the new page in
    await page.screenshot({ path: join(shots, 'concern.png') });
    console.log(`report screenshots: ${shots}`);

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
    await context.close();
  }, 60_000);
});
