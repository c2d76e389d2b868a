import { BookOutlined, PlusOutlined } from '@ant-design/icons';
import {
  KNOWLEDGE_QUERY_MAX,
  KNOWLEDGE_SOURCE_MAX,
  KNOWLEDGE_TEXT_MAX,
  KNOWLEDGE_TITLE_MAX,
  knowledgeEntrySchema,
  type KnowledgeEntryView,
} from '@manyi/shared';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { followUpApi } from '../../api/follow-up-endpoints';
import { schemaErrors } from '../../common/form-errors';
import { LoadMore } from '../../common/load-more';
import { useCursorList } from '../../common/use-cursor-list';
import { formatTime } from '../../inbox/due';
import { validityLabel } from '../../workbench/knowledge-panel';

interface EntryFormValues {
  title?: string;
  text?: string;
  source?: string;
  validUntil?: Dayjs | null;
}

/** The form's values as the entry body: 有效期至 a day, or null for no end. */
export function entryBody(values: EntryFormValues): Record<string, unknown> {
  return {
    title: values.title,
    text: values.text,
    source: values.source,
    validUntil: values.validUntil ? values.validUntil.format('YYYY-MM-DD') : null,
  };
}

/**
 * 政策知识库: the policy texts staff cite in replies — title, text, source and valid-until — searched as the
 * workbench searches them (简繁 alike), expired entries on request. Supervisors and the assigned editors
 * keep it (ADMIN_AREA_ROLES.knowledge); every change is audited by the service.
 */
export function KnowledgePage() {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [expired, setExpired] = useState(false);
  const [editing, setEditing] = useState<KnowledgeEntryView | 'new' | null>(null);
  const query = useMemo(() => ({ q: q || undefined, expired }), [q, expired]);
  const list = useCursorList(query, followUpApi.knowledge);

  const remove = async (entry: KnowledgeEntryView) => {
    try {
      await followUpApi.knowledgeDelete(entry.id);
      void message.success(`已删除「${entry.title}」`);
      list.reload();
    } catch (cause) {
      void message.error(errorMessage(cause));
    }
  };

  const columns: TableColumnsType<KnowledgeEntryView> = [
    { key: 'title', title: '标题', dataIndex: 'title' },
    { key: 'source', title: '来源', dataIndex: 'source' },
    {
      key: 'valid',
      title: '有效期',
      render: (_, e) => (e.expired ? <Tag>{validityLabel(e)}</Tag> : validityLabel(e)),
    },
    { key: 'text', title: '正文', dataIndex: 'text', ellipsis: true },
    { key: 'updated', title: '更新', render: (_, e) => [formatTime(e.updatedAt), e.updatedBy].filter(Boolean).join(' · ') },
    {
      key: 'actions',
      title: '操作',
      render: (_, e) => (
        <Space>
          <Button size="small" onClick={() => setEditing(e)}>
            编辑
          </Button>
          <Popconfirm
            title={`删除「${e.title}」？`}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            // eslint-disable-next-line @typescript-eslint/no-misused-promises -- antd's Popconfirm awaits the promise (确定 shows loading until it settles); its type says void
            onConfirm={() => remove(e)}
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
    <section aria-label="政策知识库">
      <div className="page-heading">
        <Typography.Title level={4}>
          <BookOutlined /> 政策知识库
        </Typography.Title>
        <Space wrap>
          <Input.Search
            aria-label="搜索"
            placeholder="标题或正文中的词（简繁均可）"
            maxLength={KNOWLEDGE_QUERY_MAX}
            allowClear
            onSearch={(value) => setQ(value.trim())}
          />
          <Space size={4}>
            <Switch aria-label="包括已失效" checked={expired} onChange={setExpired} />
            <Typography.Text>包括已失效</Typography.Text>
          </Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建条目
          </Button>
        </Space>
      </div>
      {list.error && <Alert className="inbox-error" type="error" showIcon title={list.error} />}
      <Table<KnowledgeEntryView>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        data-testid="knowledge-entries"
        locale={{ emptyText: q ? `没有与「${q}」相关的条目` : '知识库还是空的' }}
      />
      <LoadMore list={list} />
      {editing && (
        <EntryDialog
          key={editing === 'new' ? 'new' : editing.id}
          entry={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

function EntryDialog({ entry, onClose, onSaved }: { entry: KnowledgeEntryView | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryFormValues>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const parsed = knowledgeEntrySchema.safeParse(entryBody(form.getFieldsValue()));
    if (!parsed.success) {
      form.setFields(schemaErrors<keyof EntryFormValues>(parsed.error.issues));
      return;
    }
    setSaving(true);
    try {
      if (entry) await followUpApi.knowledgeUpdate(entry.id, parsed.data);
      else await followUpApi.knowledgeCreate(parsed.data);
      void message.success(entry ? '条目已保存' : '条目已新建');
      onSaved();
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={entry ? `编辑条目 · ${entry.title}` : '新建知识库条目'}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: saving }}
      onOk={() => void save()}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      <Form<EntryFormValues>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={
          entry
            ? { title: entry.title, text: entry.text, source: entry.source, validUntil: entry.validUntil ? dayjs(entry.validUntil) : null }
            : { validUntil: null }
        }
      >
        <Form.Item name="title" label="标题" required>
          <Input maxLength={KNOWLEDGE_TITLE_MAX} showCount />
        </Form.Item>
        <Form.Item name="source" label="来源" required extra="发文机关与文号，如：上海市人大常委会 沪人大〔2019〕1号">
          <Input maxLength={KNOWLEDGE_SOURCE_MAX} showCount />
        </Form.Item>
        <Form.Item name="validUntil" label="有效期至" extra="不填为长期有效；过期后工作台默认不再显示">
          <DatePicker aria-label="有效期至" />
        </Form.Item>
        <Form.Item name="text" label="正文" required>
          <Input.TextArea rows={8} maxLength={KNOWLEDGE_TEXT_MAX} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
