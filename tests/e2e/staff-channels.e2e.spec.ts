import type { ConcernDetailView, DepartmentView, StaffAlertPage } from '@manyi/shared';
import type { Locator, Page } from 'playwright-core';

import { act, expectStatus, expectVisible, workbench } from '../support/admin-page.js';
import { adminSuite } from '../support/admin-suite.js';
import { staffToken } from '../support/api.js';
import { newPhoneContext, watchPage } from '../support/browser.js';

// Issue 18's "done when", on the built service, admin page and h5 build in Debian's Chromium: a
// dispatcher files a phone concern (代录) for an elderly resident and dispatches it to a lead and a
// co-handling department (协办); the co-handler, told by the bell, signs and adds its part; the lead's
// reply is refused until then, then goes through; the resident, signing in to the h5 build later and
// verifying that phone number, finds it in 我的诉求 and rates it. A visit organiser files a problem raised
// at a 座谈会, and it is on the visit's 问题清单. Screenshots go to tests/artifacts/screenshots/staff-channels-<run>/.
// Needs: npm run build (shared, cloud, admin, miniapp h5) and bash scripts/ensure-chromium.sh.

const DISPATCHER = 'dispatcher.xietu';
const LEAD = 'handler.xietu-guanli';
const CO_HANDLER = 'handler.xietu-chengguan';
const EDITOR = 'editor.xietu';
const TITLE = '楼道堆放杂物影响老人出行';
const PART = '城管中队已到现场，责令清理楼道堆物，并对相关住户进行了劝导。';
const REPLY = '社区管理办会同城管中队已清理楼道堆物，楼道恢复畅通，后续将每周巡查。';

/** Taro keeps earlier pages in the document, hidden: only what the resident can see counts. */
const seen = (locator: Locator): Locator => locator.filter({ visible: true }).first();
const tab = (page: Page, text: string) => page.locator('taro-tabbar').getByRole('link', { name: text, exact: true });

/** An antd Select in a form item, by the item's label: opens it and picks the option. */
async function pick(scope: Locator | Page, label: string, option: string | RegExp): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  await scope.locator('.ant-form-item').filter({ hasText: label }).locator('.ant-select').first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

