import { ApiOutlined, PlusOutlined } from '@ant-design/icons';
import { createOpen311KeySchema, type Open311KeyCreatedView, type Open311KeyView } from '@manyi/shared';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { manageApi } from '../../api/manage-endpoints';
import { schemaErrors } from '../../common/form-errors';
import { formatTime } from '../../inbox/due';

type Loaded = { items: Open311KeyView[]; error: null } | { items: []; error: string };

/**
 * 接口密钥: the Open311 partners' API keys — issue one (the key is shown once, in a dialog, and stored
 * only as a hash), see who holds which by its first characters, revoke one (it stops working at once).
 */
export function Open311KeysPage() {
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<(Open311KeyCreatedView & { partner: string }) | null>(null);

  const load = useCallback((signal?: AbortSignal) => {
    manageApi
      .open311Keys(signal)
      .then((r) => setLoaded({ items: r.items, error: null }))
      .catch((cause: unknown) => {
        if (!signal?.aborted) setLoaded({ items: [], error: errorMessage(cause) });
      });
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const revoke = async (key: Open311KeyView) => {
    try {
      await manageApi.open311KeyRevoke(key.id);
      void message.success(`已吊销「${key.partner}」的密钥`);
      load();
    } catch (cause) {
      void message.error(errorMessage(cause));
    }
  };

  const columns: TableColumnsType<Open311KeyView> = [
    { key: 'partner', title: '合作方', dataIndex: 'partner' },
    { key: 'prefix', title: '密钥', render: (_, k) => <span className="mono">{k.keyPrefix}…</span> },
    { key: 'createdAt', title: '发放时间', render: (_, k) => formatTime(k.createdAt) },
    {
      key: 'state',
      title: '状态',
      render: (_, k) => (k.revokedAt ? <Tag>已吊销 {formatTime(k.revokedAt)}</Tag> : <Tag color="green">有效</Tag>),
    },
    {
      key: 'actions',
      title: '操作',
      render: (_, k) =>
        k.revokedAt ? null : (
          <Popconfirm
            title={`吊销后「${k.partner}」立即不能再通过接口提交诉求，且不能恢复。`}
            okText="吊销"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            // eslint-disable-next-line @typescript-eslint/no-misused-promises -- antd's Popconfirm awaits the promise (确定 shows loading until it settles); its type says void
            onConfirm={() => revoke(k)}
          >
            <Button size="small" danger>
              吊销
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <section aria-label="接口密钥">
      <div className="page-heading">
        <Typography.Title level={4}>
          <ApiOutlined /> 接口密钥（Open311）
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          发放密钥
        </Button>
      </div>
      <Typography.Paragraph type="secondary">
        合作方系统（如区 12345 平台）凭密钥通过 Open311 接口提交诉求。密钥只在发放时显示一次，服务只保存其摘要。
      </Typography.Paragraph>
      {loaded?.error && <Alert className="inbox-error" type="error" showIcon title={loaded.error} />}
      <Table<Open311KeyView>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={loaded?.items ?? []}
        loading={loaded === null}
        pagination={false}
      />
      {creating && (
        <CreateKeyDialog
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setIssued(created);
            load();
          }}
        />
      )}
      {issued && (
        <Modal
          open
          title={`「${issued.partner}」的接口密钥`}
          okText="我已妥善保存"
          onOk={() => setIssued(null)}
          onCancel={() => setIssued(null)}
          cancelButtonProps={{ style: { display: 'none' } }}
        >
          <Alert type="warning" showIcon title="密钥只显示这一次，关闭后无法再查看。请通过安全渠道交给合作方。" />
          <Typography.Paragraph copyable className="temporary-password mono" data-testid="issued-key">
            {issued.key}
          </Typography.Paragraph>
        </Modal>
      )}
    </section>
  );
}

function CreateKeyDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: Open311KeyCreatedView & { partner: string }) => void;
}) {
  const [form] = Form.useForm<{ partner: string }>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    const parsed = createOpen311KeySchema.safeParse(form.getFieldsValue());
    if (!parsed.success) {
      form.setFields(schemaErrors(parsed.error.issues, 'partner'));
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      onCreated({ ...(await manageApi.open311KeyCreate(parsed.data)), partner: parsed.data.partner });
    } catch (cause) {
      setFailure(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="发放接口密钥"
      okText="发放"
      cancelText="取消"
      okButtonProps={{ loading: saving }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      {failure && <Alert type="error" showIcon title={failure} />}
      <Form form={form} layout="vertical" initialValues={{ partner: '' }} onFinish={() => void submit()}>
        <Form.Item name="partner" label="合作方名称" required>
          <Input maxLength={60} placeholder="如：徐汇区 12345 市民服务热线" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
