import { PlusOutlined } from '@ant-design/icons';
import { NEWS_STATUSES, type AdminNewsView, type NewsStatus } from '@manyi/shared';
import { Alert, Button, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { api } from '../api/endpoints';
import { navigate } from '../app/router';
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
  const [loaded, setLoaded] = useState<{ query: Query; items: AdminNewsView[]; nextCursor: string | null; error?: string } | null>(null);
  const [more, setMore] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    api
      .newsList(query, null, controller.signal)
      .then((page) => setLoaded({ query, items: page.items, nextCursor: page.nextCursor }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ query, items: [], nextCursor: null, error: errorMessage(error) });
      });
    return () => controller.abort();
  }, [query]);

  const loadMore = async () => {
    if (!loaded?.nextCursor) return;
    setMore(true);
    try {
      const page = await api.newsList(loaded.query, loaded.nextCursor);
      setLoaded((prev) => (prev ? { ...prev, items: [...prev.items, ...page.items], nextCursor: page.nextCursor } : prev));
    } finally {
      setMore(false);
    }
  };

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
      {loaded?.error && <Alert type="error" showIcon title={loaded.error} />}
      <Table<AdminNewsView>
        rowKey="id"
        loading={loaded?.query !== query}
        dataSource={loaded?.items ?? []}
        pagination={false}
        locale={{ emptyText: '暂无资讯' }}
        onRow={(a) => ({
          tabIndex: 0,
          'aria-label': a.title,
          onClick: () => navigate({ name: 'news-edit', id: a.id }),
          onKeyDown: (e) => {
            if (e.key === 'Enter') navigate({ name: 'news-edit', id: a.id });
          },
        })}
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
      <div className="inbox-more">
        {loaded?.nextCursor && (
          <Button onClick={loadMore} loading={more}>
            加载更多
          </Button>
        )}
      </div>
    </section>
  );
}
