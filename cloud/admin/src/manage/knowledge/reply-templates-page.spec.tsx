import type { ReplyTemplateView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followUpApi } from '../../api/follow-up-endpoints';
import { buildDirectory, DirectoryContext } from '../../app/directory';
import { AdminProviders } from '../../app/providers';
import { ReplyTemplatesPage, templateBody } from './reply-templates-page';

const directory = buildDirectory(
  [{ id: 2, code: 'xietu', name: '斜土路街道', kind: 'street' }],
  [],
  [{ id: 9, code: 'shirong-laji', name: '垃圾分类与清运', parentId: null, requestType: 'complaint', children: [] }],
);

const CLEARED: ReplyTemplateView = {
  id: 1,
  categoryId: 9,
  categoryName: '垃圾分类与清运',
  kind: 'reply',
  title: '已清运',
  text: '{小区}垃圾房已由{部门}清运。',
  updatedAt: '2026-11-20T01:00:00Z',
  updatedBy: '区督办',
};

function renderPage() {
  render(
    <AdminProviders>
      <DirectoryContext.Provider value={directory}>
        <ReplyTemplatesPage />
      </DirectoryContext.Provider>
    </AdminProviders>,
  );
}

describe(ReplyTemplatesPage.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists the templates with their kind and category, and asks again for one kind', async () => {
    const list = vi.spyOn(followUpApi, 'replyTemplates').mockResolvedValue({
      items: [CLEARED, { ...CLEARED, id: 2, categoryId: null, categoryName: null, kind: 'rejection', title: '非本区' }],
    });
    renderPage();
    const table = await screen.findByTestId('reply-templates');
    await waitFor(() => expect(within(table).getByText('已清运')).toBeTruthy());
    const general = within(table).getByText('非本区').closest('tr')!;
    expect(within(general).getByText('通用')).toBeTruthy();
    expect(within(general).getByText('不予受理理由')).toBeTruthy();
    fireEvent.click(screen.getByText('答复', { selector: '.ant-segmented-item-label' }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ categoryId: undefined, kind: 'reply' }, expect.anything()));
  });

  it('refuses a template with an unknown placeholder in the shared schema’s words and saves nothing', async () => {
    vi.spyOn(followUpApi, 'replyTemplates').mockResolvedValue({ items: [] });
    const create = vi.spyOn(followUpApi, 'replyTemplateCreate').mockResolvedValue(CLEARED);
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: /新建模板/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('模板名称'), { target: { value: '已清运' } });
    fireEvent.change(within(dialog).getByLabelText('模板内容'), { target: { value: '{楼号}的垃圾已清运' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText(/模板中只能使用这些占位符/)).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
  });

  it('saves a template for every category with a placeholder inserted by its button', async () => {
    vi.spyOn(followUpApi, 'replyTemplates').mockResolvedValue({ items: [] });
    const create = vi.spyOn(followUpApi, 'replyTemplateCreate').mockResolvedValue(CLEARED);
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: /新建模板/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('模板名称'), { target: { value: '已清运' } });
    fireEvent.change(within(dialog).getByLabelText('模板内容'), { target: { value: '已清运：' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '{小区}' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith({ categoryId: null, kind: 'reply', title: '已清运', text: '已清运：{小区}' }));
  });

  it('edits a template in place', async () => {
    vi.spyOn(followUpApi, 'replyTemplates').mockResolvedValue({ items: [CLEARED] });
    const update = vi.spyOn(followUpApi, 'replyTemplateUpdate').mockResolvedValue(CLEARED);
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '编辑' }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText('模板内容') as HTMLTextAreaElement).value).toBe('{小区}垃圾房已由{部门}清运。');
    fireEvent.change(within(dialog).getByLabelText('模板名称'), { target: { value: '已清运（每日两次）' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(update).toHaveBeenCalledWith(1, {
        categoryId: 9,
        kind: 'reply',
        title: '已清运（每日两次）',
        text: '{小区}垃圾房已由{部门}清运。',
      }),
    );
  });

  it('turns "every category" into null', () => {
    expect(templateBody({ categoryId: 0, kind: 'reply', title: 't', text: 'x' }).categoryId).toBeNull();
    expect(templateBody({ categoryId: 9, kind: 'reply', title: 't', text: 'x' }).categoryId).toBe(9);
  });
});
