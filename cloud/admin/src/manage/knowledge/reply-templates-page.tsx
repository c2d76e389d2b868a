import { FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import {
  REPLY_PLACEHOLDERS,
  REPLY_TEMPLATE_KIND_LABELS,
  REPLY_TEMPLATE_KINDS,
  REPLY_TEMPLATE_TEXT_MAX,
  REPLY_TEMPLATE_TITLE_MAX,
  replyTemplateSchema,
  type ReplyTemplateKind,
  type ReplyTemplateView,
} from '@manyi/shared';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { followUpApi } from '../../api/follow-up-endpoints';
import { useDirectory } from '../../app/directory';
import { schemaErrors } from '../../common/form-errors';
import { formatTime } from '../../inbox/due';

/** The category select's value for "every category" (the schema's null: a Select cannot hold null as an option). */
const EVERY_CATEGORY = 0;

interface TemplateFormValues {
  categoryId?: number;
  kind?: ReplyTemplateKind;
  title?: string;
  text?: string;
}

/** The form's values as the template body: "every category" is null. */
export function templateBody(values: TemplateFormValues): Record<string, unknown> {
  return {
    categoryId: values.categoryId === EVERY_CATEGORY ? null : values.categoryId,
    kind: values.kind,
    title: values.title,
    text: values.text,
  };
}

type KindFilter = ReplyTemplateKind | 'all';
type Loaded = { items: ReplyTemplateView[]; error: null } | { items: []; error: string };

/**
 * 答复模板: per category, ready texts for a department's reply and for a rejection reason, with placeholders
 * ({小区}, {部门}, {今天} …) the workbench fills from the concern. Supervisors and the assigned editors keep
 * them (ADMIN_AREA_ROLES.knowledge); every change is audited by the service.
 */
export function ReplyTemplatesPage() {
  const { message } = App.useApp();
  const directory = useDirectory();
  const [kind, setKind] = useState<KindFilter>('all');
  const [categoryId, setCategoryId] = useState<number | undefined>(undefined);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [editing, setEditing] = useState<ReplyTemplateView | 'new' | null>(null);
  const leaves = directory.categories.filter((c) => (c.children ?? []).length === 0);

  const load = useCallback(
    (signal?: AbortSignal) => {
      followUpApi
        .replyTemplates({ categoryId, kind: kind === 'all' ? undefined : kind }, signal)
        .then((r) => setLoaded({ items: r.items, error: null }))
        .catch((cause: unknown) => {
          if (!signal?.aborted) setLoaded({ items: [], error: errorMessage(cause) });
        });
    },
    [categoryId, kind],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const remove = async (template: ReplyTemplateView) => {
    try {
      await followUpApi.replyTemplateDelete(template.id);
      void message.success(`已删除「${template.title}」`);
      load();
    } catch (cause) {
      void message.error(errorMessage(cause));
    }
  };

  const columns: TableColumnsType<ReplyTemplateView> = [
    { key: 'title', title: '模板名称', dataIndex: 'title' },
    {
      key: 'kind',
      title: '类型',
      render: (_, t) => <Tag color={t.kind === 'reply' ? 'blue' : 'orange'}>{REPLY_TEMPLATE_KIND_LABELS[t.kind]}</Tag>,
    },
    { key: 'category', title: '类别', render: (_, t) => t.categoryName ?? <Typography.Text type="secondary">通用</Typography.Text> },
    { key: 'text', title: '内容', dataIndex: 'text', ellipsis: true },
    { key: 'updated', title: '更新', render: (_, t) => [formatTime(t.updatedAt), t.updatedBy].filter(Boolean).join(' · ') },
    {
      key: 'actions',
      title: '操作',
      render: (_, t) => (
        <Space>
          <Button size="small" onClick={() => setEditing(t)}>
            编辑
          </Button>
          <Popconfirm
            title={`删除模板「${t.title}」？`}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            // eslint-disable-next-line @typescript-eslint/no-misused-promises -- antd's Popconfirm awaits the promise (确定 shows loading until it settles); its type says void
            onConfirm={() => remove(t)}
          >
            <Button size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <section aria-label="答复模板">
      <div className="page-heading">
        <Typography.Title level={4}>
          <FileTextOutlined /> 答复模板
        </Typography.Title>
        <Space wrap>
          <Segmented<KindFilter>
            aria-label="模板类型"
            value={kind}
            options={[
              { value: 'all', label: '全部' },
              ...REPLY_TEMPLATE_KINDS.map((k) => ({ value: k, label: REPLY_TEMPLATE_KIND_LABELS[k] })),
            ]}
            onChange={setKind}
          />
          <Select<number>
            aria-label="类别筛选"
            allowClear
            placeholder="全部类别"
            className="template-category-filter"
            value={categoryId}
            onChange={setCategoryId}
            showSearch={{ optionFilterProp: 'label' }}
            options={leaves.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建模板
          </Button>
        </Space>
      </div>
      {loaded?.error && <Alert className="inbox-error" type="error" showIcon title={loaded.error} />}
      <Table<ReplyTemplateView>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={loaded?.items ?? []}
        loading={loaded === null}
        pagination={false}
        data-testid="reply-templates"
        locale={{ emptyText: '还没有模板' }}
      />
      {editing && (
        <TemplateDialog
          key={editing === 'new' ? 'new' : editing.id}
          template={editing === 'new' ? null : editing}
          categories={leaves.map((c) => ({ value: c.id, label: c.name }))}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            load();
          }}
        />
      )}
    </section>
  );
}

function TemplateDialog({
  template,
  categories,
  onClose,
  onSaved,
}: {
  template: ReplyTemplateView | null;
  categories: Array<{ value: number; label: string }>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateFormValues>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const parsed = replyTemplateSchema.safeParse(templateBody(form.getFieldsValue()));
    if (!parsed.success) {
      form.setFields(schemaErrors<keyof TemplateFormValues>(parsed.error.issues, 'text'));
      return;
    }
    setSaving(true);
    try {
      if (template) await followUpApi.replyTemplateUpdate(template.id, parsed.data);
      else await followUpApi.replyTemplateCreate(parsed.data);
      void message.success(template ? '模板已保存' : '模板已新建');
      onSaved();
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  const insertPlaceholder = (word: string) => {
    const current = String(form.getFieldValue('text') ?? '');
    form.setFieldValue('text', `${current}{${word}}`);
  };

  return (
    <Modal
      open
      title={template ? `编辑模板 · ${template.title}` : '新建答复模板'}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: saving }}
      onOk={() => void save()}
      onCancel={onClose}
      width={680}
      destroyOnHidden
    >
      <Form<TemplateFormValues>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={
          template
            ? { categoryId: template.categoryId ?? EVERY_CATEGORY, kind: template.kind, title: template.title, text: template.text }
            : { categoryId: EVERY_CATEGORY, kind: 'reply' }
        }
      >
        <Form.Item name="kind" label="模板类型" required>
          <Radio.Group options={REPLY_TEMPLATE_KINDS.map((k) => ({ value: k, label: REPLY_TEMPLATE_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="categoryId" label="适用类别" required>
          <Select<number>
            showSearch={{ optionFilterProp: 'label' }}
            options={[{ value: EVERY_CATEGORY, label: '通用（所有类别）' }, ...categories]}
          />
        </Form.Item>
        <Form.Item name="title" label="模板名称" required>
          <Input maxLength={REPLY_TEMPLATE_TITLE_MAX} showCount />
        </Form.Item>
        <Form.Item name="text" label="模板内容" required extra="占位符在工作台中按诉求自动填写，未能填写的保留原样由经办人补充。">
          <Input.TextArea rows={6} maxLength={REPLY_TEMPLATE_TEXT_MAX} showCount />
        </Form.Item>
        <Space wrap size={4} aria-label="插入占位符">
          <Typography.Text type="secondary">插入占位符：</Typography.Text>
          {Object.values(REPLY_PLACEHOLDERS).map((word) => (
            <Button key={word} size="small" onClick={() => insertPlaceholder(word)}>
              {`{${word}}`}
            </Button>
          ))}
        </Space>
      </Form>
    </Modal>
  );
}
