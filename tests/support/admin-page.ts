/** The staff admin page in a browser: pages on an office screen, signing in, screenshots, and the workbench's actions. */

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { DEMO_PASSWORD } from './api.js';
import { apiSettled, watchPage, type PageProblems } from './browser.js';
import { REPO_ROOT } from './service.js';

const DESKTOP = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true } as const;

export async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  expect(await locator.isVisible()).toBe(true);
}

/** Desktop pages of the admin page, each in its own browser context (its own session), closed together at the end. */
export function adminPages(baseUrl: () => string, browser: () => Browser, { timeout = 20_000 } = {}) {
  const contexts: BrowserContext[] = [];
  return {
    async newPage(): Promise<{ page: Page; problems: PageProblems }> {
      const context = await browser().newContext({ ...DESKTOP });
      context.setDefaultTimeout(timeout);
      contexts.push(context);
      const page = await context.newPage();
      return { page, problems: watchPage(page) };
    },
    async logIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
      await page.goto(`${baseUrl()}/admin/`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      await expectVisible(page.getByTestId('current-user'));
      await apiSettled(page);
    },
    async closeAll(): Promise<void> {
      for (const context of contexts) await context.close();
    },
  };
}

/** A folder tests/artifacts/screenshots/<name>-<run>/ and a full-page screenshot into it, after antd's animations settle. */
export async function screenshots(name: string, settleMs = 400) {
  const dir = join(REPO_ROOT, 'tests', 'artifacts', 'screenshots', `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(dir, { recursive: true });
  const shot = async (page: Page, file: string): Promise<string> => {
    await page.waitForTimeout(settleMs);
    const path = join(dir, `${file}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
  return { dir, shot };
}

/** The concern workbench (办理): its heading's status and the actions' toolbar. */
export const workbench = (page: Page) => page.locator('article.workbench');
export const actions = (page: Page) => page.getByRole('toolbar', { name: '办理操作' });
export const expectStatus = (page: Page, status: string) =>
  expectVisible(workbench(page).locator(`.page-heading [data-status="${status}"]`));

/** Presses an action's button, fills its form, confirms, and waits for the new status. */
export async function act(page: Page, label: string, status: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await actions(page).getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expectVisible(dialog);
  await fill?.(dialog);
  await dialog.getByRole('button', { name: `确认${label}` }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expectStatus(page, status);
}
