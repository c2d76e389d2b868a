import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  answerVisitQuestionSchema,
  cancelVisitSchema,
  markVisitHeldSchema,
  publishVisitIssuesSchema,
  visitQuestionToConcernSchema,
  CONCERN_STATUS_LABELS,
  VISIT_PARTICIPANT_ROLE_LABELS,
  VISIT_QUESTION_STATUS_LABELS,
  VISIT_SIGNUP_STATUS_LABELS,
  type AdminVisitDetailView,
  type AdminVisitSignupView,
  type CompoundView,
  type VisitExportPart,
  type VisitQuestionView,
} from '@manyi/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { errorMessage, isApiError } from '../api/api-error';
import { api } from '../api/endpoints';
import { useDirectory } from '../app/directory';
import { navigate } from '../app/router';
import { schemaErrors, type SchemaIssue } from '../common/form-errors';
import { formatTime } from '../inbox/due';
import { VisitStatusTag } from './visits-page';

type Question = VisitQuestionView & { nickname: string };
interface Schema {
  safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

/** 走访详情: who signed up (and who waits), questions ahead, the record after the visit and its issue list, CSV for organisers. */
export function VisitPage({ id }: { id: number }) {
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<{ id: number; visit?: AdminVisitDetailView; error?: unknown } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api
      .visitDetail(id, controller.signal)
      .then((visit) => setLoaded({ id, visit }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ id, error });
      });
    return () => controller.abort();
  }, [id, version]);
  const reload = () => setVersion((n) => n + 1);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'visits' })}>
      返回列表
    </Button>
  );
  if (!loaded || loaded.id !== id) return <Skeleton active />;
  if (!loaded.visit)
    return (
      <Result
        status={isApiError(loaded.error, 'VISIT_NOT_FOUND') ? '404' : 'warning'}
        title={isApiError(loaded.error, 'VISIT_NOT_FOUND') ? '走访不存在，或不在您的管理范围内' : '走访加载失败'}
        subTitle={errorMessage(loaded.error)}
        extra={back}
      />
    );
  const visit = loaded.visit;
  const confirmed = visit.signups.filter((s) => s.status === 'confirmed');
  const waiting = visit.signups.filter((s) => s.status === 'waiting').sort((a, b) => (a.position ?? 0) - (b.position ?? 0));

  return (
    <section className="visit" aria-label={`走访 ${visit.title}`}>
      <div className="page-heading">
        <Space>
          {back}
          <Typography.Title level={4}>{visit.title}</Typography.Title>
          <VisitStatusTag status={visit.status} />
        </Space>
        <Space>
          {/* 登记现场问题: a problem raised at the visit or 座谈会, filed as a concern (代录) onto its 问题清单 (once it has begun). */}
          {visit.status !== 'cancelled' && (
            <Button data-testid="visit-intake" onClick={() => navigate({ name: 'intake' }, { search: `?visit=${visit.id}` })}>
              登记现场问题
            </Button>
          )}
          <ExportButton id={visit.id} part="signups" label="导出报名名单" />
          <ExportButton id={visit.id} part="questions" label="导出提前提问" />
          {visit.status === 'planned' && <CancelButton visit={visit} onDone={reload} />}
        </Space>
      </div>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'where', label: '地点', children: [visit.street.name, visit.compound?.name, visit.place].filter(Boolean).join(' · ') },
          { key: 'when', label: '时间', children: `${formatTime(visit.startsAt)} — ${formatTime(visit.endsAt)}` },
          {
            key: 'who',
            label: '参加人员',
            span: 2,
            children: visit.participants
              .map((p) => `${p.name}（${VISIT_PARTICIPANT_ROLE_LABELS[p.role]}${p.title ? `，${p.title}` : ''}）`)
              .join('、'),
          },
          { key: 'topics', label: '议题', span: 2, children: visit.topics.length > 0 ? visit.topics.join('、') : '—' },
          { key: 'count', label: '报名', children: `已报名 ${confirmed.length}/${visit.capacity}，候补 ${waiting.length}` },
        ]}
      />
      <Tabs
        className="visit-tabs"
        items={[
          {
            key: 'signups',
            label: `报名名单（${confirmed.length}）`,
            children: <SignupTable rows={confirmed} />,
          },
          {
            key: 'waiting',
            label: `候补名单（${waiting.length}）`,
            children: <SignupTable rows={waiting} waiting />,
          },
          {
            key: 'questions',
            label: `提前提问（${visit.questions.length}）`,
            children: <Questions visit={visit} onChanged={reload} />,
          },
          {
            key: 'held',
            label: '走访纪要与问题清单',
            children: <HeldRecord visit={visit} onChanged={reload} />,
          },
        ]}
      />
    </section>
  );
}

