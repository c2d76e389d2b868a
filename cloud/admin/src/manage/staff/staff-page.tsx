import { KeyOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { ROLE_LABELS, STAFF_ROLES, type StaffAccountView, type StaffPasswordView, type StaffRole } from '@manyi/shared';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { WhoAmI } from '../../api/endpoints';
import { manageApi } from '../../api/manage-endpoints';
import { nameOf, useDirectory } from '../../app/directory';
import { DisableToggle } from '../../common/disable-toggle';
import { LoadMore } from '../../common/load-more';
import { useCursorList } from '../../common/use-cursor-list';
import { formatTime } from '../../inbox/due';
import { scopeFieldOf, staffFormBody } from './staff-form';

/**
 * 账号管理: staff accounts with their role and scope. New accounts and password resets get a temporary
 * password shown once in a dialog; disabling or resetting ends the account's sessions at once.
 */
export function StaffPage({ who }: { who: WhoAmI }) {
  const { message } = App.useApp();
  const directory = useDirectory();
  const [filters, setFilters] = useState<{ q?: string; role?: StaffRole }>({});
  const [editing, setEditing] = useState<{ mode: 'create' | 'update'; account?: StaffAccountView } | null>(null);
  const [shown, setShown] = useState<{ title: string; result: StaffPasswordView } | null>(null);

  const list = useCursorList(filters, manageApi.staffList);
  const reload = list.reload;

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      void message.success(done);
      reload();
    } catch (cause) {
      void message.error(errorMessage(cause));
    }
  };

  const scopeOf = (a: StaffAccountView) =>
    a.departmentId !== null
      ? nameOf(directory.departmentById, a.departmentId)
      : a.streetId !== null
        ? nameOf(directory.streetById, a.streetId)
        : '全区';
  const columns: TableColumnsType<StaffAccountView> = [
    { key: 'username', title: '用户名', dataIndex: 'username', className: 'mono' },
    { key: 'displayName', title: '姓名', dataIndex: 'displayName' },
    { key: 'role', title: '角色', render: (_, a) => ROLE_LABELS[a.role] },
    { key: 'scope', title: '范围', render: (_, a) => scopeOf(a) },
    {
      key: 'state',
      title: '状态',
      render: (_, a) =>
        a.disabled ? (
          <Tag>已停用</Tag>
        ) : a.lockedUntil ? (
          <Tag color="orange">已锁定至 {formatTime(a.lockedUntil)}</Tag>
        ) : (
          <Tag color="green">正常</Tag>
        ),
    },
    { key: 'passwordChangedAt', title: '密码更新', render: (_, a) => formatTime(a.passwordChangedAt) },
    {
      key: 'actions',
      title: '操作',
      render: (_, a) => (
        <Space>
          <Button size="small" onClick={() => setEditing({ mode: 'update', account: a })}>
            编辑
          </Button>
          <Popconfirm
            title="重置后原密码和已登录的会话立即失效，新临时密码只显示一次。"
            okText="重置"
            cancelText="取消"
            // eslint-disable-next-line @typescript-eslint/no-misused-promises -- antd's Popconfirm awaits the promise (确定 shows loading until it settles); its type says void
            onConfirm={() =>
              act(
                async () => setShown({ title: `${a.username} 的临时密码`, result: await manageApi.staffResetPassword(a.id) }),
                '密码已重置',
              )
            }
          >
            <Button size="small" icon={<KeyOutlined />}>
              重置密码
            </Button>
          </Popconfirm>
          {a.id !== who.staffId && (
            <DisableToggle
              disabled={a.disabled}
              whenEnabled="启用后该账号可以重新登录。"
              whenDisabled="停用后该账号立即退出且不能登录。"
              onConfirm={() => act(() => manageApi.staffSetDisabled(a.id, !a.disabled), a.disabled ? '已启用' : '已停用')}
            />
          )}
        </Space>
      ),
    },
  ];

  return (
    <section aria-label="账号管理">
      <div className="page-heading">
        <Typography.Title level={4}>账号管理</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
          新建账号
        </Button>
      </div>
      <Space className="inbox-filters" wrap>
        <Input.Search
          allowClear
          placeholder="用户名或姓名"
          enterButton={<SearchOutlined />}
          aria-label="搜索账号"
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
        />
        <Select
          allowClear
          placeholder="全部角色"
          aria-label="角色"
          className="filter-street"
          options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          onChange={(role: StaffRole | undefined) => setFilters((f) => ({ ...f, role }))}
        />
      </Space>
      {list.error && <Alert className="inbox-error" type="error" showIcon title={list.error} />}
      <Table<StaffAccountView>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
      />
      <LoadMore list={list} />
      {editing && (
        <StaffForm
          mode={editing.mode}
          account={editing.account}
          onClose={() => setEditing(null)}
          onSaved={async (result) => {
            setEditing(null);
            if (result) setShown({ title: `${result.account.username} 的临时密码`, result });
            else void message.success('已保存');
            reload();
          }}
        />
      )}
      {shown && (
        <Modal
          open
          title={shown.title}
          okText="我已记下"
          onOk={() => setShown(null)}
          onCancel={() => setShown(null)}
          cancelButtonProps={{ style: { display: 'none' } }}
        >
          <Alert type="warning" showIcon title="临时密码只显示这一次，请当面或通过安全渠道交给本人。" />
          <Typography.Paragraph copyable className="temporary-password mono" data-testid="temporary-password">
            {shown.result.temporaryPassword}
          </Typography.Paragraph>
        </Modal>
      )}
    </section>
  );
}

