import { ReloadOutlined } from '@ant-design/icons';
import type { ConcernSummaryView } from '@manyi/shared';
import { Alert, Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { api, type InboxFilters, type WhoAmI } from '../api/endpoints';
import { nameOf, useDirectory, type Directory } from '../app/directory';
import { navigate } from '../app/router';
import { StatusTag } from '../common/status-tag';
import { useNow } from '../common/use-now';
import { DueCountdown } from './due-countdown';
import { formatTime } from './due';
import { InboxFilterBar } from './inbox-filters';
import type { InboxView } from './inbox-views';

/** One question to the service: a new object each time the filters change or someone asks to refresh. */
interface Query {
  filters: InboxFilters;
}

interface Loaded {
  query: Query;
  items: ConcernSummaryView[];
  nextCursor: string | null;
  error?: string;
}

/** 诉求列表: one saved view's concerns, most urgent first, paged with 加载更多. */
export function InboxPage({ view, who }: { view: InboxView; who: WhoAmI }) {
  const directory = useDirectory();
  const now = useNow();
  const [query, setQuery] = useState<Query>(() => ({ filters: view.filters }));
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api
      .inbox(query.filters, null, controller.signal)
      .then((page) => setLoaded({ query, items: page.items, nextCursor: page.nextCursor }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ query, items: [], nextCursor: null, error: errorMessage(error) });
      });
    return () => controller.abort();
  }, [query]);

  const loading = loaded?.query !== query;
  // While a new question is out, the previous answer stays on screen under the table's spinner.
  const current = loaded?.query === query ? loaded : null;

  const setFilters = (filters: InboxFilters) => {
    setMoreError(null);
    setQuery({ filters });
  };

  const loadMore = async () => {
    if (!current?.nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.inbox(current.query.filters, current.nextCursor);
      setLoaded((prev) =>
        prev?.query === current.query
          ? {
              ...prev,
              items: [...prev.items, ...page.items.filter((c) => !prev.items.some((p) => p.id === c.id))],
              nextCursor: page.nextCursor,
            }
          : prev,
      );
    } catch (error) {
      setMoreError(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  };

  const open = (concern: ConcernSummaryView) => navigate({ name: 'concern', id: concern.id });

  return (
    <section className="inbox" aria-label={view.label}>
      <div className="page-heading">
        <Typography.Title level={4}>{view.label}</Typography.Title>
        <Space>
          {loaded && !loaded.error && (
            <Typography.Text type="secondary" data-testid="inbox-count">
              已显示 {loaded.items.length} 条{loaded.nextCursor ? '，还有更多' : ''}
            </Typography.Text>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => setQuery({ ...query })} loading={loading}>
            刷新
          </Button>
        </Space>
      </div>
      <InboxFilterBar
        key={view.key}
        filters={query.filters}
        onChange={setFilters}
        onReset={() => setFilters(view.filters)}
        directory={directory}
        showStreet={who.streetId === null && who.role === 'supervisor'}
        showDepartment={who.role !== 'handler'}
      />
      {current?.error && <Alert type="error" showIcon title={current.error} className="inbox-error" />}
      <Table<ConcernSummaryView>
        rowKey="id"
        size="middle"
        columns={columns(directory, now)}
        dataSource={loaded?.items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: loading ? ' ' : '暂无诉求' }}
        rowClassName="inbox-row"
        onRow={(concern) => ({
          tabIndex: 0,
          'aria-label': `${concern.code} ${concern.title}`,
          onClick: () => open(concern),
          onKeyDown: (event) => {
            if (event.key === 'Enter') open(concern);
          },
        })}
      />
      <div className="inbox-more">
        {moreError && <Alert type="error" showIcon title={moreError} />}
        {current?.nextCursor && (
          <Button onClick={loadMore} loading={loadingMore}>
            加载更多
          </Button>
        )}
      </div>
    </section>
  );
}

function columns(directory: Directory, now: number): TableColumnsType<ConcernSummaryView> {
  return [
    {
      title: '编号',
      dataIndex: 'code',
      width: 170,
      render: (code: string) => <Typography.Text className="mono">{code}</Typography.Text>,
    },
    {
      title: '标题',
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, c) => (
        <span>
          {title}
          {c.escalated && (
            <Tag color="red" className="title-tag">
              督办
            </Tag>
          )}
          {c.confidential && <Tag className="title-tag">保密</Tag>}
        </span>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 120, render: (_: unknown, c) => <StatusTag status={c.status} /> },
    { title: '街道', dataIndex: 'streetId', width: 120, render: (id: number) => nameOf(directory.streetById, id) },
    {
      title: '承办部门',
      dataIndex: 'departmentId',
      width: 150,
      ellipsis: true,
      render: (id: number | null) => nameOf(directory.departmentById, id),
    },
    { title: '类别', dataIndex: 'categoryId', width: 130, ellipsis: true, render: (id: number) => nameOf(directory.categoryById, id) },
    {
      title: '期限',
      dataIndex: 'dueAt',
      width: 190,
      render: (_: unknown, c) => <DueCountdown dueAt={c.dueAt} dueKind={c.dueKind} now={now} />,
    },
    {
      title: '提交时间',
      dataIndex: 'createdAt',
      width: 120,
      render: (iso: string) => formatTime(iso, now),
    },
  ];
}