function SignupTable({ rows, waiting = false }: { rows: AdminVisitSignupView[]; waiting?: boolean }) {
  return (
    <Table<AdminVisitSignupView>
      rowKey="residentId"
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: waiting ? '没有候补' : '还没有人报名' }}
      columns={[
        ...(waiting ? [{ title: '候补顺位', dataIndex: 'position', width: 100 }] : []),
        { title: '昵称', dataIndex: 'nickname' },
        { title: '状态', dataIndex: 'status', width: 100, render: (s: AdminVisitSignupView['status']) => VISIT_SIGNUP_STATUS_LABELS[s] },
        { title: '报名时间', dataIndex: 'signedUpAt', width: 160, render: (t: string) => formatTime(t) },
      ]}
    />
  );
}

/** Answers shown on the visit page, or a question filed as a concern (source = visit) and followed there. */
function Questions({ visit, onChanged }: { visit: AdminVisitDetailView; onChanged: () => void }) {
  const [answering, setAnswering] = useState<Question | null>(null);
  const [filing, setFiling] = useState<Question | null>(null);
  return (
    <>
      <Table<Question>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={visit.questions}
        locale={{ emptyText: '暂无提问' }}
        columns={[
          { title: '提问', dataIndex: 'text' },
          { title: '提给', dataIndex: 'addressedTo', width: 110, render: (r: Question['addressedTo']) => VISIT_PARTICIPANT_ROLE_LABELS[r] },
          { title: '居民', dataIndex: 'nickname', width: 100 },
          {
            title: '处理',
            width: 260,
            render: (_: unknown, q) => (
              <Space orientation="vertical" size={2}>
                <Tag data-question-status={q.status}>{VISIT_QUESTION_STATUS_LABELS[q.status]}</Tag>
                {q.answer && <Typography.Text>{q.answer}</Typography.Text>}
                {q.concern && (
                  <Typography.Link onClick={() => navigate({ name: 'concern', id: q.concern!.id })}>
                    {q.concern.code ?? '保密诉求'} · {CONCERN_STATUS_LABELS[q.concern.status]}
                  </Typography.Link>
                )}
                {q.status !== 'concern' && (
                  <Space>
                    <Button size="small" onClick={() => setAnswering(q)}>
                      {q.answer ? '修改答复' : '答复'}
                    </Button>
                    <Button size="small" onClick={() => setFiling(q)}>
                      转为诉求
                    </Button>
                  </Space>
                )}
              </Space>
            ),
          },
        ]}
      />
      {answering && (
        <SchemaFormModal
          title="答复提问"
          okText="发布答复"
          schema={answerVisitQuestionSchema}
          initialValues={{ answer: answering.answer ?? '' }}
          send={(body) => api.visitAnswer(visit.id, answering.id, body)}
          onClose={() => setAnswering(null)}
          onDone={onChanged}
        >
          <Typography.Paragraph type="secondary">{answering.text}</Typography.Paragraph>
          <Form.Item name="answer" label="答复（居民可见）" required>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </SchemaFormModal>
      )}
      {filing && <FileAsConcern visit={visit} question={filing} onClose={() => setFiling(null)} onDone={onChanged} />}
    </>
  );
}

