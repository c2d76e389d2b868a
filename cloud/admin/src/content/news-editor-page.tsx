import { ArrowLeftOutlined, ImportOutlined } from '@ant-design/icons';
import type { AdminNewsView, NewsDraftView } from '@manyi/shared';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Result, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { errorMessage, isApiError } from '../api/api-error';
import { api, type WhoAmI } from '../api/endpoints';
import { useDirectory } from '../app/directory';
import { navigate } from '../app/router';
import { schemaErrors } from '../common/form-errors';
import { formatTime } from '../inbox/due';
import { blocksToText, textToBlocks, validateNewsForm, type NewsFormValues } from './news-form';
import { NewsStatusTag } from './news-list-page';
import { NewsPreview } from './news-preview';

/** 资讯编辑: a new article (typed, or imported from pasted text) or an existing one; save, publish now or later, withdraw. */
export function NewsEditorPage({ id, who }: { id: number | 'new'; who: WhoAmI }) {
  const [loaded, setArticle] = useState<{ id: number | 'new'; value: AdminNewsView | null; error?: unknown } | null>(null);
  const article = id === 'new' ? { id, value: null } : loaded;
  useEffect(() => {
    if (id === 'new') return;
    const controller = new AbortController();
    api
      .newsDetail(id, controller.signal)
      .then((value) => setArticle({ id, value }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setArticle({ id, value: null, error });
      });
    return () => controller.abort();
  }, [id]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'news' })}>
      返回列表
    </Button>
  );
  if (!article || article.id !== id) return <Skeleton active />;
  if (article.error)
    return (
      <Result
        status={isApiError(article.error, 'NEWS_NOT_FOUND') ? '404' : 'warning'}
        title={isApiError(article.error, 'NEWS_NOT_FOUND') ? '资讯不存在，或不属于您的街道' : '资讯加载失败'}
        subTitle={errorMessage(article.error)}
        extra={back}
      />
    );
  return <NewsEditor key={String(id)} who={who} article={article.value} back={back} onSaved={(a) => setArticle({ id: a.id, value: a })} />;
}

