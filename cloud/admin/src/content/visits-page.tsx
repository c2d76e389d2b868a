import { PlusOutlined } from '@ant-design/icons';
import {
  createVisitSchema,
  VISIT_PARTICIPANT_ROLE_LABELS,
  VISIT_PARTICIPANT_ROLES,
  VISIT_STATUS_LABELS,
  type CompoundView,
  type VisitStatus,
  type VisitSummaryView,
} from '@manyi/shared';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage, isApiError } from '../api/api-error';
import { api, type WhoAmI } from '../api/endpoints';
import { useDirectory } from '../app/directory';
import { navigate } from '../app/router';
import { schemaErrors } from '../common/form-errors';
import { LoadMore } from '../common/load-more';
import { useCursorList } from '../common/use-cursor-list';
import { formatTime } from '../inbox/due';

const STATUS_COLORS: Record<VisitStatus, string> = { planned: 'blue', held: 'green', cancelled: 'default' };

export function VisitStatusTag({ status }: { status: VisitStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-visit-status={status}>
      {VISIT_STATUS_LABELS[status]}
    </Tag>
  );
}

/** 走访管理: the visits of the caller's scope, newest first; 发布走访 schedules a new one. */
export function VisitsPage({ who }: { who: WhoAmI }) {
  const [query, setQuery] = useState<{ status?: VisitStatus }>({});
  const list = useCursorList(query, api.visitList);
  const [creating, setCreating] = useState(false);

  return (
    <section className="visits" aria-label="走访管理">
      <div className="page-heading">
        <Typography.Title level={4}>走访管理</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          发布走访
        </Button>
      </div>
      <Segmented<string>
        aria-label="走访状态"
        className="inbox-views"
        value={query.status ?? 'all'}
        options={[
          { value: 'all', label: '全部' },
          ...(['planned', 'held', 'cancelled'] as const).map((s) => ({ value: s, label: VISIT_STATUS_LABELS[s] })),
        ]}
        onChange={(v) => setQuery({ status: v === 'all' ? undefined : (v as VisitStatus) })}
      />
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<VisitSummaryView>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: '暂无走访' }}
        rowClassName="inbox-row"
        onRow={(v) => ({
          tabIndex: 0,
          'aria-label': v.title,
          onClick: () => navigate({ name: 'visit', id: v.id }),
          onKeyDown: (e) => {
            if (e.key === 'Enter') navigate({ name: 'visit', id: v.id });
          },
        })}
        columns={[
          { title: '走访', dataIndex: 'title', ellipsis: true },
          { title: '状态', dataIndex: 'status', width: 100, render: (s: VisitStatus) => <VisitStatusTag status={s} /> },
          { title: '街道 / 居民区', width: 200, render: (_: unknown, v) => [v.street.name, v.compound?.name].filter(Boolean).join(' · ') },
          { title: '时间', dataIndex: 'startsAt', width: 150, render: (t: string) => formatTime(t) },
          {
            title: '报名',
            width: 150,
            render: (_: unknown, v) => `${v.capacity - v.remaining}/${v.capacity}${v.waitingCount > 0 ? `，候补 ${v.waitingCount}` : ''}`,
          },
        ]}
      />
      <LoadMore list={list} />
      {creating && (
        <CreateVisitModal
          who={who}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            list.reload();
            navigate({ name: 'visit', id });
          }}
        />
      )}
    </section>
  );
}

interface VisitFormValues {
  title?: string;
  street?: string;
  compoundId?: number;
  place?: string;
  startsAt?: { toISOString(): string };
  endsAt?: { toISOString(): string };
  participants?: { name?: string; role?: string; title?: string }[];
  topics?: string[];
  capacity?: number;
}

/** 发布走访: checked with the shared createVisitSchema before it is sent, as the service checks it. */
function CreateVisitModal({ who, onClose, onCreated }: { who: WhoAmI; onClose: () => void; onCreated: (id: number) => void }) {
  const { message } = App.useApp();
  const directory = useDirectory();
  const [form] = Form.useForm<VisitFormValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ownStreet = who.streetId !== null ? directory.streetById.get(who.streetId)?.code : undefined;
  const street = (Form.useWatch('street', form) as string | undefined) ?? ownStreet;
  const [compounds, setCompounds] = useState<CompoundView[]>([]);
  useEffect(() => {
    if (!street) return;
    let cancelled = false;
    api
      .compounds(street)
      .then((r) => !cancelled && setCompounds(r.items))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [street]);

  const submit = async () => {
    const v = form.getFieldsValue();
    const body = {
      title: v.title ?? '',
      ...(v.street ? { street: v.street } : {}),
      ...(v.compoundId ? { compoundId: v.compoundId } : {}),
      place: v.place ?? '',
      startsAt: v.startsAt?.toISOString() ?? '',
      endsAt: v.endsAt?.toISOString() ?? '',
      participants: (v.participants ?? []).map((p) => ({ name: p?.name ?? '', role: p?.role, ...(p?.title ? { title: p.title } : {}) })),
      topics: v.topics ?? [],
      capacity: v.capacity,
    };
    const parsed = createVisitSchema.safeParse(body);
    if (!parsed.success) {
      form.setFields(schemaErrors(parsed.error.issues, 'title'));
      // The participants' list has no single field to show its message under.
      setProblem(parsed.error.issues.find((i) => i.path[0] === 'participants')?.message ?? null);
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const created = await api.visitCreate(body);
      message.success('走访已发布');
      onCreated(created.id);
    } catch (error) {
      if (isApiError(error) && Array.isArray(error.details)) form.setFields(schemaErrors(error.details as never, 'title'));
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title="发布走访"
      okText="发布"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy }}
    >
      {problem && <Alert type="error" showIcon title={problem} className="form-problem" />}
      <Form<VisitFormValues> form={form} layout="vertical" initialValues={{ participants: [{}], capacity: 30, topics: [] }}>
        <Form.Item name="title" label="走访标题" required>
          <Input maxLength={60} />
        </Form.Item>
        {who.streetId === null && (
          <Form.Item name="street" label="街道" required>
            <Select options={directory.streets.map((s) => ({ value: s.code, label: s.name }))} />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="compoundId" label="居民区（可不选）">
            <Select allowClear style={{ width: 200 }} options={compounds.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="place" label="走访地点" required>
            <Input maxLength={60} style={{ width: 280 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="startsAt" label="开始时间" required>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="endsAt" label="结束时间" required>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="capacity" label="报名人数上限" required>
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item label="参加人员" required>
          <Form.List name="participants">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" className="full-width">
                {fields.map((field) => (
                  <Space key={field.key} wrap>
                    <Form.Item name={[field.name, 'name']} noStyle>
                      <Input placeholder="姓名" maxLength={20} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'role']} noStyle>
                      <Select
                        placeholder="身份"
                        style={{ width: 160 }}
                        options={VISIT_PARTICIPANT_ROLES.map((r) => ({ value: r, label: VISIT_PARTICIPANT_ROLE_LABELS[r] }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'title']} noStyle>
                      <Input placeholder="职务（可不填）" maxLength={40} style={{ width: 200 }} />
                    </Form.Item>
                    {fields.length > 1 && <Button onClick={() => remove(field.name)}>删除</Button>}
                  </Space>
                ))}
                <Button onClick={() => add({})}>添加参加人员</Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="topics" label="议题（回车添加）">
          <Select mode="tags" open={false} tokenSeparators={['，', ',']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
