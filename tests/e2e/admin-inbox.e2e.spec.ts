import type { ConcernDetailView, DepartmentView } from '@manyi/shared';
import type { Browser } from 'playwright-core';

import { act, actions, adminPages, expectStatus, expectVisible, screenshots, workbench } from '../support/admin-page.js';
import { apiClient, staffToken } from '../support/api.js';
import { launchBrowser } from '../support/browser.js';
import { previewResident, reportConcern } from '../support/concerns.js';
import { gradientPng } from '../support/images.js';
import { startService, type RunningService } from '../support/service.js';

// The staff admin page, served at /admin/ by the built service (node cloud/dist/main.js) on a fresh
// SQLite database with demo accounts, opened in Debian's Chromium on an office screen. A resident
// reports through the API; a dispatcher, a handler and the dispatcher again work the concern in the
// browser; the API then confirms what the page did.
// Needs: npm run build (shared, cloud, admin) and bash scripts/ensure-chromium.sh.

const DISPATCHER = 'dispatcher.xietu';
const HANDLER = 'handler.xietu-guanli';
const REPLY = '已联系保洁公司，今天下午完成清运，并调整为每日两次清运。';
const INTERNAL = '已电话联系居民，居民认可处理方案';

describe('staff work a concern in the admin page', () => {
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  let shot: Awaited<ReturnType<typeof screenshots>>['shot'];
  const api = apiClient(() => service!.baseUrl);
  const { newPage, logIn, closeAll } = adminPages(
    () => service!.baseUrl,
    () => browser!,
    { timeout: 15_000 },
  );

  const uploadPhoto = async (token: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(gradientPng(320, 240))], { type: 'image/png' }), 'photo.png');
    const response = await fetch(`${service!.baseUrl}/api/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: number }).id;
  };

  /** A resident reports a concern through the API, as the mini-program does. */
  const report = async (title: string, { photo = false } = {}) => {
    const token = await previewResident(api, '李阿姨');
    const photoIds = photo ? [await uploadPhoto(token)] : [];
    return reportConcern(api, token, {
      title,
      description: '3号楼旁的垃圾房连续三天没有清运，气味很大，影响居民出行。',
      address: '斜土路某弄3号楼旁',
      phone: '13812341234',
      photoIds,
    });
  };

  beforeAll(async () => {
    service = await startService({ requireAdmin: true });
    browser = await launchBrowser();
    ({ shot } = await screenshots('admin-inbox'));
  }, 90_000);

  afterAll(async () => {
    await closeAll();
    await browser?.close();
    await service?.stop();
  });

  it('a dispatcher accepts and dispatches to the suggested department, the handler signs and replies, the dispatcher approves', async () => {
    const concern = await report('垃圾房满溢无人清运', { photo: true });
    const dispatcherToken = await staffToken(api, DISPATCHER);
    const suggested = (await api('GET', `/admin/concerns/${concern.id}`, dispatcherToken)).body as unknown as ConcernDetailView;
    const departments = (await api('GET', '/departments')).body.items as DepartmentView[];
    const guanli = departments.find((d) => d.code === 'xietu-guanli')!;
    expect(suggested.suggestedDepartmentId).toBe(guanli.id);

    // The dispatcher: the login form, then 待受理 with the new concern in it.
    const dispatcher = await newPage();
    await dispatcher.page.goto(`${service!.baseUrl}/admin/`);
    await expectVisible(dispatcher.page.getByRole('button', { name: '登录' }));
    expect(new URL(dispatcher.page.url()).pathname).toBe('/admin/login');
    const loginShot = await shot(dispatcher.page, 'login');
    await logIn(dispatcher.page, DISPATCHER);
    expect(new URL(dispatcher.page.url()).pathname).toBe('/admin/inbox/submitted');
    const row = dispatcher.page.getByRole('row', { name: new RegExp(concern.code) });
    await expectVisible(row);
    await expectVisible(row.getByText('待受理'));
    await expectVisible(row.getByText('斜土路街道'));
    const inboxShot = await shot(dispatcher.page, 'inbox-dispatcher');

    // Keyboard: focus the row, Enter opens the workbench.
    await row.focus();
    await dispatcher.page.keyboard.press('Enter');
    await expectStatus(dispatcher.page, 'submitted');
    expect(new URL(dispatcher.page.url()).pathname).toBe(`/admin/concerns/${concern.id}`);
    await expectVisible(workbench(dispatcher.page).getByText('138****1234'));
    // The resident's photo, fetched with the bearer header into an object URL.
    const thumb = workbench(dispatcher.page).getByRole('img', { name: '照片 1' });
    await expectVisible(thumb);
    expect(await thumb.getAttribute('src')).toMatch(/^blob:/);
    await dispatcher.page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img[alt="照片 1"]');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    expect(await actions(dispatcher.page).getByRole('button').allTextContents()).toEqual(['受理', '不予受理', '并单', '内部备注', '催办']);

    await act(dispatcher.page, '受理', 'accepted');
    await act(dispatcher.page, '派单', 'dispatched', async (dialog) => {
      // The routing rule's suggestion is preselected.
      await expectVisible(dialog.getByTitle(`${guanli.name}（建议）`));
      // The suggested co-handler (城管) is taken off: 协办 is staff-channels.e2e.spec's subject, here the lead works alone.
      await dialog.locator('.ant-form-item').filter({ hasText: '协办部门' }).locator('.ant-select-selection-item-remove').click();
      await shot(dispatcher.page, 'dispatch-form');
    });
    // A reload of the deep link keeps the page and the session.
    await dispatcher.page.reload();
    await expectStatus(dispatcher.page, 'dispatched');

    // The handler of that department: 待签收, sign, reply.
    const handler = await newPage();
    await logIn(handler.page, HANDLER);
    expect(new URL(handler.page.url()).pathname).toBe('/admin/inbox/to-sign');
    const handlerRow = handler.page.getByRole('row', { name: new RegExp(concern.code) });
    await expectVisible(handlerRow);
    await shot(handler.page, 'inbox-handler');
    await handlerRow.click();
    await expectStatus(handler.page, 'dispatched');
    expect(await actions(handler.page).getByRole('button').allTextContents()).toEqual(['签收', '退单', '内部备注']);
    await act(handler.page, '签收', 'in_progress');
    await act(handler.page, '答复', 'replied', async (dialog) => {
      await dialog.getByLabel('答复内容（审核通过后居民可见）').fill(REPLY);
      await dialog.getByLabel('内部备注（仅工作人员可见）').fill(INTERNAL);
    });
    // The reply waits for review; the internal note is set apart from what the resident will read.
    await expectVisible(workbench(handler.page).locator('.timeline-text-draft').getByText(REPLY));
    await expectVisible(workbench(handler.page).locator('.timeline-text-internal').getByText(INTERNAL));
    const handlerShot = await shot(handler.page, 'workbench-handler');

    // The dispatcher again: 待审核, approve.
    await dispatcher.page.getByRole('menuitem', { name: '待审核' }).click();
    const reviewRow = dispatcher.page.getByRole('row', { name: new RegExp(concern.code) });
    await expectVisible(reviewRow);
    await reviewRow.click();
    await expectStatus(dispatcher.page, 'replied');
    await act(dispatcher.page, '审核通过', 'awaiting_rating');
    await expectVisible(workbench(dispatcher.page).locator('.timeline-text-public').getByText(REPLY));
    const finalShot = await shot(dispatcher.page, 'workbench-dispatcher');
    console.log(`admin screenshots: ${[loginShot, inboxShot, handlerShot, finalShot].join(' ')}`);

    // What the service now holds.
    const detail = (await api('GET', `/admin/concerns/${concern.id}`, dispatcherToken)).body as unknown as ConcernDetailView;
    expect(detail.status).toBe('awaiting_rating');
    expect(detail.departmentId).toBe(guanli.id);
    expect(detail.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'dispatch', 'sign', 'reply', 'approve-reply']);
    expect(detail.timeline.find((e) => e.action === 'dispatch')?.data).toMatchObject({ departmentId: guanli.id });
    expect(detail.timeline.find((e) => e.action === 'reply')?.internalText).toBe(INTERNAL);
    expect(detail.timeline.find((e) => e.action === 'approve-reply')?.publicText).toBe(REPLY);
    const mine = await api('GET', `/concerns/${concern.id}`, concern.residentToken);
    expect(mine.body.status).toBe('awaiting_rating');

    for (const { problems } of [dispatcher, handler]) {
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedApiRequests).toEqual([]);
    }
  });

  it('explains a conflict when someone else acted first, and shows the concern as it is now', async () => {
    const concern = await report('楼道堆物占用消防通道');
    const first = await newPage();
    await logIn(first.page, DISPATCHER);
    await first.page.goto(`${service!.baseUrl}/admin/concerns/${concern.id}`);
    await expectStatus(first.page, 'submitted');

    // Someone else accepts it while the page still shows 待受理.
    const other = await api('POST', `/admin/concerns/${concern.id}/accept`, await staffToken(api, DISPATCHER), {});
    expect(other.status).toBe(200);

    await actions(first.page).getByRole('button', { name: '受理', exact: true }).click();
    await first.page.getByRole('dialog').getByRole('button', { name: '确认受理' }).click();
    const warning = first.page.getByRole('dialog').filter({ hasText: '其他人已先处理' });
    await expectVisible(warning);
    await expectStatus(first.page, 'accepted');
    await shot(first.page, 'conflict');
    await warning.getByRole('button').last().click();
    expect(await actions(first.page).getByRole('button', { name: '派单', exact: true }).isVisible()).toBe(true);

    const acceptUrl = `${service!.baseUrl}/api/v1/admin/concerns/${concern.id}/accept`;
    expect(first.problems.failedApiRequests).toEqual([`POST ${acceptUrl}: 409`]);
    expect(first.problems.consoleErrors).toEqual([
      `Failed to load resource: the server responded with a status of 409 (Conflict) (${acceptUrl}:0)`,
    ]);
  });

  it('shows the service message for a wrong password and stays on the login form', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${service!.baseUrl}/admin/login`);
    await page.getByLabel('用户名').fill(DISPATCHER);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expectVisible(page.getByRole('alert').filter({ hasText: '用户名或密码错误' }));
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    const loginUrl = `${service!.baseUrl}/api/v1/auth/staff/login`;
    expect(problems.failedApiRequests).toEqual([`POST ${loginUrl}: 401`]);
    expect(problems.consoleErrors).toEqual([
      `Failed to load resource: the server responded with a status of 401 (Unauthorized) (${loginUrl}:0)`,
    ]);
  });
});
