import type { KnowledgeEntryView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followUpApi } from '../../api/follow-up-endpoints';
import { AdminProviders } from '../../app/providers';
import { entryBody, KnowledgePage } from './knowledge-page';

const ENTRY: KnowledgeEntryView = {
  id: 1,
  title: '上海市生活垃圾管理条例',
  text: '居住区的生活垃圾由物业服务企业负责分类驳运。',
  source: '上海市人大常委会',
  validUntil: '2025-12-31',
  expired: true,
  updatedAt: '2026-11-20T01:00:00Z',
  updatedBy: '区督办',
};

function renderPage() {
  render(
    <AdminProviders>
      <KnowledgePage />
    </AdminProviders>,
  );
}

describe(KnowledgePage.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists the entries with source and validity, searches, and shows expired ones on request', async () => {
    const list = vi.spyOn(followUpApi, 'knowledge').mockResolvedValue({ items: [ENTRY], nextCursor: null });
    renderPage();
    const table = await screen.findByTestId('knowledge-entries');
    await waitFor(() => expect(within(table).getByText('上海市生活垃圾管理条例')).toBeTruthy());
    expect(within(table).getByText('已于2025-12-31 失效')).toBeTruthy();
    expect(list).toHaveBeenCalledWith({ q: undefined, expired: false }, null, expect.anything());
    const search = screen.getByLabelText('搜索');
    fireEvent.change(search, { target: { value: ' 垃圾 ' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ q: '垃圾', expired: false }, null, expect.anything()));
    fireEvent.click(screen.getByRole('switch', { name: '包括已失效' }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ q: '垃圾', expired: true }, null, expect.anything()));
  });

  it('refuses an entry without a source in the shared schema’s words and saves nothing', async () => {
    vi.spyOn(followUpApi, 'knowledge').mockResolvedValue({ items: [], nextCursor: null });
    const create = vi.spyOn(followUpApi, 'knowledgeCreate').mockResolvedValue(ENTRY);
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: /新建条目/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('标题'), { target: { value: '加装电梯补贴办法' } });
    fireEvent.change(within(dialog).getByLabelText('正文'), { target: { value: '既有多层住宅加装电梯，区财政给予补贴。' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText(/来源/, { selector: '.ant-form-item-explain-error' })).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
  });

  it('saves a new entry without an end date as valid for good', async () => {
    vi.spyOn(followUpApi, 'knowledge').mockResolvedValue({ items: [], nextCursor: null });
    const create = vi.spyOn(followUpApi, 'knowledgeCreate').mockResolvedValue(ENTRY);
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: /新建条目/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('标题'), { target: { value: '加装电梯补贴办法' } });
    fireEvent.change(within(dialog).getByLabelText('来源'), { target: { value: '徐汇区住房保障和房屋管理局' } });
    fireEvent.change(within(dialog).getByLabelText('正文'), { target: { value: '既有多层住宅加装电梯，区财政给予补贴。' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(create).toHaveBeenCalledWith({
        title: '加装电梯补贴办法',
        text: '既有多层住宅加装电梯，区财政给予补贴。',
        source: '徐汇区住房保障和房屋管理局',
        validUntil: null,
      }),
    );
  });

  it('writes the end date as a day', () => {
    expect(entryBody({ title: 't', text: 'x', source: 's', validUntil: dayjs('2027-06-30') }).validUntil).toBe('2027-06-30');
  });
});
