/** The frame every admin-page browser test shares: the built service, Chromium, desktop pages and a screenshots folder. */

import type { Browser, Page } from 'playwright-core';

import { adminPages, screenshots } from './admin-page.js';
import { apiClient } from './api.js';
import { launchBrowser } from './browser.js';
import { REPO_ROOT, startService, type RunningService, type StartServiceOptions } from './service.js';

export interface AdminSuiteOptions {
  /** How the service starts; the admin build is always required. */
  service?: Omit<StartServiceOptions, 'requireAdmin'>;
  /** Pause before each screenshot, for antd's animations. */
  settleMs?: number;
  /** The start-up's allowance (a demo-mode start seeds the district first). */
  startTimeout?: number;
}

/**
 * Registers the describe block's beforeAll (screenshots folder, service, browser) and afterAll (pages, browser
 * and service closed; the screenshots folder said) and hands back what the tests use. Call it at the top of
 * the describe; a later beforeAll of the file runs after this one, with the service up.
 */
export function adminSuite(name: string, { service: serviceOptions = {}, settleMs, startTimeout = 90_000 }: AdminSuiteOptions = {}) {
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  let shots: Awaited<ReturnType<typeof screenshots>> | undefined;
  const baseUrl = () => service!.baseUrl;
  const pages = adminPages(baseUrl, () => browser!);

  beforeAll(async () => {
    shots = await screenshots(name, settleMs);
    service = await startService({ ...serviceOptions, requireAdmin: true });
    browser = await launchBrowser();
  }, startTimeout);

  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await service?.stop();
    if (shots) console.log(`${name} screenshots: ${shots.dir.slice(REPO_ROOT.length)}`);
  });

  return {
    ...pages,
    api: apiClient(baseUrl),
    baseUrl,
    service: () => service!,
    browser: () => browser!,
    shotsDir: () => shots!.dir,
    shot: (page: Page, file: string) => shots!.shot(page, file),
  };
}
