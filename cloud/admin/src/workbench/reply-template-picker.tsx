import {
  fillReplyTemplate,
  REPLY_PLACEHOLDERS,
  REPLY_TEMPLATE_KIND_LABELS,
  shanghaiDate,
  type ConcernDetailView,
  type ReplyPlaceholder,
  type ReplyPlaceholderValues,
  type ReplyTemplateKind,
  type ReplyTemplateView,
} from '@manyi/shared';
import { Alert, Form, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { followUpApi } from '../api/follow-up-endpoints';
import { useDirectory, type Directory } from '../app/directory';
import { useCompounds } from '../common/use-compounds';

/** A Shanghai day in the words a reply uses: 2026年12月7日. */
export function chineseDate(instant: string | Date): string {
  const [y, m, d] = shanghaiDate(typeof instant === 'string' ? new Date(instant) : instant).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/**
 * What the placeholders of a template stand for on this concern. A value the concern does not have (no
 * department before dispatch, no 办结期限) is left out, so the filler keeps the placeholder for the hand.
 */
export function replyPlaceholderValues(
  detail: ConcernDetailView,
  directory: Directory,
  compoundName: string | null,
  now: Date = new Date(),
): ReplyPlaceholderValues {
  const known = <T extends { name: string }>(map: ReadonlyMap<number, T>, id: number | null) =>
    id === null ? null : (map.get(id)?.name ?? null);
  return {
    compound: compoundName,
    street: known(directory.streetById, detail.streetId),
    department: known(directory.departmentById, detail.departmentId),
    category: known(directory.categoryById, detail.categoryId),
    code: detail.code,
    submittedDate: chineseDate(detail.createdAt),
    today: chineseDate(now),
    resolveDueDate: detail.resolveDueAt ? chineseDate(detail.resolveDueAt) : null,
  };
}

type Loaded = { key: string; items: ReplyTemplateView[] };

/**
 * 答复模板 beside a reply box (or the rejection reason's): the concern's category's templates of that kind
 * and those for every category. Choosing one puts its text in the box with the placeholders filled by the
 * shared filler (小区, dates, 部门 …); the text stays the handler's to edit. A placeholder with nothing to
 * fill it stays as written, and the picker says which.
 */
export function ReplyTemplatePicker({ kind, detail, field }: { kind: ReplyTemplateKind; detail: ConcernDetailView; field: string }) {
  const form = Form.useFormInstance();
  const directory = useDirectory();
  const compounds = useCompounds(directory.streetById.get(detail.streetId)?.code);
  const compoundName = compounds.find((c) => c.id === detail.compoundId)?.name ?? null;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [picked, setPicked] = useState<{ title: string; missing: ReplyPlaceholder[] } | null>(null);
  const key = `${detail.categoryId}|${kind}`;

  useEffect(() => {
    const controller = new AbortController();
    followUpApi
      .replyTemplates({ categoryId: detail.categoryId, kind }, controller.signal)
      .then((r) => setLoaded({ key, items: r.items }))
      // No templates is no worse than before they existed: the box is still there to write in.
      .catch(() => {
        if (!controller.signal.aborted) setLoaded({ key, items: [] });
      });
    return () => controller.abort();
  }, [detail.categoryId, kind, key]);

  const items = loaded?.key === key ? loaded.items : [];
  const label = `${REPLY_TEMPLATE_KIND_LABELS[kind]}模板`;
  const choose = (id: number) => {
    const template = items.find((t) => t.id === id);
    if (!template) return;
    const filled = fillReplyTemplate(template.text, replyPlaceholderValues(detail, directory, compoundName));
    form.setFieldValue(field, filled.text);
    form.validateFields([field]).catch(() => undefined);
    setPicked({ title: template.title, missing: filled.missing });
  };

  return (
    <div className="reply-template-picker">
      <Space wrap>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <Select<number>
          aria-label={label}
          className="reply-template-select"
          placeholder={loaded?.key === key && items.length === 0 ? '本类别暂无模板' : `选择${label}`}
          disabled={items.length === 0}
          loading={loaded?.key !== key}
          value={null}
          onChange={choose}
          popupMatchSelectWidth={false}
          options={items.map((t) => ({
            value: t.id,
            label: t.categoryName ? `${t.title}（${t.categoryName}）` : `${t.title}（通用）`,
          }))}
        />
      </Space>
      {picked && (
        <Alert
          className="reply-template-note"
          type={picked.missing.length > 0 ? 'warning' : 'success'}
          showIcon
          title={
            picked.missing.length > 0
              ? `已套用「${picked.title}」。以下占位符没有可填的内容，请在文字中手动填写：${picked.missing
                  .map((p) => `{${REPLY_PLACEHOLDERS[p]}}`)
                  .join('、')}`
              : `已套用「${picked.title}」，占位符已填好，可继续修改`
          }
        />
      )}
    </div>
  );
}
