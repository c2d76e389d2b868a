import { ArrowLeftOutlined, ImportOutlined } from '@ant-design/icons';
import { NEWS_IMPORT_NOTE_LABELS, type AdminNewsView, type NewsDraftView, type NewsImportNoteKind } from '@manyi/shared';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Result, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { errorMessage, isApiError } from '../api/api-error';
import { api, type WhoAmI } from '../api/endpoints';
import { useDirectory } from '../app/directory';
import { navigate } from '../app/router';
import { schemaErrors } from '../common/form-errors';
import { formatTime } from '../inbox/due';
import { blocksToText, textToBlocks, validateNewsForm, type NewsFormValues } from './news-form';
import { draftRequest, hasText, joinWithPrevious, splitAtSubhead } from './news-import-drafts';
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
            form.setFieldsValue({
              street: draft.street,
              title: draft.title,
              source: draft.source ?? '',
              body: blocksToText(draft.body),
              // The page's own date stays through publishing unless the editor changes it here.
              publishedAt: draft.publishedAt ? dayjs(draft.publishedAt) : null,
            });
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
              article
                ? {
                    title: article.title,
                    source: article.source ?? '',
                    body: blocksToText(article.body),
                    publishedAt: article.publishedAt ? dayjs(article.publishedAt) : null,
                  }
                : { street: ownStreet }
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
            <Form.Item
              name="body"
              label="正文"
              required
              extra="段落之间空一行；【小标题】开头的一段是小标题，【图片】开头的一段是图片及其说明。只保存纯文字。"
            >
              <Input.TextArea rows={14} />
            </Form.Item>
            <Form.Item name="publishedAt" label="发布时间" extra="导入的稿件带原文日期，发布时保留；留空则以发布的那一刻为准。">
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder="发布时刻" aria-label="发布时间" />
            </Form.Item>
          </Form>
          <Space wrap>
            <Button loading={busy === 'save'} onClick={() => void run('save', save, '已保存')}>
              保存草稿
            </Button>
            <Button type="primary" loading={busy === 'publish'} onClick={() => void publish()}>
              {article?.status === 'published' ? '保存并更新' : '立即发布'}
            </Button>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              placeholder="定时发布时间"
              aria-label="定时发布时间"
              onChange={(value) => setScheduleAt(value ?? null)}
            />
            <Button
              disabled={!scheduleAt}
              loading={busy === 'schedule'}
              onClick={() => void (scheduleAt && publish(scheduleAt.toISOString()))}
            >
              定时发布
            </Button>
            {article && article.status !== 'draft' && (
              <Popconfirm
                title="撤回这篇资讯？"
                description="撤回后居民将看不到它，可以修改后重新发布。"
                okText="撤回"
                cancelText="取消"
                // eslint-disable-next-line @typescript-eslint/no-misused-promises -- antd's Popconfirm awaits the promise (确定 shows loading until it settles); its type says void
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

/** The notes that are guesses for the editor to settle, shown in orange. */
const GUESSES = new Set<NewsImportNoteKind>(['start-guess', 'subhead-guess']);

/**
 * 从粘贴文字导入: the service finds the articles in a pasted page, newsletter or newspaper page; each is
 * previewed with what the importer mended or guessed. Two drafts that are one article are joined, and a
 * draft is split at a subhead, with one click; all drafts are saved in one action, or one is used in
 * the form below.
 */
function ImportPanel({
  street,
  streets,
  onUse,
}: {
  street: string | undefined;
  streets: { value: string; label: string }[] | null;
  onUse: (draft: NewsDraftView) => void;
}) {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [chosen, setChosenStreet] = useState<string | undefined>(undefined);
  // The editor's own street arrives with the directory, possibly after the first render.
  const chosenStreet = chosen ?? street;
  const [drafts, setDrafts] = useState<NewsDraftView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'recognise' | 'save' | null>(null);

  const recognise = async () => {
    setError(null);
    if (!text.trim()) return setError('请粘贴要导入的文字');
    if (!chosenStreet) return setError('请选择街道');
    setBusy('recognise');
    try {
      const answer = await api.newsImport({ text, street: chosenStreet });
      setDrafts(answer.items);
      if (answer.items.length === 0) setError('没有识别出文章，请检查粘贴的内容');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  // Saved one after another; a draft saved stays saved and leaves the list, so trying again after an
  // error does not save it twice.
  const saveAll = async (list: NewsDraftView[]) => {
    setBusy('save');
    setError(null);
    let left = list;
    try {
      for (const draft of list) {
        await api.newsCreate(draftRequest(draft));
        left = left.slice(1);
      }
      message.success(`已保存 ${list.length} 篇草稿`);
      navigate({ name: 'news' });
    } catch (e) {
      setDrafts(left);
      setError(`已保存 ${list.length - left.length} 篇，其余未保存：${errorMessage(e)}`);
    } finally {
      setBusy(null);
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
          placeholder="把网页、简报或报纸版面的文字粘贴到这里，系统会找出其中的文章（标题、来源、时间、正文）"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Space wrap>
          <Button icon={<ImportOutlined />} onClick={() => void recognise()} loading={busy === 'recognise'}>
            识别文章
          </Button>
          {drafts && drafts.length > 0 && (
            <Button
              type="primary"
              loading={busy === 'save'}
              disabled={!drafts.every((d) => hasText(d.body))}
              onClick={() => void saveAll(drafts)}
            >
              全部保存为草稿（{drafts.length} 篇）
            </Button>
          )}
        </Space>
        {error && <Alert type="warning" showIcon title={error} />}
        {drafts?.map((draft, i) => {
          const startGuess = draft.notes.some((n) => n.kind === 'start-guess');
          const join = (
            <Button size="small" onClick={() => setDrafts(joinWithPrevious(drafts, i))} aria-label={`把稿件 ${i + 1} 并入稿件 ${i}`}>
              并入上一篇
            </Button>
          );
          return (
            <Card
              key={`${i}-${draft.title}`}
              size="small"
              className="import-draft"
              aria-label={`稿件 ${i + 1}`}
              title={`稿件 ${i + 1}${draft.publishedAt ? ` · 原文时间 ${formatTime(draft.publishedAt)}` : ''}`}
              extra={
                <Space>
                  {i > 0 && !startGuess && join}
                  <Button type="link" onClick={() => onUse(draft)}>
                    使用此稿
                  </Button>
                </Space>
              }
            >
              {startGuess && (
                <Alert
                  className="form-problem"
                  type="warning"
                  showIcon
                  title="两篇还是一篇？这一篇可能是上一篇的后半部分。"
                  action={join}
                />
              )}
              {draft.notes.length > 0 && (
                <ul className="import-notes" aria-label="识别说明">
                  {draft.notes.map((note, k) => (
                    <li key={k}>
                      <Tag color={GUESSES.has(note.kind) ? 'orange' : 'blue'}>{NEWS_IMPORT_NOTE_LABELS[note.kind]}</Tag>
                      <Typography.Text type="secondary">{note.text}</Typography.Text>
                    </li>
                  ))}
                </ul>
              )}
              <NewsPreview
                title={draft.title}
                source={draft.source}
                blocks={draft.body}
                subheadAction={(index, subhead) => (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setDrafts(splitAtSubhead(drafts, i, index))}
                    aria-label={`从小标题「${subhead}」拆分为新稿件`}
                  >
                    从这里拆分
                  </Button>
                )}
              />
            </Card>
          );
        })}
      </Space>
    </Card>
  );
}
