import { PlusOutlined } from '@ant-design/icons';
import {
  DEFAULT_DEADLINE_SETTINGS,
  DEPARTMENT_KIND_LABELS,
  DEPARTMENT_KINDS,
  DIRECTORY_KIND_LABELS,
  DIRECTORY_KINDS,
  REQUEST_TYPE_RULES,
  REQUEST_TYPES,
  STREET_KIND_LABELS,
  STREET_KINDS,
  ApiError,
  type AdminCategoryView,
  type AdminCompoundView,
  type AdminDepartmentView,
  type AdminRoutingRuleView,
  type AdminStreetView,
  type DirectoryKind,
  type DirectoryViews,
  type RequestType,
} from '@manyi/shared';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/api-error';
import { manageApi } from '../../api/manage-endpoints';
import { navigate } from '../../app/router';
import { DisableToggle } from '../../common/disable-toggle';
import { directoryFormBody } from './directory-form';

type Item = DirectoryViews[DirectoryKind];
type Lists = { [K in DirectoryKind]: Array<DirectoryViews[K]> };
const EMPTY: Lists = { streets: [], compounds: [], departments: [], categories: [], 'routing-rules': [] };

type ResolveDays = Record<RequestType, number>;

/** 投诉（5 个工作日）: a request type with the handling time in force. */
const requestTypeLabel = (type: RequestType, days: ResolveDays) => `${REQUEST_TYPE_RULES[type].label}（${days[type]} 个工作日）`;

const nameIn = (items: ReadonlyArray<{ id: number; name: string }>, id: number | null | undefined) =>
  id == null ? '—' : (items.find((i) => i.id === id)?.name ?? `#${id}`);
const options = (items: ReadonlyArray<{ id: number; name: string; disabled?: boolean }>) =>
  items.map((i) => ({ value: i.id, label: i.disabled ? `${i.name}（已停用）` : i.name, disabled: i.disabled }));

/**
 * 目录管理: one tab per kind — streets, compounds, departments, categories with request types, routing
 * rules. Items are created and edited in a dialog checked with the shared schemas, and disabled (停用)
 * rather than deleted: concerns and accounts keep referring to them.
 */
export function DirectoryPage({ kind: routeKind }: { kind: string }) {
  const kind: DirectoryKind = (DIRECTORY_KINDS as readonly string[]).includes(routeKind) ? (routeKind as DirectoryKind) : 'streets';
  const { message } = App.useApp();
  const [lists, setLists] = useState<Lists>(EMPTY);
  // The handling times in force (时限设置), for the request types' labels; the defaults until they load.
  const [resolveDays, setResolveDays] = useState<ResolveDays>(DEFAULT_DEADLINE_SETTINGS.resolveWorkingDays);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ mode: 'create' | 'update'; item?: Item } | null>(null);

  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let cancelled = false;
    Promise.all(DIRECTORY_KINDS.map((k) => manageApi.directoryList(k)))
      .then((loaded) => {
        if (cancelled) return;
        setLists(Object.fromEntries(DIRECTORY_KINDS.map((k, i) => [k, loaded[i]!.items])) as unknown as Lists);
        setError(null);
      })
      .catch((cause: unknown) => {
        if (!cancelled) setError(errorMessage(cause));
      });
    manageApi
      .deadlineSettings()
      .then((view) => {
        if (!cancelled) setResolveDays(view.settings.resolveWorkingDays);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [version]);

  const toggle = async (item: Item) => {
    try {
      await manageApi.directorySetDisabled(kind, item.id, !item.disabled);
      void message.success(item.disabled ? '已启用' : '已停用');
      reload();
    } catch (cause) {
      void message.error(errorMessage(cause));
    }
  };

  const columns = useMemo(() => columnsOf(kind, lists, resolveDays), [kind, lists, resolveDays]);
  const actions: TableColumnsType<Item>[number] = {
    key: 'actions',
    title: '操作',
    width: 150,
    render: (_: unknown, item: Item) => (
      <Space>
        <Button size="small" onClick={() => setEditing({ mode: 'update', item })}>
          编辑
        </Button>
        <DisableToggle
          disabled={item.disabled}
          whenEnabled="启用后将重新出现在选择列表和派单规则中。"
          whenDisabled="停用后居民不能再选择它，已有的诉求不受影响。"
          onConfirm={() => toggle(item)}
        />
      </Space>
    ),
  };

  return (
    <section aria-label="目录管理">
      <div className="page-heading">
        <Typography.Title level={4}>目录管理</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
          新增{DIRECTORY_KIND_LABELS[kind]}
        </Button>
      </div>
      {error && <Alert className="inbox-error" type="error" showIcon title={error} />}
      <Tabs
        activeKey={kind}
        onChange={(k) => navigate({ name: 'directory', kind: k })}
        items={DIRECTORY_KINDS.map((k) => ({ key: k, label: DIRECTORY_KIND_LABELS[k] }))}
      />
      <Table<Item>
        size="small"
        rowKey="id"
        columns={[...columns, actions]}
        dataSource={lists[kind] as Item[]}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        rowClassName={(item) => (item.disabled ? 'row-disabled' : '')}
      />
      {editing && (
        <DirectoryForm
          kind={kind}
          mode={editing.mode}
          item={editing.item}
          lists={lists}
          resolveDays={resolveDays}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            void message.success('已保存');
            reload();
          }}
        />
      )}
    </section>
  );
}

