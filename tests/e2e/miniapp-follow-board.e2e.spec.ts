import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { MASKED_ID_NUMBER, MASKED_PHONE, peopleCount, type CompoundView, type ConcernDetailView, type DepartmentView } from '@manyi/shared';
import type { Browser, Locator, Page } from 'playwright-core';

import { apiClient, staffToken, type ApiCall } from '../support/api.js';
import { launchBrowser, newPhoneContext, pagesSettled, watchPage } from '../support/browser.js';
import { previewResident, reportConcern } from '../support/concerns.js';
import { REPO_ROOT, startService, type RunningService } from '../support/service.js';

// Issue 17 in the h5 build of the mini-program (390×844): a first resident reports a problem in 斜土路街道
// agreeing to publish it; a second one, about to report the same problem, follows it from the duplicate
// hint (我也遇到了) instead, receives the reply in 我的消息 and rates it as a follower. Staff close it with
// the reporter's rating and publish the case; the street's 已办结 board then shows it, the phone and ID
// numbers in the resident's text masked. Screenshots go to tests/artifacts/screenshots/miniapp-follow-board/.
// Needs: npm run build (shared, cloud, miniapp h5) and bash scripts/ensure-chromium.sh.

const STREET = 'xietu';
const STREET_NAME = '斜土路街道';
const DISPATCHER = `dispatcher.${STREET}`;
const PHONE = '13812345678';
const ID_NUMBER = '310104198001011234';
const TITLE = '垃圾房门口堆满了垃圾';
const REPLY = '已协调物业每日清运两次，并清洗了垃圾房地面。';
const SHOTS = join(REPO_ROOT, 'tests', 'artifacts', 'screenshots', 'miniapp-follow-board');

function seen(locator: Locator): Locator {
  return locator.filter({ visible: true }).first();
}

async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  expect(await locator.isVisible()).toBe(true);
}

function tab(page: Page, text: string): Locator {
  // Taro's h5 tab bar puts the badge (setTabBarBadge) in the icon's box, before the label: with unread
  // messages the 我的 tab is named "2我的" (up to "99+我的"), so the badge is allowed in front only.
  return page.locator('taro-tabbar').getByRole('link', { name: new RegExp(`^(?:\\d+\\+?\\s*)?${text}$`) });
}

async function typeText(page: Page, label: string, value: string): Promise<void> {
  await seen(page.getByLabel(label, { exact: true }))
    .locator('input, textarea')
    .fill(value);
}