describe('every channel into one loop, with co-handling and alerts (issue 18)', () => {
  const { newPage, logIn, api, shot, baseUrl, browser, shotsDir } = adminSuite('staff-channels', {
    service: { requireH5: true },
    startTimeout: 120_000,
  });

  it('a phone concern for an elderly resident: co-handled, the reply held until the part is in, then rated by the resident in 我的诉求', async () => {
    // A number nobody has used in this run, so the claim finds exactly this concern.
    const phone = `139${String(Date.now()).slice(-8)}`;
    const departments = (await api('GET', '/departments')).body.items as DepartmentView[];
    const chengguan = departments.find((d) => d.code === 'xietu-chengguan')!;

    // 代录: the dispatcher takes the call and files it, accepted at once.
    const dispatcher = await newPage();
    await logIn(dispatcher.page, DISPATCHER);
    await dispatcher.page.getByRole('button', { name: '新建代录' }).click();
    const form = dispatcher.page.getByTestId('intake-form');
    await expectVisible(form);
    await form.getByRole('radio', { name: '电话' }).check({ force: true });
    await form.getByLabel('居民姓名').fill('王阿婆');
    await form.getByLabel('联系电话').fill(phone);
    await pick(form, '小区', /./);
    await pick(form, '诉求类别', '垃圾分类与清运');
    await form.getByLabel('标题').fill(TITLE);
    await form.getByLabel('问题描述').fill('王阿婆（82 岁）来电：3 号楼楼道里堆满纸箱和旧家具，她拄拐杖进出很不方便，担心摔倒。');
    await form.getByTestId('intake-accept-now').check();
    await shot(dispatcher.page, 'intake-phone');
    await form.getByTestId('intake-submit').click();
    await expectStatus(dispatcher.page, 'accepted');
    const id = Number(new URL(dispatcher.page.url()).pathname.split('/').at(-1));
    expect(id).toBeGreaterThan(0);

    // 派单: the routing rule suggests 社区管理办 to lead and 城管中队 to co-handle.
    await act(dispatcher.page, '派单', 'dispatched', async (dialog) => {
      const co = dialog.locator('.ant-form-item').filter({ hasText: '协办部门' });
      await expectVisible(co.getByText(chengguan.name));
      await shot(dispatcher.page, 'dispatch-with-co-handler');
    });
    await expectVisible(workbench(dispatcher.page).locator(`.co-handler[data-department-id="${chengguan.id}"][data-status="pending"]`));

    // The lead signs; its reply is refused while 城管中队's part is outstanding, naming it.
    const lead = await newPage();
    await logIn(lead.page, LEAD);
    await lead.page.goto(`${baseUrl()}/admin/concerns/${id}`);
    await act(lead.page, '签收', 'in_progress');
    await expectVisible(lead.page.locator('.co-handling-waiting').getByText(/城管斜土中队（待签收）/));
    await lead.page.getByRole('toolbar', { name: '办理操作' }).getByRole('button', { name: '答复', exact: true }).click();
    const blockedDialog = lead.page.getByRole('dialog');
    await blockedDialog.getByLabel('答复内容（审核通过后居民可见）').fill(REPLY);
    await blockedDialog.getByRole('button', { name: '确认答复' }).click();
    await expectVisible(lead.page.locator('.ant-message').getByText(/协办部门「城管斜土中队」（待签收）尚未提交协办意见/));
    await shot(lead.page, 'reply-refused');
    await blockedDialog.getByRole('button', { name: '取消' }).click();
    await blockedDialog.waitFor({ state: 'hidden' });
    await expectStatus(lead.page, 'in_progress');

    // The co-handler: the bell tells of the ask; 待协办 holds it; it signs and adds its part for the reply.
    const co = await newPage();
    await logIn(co.page, CO_HANDLER);
    const bell = co.page.getByTestId('alert-bell');
    await expectVisible(co.page.getByLabel(/^工作提醒（\d+ 条未读）$/));
    await bell.click();
    const alertItem = co.page.getByLabel('工作提醒列表').locator('[data-kind="co_handling_asked"]').filter({ hasText: TITLE });
    await expectVisible(alertItem);
    await shot(co.page, 'co-handler-bell');
    await alertItem.click();
    await co.page.waitForURL((url) => url.pathname === `/admin/concerns/${id}`);
    await co.page.getByRole('menuitem', { name: /待协办/ }).click();
    await co.page.getByRole('row', { name: new RegExp(TITLE) }).click();
    const row = workbench(co.page).locator(`.co-handler[data-department-id="${chengguan.id}"]`);
    await row.getByRole('button', { name: '协办签收' }).click();
    await co.page.getByRole('dialog').getByRole('button', { name: '确认协办签收' }).click();
    await expectVisible(workbench(co.page).locator(`.co-handler[data-department-id="${chengguan.id}"][data-status="signed"]`));
    await row.getByRole('button', { name: '提交协办意见' }).click();
    const partDialog = co.page.getByRole('dialog');
    await partDialog.getByLabel('协办意见').fill(PART);
    await partDialog.getByText('用于答复（照片随答复公开）').click();
    await shot(co.page, 'co-handler-part');
    await partDialog.getByRole('button', { name: '确认提交协办意见' }).click();
    await expectVisible(workbench(co.page).locator(`.co-handler[data-department-id="${chengguan.id}"][data-status="submitted"]`));
    await expectVisible(row.getByText(PART));

    // Now the lead's reply goes through, its form started with the part given for it.
    await lead.page.getByRole('button', { name: '刷新' }).click();
    await expectVisible(workbench(lead.page).locator(`.co-handler[data-status="submitted"]`).getByText(PART));
    await act(lead.page, '答复', 'replied', async (dialog) => {
      const text = dialog.getByLabel('答复内容（审核通过后居民可见）');
      expect(await text.inputValue()).toBe(PART);
      await text.fill(REPLY);
    });
    await shot(lead.page, 'lead-replied');

    // The dispatcher approves; the reply goes out to the resident.
    await dispatcher.page.getByRole('button', { name: '刷新' }).click();
    await expectStatus(dispatcher.page, 'replied');
    await act(dispatcher.page, '审核通过', 'awaiting_rating');

    // The resident, later, in the h5 build: signs in, verifies the number they gave on the phone, finds it, rates it.
    const context = await newPhoneContext(browser());
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${baseUrl()}/h5/`);
    await seen(page.getByRole('listbox', { name: '选择街道' }).getByRole('option', { name: '斜土路街道' })).tap();
    await tab(page, '我的').tap();
    await seen(page.getByRole('textbox', { name: '昵称' }))
      .locator('input')
      .fill('王阿婆');
    await seen(page.getByRole('button', { name: '预览登录' })).tap();
    const verify = seen(page.getByRole('region', { name: '验证手机号' }));
    await expectVisible(verify);
    await verify.getByRole('textbox', { name: '手机号码' }).locator('input').fill(phone);
    await verify.getByRole('button', { name: '验证手机号' }).tap();
    await expectVisible(seen(verify.getByRole('status')));
    const mine = seen(page.getByRole('list', { name: '我的诉求' }));
    await expectVisible(mine.getByText(TITLE));
    await page.screenshot({ path: `${shotsDir()}/resident-mine.png`, fullPage: true });
    await mine.getByText(TITLE).tap();
    const timeline = seen(page.getByRole('list', { name: '办理进度' }));
    await expectVisible(seen(timeline.getByText(REPLY)));
    await seen(page.getByRole('listbox', { name: '问题是否解决' }).getByRole('option', { name: '已解决' })).tap();
    await seen(page.getByRole('listbox', { name: '满意程度' }).getByRole('option', { name: '满意', exact: true })).tap();
    await seen(page.getByRole('button', { name: '提交评价' })).tap();
    await expectVisible(seen(page.locator('.status-chip').getByText('已办结', { exact: true })));
    await page.screenshot({ path: `${shotsDir()}/resident-rated.png`, fullPage: true });
    expect(problems.consoleErrors).toEqual([]);
    await context.close();

    // What the service holds: filed by phone, co-handled, closed satisfied; the lead was told of the part.
    const token = await staffToken(api, DISPATCHER);
    const detail = (await api('GET', `/admin/concerns/${id}`, token)).body as unknown as ConcernDetailView;
    expect(detail).toMatchObject({ source: 'phone', status: 'closed', solved: true, satisfaction: 'satisfied' });
    expect(detail.coHandlers).toEqual([
      expect.objectContaining({ departmentId: chengguan.id, status: 'submitted', partVisibility: 'reply' }),
    ]);
    expect(detail.timeline.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'submit',
        'accept',
        'dispatch',
        'sign',
        'co-handler-sign',
        'co-handler-part',
        'reply',
        'approve-reply',
        'rate',
      ]),
    );
    const leadAlerts = (await api('GET', '/admin/alerts?limit=50', await staffToken(api, LEAD))).body as unknown as StaffAlertPage;
    expect(leadAlerts.items.filter((a) => a.concernId === id).map((a) => a.kind)).toEqual(
      expect.arrayContaining(['dispatched', 'co_handler_part']),
    );
  }, 240_000);

  it('a visit organiser files a problem raised at a 座谈会, and it is on the visit’s 问题清单', async () => {
    // A 座谈会 of 斜土路街道 that began an hour ago.
    const editorToken = await staffToken(api, EDITOR);
    const compounds = (await api('GET', '/streets/xietu/compounds')).body.items as Array<{ id: number; name: string }>;
    const startsAt = new Date(Date.now() - 60 * 60 * 1000);
    const visit = await api('POST', '/admin/visits', editorToken, {
      title: '满意在徐汇 · 居民座谈会',
      compoundId: compounds[0]!.id,
      place: '居民区活动室',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 60 * 60 * 1000).toISOString(),
      participants: [{ name: '李主任', role: 'department_head', title: '街道办主任' }],
      topics: ['小区环境'],
      capacity: 30,
    });
    expect(visit.status).toBe(201);
    const visitId = visit.body.id as number;
    const problem = '座谈会上反映：小区东门路灯坏了一个月';

    const { page } = await newPage();
    await logIn(page, EDITOR);
    await page.goto(`${baseUrl()}/admin/visits/${visitId}`);
    await page.getByTestId('visit-intake').click();
    const form = page.getByTestId('intake-form');
    await expectVisible(form);
    await pick(form, '小区', compounds[0]!.name);
    await pick(form, '诉求类别', '公共设施维修');
    await form.getByLabel('标题').fill(problem);
    await form.getByLabel('问题描述').fill('多位居民在座谈会上提出，东门路灯不亮，晚上出入不安全，希望尽快修复。');
    await shot(page, 'visit-intake');
    await form.getByTestId('intake-submit').click();
    await page.waitForURL((url) => url.pathname === `/admin/visits/${visitId}`);
    await page.getByRole('tab', { name: '走访纪要与问题清单' }).click();
    await expectVisible(page.getByRole('list', { name: '已发布的问题清单' }).getByText(problem));
    await shot(page, 'visit-issue-list');

    // Residents see it on the visit too.
    const publicVisit = await api('GET', `/visits/${visitId}`);
    expect(JSON.stringify(publicVisit.body)).toContain(problem);
  }, 120_000);
});