function statusColumn<T extends { disabled: boolean }>(): TableColumnsType<T>[number] {
  return {
    key: 'disabled',
    title: '状态',
    width: 90,
    render: (_: unknown, item: T) => (item.disabled ? <Tag>已停用</Tag> : <Tag color="green">使用中</Tag>),
  };
}

/** 群机器人: the robot's address as the service masks it, or — when none is set. */
function robotColumn() {
  return {
    key: 'alertWebhook',
    title: '群机器人',
    render: (_: unknown, item: Item) => {
      const hint = (item as unknown as { alertWebhook?: string | null }).alertWebhook;
      return hint ? <span className="mono">{hint}</span> : '—';
    },
  };
}

function columnsOf(kind: DirectoryKind, lists: Lists, resolveDays: ResolveDays): TableColumnsType<Item> {
  const code = { key: 'code', title: '代码', dataIndex: 'code', className: 'mono' };
  const name = { key: 'name', title: '名称', dataIndex: 'name' };
  const render =
    <T,>(fn: (item: T) => ReactNode) =>
    (_: unknown, item: Item) =>
      fn(item as unknown as T);
  switch (kind) {
    case 'streets':
      return [
        code,
        name,
        { key: 'kind', title: '类型', render: render<AdminStreetView>((s) => STREET_KIND_LABELS[s.kind]) },
        { key: 'sortOrder', title: '排序', dataIndex: 'sortOrder' },
        robotColumn(),
        statusColumn(),
      ];
    case 'compounds':
      return [
        code,
        name,
        { key: 'street', title: '所属街道', render: render<AdminCompoundView>((c) => nameIn(lists.streets, c.streetId)) },
        statusColumn(),
      ];
    case 'departments':
      return [
        code,
        name,
        { key: 'kind', title: '类型', render: render<AdminDepartmentView>((d) => DEPARTMENT_KIND_LABELS[d.kind]) },
        {
          key: 'street',
          title: '所属街道',
          render: render<AdminDepartmentView>((d) => (d.streetId === null ? '全区' : nameIn(lists.streets, d.streetId))),
        },
        robotColumn(),
        statusColumn(),
      ];
    case 'categories':
      return [
        code,
        name,
        {
          key: 'parent',
          title: '上级类别',
          render: render<AdminCategoryView>((c) => (c.parentId === null ? '（一级分组）' : nameIn(lists.categories, c.parentId))),
        },
        {
          key: 'requestType',
          title: '诉求性质（办理时限）',
          render: render<AdminCategoryView>((c) => (c.requestType ? requestTypeLabel(c.requestType, resolveDays) : '—')),
        },
        statusColumn(),
      ];
    case 'routing-rules':
      return [
        { key: 'category', title: '诉求类别', render: render<AdminRoutingRuleView>((r) => nameIn(lists.categories, r.categoryId)) },
        {
          key: 'street',
          title: '街道',
          render: render<AdminRoutingRuleView>((r) => (r.streetId === null ? '全区' : nameIn(lists.streets, r.streetId))),
        },
        {
          key: 'compound',
          title: '居民区',
          render: render<AdminRoutingRuleView>((r) => (r.compoundId === null ? '全部' : nameIn(lists.compounds, r.compoundId))),
        },
        { key: 'lead', title: '主办部门', render: render<AdminRoutingRuleView>((r) => nameIn(lists.departments, r.leadDepartmentId)) },
        {
          key: 'co',
          title: '协办部门',
          render: render<AdminRoutingRuleView>((r) =>
            r.coHandlerIds.length ? r.coHandlerIds.map((id) => nameIn(lists.departments, id)).join('、') : '—',
          ),
        },
        statusColumn(),
      ];
  }
}

