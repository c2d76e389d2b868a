import { CustomerServiceOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  CALLBACK_REASON_LABELS,
  CALLBACK_REASONS,
  CONCERN_SOURCE_LABELS,
  type CallbackQueueRow,
  type CallbackReason,
  type StaffRole,
} from '@manyi/shared';
import { Button, Segmented, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { followUpApi } from '../api/follow-up-endpoints';
import { nameOf, useDirectory } from '../app/directory';
import { navigate } from '../app/router';
import { ConcernLink } from '../common/concern-link';
import { CursorTable } from '../common/cursor-table';
import { useCursorList } from '../common/use-cursor-list';
import { useNow } from '../common/use-now';
import { formatTime } from '../inbox/due';

type ReasonFilter = CallbackReason | 'all';

/**
 * 回访队列: the concerns the street has to call back — every one from a channel without the app (电话, 来访,
 * 走访, 12345, Open311) once its reply is published, and those whose resident has not rated some days after
 * it (时限设置's 回访等待). Oldest due first; a row opens the workbench, where the 回访 card records the call.
 * A dispatcher sees their street (the service scopes it), a supervisor every street or the one chosen.
 */
export function CallbackQueuePage({ role }: { role: StaffRole }) {
  const directory = useDirectory();
  const now = useNow();
  const [reason, setReason] = useState<ReasonFilter>('all');
  const [street, setStreet] = useState<string | undefined>(undefined);
  const query = useMemo(() => ({ reason: reason === 'all' ? undefined : reason, street }), [reason, street]);
  const list = useCursorList(query, followUpApi.callbacks);

  const columns: TableColumnsType<CallbackQueueRow> = [
    {
      key: 'code',
      title: '编号',
      render: (_, r) => (
        <ConcernLink id={r.id} className="mono">
          {r.code}
        </ConcernLink>
      ),
    },
    { key: 'title', title: '标题', dataIndex: 'title', ellipsis: true },
    ...(role === 'supervisor'
      ? [{ key: 'street', title: '街道', render: (_: unknown, r: CallbackQueueRow) => nameOf(directory.streetById, r.streetId) }]
      : []),
    { key: 'category', title: '类别', render: (_, r) => nameOf(directory.categoryById, r.categoryId) },
    { key: 'department', title: '主办部门', render: (_, r) => nameOf(directory.departmentById, r.departmentId) },
    { key: 'source', title: '来源', render: (_, r) => CONCERN_SOURCE_LABELS[r.source] ?? r.source },
    {
      key: 'reason',
      title: '回访原因',
      render: (_, r) => (
        <>
          <Tag color={r.reason === 'no_app' ? 'blue' : 'orange'}>{CALLBACK_REASON_LABELS[r.reason]}</Tag>
          {/* The 回访期 of a concern without the app passed uncalled: it waits here, never closed unrated. */}
          {r.overdue && <Tag color="red">回访超期</Tag>}
        </>
      ),
    },
    { key: 'published', title: '答复公开', render: (_, r) => formatTime(r.publishedAt, now) },
    { key: 'due', title: '应回访', render: (_, r) => formatTime(r.callbackDueAt, now) },
    {
      key: 'attempts',
      title: '未接通',
      align: 'right',
      render: (_, r) => (
        <span data-testid={`attempts-${r.id}`} className={r.attempts > 0 ? 'callback-attempts-some' : undefined}>
          {r.attempts} / {r.maxAttempts}
        </span>
      ),
    },
    { key: 'phone', title: '联系电话', render: (_, r) => r.phone ?? <Typography.Text type="secondary">未留电话</Typography.Text> },
  ];

  return (
    <section aria-label="回访队列">
      <div className="page-heading">
        <Typography.Title level={4}>
          <CustomerServiceOutlined /> 回访队列
        </Typography.Title>
        <Space wrap>
          <Segmented<ReasonFilter>
            aria-label="回访原因"
            value={reason}
            options={[{ value: 'all', label: '全部' }, ...CALLBACK_REASONS.map((r) => ({ value: r, label: CALLBACK_REASON_LABELS[r] }))]}
            onChange={setReason}
          />
          {role === 'supervisor' && (
            <Select
              aria-label="街道"
              allowClear
              placeholder="全部街道"
              className="callback-street-select"
              value={street}
              onChange={setStreet}
              options={directory.streets.map((s) => ({ value: s.code, label: s.name }))}
            />
          )}
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">
        无小程序渠道的诉求在答复公开后即需回访；其他诉求在答复公开若干天后居民仍未评价时进入本队列。接通的回访即为评价；未接通达到上限按“未回访”办结。
      </Typography.Paragraph>
      <CursorTable<CallbackQueueRow>
        list={list}
        columns={columns}
        data-testid="callback-queue"
        locale={{ emptyText: '没有待回访的诉求' }}
        rowClassName={() => 'inbox-row'}
        onRow={(r) => ({ onClick: () => navigate({ name: 'concern', id: r.id }) })}
      />
    </section>
  );
}
