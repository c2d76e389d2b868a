import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { AdminNewsView, NewsSummaryView } from '@manyi/shared';
import type { Page } from 'playwright-core';

import { expectVisible } from '../support/admin-page.js';
import { adminSuite } from '../support/admin-suite.js';
import { staffToken } from '../support/api.js';
import { apiSettled } from '../support/browser.js';
import { REPO_ROOT } from '../support/service.js';

// Importing a newspaper page on the admin page, on the built service with demo accounts in Debian's
// Chromium: 斜土's editor pastes a page (Manyi's own invented fixture) whose last section the importer
// takes for a second article and marks "两篇还是一篇？"; the editor joins the two drafts with one click,
// uses the joined draft, saves it and publishes it. The article keeps the newspaper's date, not the day
// of the import, has its subheads, and residents' search finds it by a phrase of its last section. Then
// a page of two articles is saved as two drafts in one action.
// Screenshots go to tests/artifacts/screenshots/admin-news-import-<run>/.
// Needs: npm run build (shared, cloud, admin) and bash scripts/ensure-chromium.sh.

const PAGE_TEXT = join(REPO_ROOT, 'cloud', 'src', 'modules', 'news', 'fixtures', 'newspaper-page-continued-story.txt');
const TWO_ARTICLES = join(REPO_ROOT, 'cloud', 'src', 'modules', 'news', 'fixtures', 'newspaper-page-two-articles.txt');
/** The page's issue date, 2026年11月27日, at midnight in Shanghai. */
const ISSUE_DATE = '2026-11-26T16:00:00.000Z';

/** "2026-11-27 00:00" as the date picker shows a time: in the browser's zone, which is this process's. */
function localMinute(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

describe('importing a newspaper page on the admin page', () => {
  const { newPage, logIn, api, shot, baseUrl } = adminSuite('admin-news-import', { settleMs: 500 });
  const draftCard = (page: Page, n: number) => page.locator('.import-draft').nth(n - 1);

  it('lets the editor join two drafts the importer kept apart, save and publish them as one article, and save several drafts at once', async () => {
    const { page, problems } = await newPage();
    await logIn(page, 'editor.xietu');
    await page.goto(`${baseUrl()}/admin/news/new`);
    await expectVisible(page.getByRole('heading', { name: '新建资讯' }));

    // The pasted page: two drafts, the second marked as a guess.
    await page.getByLabel('粘贴的文字').fill(await readFile(PAGE_TEXT, 'utf8'));
    await page.getByRole('button', { name: '识别文章' }).click();
    await apiSettled(page);
    await shot(page, 'recognised');
    await expectVisible(draftCard(page, 2));
    expect(await page.locator('.import-draft').count()).toBe(2);
    await expectVisible(draftCard(page, 1).getByText('署名作为来源'));
    await expectVisible(draftCard(page, 1).getByText('来源：记者 周琪'));
    await expectVisible(draftCard(page, 2).getByText('两篇还是一篇？', { exact: false }).first());
    await expectVisible(page.getByRole('button', { name: '全部保存为草稿（2 篇）' }));
    await shot(page, 'two-drafts');

    // One click joins them: one draft, the second's title now a subhead that could be split again.
    await draftCard(page, 2).getByRole('button', { name: '把稿件 2 并入稿件 1' }).first().click();
    await draftCard(page, 2).waitFor({ state: 'detached' });
    expect(await page.locator('.import-draft').count()).toBe(1);
    const joined = draftCard(page, 1);
    await expectVisible(joined.locator('.news-subhead', { hasText: '斜土街道将扩大试点范围' }));
    await expectVisible(joined.getByRole('button', { name: '从小标题「斜土街道将扩大试点范围」拆分为新稿件' }));
    await expectVisible(page.getByRole('button', { name: '全部保存为草稿（1 篇）' }));
    await shot(page, 'joined');

    // Used in the form: title, source, body with its subheads, and the page's own date.
    await joined.getByRole('button', { name: '使用此稿' }).click();
    await expectVisible(page.getByLabel('标题', { exact: true }));
    expect(await page.getByLabel('标题', { exact: true }).inputValue()).toBe('斜土街道试点“楼道微更新”');
    expect(await page.getByLabel('来源', { exact: true }).inputValue()).toBe('记者 周琪');
    expect(await page.getByLabel('正文', { exact: true }).inputValue()).toContain('【小标题】斜土街道将扩大试点范围');
    expect(await page.getByLabel('发布时间', { exact: true }).inputValue()).toBe(localMinute(ISSUE_DATE));

    // Saved, then published.
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/admin\/news\/\d+$/);
    const id = Number(/\/admin\/news\/(\d+)$/.exec(page.url())![1]);
    await apiSettled(page);
    await page.getByRole('button', { name: '立即发布' }).click();
    await expectVisible(page.getByText('已发布', { exact: true }).first());
    await apiSettled(page);
    await shot(page, 'published');

    const editor = await staffToken(api, 'editor.xietu');
    const article = (await api('GET', `/admin/news/${id}`, editor)).body as unknown as AdminNewsView;
    expect(article).toMatchObject({ status: 'published', publishedAt: ISSUE_DATE, source: '记者 周琪', title: '斜土街道试点“楼道微更新”' });
    expect(article.body.flatMap((b) => (b.type === 'subhead' ? [b.text] : []))).toEqual(['居民自己定方案', '斜土街道将扩大试点范围']);
    const found = (await api('GET', `/news?q=${encodeURIComponent('接受居民监督')}`)).body.items as NewsSummaryView[];
    expect(found.map((a) => [a.id, a.publishedAt])).toEqual([[id, ISSUE_DATE]]);

    // A page of two articles: both saved as drafts in one action, each with its byline and the page's date.
    await page.goto(`${baseUrl()}/admin/news/new`);
    await page.getByLabel('粘贴的文字').fill(await readFile(TWO_ARTICLES, 'utf8'));
    await page.getByRole('button', { name: '识别文章' }).click();
    await page.getByRole('button', { name: '全部保存为草稿（2 篇）' }).click();
    await page.waitForURL(/\/admin\/news$/);
    await expectVisible(page.getByText('已保存 2 篇草稿'));
    await shot(page, 'saved-all');
    const drafts = (await api('GET', '/admin/news?status=draft', editor)).body.items as AdminNewsView[];
    expect(
      drafts
        .filter((d) => d.publishedAt === '2026-12-03T16:00:00.000Z')
        .map((d) => [d.title, d.source])
        .sort(),
    ).toEqual([
      ['小菜场里办起议事会', '通讯员 吴佳'],
      ['长桥街道为十二个老旧小区装上充电桩', '本报记者 陈亮'],
    ]);

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
  }, 180_000);
});
