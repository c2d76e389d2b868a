import { PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { CONCERN_SOURCE_LABELS, intakeChannelsFor, peopleCount, type ConcernSummaryView, type InboxCountsView } from '@manyi/shared';
import { Alert, Badge, Button, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { api, type InboxFilters, type WhoAmI } from '../api/endpoints';
import { nameOf, useDirectory, type Directory } from '../app/directory';
import { navigate, setSearch, useSearch } from '../app/router';
import { StatusTag } from '../common/status-tag';
import { useNow } from '../common/use-now';
import { BulkDispatchModal } from './bulk-dispatch';
import { DueCountdown } from './due-countdown';
import { formatTime } from './due';
import { InboxFilterBar } from './inbox-filters';
import { filtersFromSearch, searchFromFilters } from './inbox-url';
import { inboxViewsFor, viewCount, type InboxView } from './inbox-views';
import { useInboxCounts } from './use-inbox-counts';
import './inbox.css';

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

/** The most rows a silent refresh asks for again: what is on screen, up to the service's page limit. */
const MAX_REFRESH_ROWS = 100;

/** Roles that dispatch, so may select rows for 批量派单. */
const DISPATCHING = new Set(['dispatcher', 'supervisor']);

/**
 * 诉求列表: one saved view's concerns, most urgent first, paged with 加载更多. The filters live in the
 * address; the views' counts are polled every 15 s and the rows reload when someone else acted.
 * Keys: j/k or ↓/↑ move, Enter opens, x selects, / searches.
 */
export function InboxPage({ view, who }: { view: InboxView; who: WhoAmI }) {
  const directory = useDirectory();
  const now = useNow();
  const search = useSearch();
  const filters = useMemo(() => filtersFromSearch(search, view.filters), [search, view.filters]);
  const filtersKey = JSON.stringify(filters);
  const [nonce, setNonce] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new question when the filters' value changes, or on 刷新
  const query = useMemo<Query>(() => ({ filters }), [filtersKey, nonce]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [cursor, setActive] = useState(0);
  const [selection, setSelected] = useState<number[]>([]);
  // The concerns of an open 批量派单, fixed when it opens: dispatched ones leave the list, not the dialog.
  const [bulk, setBulk] = useState<ConcernSummaryView[] | null>(null);
  const bulkOpen = bulk !== null;
  const sectionRef = useRef<HTMLElement>(null);

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
  const items = useMemo(() => loaded?.items ?? [], [loaded]);

  // Someone else acted: the rows on screen are asked for again, in one call, without a spinner.
  const loadedRef = useRef(loaded);
  useEffect(() => {
    loadedRef.current = loaded;
  }, [loaded]);
  const refreshQuietly = useCallback(() => {
    const shown = loadedRef.current;
    if (!shown || shown.error) return;
    const limit = Math.min(MAX_REFRESH_ROWS, Math.max(20, shown.items.length));
    api
      .inbox(shown.query.filters, null, undefined, limit)
      .then((page) =>
        setLoaded((prev) => (prev?.query === shown.query ? { query: shown.query, items: page.items, nextCursor: page.nextCursor } : prev)),
      )
      .catch(() => undefined);
  }, []);
  const counts = useInboxCounts(refreshQuietly);

  // Selection and the keyboard cursor follow the rows that are still there.
  const selected = selection.filter((id) => items.some((c) => c.id === id));
  const active = Math.min(cursor, Math.max(0, items.length - 1));

  const setFilters = (next: InboxFilters) => {
    setMoreError(null);
    setActive(0);
    setSearch(searchFromFilters(next, view.filters));
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
  const canBulk = DISPATCHING.has(who.role);

  // j/k (↓/↑) move, Enter opens, x selects, / goes to the search box — unless typing or a dialog is open.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || bulkOpen) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], .ant-select, .ant-modal')) return;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return;
      const move = (delta: number) => {
        event.preventDefault();
        const next = Math.min(Math.max(0, active + delta), Math.max(0, items.length - 1));
        setActive(next);
        focusRow(sectionRef.current, items[next]?.id);
      };
      if (event.key === 'j' || event.key === 'ArrowDown') move(1);
      else if (event.key === 'k' || event.key === 'ArrowUp') move(-1);
      else if (event.key === '/') {
        event.preventDefault();
        sectionRef.current?.querySelector<HTMLInputElement>('.filter-q input')?.focus();
      } else if (event.key === 'Enter' && items[active] && !target?.closest('button, a, tr')) {
        open(items[active]);
      } else if (event.key === 'x' && canBulk && items[active]) {
        const id = items[active].id;
        setSelected((prev) => (prev.includes(id) ? prev.filter((s) => s !== id) : [...prev, id]));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, items, bulkOpen, canBulk]);

  const selectedConcerns = items.filter((c) => selected.includes(c.id));

  return (
    <section className="inbox" aria-label={view.label} ref={sectionRef}>
      <div className="page-heading">
        <Typography.Title level={4}>{view.label}</Typography.Title>
        <Space>
          {loaded && !loaded.error && (
            <Typography.Text type="secondary" data-testid="inbox-count">
              已显示 {loaded.items.length} 条{loaded.nextCursor ? '，还有更多' : ''}
            </Typography.Text>
          )}
          {intakeChannelsFor(who.role).length > 0 && (
            <Button icon={<PlusOutlined />} data-testid="new-intake" onClick={() => navigate({ name: 'intake' })}>
              新建代录
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => setNonce((n) => n + 1)} loading={loading}>
            刷新
          </Button>
        </Space>
      </div>
      <ViewTabs who={who} view={view} counts={counts} />
      <InboxFilterBar
        key={`${view.key}:${filters.q ?? ''}`}
        filters={filters}
        onChange={setFilters}
        onReset={() => setFilters(view.filters)}
        directory={directory}
        showStreet={who.streetId === null && who.role === 'supervisor'}
        showDepartment={who.role !== 'handler'}
      />
      {canBulk && (
        <Space className="inbox-bulk">
          <Button icon={<SendOutlined />} disabled={selected.length === 0} onClick={() => setBulk(selectedConcerns)}>
            批量派单{selected.length > 0 ? `（${selected.length}）` : ''}
          </Button>
          <Typography.Text type="secondary">勾选后按建议部门或指定部门逐条派单（x 勾选当前行）</Typography.Text>
        </Space>
      )}
      {current?.error && <Alert type="error" showIcon title={current.error} className="inbox-error" />}
      <Table<ConcernSummaryView>
        rowKey="id"
        size="middle"
        columns={columns(directory, now)}
        dataSource={items}
        loading={loading}
        pagination={false}
        locale={{ emptyText: loading ? ' ' : '暂无诉求' }}
        rowClassName={(_c, index) => (index === active ? 'inbox-row inbox-row-active' : 'inbox-row')}
        rowSelection={
          canBulk
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(Number)),
                columnWidth: 40,
                getCheckboxProps: (c) => ({ 'aria-label': `选择 ${c.code}` }),
              }
            : undefined
        }
        onRow={(concern, index) => ({
          tabIndex: 0,
          'aria-label': `${concern.code} ${concern.title}`,
          onClick: (event) => {
            // The checkbox cell selects; the rest of the row opens.
            if ((event.target as HTMLElement).closest('.ant-table-selection-column')) return;
            open(concern);
          },
          onFocus: () => setActive(index ?? 0),
          onKeyDown: (event) => {
            if (event.key === 'Enter') open(concern);
          },
        })}
      />
      <div className="inbox-more">
        {moreError && <Alert type="error" showIcon title={moreError} />}
        {current?.nextCursor && (
          <Button onClick={() => void loadMore()} loading={loadingMore}>
            加载更多
          </Button>
        )}
      </div>
      {bulk && (
        <BulkDispatchModal
          concerns={bulk}
          directory={directory}
          onClose={() => {
            setBulk(null);
            setSelected([]);
          }}
          onDone={refreshQuietly}
        />
      )}
    </section>
  );
}

function focusRow(root: HTMLElement | null, id: number | undefined): void {
  if (!root || id === undefined) return;
  root.querySelector<HTMLElement>(`tr[data-row-key="${id}"]`)?.focus();
}

/** The role's saved views as tabs, each with its count; the menu on the left goes to the same places. */
function ViewTabs({ who, view, counts }: { who: WhoAmI; view: InboxView; counts: InboxCountsView | null }) {
  const views = inboxViewsFor(who.role);
  return (
    <Segmented
      className="inbox-views"
      aria-label="常用视图"
      value={view.key}
      onChange={(key) => navigate({ name: 'inbox', view: String(key) })}
      options={views.map((v) => ({
        value: v.key,
        label: (
          <span data-view={v.key}>
            {v.label}
            {counts && (
              <Badge
                className="view-count"
                count={viewCount(v, counts)}
                showZero
                overflowCount={999}
                color={v.key === 'overdue' && viewCount(v, counts) > 0 ? 'red' : '#8c8c8c'}
              />
            )}
          </span>
        ),
      }))}
    />
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
          {/* 来源, where it is not the resident's own report in the mini-program. */}
          {c.source && c.source !== 'miniapp' && (
            <Tag color="blue" className="title-tag">
              {CONCERN_SOURCE_LABELS[c.source]}
            </Tag>
          )}
        </span>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 120, render: (_: unknown, c) => <StatusTag status={c.status} /> },
    {
      // 附议: the people who reported it, the reporter and the residents who follow it.
      title: '反映人数',
      dataIndex: 'followerCount',
      width: 100,
      render: (followers: number | undefined) =>
        followers ? <Tag color="volcano">{peopleCount(followers)} 人</Tag> : <Typography.Text type="secondary">1 人</Typography.Text>,
    },
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
      // `=== true`: a service from before the working calendar does not send the flag.
      render: (_: unknown, c) => <DueCountdown dueAt={c.dueAt} dueKind={c.dueKind} now={now} provisional={c.dueProvisional === true} />,
    },
    {
      title: '提交时间',
      dataIndex: 'createdAt',
      width: 120,
      render: (iso: string) => formatTime(iso, now),
    },
  ];
}
