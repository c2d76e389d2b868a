/**
 * The front ends: the weapp build's package sizes (WeChat caps the main package at 2 MB; the issue's
 * budget is 1 MB) and the h5 build's first page in headless Chromium on a phone viewport.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './cloud.js';

export interface WeappSizes {
  main: number;
  total: number;
  subpackages: Array<{ root: string; bytes: number }>;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Main package = every file outside the subpackage roots that app.json declares (what WeChat downloads first). */
export function weappSizes(dir = join(ROOT, 'miniapp/dist/weapp')): WeappSizes | null {
  if (!existsSync(join(dir, 'app.json'))) return null;
  const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>;
    subpackages?: Array<{ root: string }>;
  };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, '') + '/');
  const subpackages = roots.map((root) => ({ root, bytes: 0 }));
  let main = 0;
  let total = 0;
  for (const file of files(dir)) {
    // Source maps are not uploaded to WeChat.
    if (file.endsWith('.map')) continue;
    const bytes = statSync(file).size;
    total += bytes;
    const sub = subpackages.find((p) => relative(dir, file).startsWith(p.root));
    if (sub) sub.bytes += bytes;
    else main += bytes;
  }
  return { main, total, subpackages };
}

export interface PageTiming {
  fcp: number;
  interactive: number;
}

/**
 * The h5 first page, cold (a new browser context each run): first contentful paint from the paint
 * timing, and "interactive" as the end of the last long task (> 50 ms of main thread) once the network
 * is idle — the main thread is free to answer a tap from then on (Lighthouse's TTI, without its 5 s
 * quiet window). Median of `runs`.
 */
export async function h5FirstPage(url: string, runs: number): Promise<PageTiming> {
  // The same Chromium and flags as the browser tests (tests/support/browser.ts).
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
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
  const samples: PageTiming[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasksEnd: number };
        w.__longTasksEnd = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longTasksEnd = Math.max(w.__longTasksEnd, e.startTime + e.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(url, { waitUntil: 'networkidle' });
      await page.waitForTimeout(500);
      const timing = await page.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const longTasksEnd = (window as unknown as { __longTasksEnd: number }).__longTasksEnd;
        return { fcp, interactive: Math.max(fcp, nav.domContentLoadedEventEnd, longTasksEnd) };
      });
      samples.push(timing);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { fcp: median(samples.map((s) => s.fcp)), interactive: median(samples.map((s) => s.interactive)) };
}