function FileAsConcern({
  visit,
  question,
  onClose,
  onDone,
}: {
  visit: AdminVisitDetailView;
  question: Question;
  onClose: () => void;
  onDone: () => void;
}) {
  const directory = useDirectory();
  const [compounds, setCompounds] = useState<CompoundView[]>([]);
  useEffect(() => {
    api
      .compounds(visit.street.code)
      .then((r) => setCompounds(r.items))
      .catch(() => undefined);
  }, [visit.street.code]);
  const leaves = directory.categories.filter((c) => c.parentId !== null);
  return (
    <SchemaFormModal
      title="转为诉求"
      okText="转为诉求"
      schema={visitQuestionToConcernSchema}
      initialValues={{ compoundId: visit.compound?.id }}
      send={(body) => api.visitToConcern(visit.id, question.id, body)}
      onClose={onClose}
      onDone={onDone}
    >
      <Typography.Paragraph type="secondary">{question.text}</Typography.Paragraph>
      <Form.Item name="categoryId" label="诉求类别" required>
        <Select showSearch={{ optionFilterProp: 'label' }} options={leaves.map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
      <Form.Item name="compoundId" label="小区" required>
        <Select showSearch={{ optionFilterProp: 'label' }} options={compounds.map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
      <Form.Item name="title" label="标题（默认取问题开头）">
        <Input maxLength={50} />
      </Form.Item>
    </SchemaFormModal>
  );
}

/** After the visit: attendance and summary (sent again, it corrects them), then the issue list, each item a concern. */
function HeldRecord({ visit, onChanged }: { visit: AdminVisitDetailView; onChanged: () => void }) {
  const { message } = App.useApp();
  const [heldForm] = Form.useForm();
  const [issuesForm] = Form.useForm<{ items: { text?: string; concernId?: number }[] }>();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const send = async (name: string, schema: Schema, values: unknown, call: (body: unknown) => Promise<unknown>, done: string) => {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      (name === 'held' ? heldForm : issuesForm).setFields(schemaErrors(parsed.error.issues) as never);
      setProblem(parsed.error.issues[0]?.message ?? null);
      return;
    }
    setProblem(null);
    setBusy(name);
    try {
      await call(values);
      message.success(done);
      onChanged();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" className="full-width">
      {problem && <Alert type="error" showIcon title={problem} />}
      <Card size="small" title={visit.heldAt ? `走访纪要（登记于 ${formatTime(visit.heldAt)}）` : '登记已举行'}>
        <Form form={heldForm} layout="vertical" initialValues={{ attendance: visit.attendance ?? undefined, summary: visit.summary ?? '' }}>
          <Form.Item name="attendance" label="到场人数" required>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="summary" label="走访纪要（居民可见）" required>
            <Input.TextArea rows={5} maxLength={5000} showCount />
          </Form.Item>
          <Button
            type="primary"
            loading={busy === 'held'}
            onClick={() =>
              void send(
                'held',
                markVisitHeldSchema,
                heldForm.getFieldsValue(),
                (b) => api.visitHeld(visit.id, b),
                visit.heldAt ? '纪要已更新' : '已登记为已举行',
              )
            }
          >
            {visit.heldAt ? '更新纪要' : '登记已举行'}
          </Button>
        </Form>
      </Card>
      <Card size="small" title="问题清单">
        {visit.issues.length > 0 && (
          <ul className="issue-list" aria-label="已发布的问题清单">
            {visit.issues.map((issue, i) => (
              <li key={i}>
                {issue.text} —{' '}
                <Typography.Link onClick={() => navigate({ name: 'concern', id: issue.concern.id })}>
                  {issue.concern.code ?? '保密诉求'}
                </Typography.Link>{' '}
                <Tag>{CONCERN_STATUS_LABELS[issue.concern.status]}</Tag>
              </li>
            ))}
          </ul>
        )}
        {visit.status === 'held' ? (
          <Form
            form={issuesForm}
            layout="vertical"
            initialValues={{ items: visit.issues.length > 0 ? visit.issues.map((i) => ({ text: i.text, concernId: i.concern.id })) : [{}] }}
          >
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <Space orientation="vertical" className="full-width">
                  {fields.map((field) => (
                    <Space key={field.key} wrap>
                      <Form.Item name={[field.name, 'text']} noStyle>
                        <Input placeholder="问题内容" maxLength={500} style={{ width: 420 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'concernId']} noStyle>
                        <InputNumber placeholder="关联诉求编号（id）" min={1} precision={0} style={{ width: 180 }} />
                      </Form.Item>
                      <Button onClick={() => remove(field.name)}>删除</Button>
                    </Space>
                  ))}
                  <Space>
                    <Button onClick={() => add({})}>添加一项</Button>
                    <Button
                      type="primary"
                      loading={busy === 'issues'}
                      onClick={() =>
                        void send(
                          'issues',
                          publishVisitIssuesSchema,
                          { items: issuesForm.getFieldValue('items') ?? [] },
                          (b) => api.visitIssues(visit.id, b),
                          '问题清单已发布',
                        )
                      }
                    >
                      发布问题清单
                    </Button>
                  </Space>
                </Space>
              )}
            </Form.List>
          </Form>
        ) : (
          <Typography.Text type="secondary">走访登记为已举行后，才能发布问题清单。</Typography.Text>
        )}
      </Card>
    </Space>
  );
}

function CancelButton({ visit, onDone }: { visit: AdminVisitDetailView; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        取消走访
      </Button>
      {open && (
        <SchemaFormModal
          title="取消走访"
          okText="确认取消"
          schema={cancelVisitSchema}
          send={(body) => api.visitCancel(visit.id, body)}
          onClose={() => setOpen(false)}
          onDone={onDone}
        >
          <Typography.Paragraph>已报名和候补的居民都会收到取消通知和原因。</Typography.Paragraph>
          <Form.Item name="reason" label="取消原因（居民可见）" required>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </SchemaFormModal>
      )}
    </>
  );
}

/** A CSV from the service, fetched with the bearer token and handed to the browser as a download. */
function ExportButton({ id, part, label }: { id: number; part: VisitExportPart; label: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const blob = await api.visitExport(id, part);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `visit-${id}-${part}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void download()}>
      {label}
    </Button>
  );
}

/** A small form in a dialog, checked with a shared schema before it is sent. */
function SchemaFormModal({
  title,
  okText,
  schema,
  initialValues,
  send,
  onClose,
  onDone,
  children,
}: {
  title: string;
  okText: string;
  schema: Schema;
  initialValues?: Record<string, unknown>;
  send: (body: unknown) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = Object.fromEntries(
      Object.entries(form.getFieldsValue() as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== ''),
    );
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      form.setFields(schemaErrors(parsed.error.issues));
      return;
    }
    setBusy(true);
    try {
      await send(values);
      message.success(`已${okText.replace(/^确认/, '')}`);
      onClose();
      onDone();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
