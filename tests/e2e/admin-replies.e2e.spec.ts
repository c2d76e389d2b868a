import type { CategoryView, CompoundView, ConcernDetailView, DepartmentView } from '@manyi/shared';

import { act, expectStatus, expectVisible, workbench } from '../support/admin-page.js';
import { adminSuite } from '../support/admin-suite.js';
import { staffToken } from '../support/api.js';
import { previewResident, reportConcern } from '../support/concerns.js';

// Issue 19's done-when in the admin page, on the built service with demo accounts in Debian's Chromium:
// a handler signs a concern, records the first contact with the resident (先联系), picks a reply template
// for the concern's category — its placeholders filled with the compound and the department — finds a
// policy in the knowledge base typed in traditional characters, and the reply goes through; and the street
// calls a phone concern back from its 回访 queue until the resident is reached.
// Screenshots go to tests/artifacts/screenshots/admin-replies-<run>/.
// Needs: npm run build (shared, cloud, admin) and bash scripts/ensure-chromium.sh.

const DISPATCHER = 'dispatcher.xietu';
const HANDLER = 'handler.xietu-guanli';
const SUPERVISOR = 'supervisor';
const TEMPLATE_TITLE = '垃圾房已清运';
const TEMPLATE_TEXT = '您好！您反映的{小区}垃圾房垃圾堆积问题，{部门}已于{今天}安排保洁公司清运，并督促物业改为每日清运两次。';
const ADDED = '如仍有问题，欢迎再次反映。';

