import { CopyOutlined, EnterOutlined } from '@ant-design/icons';
import { KNOWLEDGE_QUERY_MAX, type KnowledgeEntryView } from '@manyi/shared';
import { App, Button, Empty, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import { followUpApi } from '../api/follow-up-endpoints';

/** What an entry puts into a reply: its text and where it comes from, so the resident can look it up. */
export function knowledgeCitation(entry: Pick<KnowledgeEntryView, 'text' | 'source'>): string {
  return `${entry.text.trim()}（依据：${entry.source}）`;
}

/** 有效期至 in words: a day, or 长期有效. */
export function validityLabel(entry: Pick<KnowledgeEntryView, 'validUntil' | 'expired'>): string {
  if (entry.validUntil === null) return '长期有效';
  return `${entry.expired ? '已于' : '有效期至 '}${entry.validUntil}${entry.expired ? ' 失效' : ''}`;
}

type Found = { q: string; items: KnowledgeEntryView[] } | { q: string; error: string };

/**
 * 政策知识库 beside the reply box: type a phrase (简体 or 繁體 alike, the service's search), see the entries in
 * force with their source and validity, and insert one into the reply (appended, with its source) or copy it.
 */
export function KnowledgePanel({ field }: { field: string }) {
  const { message } = App.useApp();
  const form = Form.useFormInstance();
  const [found, setFound] = useState<Found | null>(null);
  const [searching, setSearching] = useState(false);

  const search = async (raw: string) => {
    const q = raw.trim();
    if (!q) return setFound(null);
    setSearching(true);
    try {
      const page = await followUpApi.knowledge({ q });
      setFound({ q, items: page.items });
    } catch (cause) {
      setFound({ q, error: errorMessage(cause) });
    } finally {
      setSearching(false);
    }
  };

  const insert = (entry: KnowledgeEntryView) => {
    const current = String(form.getFieldValue(field) ?? '').trimEnd();
    form.setFieldValue(field, current ? `${current}\n${knowledgeCitation(entry)}` : knowledgeCitation(entry));
    form.validateFields([field]).catch(() => undefined);
    void message.success(`已插入「${entry.title}」`);
  };
  const copy = async (entry: KnowledgeEntryView) => {
    try {
      await navigator.clipboard.writeText(knowledgeCitation(entry));
      void message.success('已复制');
    } catch {
      void message.error('浏览器不允许复制，请选中文字后手动复制');
    }
  };

  return (
    <section className="knowledge-panel" aria-label="政策知识库">
      <Input.Search
        aria-label="搜索政策知识库"
        placeholder="搜索政策知识库，如：垃圾分类、加装电梯"
        maxLength={KNOWLEDGE_QUERY_MAX}
        enterButton="搜索"
        loading={searching}
        allowClear
        // Enter searches here; it must not submit the reply form around the panel.
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.preventDefault();
        }}
        onSearch={(value) => void search(value)}
      />
      {found && 'error' in found && <Typography.Text type="danger">{found.error}</Typography.Text>}
      {found && 'items' in found && found.items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`没有与「${found.q}」相关的政策`} />
      )}
      {found && 'items' in found && found.items.length > 0 && (
        <ul className="knowledge-results" aria-label="知识库搜索结果">
          {found.items.map((entry) => (
            <li key={entry.id} className="knowledge-entry" data-entry-id={entry.id}>
              <Space wrap size={4} className="knowledge-entry-head">
                <Typography.Text strong>{entry.title}</Typography.Text>
                {entry.expired ? <Tag>已失效</Tag> : null}
              </Space>
              <Typography.Paragraph className="knowledge-text" ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>
                {entry.text}
              </Typography.Paragraph>
              <div className="knowledge-entry-foot">
                <Typography.Text type="secondary">
                  来源：{entry.source} · {validityLabel(entry)}
                </Typography.Text>
                <Space size={4}>
                  <Button size="small" icon={<EnterOutlined />} onClick={() => insert(entry)}>
                    插入
                  </Button>
                  <Button size="small" icon={<CopyOutlined />} onClick={() => void copy(entry)}>
                    复制
                  </Button>
                </Space>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