describe('附议 and 已办结 in the mini-program (h5)', () => {
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  const api: ApiCall = apiClient(() => service!.baseUrl);

  beforeAll(async () => {
    service = await startService({ requireH5: true });
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  /** accept, dispatch, sign, reply, approve the reply — the street's staff through the API. */
  async function staffAnswer(concernId: number): Promise<string> {
    const dispatcher = await staffToken(api, DISPATCHER);
    const detail = (await api('GET', `/admin/concerns/${concernId}`, dispatcher)).body as unknown as ConcernDetailView;
    const departments = (await api('GET', '/departments')).body.items as DepartmentView[];
    const departmentId = detail.suggestedDepartmentId ?? departments.find((d) => d.streetCode === STREET)!.id;
    const handler = await staffToken(api, `handler.${departments.find((d) => d.id === departmentId)!.code}`);
    const steps: [string, string, unknown][] = [
      [dispatcher, 'accept', {}],
      [dispatcher, 'dispatch', { departmentId }],
      [handler, 'sign', {}],
      [handler, 'reply', { text: REPLY }],
      [dispatcher, 'approve-reply', {}],
    ];
    for (const [token, action, body] of steps) {
      const answer = await api('POST', `/admin/concerns/${concernId}/${action}`, token, body);
      if (answer.status !== 200) throw new Error(`${action} → ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return dispatcher;
  }

  it('a neighbour follows instead of filing twice, rates the reply, and the closed case shows on the board masked', async () => {
    await mkdir(SHOTS, { recursive: true });
    let step = 0;
    const reporter = await previewResident(api, '先反映的居民');
    const reported = await reportConcern(api, reporter, {
      title: TITLE,
      description: `垃圾房门口堆了三天没人清运，味道很大。我是3号楼住户，电话 ${PHONE}，身份证 ${ID_NUMBER}。`,
      publishConsent: true,
    });
    const compound = ((await api('GET', `/streets/${STREET}/compounds`)).body.items as CompoundView[])[0]!;

    const context = await newPhoneContext(browser!);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const problems = watchPage(page);
    const shot = async (name: string) => {
      await page.waitForTimeout(600);
      step += 1;
      await page.screenshot({ path: join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`) });
    };

    // The neighbour starts the same report in the same compound; the preview finds the first one.
    await page.goto(`${service!.baseUrl}/h5/`);
    await seen(page.getByRole('listbox', { name: '选择街道' }).getByRole('option', { name: STREET_NAME })).tap();
    await tab(page, '我要反映').tap();
    await typeText(page, '昵称', '隔壁单元的居民');
    await seen(page.getByRole('button', { name: '预览登录' })).tap();
    await seen(page.getByRole('listbox', { name: '诉求大类' }).getByRole('option', { name: '市容环境' })).tap();
    await seen(page.getByRole('listbox', { name: '市容环境的具体类别' }).getByRole('option', { name: '垃圾分类与清运' })).tap();
    await seen(page.getByRole('listbox', { name: '选择小区' }).getByRole('option', { name: compound.name })).tap();
    await typeText(page, '标题', '垃圾房没人清运');
    await typeText(page, '问题描述', '垃圾房好几天没人清运了，夏天味道很大。');
    await seen(page.getByRole('button', { name: '下一步：预览' })).tap();
    // 同意公开 is there, and off until ticked.
    expect(await seen(page.getByRole('checkbox', { name: '同意办结后在街道公开' })).getAttribute('aria-checked')).toBe('false');
    const similar = seen(page.getByRole('list', { name: '相似的诉求' })).getByRole('listitem', { name: TITLE });
    await expectVisible(similar);
    await shot('duplicate-hint');
    await similar.getByRole('button', { name: '我也遇到了' }).tap();
    await expectVisible(similar.getByText(`${peopleCount(1)} 人反映`, { exact: false }));
    await expectVisible(similar.getByRole('button', { name: '取消附议' }));
    await shot('followed');

    // Staff answer. The workbench counts 2 people.
    const dispatcher = await staffAnswer(reported.id);
    const staffView = (await api('GET', `/admin/concerns/${reported.id}`, dispatcher)).body as unknown as ConcernDetailView;
    expect(staffView.followerCount).toBe(1);
    expect(peopleCount(staffView.followerCount!)).toBe(2);

    // The follower hears of the reply in 我的消息, opens it and rates it.
    await page.goBack();
    await expectVisible(seen(page.getByRole('button', { name: '下一步：预览' })));
    await tab(page, '我的').tap();
    await seen(page.getByRole('link', { name: '我的消息' })).tap();
    const messages = seen(page.getByRole('list', { name: '消息列表' }));
    const unread = messages.getByRole('listitem', { name: /^未读，/ });
    await expectVisible(unread.first());
    expect(await unread.count()).toBeGreaterThanOrEqual(1);
    await shot('follower-messages');
    await unread.first().tap();
    await expectVisible(seen(page.getByRole('list', { name: '办理进度' }).getByText(REPLY)));
    // A follower does not see the reporter's phone number.
    expect(await page.getByText(PHONE, { exact: false }).filter({ visible: true }).count()).toBe(0);
    await seen(page.getByRole('listbox', { name: '问题是否解决' }).getByRole('option', { name: '已解决' })).tap();
    await seen(page.getByRole('listbox', { name: '满意程度' }).getByRole('option', { name: '满意', exact: true })).tap();
    await seen(page.getByRole('button', { name: '提交评价' })).tap();
    await expectVisible(seen(page.getByText('您的评价：已解决，满意', { exact: false })));
    await shot('follower-rated');

    // The reporter rates (it closes); the follower's rating is counted apart from the reporter's.
    const rated = await api('POST', `/concerns/${reported.id}/rating`, reporter, { solved: true, satisfaction: 'satisfied' });
    expect(rated.status).toBe(200);
    const closed = (await api('GET', `/admin/concerns/${reported.id}`, dispatcher)).body as unknown as ConcernDetailView;
    expect(closed.status).toBe('closed');
    expect(closed.followerRatings?.rated).toBe(1);
    expect(closed.satisfaction).toBe('satisfied');

    // The dispatcher publishes it; the street's 已办结 board shows it with the numbers masked.
    const published = await api('POST', `/admin/concerns/${reported.id}/publish-case`, dispatcher, {});
    expect(published.status).toBe(200);
    await page.goBack();
    await pagesSettled(page);
    await page.goBack();
    await pagesSettled(page);
    await seen(page.getByRole('link', { name: '街道已办结' })).tap();
    const board = seen(page.getByRole('list', { name: '已办结案例' }));
    const item = board.getByRole('listitem').filter({ hasText: '垃圾房门口堆了三天' });
    await expectVisible(item);
    const text = (await item.textContent()) ?? '';
    expect(text).toContain(MASKED_PHONE);
    expect(text).toContain(MASKED_ID_NUMBER);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).toContain(REPLY);
    expect(text).toContain(compound.name);
    await expectVisible(seen(page.getByRole('region', { name: '近90天三率' })));
    await shot('board');

    console.log(`follow-board screenshots: ${SHOTS}`);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
    await context.close();
  }, 240_000);
});