/** The create/edit dialog of one kind; the shared schema checks it before it is sent, the service after. */
export function DirectoryForm({
  kind,
  mode,
  item,
  lists,
  resolveDays = DEFAULT_DEADLINE_SETTINGS.resolveWorkingDays,
  onClose,
  onSaved,
}: {
  kind: DirectoryKind;
  mode: 'create' | 'update';
  item?: Item;
  lists: Lists;
  resolveDays?: ResolveDays;
  onClose: () => void;
  onSaved: () => void | Promise<void>;
}) {
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const streetId = Form.useWatch('streetId', form) as number | null | undefined;

  const submit = async () => {
    const check = directoryFormBody(kind, mode, form.getFieldsValue() as Record<string, unknown>);
    if (!check.ok) {
      form.setFields(check.errors);
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      if (mode === 'create') await manageApi.directoryCreate(kind, check.body);
      else await manageApi.directoryUpdate(kind, item!.id, check.body);
      await onSaved();
    } catch (cause) {
      // The service's field errors (a code taken, a street disabled) land on their fields.
      const details =
        cause instanceof ApiError && Array.isArray(cause.details) ? (cause.details as Array<{ path?: string; message?: string }>) : [];
      const fields = details.filter((d) => typeof d.path === 'string' && d.path !== '' && typeof d.message === 'string');
      if (fields.length > 0) form.setFields(fields.map((d) => ({ name: d.path!, errors: [d.message!] })));
      setFailure(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  const enabled = <T extends { id: number; disabled: boolean }>(items: T[], keep?: number | null) =>
    items.filter((i) => !i.disabled || i.id === keep);
  const current = item as Record<string, unknown> | undefined;
  const fields: ReactNode[] = [];
  if (kind !== 'routing-rules')
    fields.push(
      <Form.Item key="code" name="code" label="代码" extra="小写拼音、数字和横线，设定后不能修改" required>
        <Input disabled={mode === 'update'} className="mono" placeholder="例如 xietu-hengyi" />
      </Form.Item>,
      <Form.Item key="name" name="name" label="名称" required>
        <Input />
      </Form.Item>,
    );
  switch (kind) {
    case 'streets':
      fields.push(
        <Form.Item key="kind" name="kind" label="类型" required>
          <Select options={STREET_KINDS.map((k) => ({ value: k, label: STREET_KIND_LABELS[k] }))} />
        </Form.Item>,
        <Form.Item key="sortOrder" name="sortOrder" label="排序">
          <InputNumber min={0} max={9999} />
        </Form.Item>,
        ...robotFields('街道派单员', current),
      );
      break;
    case 'compounds':
      fields.push(
        <Form.Item key="streetId" name="streetId" label="所属街道" required>
          <Select showSearch optionFilterProp="label" options={options(enabled(lists.streets, current?.streetId as number))} />
        </Form.Item>,
      );
      break;
    case 'departments':
      fields.push(
        <Form.Item key="kind" name="kind" label="类型" required>
          <Select options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: DEPARTMENT_KIND_LABELS[k] }))} />
        </Form.Item>,
        <Form.Item key="streetId" name="streetId" label="所属街道" extra="区职能部门服务全区时留空">
          <Select allowClear showSearch optionFilterProp="label" options={options(enabled(lists.streets, current?.streetId as number))} />
        </Form.Item>,
        ...robotFields('部门经办人', current),
      );
      break;
    case 'categories':
      fields.push(
        <Form.Item key="parentId" name="parentId" label="上级类别" extra="留空为一级分组">
          <Select
            allowClear
            options={options(
              enabled(
                lists.categories.filter((c) => c.parentId === null && c.requestType === null && c.id !== item?.id),
                current?.parentId as number,
              ),
            )}
          />
        </Form.Item>,
        <Form.Item key="requestType" name="requestType" label="诉求性质" extra="决定办理时限；下级类别必填">
          <Select
            allowClear
            options={REQUEST_TYPES.map((t) => ({
              value: t,
              label: requestTypeLabel(t, resolveDays),
            }))}
          />
        </Form.Item>,
        <Form.Item key="sortOrder" name="sortOrder" label="排序">
          <InputNumber min={0} max={9999} />
        </Form.Item>,
      );
      break;
    case 'routing-rules':
      fields.push(
        <Form.Item key="categoryId" name="categoryId" label="诉求类别" required>
          <Select showSearch optionFilterProp="label" options={options(enabled(lists.categories, current?.categoryId as number))} />
        </Form.Item>,
        <Form.Item key="streetId" name="streetId" label="街道" extra="留空为全区">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={options(enabled(lists.streets, current?.streetId as number))}
            onChange={() => form.setFieldValue('compoundId', null)}
          />
        </Form.Item>,
        <Form.Item key="compoundId" name="compoundId" label="居民区" extra="留空为该街道全部居民区">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            disabled={streetId == null}
            options={options(
              enabled(
                lists.compounds.filter((c) => c.streetId === streetId),
                current?.compoundId as number,
              ),
            )}
          />
        </Form.Item>,
        <Form.Item key="leadDepartmentId" name="leadDepartmentId" label="主办部门" required>
          <Select showSearch optionFilterProp="label" options={options(enabled(lists.departments, current?.leadDepartmentId as number))} />
        </Form.Item>,
        <Form.Item key="coHandlerIds" name="coHandlerIds" label="协办部门">
          <Select mode="multiple" showSearch optionFilterProp="label" options={options(enabled(lists.departments))} />
        </Form.Item>,
      );
      break;
  }

  const initial =
    mode === 'update' ? { ...item } : kind === 'streets' ? { kind: 'street', sortOrder: 0 } : kind === 'categories' ? { sortOrder: 0 } : {};
  return (
    <Modal
      open
      title={`${mode === 'create' ? '新增' : '编辑'}${DIRECTORY_KIND_LABELS[kind]}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {failure && <Alert className="inbox-error" type="error" showIcon title={failure} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={() => void submit()}
        aria-label={`${DIRECTORY_KIND_LABELS[kind]}表单`}
      >
        {fields}
      </Form>
    </Modal>
  );
}

/**
 * 企业微信群机器人: the group whose robot posts this street's or department's alerts. The address is a
 * secret: never shown again once saved (only masked); an empty field keeps it, 移除 removes it.
 */
function robotFields(group: string, current: Record<string, unknown> | undefined): ReactNode[] {
  const hint = typeof current?.alertWebhook === 'string' ? current.alertWebhook : null;
  return [
    <Form.Item
      key="alertWebhookUrl"
      name="alertWebhookUrl"
      label="企业微信群机器人地址（可选）"
      extra={
        hint
          ? `已设置：${hint}。留空不修改，填写新地址则替换。工作提醒会同时推送到${group}群。`
          : `填写后，工作提醒会同时推送到${group}群。地址保存后不再完整显示。`
      }
    >
      <Input.Password className="mono" autoComplete="off" placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
    </Form.Item>,
    ...(hint
      ? [
          <Form.Item key="removeAlertWebhook" name="removeAlertWebhook" valuePropName="checked">
            <Checkbox>移除群机器人</Checkbox>
          </Form.Item>,
        ]
      : []),
  ];
}