/** Create an account, or edit its name, role and scope; checked with the shared schema before sending. */
export function StaffForm({
  mode,
  account,
  onClose,
  onSaved,
}: {
  mode: 'create' | 'update';
  account?: StaffAccountView;
  onClose: () => void;
  onSaved: (result: StaffPasswordView | null) => void | Promise<void>;
}) {
  const directory = useDirectory();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const role = Form.useWatch('role', form) as StaffRole | undefined;
  const scopeField = scopeFieldOf(role);

  const submit = async () => {
    const check = staffFormBody(mode, form.getFieldsValue(true));
    if (!check.ok) {
      form.setFields(check.errors);
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      if (mode === 'create') await onSaved(await manageApi.staffCreate(check.body));
      else {
        await manageApi.staffUpdate(account!.id, check.body);
        await onSaved(null);
      }
    } catch (cause) {
      const details =
        cause instanceof ApiError && Array.isArray(cause.details) ? (cause.details as Array<{ path?: string; message?: string }>) : [];
      const fields = details.filter((d) => typeof d.path === 'string' && d.path !== '' && typeof d.message === 'string');
      if (fields.length > 0) form.setFields(fields.map((d) => ({ name: d.path!, errors: [d.message!] })));
      setFailure(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={mode === 'create' ? '新建账号' : `编辑账号 ${account?.username ?? ''}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {failure && <Alert className="inbox-error" type="error" showIcon title={failure} />}
      <Form form={form} layout="vertical" initialValues={account ?? {}} aria-label="账号表单" onFinish={() => void submit()}>
        {mode === 'create' && (
          <Form.Item name="username" label="用户名" required extra="例如 dispatcher.xietu2，登录时使用，设定后不能修改">
            <Input className="mono" autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label="姓名" required>
          <Input />
        </Form.Item>
        <Form.Item name="role" label="角色" required>
          <Select options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        {scopeField === 'streetId' && (
          <Form.Item name="streetId" label="所属街道" required>
            <Select showSearch optionFilterProp="label" options={directory.streets.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        )}
        {scopeField === 'departmentId' && (
          <Form.Item name="departmentId" label="所属部门" required>
            <Select showSearch optionFilterProp="label" options={directory.departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
