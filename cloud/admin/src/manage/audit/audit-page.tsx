import { SearchOutlined } from '@ant-design/icons';
import { AUDIT_ACTION_GROUPS, auditQuerySchema, type AuditEntryView } from '@manyi/shared';
import { Button, DatePicker, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { manageApi, type AuditFilters } from '../../api/manage-endpoints';
import { CursorTable } from '../../common/cursor-table';
import { useCursorList } from '../../common/use-cursor-list';
import { formatTime } from '../../inbox/due';

interface FilterForm {
  actor?: string;
  action?: string;
  entity?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The filter form's values as the route's query, or the shared schema's first complaint. */
export function auditFilters(values: FilterForm): { ok: true; filters: AuditFilters } | { ok: false; message: string } {
  const filters: AuditFilters = {
    actor: values.actor?.trim() || undefined,
    action: values.action?.trim() || undefined,
    entity: values.entity?.trim() || undefined,
    from: values.range?.[0]?.format('YYYY-MM-DD'),
    to: values.range?.[1]?.format('YYYY-MM-DD'),
  };
  const result = auditQuerySchema.safeParse(filters);
  return result.success ? { ok: true, filters } : { ok: false, message: result.error.issues[0]?.message ?? '筛选条件无效' };
}

const actorLabel = (e: AuditEntryView) =>
  e.actorKind === 'system' ? '系统' : e.actorKind === 'resident' ? `居民 #${e.actorId ?? ''}` : (e.actorName ?? `#${e.actorId ?? ''}`);

/** 操作日志: who did what to which record and when, newest first, searchable, a page at a time. */
export function AuditPage() {
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const list = useCursorList(filters, manageApi.audit);

  const columns: TableColumnsType<AuditEntryView> = [
    { key: 'at', title: '时间', width: 130, render: (_, e) => formatTime(e.at) },
    { key: 'actor', title: '操作人', width: 180, render: (_, e) => <span className="mono">{actorLabel(e)}</span> },
    { key: 'action', title: '操作', width: 200, render: (_, e) => <Tag>{e.action}</Tag> },
    { key: 'entity', title: '对象', width: 160, render: (_, e) => `${e.entity}${e.entityId === null ? '' : ` #${e.entityId}`}` },
    {
      key: 'detail',
      title: '详情',
      render: (_, e) =>
        e.detail ? (
          <Typography.Text className="mono audit-detail" ellipsis={{ tooltip: JSON.stringify(e.detail, null, 2) }}>
            {JSON.stringify(e.detail)}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <section aria-label="操作日志">
      <div className="page-heading">
        <Typography.Title level={4}>操作日志</Typography.Title>
      </div>
      <Form
        form={form}
        layout="inline"
        className="inbox-filters"
        aria-label="日志筛选"
        onFinish={(values) => {
          const check = auditFilters(values);
          if (check.ok) setFilters(check.filters);
          else list.setError(check.message);
        }}
      >
        <Form.Item name="actor">
          <Input allowClear placeholder="操作人用户名" aria-label="操作人" className="mono" />
        </Form.Item>
        <Form.Item name="action">
          <Select
            allowClear
            showSearch
            placeholder="操作类型"
            aria-label="操作类型"
            className="filter-street"
            options={Object.entries(AUDIT_ACTION_GROUPS).map(([value, label]) => ({ value, label: `${label}（${value}）` }))}
          />
        </Form.Item>
        <Form.Item name="entity">
          <Input allowClear placeholder="对象类型，如 concern" aria-label="对象类型" className="mono" />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker aria-label="日期" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            查询
          </Button>
        </Space>
      </Form>
      <CursorTable<AuditEntryView> list={list} columns={columns} data-testid="audit-table" />
    </section>
  );
}
