import type { KnowledgeEntryView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Form, Input } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followUpApi } from '../api/follow-up-endpoints';
import { AdminProviders } from '../app/providers';
import { KnowledgePanel, knowledgeCitation, validityLabel } from './knowledge-panel';

const entry = (id: number, extra: Partial<KnowledgeEntryView> = {}): KnowledgeEntryView => ({
  id,
  title: '上海市生活垃圾管理条例',
  text: '居住区的生活垃圾由物业服务企业负责分类驳运。',
  source: '上海市人大常委会',
  validUntil: null,
  expired: false,
  updatedAt: '2026-11-20T01:00:00Z',
  updatedBy: '区督办',
  ...extra,
});

/** The panel inside a form with the reply box it writes into. */
function renderPanel(initial = '') {
  const seen: { text?: string } = {};
  function Harness() {
    const [form] = Form.useForm<{ text: string }>();
    return (
      <Form form={form} initialValues={{ text: initial }} onValuesChange={(_, all) => (seen.text = all.text)}>
        <Form.Item name="text" label="答复内容">
          <Input.TextArea />
        </Form.Item>
        <KnowledgePanel field="text" />
      </Form>
    );
  }
  render(
    <AdminProviders>
      <Harness />
    </AdminProviders>,
  );
  return seen;
}

function search(words: string) {
  const box = screen.getByLabelText('搜索政策知识库');
  fireEvent.change(box, { target: { value: words } });
  fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

describe(KnowledgePanel.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('searches the knowledge base for the phrase and shows each entry with its source and validity', async () => {
    const knowledge = vi.spyOn(followUpApi, 'knowledge').mockResolvedValue({
      items: [entry(1), entry(2, { title: '垃圾分类实施细则（旧）', validUntil: '2025-12-31', expired: true })],
      nextCursor: null,
    });
    renderPanel();
    search('  垃圾分類 ');
    await waitFor(() => expect(knowledge).toHaveBeenCalledWith({ q: '垃圾分類' }));
    const results = within(await screen.findByRole('list', { name: '知识库搜索结果' })).getAllByRole('listitem');
    expect(results).toHaveLength(2);
    expect(within(results[0]!).getByText('来源：上海市人大常委会 · 长期有效')).toBeTruthy();
    expect(within(results[1]!).getByText('已失效')).toBeTruthy();
    expect(within(results[1]!).getByText('来源：上海市人大常委会 · 已于2025-12-31 失效')).toBeTruthy();
  });

  it('inserts an entry after what the reply already says, with its source', async () => {
    vi.spyOn(followUpApi, 'knowledge').mockResolvedValue({ items: [entry(1)], nextCursor: null });
    renderPanel('您好，垃圾房已清运。');
    search('垃圾');
    fireEvent.click(await screen.findByRole('button', { name: /插入/ }));
    await waitFor(() =>
      expect((screen.getByLabelText('答复内容') as HTMLTextAreaElement).value).toBe(
        '您好，垃圾房已清运。\n居住区的生活垃圾由物业服务企业负责分类驳运。（依据：上海市人大常委会）',
      ),
    );
  });

  it('copies an entry with its source', async () => {
    vi.spyOn(followUpApi, 'knowledge').mockResolvedValue({ items: [entry(1)], nextCursor: null });
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderPanel();
    search('垃圾');
    fireEvent.click(await screen.findByRole('button', { name: /复制/ }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(knowledgeCitation(entry(1))));
  });

  it('says when nothing matches', async () => {
    vi.spyOn(followUpApi, 'knowledge').mockResolvedValue({ items: [], nextCursor: null });
    renderPanel();
    search('加装电梯');
    expect(await screen.findByText('没有与「加装电梯」相关的政策')).toBeTruthy();
  });

  it('words validity', () => {
    expect(validityLabel({ validUntil: null, expired: false })).toBe('长期有效');
    expect(validityLabel({ validUntil: '2027-06-30', expired: false })).toBe('有效期至 2027-06-30');
  });
});
