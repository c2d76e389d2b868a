import type { ConcernDetailView, DepartmentView } from '@manyi/shared';

import { act, expectStatus, expectVisible, workbench } from '../support/admin-page.js';
import { adminSuite } from '../support/admin-suite.js';
import { staffToken } from '../support/api.js';
import { previewResident, reportConcern } from '../support/concerns.js';
import { gradientPng } from '../support/images.js';

// The staff admin page at work, on the built service with demo accounts in Debian's Chromium: the
// concern loop with an evidence photo on the reply, a handler of another department refused, 批量派单
// from the inbox (which picks up others' changes by itself), and an editor importing pasted text,
// publishing it and finding it in the public news feed. Screenshots of every page go to
// tests/artifacts/screenshots/admin-work-<run>/.
// Needs: npm run build (shared, cloud, admin) and bash scripts/ensure-chromium.sh.

const DISPATCHER = 'dispatcher.xietu';
const HANDLER = 'handler.xietu-guanli';
const OTHER_HANDLER = 'handler.xietu-pingan';
const EDITOR = 'editor.xietu';
const REPLY = '保洁公司已于今日下午完成清运，垃圾房已冲洗消毒，并改为每日清运两次。';

// Manyi's own article, written for this test: a page copied from a street's site, with its menu and footer.
const ARTICLE_TITLE = '斜土路街道社区食堂试运营 首周服务老人六百余人次';
const PASTED_PAGE = [
  '首页 | 街道概况 | 新闻动态 | 政务公开',
  '当前位置：首页 > 新闻动态',
  ARTICLE_TITLE,
  '来源：满意在徐汇编辑部 时间：2026-11-20 10:30',
  '　　11月13日，位于斜土路街道的社区食堂开始试运营，每天中午供应两荤两素的套餐，六十岁以上老人凭卡享受优惠。',
  '　　试运营首周，食堂共服务老人六百余人次，其中送餐上门八十余份。街道表示将根据居民意见调整菜品，并延长晚餐供应时间。',
  '　　居民如有意见建议，可通过“满意”小程序反映。',
  '【打印本页】【关闭窗口】',
  '版权所有：满意在徐汇 地址：上海市徐汇区 电话：021-00000000',
].join('\n');