function NewsEditor({
  who,
  article,
  back,
  onSaved,
}: {
  who: WhoAmI;
  article: AdminNewsView | null;
  back: ReactNode;
  onSaved: (a: AdminNewsView) => void;
}) {
  const { message } = App.useApp();
  const directory = useDirectory();
  const [form] = Form.useForm<NewsFormValues>();
  const values = Form.useWatch([], form) ?? {};
  const [busy, setBusy] = useState<string | null>(null);
  const [scheduleAt, setScheduleAt] = useState<{ toISOString(): string } | null>(null);
  const ownStreet = who.streetId !== null ? directory.streetById.get(who.streetId)?.code : undefined;
  const needsStreet = !article && who.streetId === null;

  const save = async (): Promise<AdminNewsView | null> => {
    const checked = validateNewsForm(form.getFieldsValue(), article ? 'update' : 'create');
    if (!checked.ok) {
      form.setFields(schemaErrors(checked.issues, 'body'));
      return null;
    }
    const saved = article ? await api.newsUpdate(article.id, checked.body) : await api.newsCreate(checked.body);
    onSaved(saved);
    return saved;
  };

  const run = async (name: string, work: () => Promise<AdminNewsView | null>, done: string) => {
    setBusy(name);
    try {
      const result = await work();
      if (result) message.success(done);
      // A new article gets its own address once everything asked for (saving, publishing) is done.
      if (result && !article) navigate({ name: 'news-edit', id: result.id }, { replace: true });
    } catch (error) {
      if (isApiError(error) && Array.isArray(error.details)) form.setFields(schemaErrors(error.details as never, 'body'));
      message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const publish = (at?: string) =>
    run(
      at ? 'schedule' : 'publish',
      async () => {
        const saved = await save();
        if (!saved) return null;
        const published = await api.newsPublish(saved.id, at ? { publishedAt: at } : {});
        onSaved(published);
        return published;
      },
      at ? '已设置定时发布' : '已发布',
    );

  return (
    <section className="news-editor" aria-label="资讯编辑">
      <div className="page-heading">
        <Space>
          {back}
          <Typography.Title level={4}>{article ? '编辑资讯' : '新建资讯'}</Typography.Title>
          {article && <NewsStatusTag status={article.status} />}
          {article?.publishedAt && <Typography.Text type="secondary">发布时间 {formatTime(article.publishedAt)}</Typography.Text>}
        </Space>
      </div>
      {!article && (
        <ImportPanel
          street={ownStreet}
          streets={needsStreet ? directory.streets.map((s) => ({ value: s.code, label: s.name })) : null}
          onUse={(draft) => {
            form.setFieldsValue({ street: draft.street, title: draft.title, source: draft.source ?? '', body: blocksToText(draft.body) });
            message.info('已填入导入的稿件，请核对后保存或发布');
          }}
        />
      )}
      <div className="two-columns editor-columns">
        <Card title="内容" className="editor-form">
          <Form<NewsFormValues>
            form={form}
            layout="vertical"
            initialValues={
              article ? { title: article.title, source: article.source ?? '', body: blocksToText(article.body) } : { street: ownStreet }
            }
          >
            {needsStreet && (
              <Form.Item name="street" label="街道" required>
                <Select
                  aria-label="街道"
                  options={directory.streets.map((s) => ({ value: s.code, label: s.name }))}
                  placeholder="请选择街道"
                />
              </Form.Item>
            )}
            <Form.Item name="title" label="标题" required>
              <Input maxLength={120} showCount />
            </Form.Item>
            <Form.Item name="source" label="来源">
              <Input maxLength={60} placeholder="例如：斜土路街道办事处" />
            </Form.Item>
            <Form.Item name="body" label="正文" required extra="段落之间空一行；【图片】开头的一段是图片及其说明。只保存纯文字。">
              <Input.TextArea rows={14} />
            </Form.Item>
          </Form>
          <Space wrap>
            <Button loading={busy === 'save'} onClick={() => run('save', save, '已保存')}>
              保存草稿
            </Button>
            <Button type="primary" loading={busy === 'publish'} onClick={() => publish()}>
              {article?.status === 'published' ? '保存并更新' : '立即发布'}
            </Button>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              placeholder="定时发布时间"
              aria-label="定时发布时间"
              onChange={(value) => setScheduleAt(value ?? null)}
            />
            <Button disabled={!scheduleAt} loading={busy === 'schedule'} onClick={() => scheduleAt && publish(scheduleAt.toISOString())}>
              定时发布
            </Button>
            {article && article.status !== 'draft' && (
              <Popconfirm
                title="撤回这篇资讯？"
                description="撤回后居民将看不到它，可以修改后重新发布。"
                okText="撤回"
                cancelText="取消"
                onConfirm={() =>
                  run(
                    'unpublish',
                    async () => {
                      const draft = await api.newsUnpublish(article.id);
                      onSaved(draft);
                      return draft;
                    },
                    '已撤回为草稿',
                  )
                }
              >
                <Button danger loading={busy === 'unpublish'}>
                  撤回
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Card>
        <Card title="预览" className="editor-preview">
          <NewsPreview title={values.title ?? ''} source={values.source} blocks={textToBlocks(values.body ?? '')} />
        </Card>
      </div>
    </section>
  );
}

/** 从粘贴文字导入: the service finds the articles in a pasted page or newsletter; each is previewed before use. */
function ImportPanel({
  street,
  streets,
  onUse,
}: {
  street: string | undefined;
  streets: { value: string; label: string }[] | null;
  onUse: (draft: NewsDraftView) => void;
}) {
  const [text, setText] = useState('');
  const [chosenStreet, setChosenStreet] = useState<string | undefined>(street);
  const [drafts, setDrafts] = useState<NewsDraftView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const recognise = async () => {
    setError(null);
    if (!text.trim()) return setError('请粘贴要导入的文字');
    if (!chosenStreet) return setError('请选择街道');
    setBusy(true);
    try {
      const answer = await api.newsImport({ text, street: chosenStreet });
      setDrafts(answer.items);
      if (answer.items.length === 0) setError('没有识别出文章，请检查粘贴的内容');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="从粘贴文字导入" className="news-import">
      <Space orientation="vertical" className="full-width">
        {streets && (
          <Select aria-label="导入到街道" placeholder="导入到哪个街道" options={streets} value={chosenStreet} onChange={setChosenStreet} />
        )}
        <Input.TextArea
          rows={6}
          aria-label="粘贴的文字"
          placeholder="把网页或简报的文字粘贴到这里，系统会找出其中的文章（标题、来源、时间、正文）"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button icon={<ImportOutlined />} onClick={recognise} loading={busy}>
          识别文章
        </Button>
        {error && <Alert type="warning" showIcon title={error} />}
        {drafts?.map((draft, i) => (
          <Card
            key={i}
            size="small"
            className="import-draft"
            title={`稿件 ${i + 1}${draft.publishedAt ? ` · 原文时间 ${formatTime(draft.publishedAt)}` : ''}`}
            extra={
              <Button type="link" onClick={() => onUse(draft)}>
                使用此稿
              </Button>
            }
          >
            <NewsPreview title={draft.title} source={draft.source} blocks={draft.body} />
          </Card>
        ))}
      </Space>
    </Card>
  );
}