describe('replies in the admin page: 先联系, a template and the knowledge base, 回访', () => {
  const { newPage, logIn, api, shot } = adminSuite('admin-replies');

  it('a handler signs, records contact, picks a template whose placeholders are filled, and the reply goes through', async () => {
    // A resident's concern (垃圾分类与清运, 斜土路街道's first compound), accepted and dispatched to 斜土社区管理办.
    const concern = await reportConcern(api, await previewResident(api, '周阿姨'), {
      title: '垃圾房门口垃圾堆积',
      description: '小区垃圾房门口堆满了垃圾袋，已经两天没人清运，夜里有异味。',
      phone: '13900002222',
    });
    const compound = ((await api('GET', '/streets/xietu/compounds')).body.items as CompoundView[])[0]!;
    const department = ((await api('GET', '/departments')).body.items as DepartmentView[]).find((d) => d.code === 'xietu-guanli')!;
    const dispatcher = await staffToken(api, DISPATCHER);
    expect((await api('POST', `/admin/concerns/${concern.id}/accept`, dispatcher, {})).status).toBe(200);
    const dispatched = await api('POST', `/admin/concerns/${concern.id}/dispatch`, dispatcher, {
      departmentId: department.id,
      coHandlerIds: [],
    });
    expect(dispatched.status).toBe(200);
    const categoryId = ((await api('GET', `/admin/concerns/${concern.id}`, dispatcher)).body as unknown as ConcernDetailView).categoryId;

    // The supervisor keeps the category's reply template and a policy entry.
    const supervisor = await staffToken(api, SUPERVISOR);
    const template = await api('POST', '/admin/reply-templates', supervisor, {
      categoryId,
      kind: 'reply',
      title: TEMPLATE_TITLE,
      text: TEMPLATE_TEXT,
    });
    expect(template.status).toBe(201);
    const entry = await api('POST', '/admin/knowledge', supervisor, {
      title: '上海市生活垃圾管理条例（居住区）',
      text: '居住区的生活垃圾分类驳运由物业服务企业负责。',
      source: '上海市人大常委会',
      validUntil: null,
    });
    expect(entry.status).toBe(201);

    // The handler signs: the 先联系 card shows its deadline.
    const { page, problems } = await newPage();
    await logIn(page, HANDLER);
    await page.getByRole('row', { name: new RegExp(concern.code) }).click();
    await expectStatus(page, 'dispatched');
    await act(page, '签收', 'in_progress');
    const contactCard = workbench(page).locator('.contact-card');
    await expectVisible(contactCard.getByText('尚未联系居民'));
    await expectVisible(contactCard.getByText('先联系时限'));
    await shot(page, 'contact-due');

    // 先联系: a phone call, with a note for staff.
    await contactCard.getByRole('button', { name: '记录联系' }).click();
    await contactCard.getByLabel('电话联系').check();
    await contactCard.getByLabel('联系情况（仅工作人员可见）').fill('已电话联系周阿姨，约好明天上午清运后回电。');
    await contactCard.getByRole('button', { name: '保存联系记录' }).click();
    await expectVisible(contactCard.getByText('已联系 1 次'));
    await expectVisible(contactCard.getByRole('list', { name: '联系记录' }).getByText('已电话联系周阿姨，约好明天上午清运后回电。'));
    await expectVisible(workbench(page).locator('.timeline-step[data-action="contact"]').getByText('经办人已与您联系'));
    await shot(page, 'contact-recorded');

    // 答复: the template fills the compound and the department; the text stays editable; a policy is found 简繁 alike.
    let sent = '';
    await act(page, '答复', 'replied', async (dialog) => {
      await dialog.getByRole('combobox', { name: '答复模板' }).click();
      await page.getByTitle(`${TEMPLATE_TITLE}（垃圾分类与清运）`).click();
      const box = dialog.getByLabel('答复内容（审核通过后居民可见）');
      await expectVisible(dialog.getByText(`已套用「${TEMPLATE_TITLE}」，占位符已填好，可继续修改`));
      const filled = await box.inputValue();
      expect(filled).toContain(`您反映的${compound.name}垃圾房`);
      expect(filled).toContain(`${department.name}已于`);
      expect(filled).not.toMatch(/\{[^}]+\}/);

      await dialog.getByLabel('搜索政策知识库').fill('垃圾分類');
      await dialog.getByLabel('搜索政策知识库').press('Enter');
      const found = dialog.getByRole('list', { name: '知识库搜索结果' });
      await expectVisible(found.getByText('上海市生活垃圾管理条例（居住区）'));
      await expectVisible(found.getByText('来源：上海市人大常委会 · 长期有效'));

      await box.fill(`${filled}${ADDED}`);
      sent = await box.inputValue();
      await shot(page, 'reply-from-template');
    });

    // The service took it: the workbench shows the reply.
    const draft = workbench(page).locator('.timeline-step[data-action="reply"]');
    await expectVisible(draft.getByText(sent));
    await shot(page, 'reply-sent');
    const detail = (await api('GET', `/admin/concerns/${concern.id}`, dispatcher)).body as unknown as ConcernDetailView;
    expect(detail.status).toBe('replied');
    expect(detail.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'dispatch', 'sign', 'contact', 'reply']);
    expect(detail.timeline.at(-1)!.data).toMatchObject({ replyText: sent });
    expect(detail.contacts).toEqual([expect.objectContaining({ method: 'phone', note: '已电话联系周阿姨，约好明天上午清运后回电。' })]);
    expect(sent).toContain(compound.name);
    expect(sent).toContain(department.name);

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
  });
  it('the street calls back a phone concern from the 回访 queue: one unreached attempt, then the resident reached and satisfied closes it rated by 回访', async () => {
    // A phone concern (代录, no app to rate in), handled and replied through the API.
    const compound = ((await api('GET', '/streets/xietu/compounds')).body.items as CompoundView[])[0]!;
    const category = ((await api('GET', '/categories')).body.items as CategoryView[])
      .flatMap((c) => c.children)
      .find((c) => c.code === 'shirong-laji')!;
    const department = ((await api('GET', '/departments')).body.items as DepartmentView[]).find((d) => d.code === 'xietu-guanli')!;
    const dispatcher = await staffToken(api, DISPATCHER);
    const handler = await staffToken(api, HANDLER);
    const filed = await api('POST', '/admin/concerns', dispatcher, {
      channel: 'phone',
      contactName: '陈老伯',
      phone: '021-64871234',
      categoryId: category.id,
      compoundId: compound.id,
      title: '楼道垃圾无人清运',
      description: '陈老伯来电：楼道里的垃圾袋三天没人收，气味很大。',
      acceptNow: true,
    });
    expect(filed.status).toBe(201);
    const id = filed.body.id as number;
    const code = filed.body.code as string;
    const step = async (token: string, action: string, body: unknown = {}) =>
      expect((await api('POST', `/admin/concerns/${id}/${action}`, token, body)).status).toBe(200);
    await step(dispatcher, 'dispatch', { departmentId: department.id, coHandlerIds: [] });
    await step(handler, 'sign');
    await step(handler, 'contact', { method: 'phone', contactedAt: new Date().toISOString() });
    await step(handler, 'reply', { text: '楼道垃圾已清运，并已要求保洁员每日巡查。', photoIds: [] });
    await step(dispatcher, 'approve-reply');

    // The dispatcher finds it in 回访队列 as a channel without the app, and opens it.
    const { page, problems } = await newPage();
    await logIn(page, DISPATCHER);
    await page.getByRole('menuitem', { name: '回访队列' }).click();
    await page.waitForURL(/\/admin\/callbacks$/);
    const row = page.getByTestId('callback-queue').getByRole('row', { name: new RegExp(code) });
    await expectVisible(row.getByText('无小程序渠道'));
    await expectVisible(row.getByText('021****1234'));
    await shot(page, 'callback-queue');
    await row.click();
    await expectStatus(page, 'awaiting_rating');
    const card = workbench(page).locator('.callback-card');

    // Not reached: an attempt counted, the concern still waits.
    await card.getByRole('button', { name: '记录回访' }).click();
    await card.getByLabel('未接通').check();
    await card.getByRole('button', { name: '保存回访记录' }).click();
    await expectVisible(card.getByText('本轮未接通 1 次'));
    await expectStatus(page, 'awaiting_rating');

    // Reached: solved and satisfied — the rating, channel 回访; the concern closes.
    await card.getByRole('button', { name: '记录回访' }).click();
    await card.getByLabel('已接通').check();
    await card.getByLabel('已解决').check();
    await card.getByLabel('满意', { exact: true }).check();
    await card.getByLabel('居民原话（仅工作人员可见）').fill('现在楼道干净了，谢谢街道。');
    await card.getByRole('button', { name: '保存回访记录' }).click();
    await expectStatus(page, 'closed');
    await expectVisible(card.getByText('评价渠道：回访'));
    await expectVisible(card.getByText('计为评价'));
    await shot(page, 'callback-recorded');

    const detail = (await api('GET', `/admin/concerns/${id}`, dispatcher)).body as unknown as ConcernDetailView;
    expect(detail).toMatchObject({ status: 'closed', ratingChannel: 'callback', solved: true, satisfaction: 'satisfied' });
    expect(detail.callbacks?.map((c) => [c.reached, c.counted])).toEqual([
      [false, false],
      [true, true],
    ]);
    // Off the queue once rated.
    const queue = (await api('GET', '/admin/callbacks', dispatcher)).body.items as Array<{ id: number }>;
    expect(queue.some((c) => c.id === id)).toBe(false);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedApiRequests).toEqual([]);
  });
});
