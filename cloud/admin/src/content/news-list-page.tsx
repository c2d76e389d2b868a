import { PlusOutlined } from '@ant-design/icons';
import { NEWS_STATUSES, type AdminNewsView, type NewsStatus } from '@manyi/shared';
import { Button, Input, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { navigate } from '../app/router';
import { CursorTable } from '../common/cursor-table';
import { useCursorList } from '../common/use-cursor-list';
import { formatTime } from '../inbox/due';
import { NEWS_STATUS_LABELS } from './news-form';

const STATUS_COLORS: Record<NewsStatus, string> = { draft: 'default', scheduled: 'orange', published: 'green' };

export function NewsStatusTag({ status }: { status: NewsStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-news-status={status}>
      {NEWS_STATUS_LABELS[status]}
    </Tag>
  );
}

interface Query {
  status?: NewsStatus;
  q?: string;
}

/** 资讯管理: drafts, scheduled and published articles of the editor's street, newest first. */
export function NewsListPage() {
  const [query, setQuery] = useState<Query>({});
  const list = useCursorList(query, api.newsList);

  return (
    <section className="news-list" aria-label="资讯管理">
      <div className="page-heading">
        <Typography.Title level={4}>资讯管理</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate({ name: 'news-edit', id: 'new' })}>
          新建 / 导入资讯
        </Button>
      </div>
      <Space wrap className="inbox-filters">
        <Segmented<string>
          aria-label="状态"
          value={query.status ?? 'all'}
          options={[{ value: 'all', label: '全部' }, ...NEWS_STATUSES.map((s) => ({ value: s, label: NEWS_STATUS_LABELS[s] }))]}
          onChange={(v) => setQuery({ ...query, status: v === 'all' ? undefined : (v as NewsStatus) })}
        />
        <Input.Search
          allowClear
          aria-label="搜索资讯"
          placeholder="标题或正文"
          enterButton="搜索"
          onSearch={(q) => setQuery({ ...query, q: q.trim() || undefined })}
        />
      </Space>
      <CursorTable<AdminNewsView>
        list={list}
        size="middle"
        locale={{ emptyText: '暂无资讯' }}
        onOpen={(a) => navigate({ name: 'news-edit', id: a.id })}
        rowLabel={(a) => a.title}
        rowClassName="inbox-row"
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            ellipsis: true,
            render: (t: string, a) => (
              <span>
                {t}
                {a.isDemo && <Tag className="title-tag">演示</Tag>}
              </span>
            ),
          },
          { title: '状态', dataIndex: 'status', width: 110, render: (s: NewsStatus) => <NewsStatusTag status={s} /> },
          { title: '街道', dataIndex: 'streetName', width: 130 },
          { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: (t: string | null) => (t ? formatTime(t) : '—') },
          { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (t: string) => formatTime(t) },
        ]}
      />
    </section>
  );
}
