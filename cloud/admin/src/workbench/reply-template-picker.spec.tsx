import type { ReplyTemplateView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/endpoints';
import { followUpApi } from '../api/follow-up-endpoints';
import { DirectoryContext } from '../app/directory';
import { AdminProviders } from '../app/providers';
import { ActionBar } from './action-bar';
import { FIXTURE_NOW, fixtureDetail, fixtureDirectory } from './detail-fixture';
import { chineseDate, replyPlaceholderValues } from './reply-template-picker';

const template = (id: number, title: string, text: string, kind: ReplyTemplateView['kind'] = 'reply'): ReplyTemplateView => ({
  id,
  categoryId: 9,
  categoryName: '垃圾分类与清运',
  kind,
  title,
  text,
  updatedAt: '2026-11-20T01:00:00Z',
  updatedBy: '区督办',
});

const CLEARED = template(
  1,
  '已清运',
  '您反映的{小区}垃圾房问题，{部门}已于{今天}安排清运，并要求物业每日清运两次。诉求编号{诉求编号}，提交于{提交日期}。',
);

function mockDirectory() {
  vi.spyOn(api, 'compounds').mockResolvedValue({ items: [{ id: 5, code: 'hengyi', name: '恒益小区', streetCode: 'xietu' }] });
}

function renderBar(detail = fixtureDetail('handler', 'in_progress')) {
  render(
    <AdminProviders>
      <DirectoryContext.Provider value={fixtureDirectory}>
        <ActionBar detail={detail} onChanged={vi.fn()} />
      </DirectoryContext.Provider>
    </AdminProviders>,
  );
}

async function choose(label: string, option: string) {
  fireEvent.mouseDown(await screen.findByLabelText(label));
  fireEvent.click(await screen.findByTitle(option));
}

describe('答复模板 in the reply form', { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('fills the chosen template’s compound, department and dates into the reply box, which stays editable and is what is sent', async () => {
    mockDirectory();
    const templates = vi.spyOn(followUpApi, 'replyTemplates').mockResolvedValue({ items: [CLEARED] });
    const act = vi.spyOn(api, 'act').mockResolvedValue({} as never);
    renderBar();
    fireEvent.click(screen.getByRole('button', { name: '答复' }));
    await waitFor(() => expect(templates).toHaveBeenCalledWith({ categoryId: 9, kind: 'reply' }, expect.anything()));
    // The compound's name comes with the street's compounds: wait for it before choosing.
    await waitFor(() => expect(api.compounds).toHaveBeenCalledWith('xietu'));
    await choose('答复模板', '已清运（垃圾分类与清运）');
    const box = screen.getByLabelText('答复内容（审核通过后居民可见）') as HTMLTextAreaElement;
    const today = chineseDate(new Date());
    await waitFor(() =>
      expect(box.value).toBe(
        `您反映的恒益小区垃圾房问题，斜土社区管理办已于${today}安排清运，并要求物业每日清运两次。诉求编号XH20261124-0007，提交于2026年11月23日。`,
      ),
    );
    expect(screen.getByText('已套用「已清运」，占位符已填好，可继续修改')).toBeTruthy();

    fireEvent.change(box, { target: { value: `${box.value}如仍有问题请再联系我们。` } });
    fireEvent.click(screen.getByRole('button', { name: '确认答复' }));
    await waitFor(() =>
      expect(act).toHaveBeenCalledWith(
        7,
        'reply',
        expect.objectContaining({ text: expect.stringMatching(/恒益小区.*如仍有问题请再联系我们。$/) }),
      ),
    );
  });

  it('keeps a placeholder the concern has no value for, and says which to fill by hand', async () => {
    mockDirectory();
    vi.spyOn(followUpApi, 'replyTemplates').mockResolvedValue({ items: [template(2, '限期办理', '将于{办结期限}前办结。')] });
    renderBar(fixtureDetail('handler', 'in_progress', { resolveDueAt: null }));
    fireEvent.click(screen.getByRole('button', { name: '答复' }));
    await choose('答复模板', '限期办理（垃圾分类与清运）');
    expect(((await screen.findByLabelText('答复内容（审核通过后居民可见）')) as HTMLTextAreaElement).value).toBe('将于{办结期限}前办结。');
    expect(screen.getByText('已套用「限期办理」。以下占位符没有可填的内容，请在文字中手动填写：{办结期限}')).toBeTruthy();
  });

  it('offers the rejection templates beside the rejection reason', async () => {
    mockDirectory();
    const templates = vi
      .spyOn(followUpApi, 'replyTemplates')
      .mockResolvedValue({ items: [template(3, '非本区事项', '{小区}不属徐汇区，请向所在区反映。', 'rejection')] });
    renderBar(fixtureDetail('dispatcher', 'submitted', { departmentId: null }));
    fireEvent.click(screen.getByRole('button', { name: '不予受理' }));
    await waitFor(() => expect(templates).toHaveBeenCalledWith({ categoryId: 9, kind: 'rejection' }, expect.anything()));
    await waitFor(() => expect(api.compounds).toHaveBeenCalled());
    await choose('不予受理理由模板', '非本区事项（垃圾分类与清运）');
    await waitFor(() =>
      expect((screen.getByLabelText('不予受理理由（居民可见）') as HTMLTextAreaElement).value).toBe('恒益小区不属徐汇区，请向所在区反映。'),
    );
  });

  it('says when the category has no templates, and the box is still there to write in', async () => {
    mockDirectory();
    vi.spyOn(followUpApi, 'replyTemplates').mockResolvedValue({ items: [] });
    renderBar();
    fireEvent.click(screen.getByRole('button', { name: '答复' }));
    expect(await screen.findByText('本类别暂无模板')).toBeTruthy();
    expect(screen.getByLabelText('答复内容（审核通过后居民可见）')).toBeTruthy();
  });
});

describe(replyPlaceholderValues.name, () => {
  it('names the concern’s parts and writes its days in Chinese, leaving out what it does not have', () => {
    const values = replyPlaceholderValues(
      fixtureDetail('handler', 'in_progress', { departmentId: null, resolveDueAt: null }),
      fixtureDirectory,
      '恒益小区',
      new Date(FIXTURE_NOW),
    );
    expect(values).toEqual({
      compound: '恒益小区',
      street: '斜土路街道',
      department: null,
      category: '垃圾分类与清运',
      code: 'XH20261124-0007',
      submittedDate: '2026年11月23日',
      today: '2026年11月24日',
      resolveDueDate: null,
    });
  });

  it('counts the day in Shanghai: 16:30 UTC on New Year’s Eve is already New Year’s Day there', () => {
    expect(chineseDate('2026-12-31T16:30:00Z')).toBe('2027年1月1日');
  });
});
