import { ESCALATION_REASON_LABELS, ESCALATION_REASONS, type EscalationReason, type EscalationRow } from '@manyi/shared';
import { Card, Segmented, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { followUpApi } from '../../api/follow-up-endpoints';
import { nameOf, useDirectory } from '../../app/directory';
import { ConcernLink } from '../../common/concern-link';
import { CursorTable } from '../../common/cursor-table';
import { StatusTag } from '../../common/status-tag';
import { useCursorList } from '../../common/use-cursor-list';
import { formatTime } from '../../inbox/due';

type ReasonFilter = EscalationReason | 'all';

/**
 * 督办清单 (提级督办), for supervisors: concerns returned three times or reopened twice, each with why and its
 * counts, newest first. A row opens the workbench.
 */
export function EscalationsCard() {
  const directory = useDirectory();
  const [reason, setReason] = useState<ReasonFilter>('all');
  const query = useMemo(() => ({ reason: reason === 'all' ? undefined : reason }), [reason]);
  const list = useCursorList(query, followUpApi.escalations);

  const columns: TableColumnsType<EscalationRow> = [
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
    { key: 'status', title: '状态', render: (_, r) => <StatusTag status={r.status} /> },
    { key: 'street', title: '街道', render: (_, r) => nameOf(directory.streetById, r.streetId) },
    { key: 'department', title: '主办部门', render: (_, r) => nameOf(directory.departmentById, r.departmentId) },
    {
      key: 'reasons',
      title: '督办原因',
      render: (_, r) =>
        r.reasons.map((reason) => (
          <Tag key={reason} color="red">
            {ESCALATION_REASON_LABELS[reason]}
          </Tag>
        )),
    },
    { key: 'counts', title: '退单 / 重办', align: 'right', render: (_, r) => `${r.returnCount} 次 / ${r.reopenCount} 次` },
    { key: 'updated', title: '更新', render: (_, r) => formatTime(r.updatedAt) },
  ];

  return (
    <Card
      size="small"
      className="dashboard-row"
      title="督办清单（退单三次或重办两次）"
      extra={
        <Segmented<ReasonFilter>
          aria-label="督办原因"
          size="small"
          value={reason}
          options={[{ value: 'all', label: '全部' }, ...ESCALATION_REASONS.map((r) => ({ value: r, label: ESCALATION_REASON_LABELS[r] }))]}
          onChange={setReason}
        />
      }
    >
      <CursorTable<EscalationRow> list={list} columns={columns} data-testid="escalations" locale={{ emptyText: '没有需提级督办的诉求' }} />
    </Card>
  );
}
