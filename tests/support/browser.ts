import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page, type Request } from 'playwright-core';

/** Debian's Chromium (scripts/ensure-chromium.sh installs it with the CJK and emoji fonts). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A phone about the size of an iPhone 14: what a resident opens the h5 build on. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
} as const;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run bash scripts/ensure-chromium.sh first`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function newPhoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ ...PHONE });
}

export interface PageProblems {
  /** console.error messages and uncaught exceptions. */
  consoleErrors: string[];
  /** Requests to /api/ that got no answer, or answered 4xx/5xx. */
  failedApiRequests: string[];
}

/** The API requests each watched page has on the way, for apiSettled(). */
const pendingApi = new WeakMap<Page, Set<Request>>();

/**
 * Waits until a watched page has no API request on the way (at most `timeoutMs`). A test that navigates
 * right after signing in would otherwise cancel what the shell asked for on its own (the inbox, the
 * calendar banner), and a cancelled request counts as a failed one.
 */
export async function apiSettled(page: Page, timeoutMs = 5000): Promise<void> {
  const pending = pendingApi.get(page);
  const until = Date.now() + timeoutMs;
  while (pending && pending.size > 0 && Date.now() < until) await page.waitForTimeout(20);
}

/** Collects what should stay empty while a page is used: console errors and failed API requests. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], failedApiRequests: [] };
  const isApi = (request: Request) => new URL(request.url()).pathname.startsWith('/api/');
  const pending = new Set<Request>();
  pendingApi.set(page, pending);
  page.on('request', (request) => {
    if (isApi(request)) pending.add(request);
  });
  page.on('requestfinished', (request) => pending.delete(request));

  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') {
      const { url, lineNumber } = message.location();
      problems.consoleErrors.push(`${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    pending.delete(request);
    if (isApi(request))
      problems.failedApiRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    if (isApi(response.request()) && response.status() >= 400) {
      problems.failedApiRequests.push(`${response.request().method()} ${response.url()}: ${response.status()}`);
    }
  });
  return problems;
}

/**
 * Waits until Taro's h5 router has finished a step: one page open (the others hidden behind it) and done
 * sliding in. A browser back within its 300 ms animation leaves a page mounted but hidden, and the page
 * then shown stays blank, so a step is awaited before going back, as a resident sees a page before
 * leaving it.
 */
export async function pagesSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const open = [...document.querySelectorAll('.taro_page:not(.taro_page_shade)')];
    return open.length === 1 && open[0]!.classList.contains('taro_page_stationed');
  });
}