describe('staff work in the admin page', () => {
  const { newPage, logIn, api, shot, baseUrl } = adminSuite('admin-work');

  /** A resident reports a concern through the API, as the mini-program does (垃圾分类与清运 → 斜土社区管理办). */
  const report = async (title: string) =>
    reportConcern(api, await previewResident(api, '周阿姨'), {
      title,
      description: '小区垃圾房门口堆满了垃圾袋，已经两天没人清运，夜里有异味。',
      address: '斜土路某弄垃圾房',
      latitude: 31.1889,
      longitude: 121.4512,
      phone: '13900001111',
    });

  it('a dispatcher accepts and dispatches, the handler signs and replies with a photo, the dispatcher approves; another department is refused', async () => {
    const concern = await report('垃圾房门口垃圾堆积两天');
    const departments = (await api('GET', '/departments')).body.items as DepartmentView[];
    const guanli = departments.find((d) => d.code === 'xietu-guanli')!;

    // The dispatcher: 待受理 with its count, the filters in the address, the keyboard to open.
    const dispatcher = await newPage();
    await logIn(dispatcher.page, DISPATCHER);
    await expectVisible(dispatcher.page.locator('.inbox-views [data-view="submitted"] .view-count'));
    await dispatcher.page.keyboard.press('/');
    await dispatcher.page.keyboard.type(concern.code);
    await dispatcher.page.keyboard.press('Enter');
    await dispatcher.page.waitForURL((url) => url.searchParams.get('q') === concern.code);
    const row = dispatcher.page.getByRole('row', { name: new RegExp(concern.code) });
    await expectVisible(row);
    await shot(dispatcher.page, 'inbox-dispatcher-filtered');
    // A reload keeps the filter: it lives in the address.
    await dispatcher.page.reload();
    await expectVisible(dispatcher.page.getByRole('row', { name: new RegExp(concern.code) }));
    expect(await dispatcher.page.getByRole('searchbox', { name: '搜索' }).inputValue()).toBe(concern.code);
    await dispatcher.page.locator('body').click({ position: { x: 5, y: 5 } });
    await dispatcher.page.keyboard.press('j');
    await dispatcher.page.keyboard.press('Enter');
    await expectStatus(dispatcher.page, 'submitted');

    // The workbench: masked phone until 显示号码 (audited), the place on a map link.
    await expectVisible(workbench(dispatcher.page).getByText('139****1111'));
    await workbench(dispatcher.page).getByRole('button', { name: '显示号码' }).click();
    await dispatcher.page.getByRole('button', { name: '显示', exact: true }).click();
    await expectVisible(workbench(dispatcher.page).getByText('13900001111'));
    expect(await workbench(dispatcher.page).getByRole('link', { name: '在地图上查看位置' }).getAttribute('href')).toContain(
      'position=121.451200,31.188900',
    );
    await act(dispatcher.page, '受理', 'accepted');
    await act(dispatcher.page, '派单', 'dispatched', async (dialog) => {
      await expectVisible(dialog.getByTitle(`${guanli.name}（建议）`));
      // The suggested co-handler (城管) is taken off: 协办 is staff-channels.e2e.spec's subject, here the lead works alone.
      await dialog.locator('.ant-form-item').filter({ hasText: '协办部门' }).locator('.ant-select-selection-item-remove').click();
    });
    await shot(dispatcher.page, 'workbench-dispatched');

    // The handler of that department signs, and replies with an evidence photo.
    const handler = await newPage();
    await logIn(handler.page, HANDLER);
    await handler.page.getByRole('row', { name: new RegExp(concern.code) }).click();
    await expectStatus(handler.page, 'dispatched');
    await act(handler.page, '签收', 'in_progress');
    await act(handler.page, '答复', 'replied', async (dialog) => {
      await dialog.getByLabel('答复内容（审核通过后居民可见）').fill(REPLY);
      await dialog.locator('input[type=file]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: gradientPng(480, 360) });
      await expectVisible(dialog.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)').first());
      await dialog.locator('.ant-upload-list-item-uploading').waitFor({ state: 'detached' });
      await shot(handler.page, 'reply-with-photo');
    });
    const draft = workbench(handler.page).locator('.timeline-step[data-action="reply"]');
    await expectVisible(draft.getByText(REPLY));
    await expectVisible(draft.locator('img[alt="答复照片"]'));
    await shot(handler.page, 'workbench-handler-replied');

    // A handler of another department: the same answer as for a concern that does not exist.
    const other = await newPage();
    await logIn(other.page, OTHER_HANDLER);
    await other.page.goto(`${baseUrl()}/admin/concerns/${concern.id}`);
    await expectVisible(other.page.getByText('无权查看此诉求'));
    await shot(other.page, 'workbench-other-department');

    // The dispatcher approves from 待审核.
    await dispatcher.page.getByRole('menuitem', { name: '待审核' }).click();
    await dispatcher.page.getByRole('row', { name: new RegExp(concern.code) }).click();
    await expectStatus(dispatcher.page, 'replied');
    await act(dispatcher.page, '审核通过', 'awaiting_rating');
    await expectVisible(workbench(dispatcher.page).locator('.timeline-text-public').getByText(REPLY));
    await shot(dispatcher.page, 'workbench-approved');

    // What the service holds: the reply's photo published with it, readable by the resident.
    const token = await staffToken(api, DISPATCHER);
    const detail = (await api('GET', `/admin/concerns/${concern.id}`, token)).body as unknown as ConcernDetailView;
    expect(detail.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'dispatch', 'sign', 'reply', 'approve-reply']);
    const published = detail.timeline.find((e) => e.action === 'approve-reply')!;
    expect(published.publicText).toBe(REPLY);
    const photoIds = (published.data as { photoIds: number[] }).photoIds;
    expect(photoIds).toHaveLength(1);
    const photo = await fetch(`${baseUrl()}/api/v1/uploads/${photoIds[0]}`, {
      headers: { authorization: `Bearer ${concern.residentToken}` },
    });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');

    for (const { problems } of [dispatcher, handler]) {
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedApiRequests).toEqual([]);
    }
    expect(other.problems.failedApiRequests).toEqual([`GET ${baseUrl()}/api/v1/admin/concerns/${concern.id}: 404`]);
  });

  it('a dispatcher bulk-dispatches two concerns from 待派单, and the inbox picks up a third accepted elsewhere without a reload', async () => {
    const token = await staffToken(api, DISPATCHER);
    const first = await report('楼道垃圾无人清运一');
    const second = await report('楼道垃圾无人清运二');
    for (const c of [first, second]) expect((await api('POST', `/admin/concerns/${c.id}/accept`, token, {})).status).toBe(200);

    const { page, problems } = await newPage();
    await logIn(page, DISPATCHER);
    await page.locator('.inbox-views [data-view="to-dispatch"]').click();
    await page.waitForURL(/\/admin\/inbox\/to-dispatch$/);
    for (const c of [first, second]) await page.getByRole('checkbox', { name: `选择 ${c.code}` }).check();
    await page.getByRole('button', { name: /批量派单（2）/ }).click();
    const dialog = page.getByRole('dialog');
    await expectVisible(dialog.getByText('批量派单（2 条）'));
    await expectVisible(dialog.getByText(/斜土社区管理办（建议）/).first());
    await shot(page, 'bulk-dispatch-form');
    await dialog.getByRole('button', { name: '确认派单' }).click();
    await expectVisible(dialog.getByText('已派出 2 条'));
    expect(await dialog.locator('[data-result="ok"]').count()).toBe(2);
    await shot(page, 'bulk-dispatch-result');
    await dialog.getByRole('button', { name: '完成' }).click();
    for (const c of [first, second]) {
      const detail = (await api('GET', `/admin/concerns/${c.id}`, token)).body as unknown as ConcernDetailView;
      expect(detail.status).toBe('dispatched');
    }
    await page.getByRole('row', { name: new RegExp(first.code) }).waitFor({ state: 'detached' });

    // Someone else accepts a new concern: within a poll (15 s) it shows in 待派单, no reload.
    const third = await report('楼道垃圾无人清运三');
    expect((await api('POST', `/admin/concerns/${third.id}/accept`, token, {})).status).toBe(200);
    const arrived = Date.now();
    await page.getByRole('row', { name: new RegExp(third.code) }).waitFor({ state: 'visible', timeout: 40_000 });
    console.log(`inbox picked up another's change after ${((Date.now() - arrived) / 1000).toFixed(1)} s (poll every 15 s)`);
    await shot(page, 'inbox-to-dispatch-updated');
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
  });

  it('an editor imports a pasted page, previews it, publishes it, and residents find it in the news feed', async () => {
    const { page, problems } = await newPage();
    await logIn(page, EDITOR);
    await page.waitForURL(/\/admin\/news$/);
    await shot(page, 'news-list');
    await page.getByRole('button', { name: '新建 / 导入资讯' }).click();
    await page.getByLabel('粘贴的文字').fill(PASTED_PAGE);
    await page.getByRole('button', { name: '识别文章' }).click();
    const draft = page.locator('.import-draft').first();
    await expectVisible(draft.getByRole('heading', { name: ARTICLE_TITLE }));
    await expectVisible(draft.getByText('来源：满意在徐汇编辑部'));
    // The menu and footer of the page are not part of the article.
    expect(await draft.getByText('版权所有').count()).toBe(0);
    await shot(page, 'news-import-preview');
    await draft.getByRole('button', { name: '使用此稿' }).click();
    expect(await page.getByLabel('标题').inputValue()).toBe(ARTICLE_TITLE);
    await expectVisible(page.locator('.editor-preview').getByText(/首周，食堂共服务老人六百余人次/));
    await page.getByRole('button', { name: '立即发布' }).click();
    await expectVisible(page.locator('[data-news-status="published"]'));
    await page.waitForURL(/\/admin\/news\/\d+$/);
    await shot(page, 'news-editor-published');

    const feed = await api('GET', '/news?street=xietu');
    const items = feed.body.items as { id: number; title: string; source: string | null }[];
    expect(items.find((a) => a.title === ARTICLE_TITLE)).toMatchObject({ source: '满意在徐汇编辑部' });

    // 撤回: gone from the feed again.
    await page.getByRole('button', { name: '撤回' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '撤回' }).click();
    await expectVisible(page.locator('[data-news-status="draft"]'));
    const after = (await api('GET', '/news?street=xietu')).body.items as { title: string }[];
    expect(after.some((a) => a.title === ARTICLE_TITLE)).toBe(false);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
  });

  it('an editor sees a visit’s sign-ups, its waiting list and a question, answers it and exports the list', async () => {
    const editorToken = await staffToken(api, EDITOR);
    const startsAt = new Date(Date.now() + 3 * 24 * 3600_000);
    const created = await api('POST', '/admin/visits', editorToken, {
      title: '社区食堂意见征集走访',
      place: '斜土路街道社区食堂',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      participants: [{ name: '王主任', role: 'department_head', title: '社区服务办主任' }],
      topics: ['菜品', '送餐'],
      capacity: 1,
    });
    expect(created.status).toBe(201);
    const visitId = created.body.id as number;
    for (const nickname of ['赵老伯', '钱阿姨']) {
      const resident = (await api('POST', '/auth/preview/login', undefined, { nickname })).body.token as string;
      expect((await api('POST', `/visits/${visitId}/signups`, resident, {})).status).toBeLessThan(300);
      if (nickname === '赵老伯')
        expect(
          (
            await api('POST', `/visits/${visitId}/questions`, resident, {
              addressedTo: 'department_head',
              text: '食堂能不能增加晚餐供应？',
            })
          ).status,
        ).toBeLessThan(300);
    }

    const { page, problems } = await newPage();
    await logIn(page, EDITOR);
    await page.getByRole('menuitem', { name: '走访管理' }).click();
    await page.getByRole('row', { name: /社区食堂意见征集走访/ }).click();
    await expectVisible(page.getByRole('tab', { name: '报名名单（1）' }));
    await expectVisible(page.getByRole('cell', { name: '赵老伯' }));
    await shot(page, 'visit-signups');
    await page.getByRole('tab', { name: '候补名单（1）' }).click();
    await expectVisible(page.getByRole('cell', { name: '钱阿姨' }));
    await page.getByRole('tab', { name: '提前提问（1）' }).click();
    await page.getByRole('button', { name: '答复', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('答复（居民可见）').fill('街道正在和食堂商量，下月起试行晚餐供应。');
    await dialog.getByRole('button', { name: '发布答复' }).click();
    await expectVisible(page.locator('[data-question-status="answered"]'));
    await shot(page, 'visit-questions');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出报名名单' }).click();
    expect((await download).suggestedFilename()).toBe(`visit-${visitId}-signups.csv`);
    await page.getByRole('tab', { name: '走访纪要与问题清单' }).click();
    await shot(page, 'visit-held-record');
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
  });
});
