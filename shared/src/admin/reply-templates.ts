import { z } from 'zod';
import { id, text } from '../schemas/text.js';

/**
 * 答复模板: per category, ready texts for a department's reply and for a rejection reason (不予受理理由),
 * offered beside the reply box. Placeholders in braces (`{小区}`) are filled from the
 * concern by fillReplyTemplate before the handler edits and sends the text.
 *
 * Routes: `GET|POST /api/v1/admin/reply-templates`, `PUT|DELETE /api/v1/admin/reply-templates/:id`.
 */
export const REPLY_TEMPLATE_KINDS = ['reply', 'rejection'] as const;
export type ReplyTemplateKind = (typeof REPLY_TEMPLATE_KINDS)[number];
export const REPLY_TEMPLATE_KIND_LABELS: Record<ReplyTemplateKind, string> = { reply: '答复', rejection: '不予受理理由' };

/** The placeholders a template may use, keyed by the value's name, with the word written in the text. */
export const REPLY_PLACEHOLDERS = {
  compound: '小区',
  street: '街道',
  department: '部门',
  category: '类别',
  code: '诉求编号',
  submittedDate: '提交日期',
  today: '今天',
  resolveDueDate: '办结期限',
} as const;
export type ReplyPlaceholder = keyof typeof REPLY_PLACEHOLDERS;
export type ReplyPlaceholderValues = Partial<Record<ReplyPlaceholder, string | null>>;

const PLACEHOLDER_PATTERN = /\{([^{}\s]{1,10})\}/g;
const BY_WORD = new Map<string, ReplyPlaceholder>(Object.entries(REPLY_PLACEHOLDERS).map(([key, word]) => [word, key as ReplyPlaceholder]));

/** The placeholders a text uses, in order of first use; `unknown` are braces naming none of them. */
export function templatePlaceholders(textValue: string): { used: ReplyPlaceholder[]; unknown: string[] } {
  const used: ReplyPlaceholder[] = [];
  const unknown: string[] = [];
  for (const match of textValue.matchAll(PLACEHOLDER_PATTERN)) {
    const word = match[1] ?? '';
    const key = BY_WORD.get(word);
    if (key) {
      if (!used.includes(key)) used.push(key);
    } else if (!unknown.includes(word)) unknown.push(word);
  }
  return { used, unknown };
}

/**
 * A template's text with its placeholders replaced by the concern's values. A placeholder without a
 * value stays as written (the handler sees `{办结期限}` and fills it by hand) and is listed in `missing`;
 * braces that name no placeholder are left alone.
 */
export function fillReplyTemplate(textValue: string, values: ReplyPlaceholderValues): { text: string; missing: ReplyPlaceholder[] } {
  const missing: ReplyPlaceholder[] = [];
  const filled = textValue.replace(PLACEHOLDER_PATTERN, (whole, word: string) => {
    const key = BY_WORD.get(word);
    if (!key) return whole;
    const value = values[key];
    if (value === undefined || value === null || value === '') {
      if (!missing.includes(key)) missing.push(key);
      return whole;
    }
    return value;
  });
  return { text: filled, missing };
}

export const REPLY_TEMPLATE_TITLE_MAX = 30;
/** As long as a reply may be. */
export const REPLY_TEMPLATE_TEXT_MAX = 2000;

/** `POST /api/v1/admin/reply-templates` and `PUT …/:id`: `categoryId` null is a template for every category. */
export const replyTemplateSchema = z.object({
  categoryId: id('类别').nullable(),
  kind: z.enum(REPLY_TEMPLATE_KINDS, { error: '模板类型应为答复或不予受理理由' }),
  title: text('模板名称', 1, REPLY_TEMPLATE_TITLE_MAX),
  text: text('模板内容', 2, REPLY_TEMPLATE_TEXT_MAX).refine((t) => templatePlaceholders(t).unknown.length === 0, {
    message: `模板中只能使用这些占位符：${Object.values(REPLY_PLACEHOLDERS)
      .map((w) => `{${w}}`)
      .join('')}`,
  }),
});
export type ReplyTemplateInput = z.infer<typeof replyTemplateSchema>;

/** `GET /api/v1/admin/reply-templates?categoryId=&kind=`: a category's templates and those for every category. */
export const replyTemplateQuerySchema = z.object({
  categoryId: id('类别').optional(),
  kind: z.enum(REPLY_TEMPLATE_KINDS, { error: '模板类型应为 reply 或 rejection' }).optional(),
});
export type ReplyTemplateQuery = z.infer<typeof replyTemplateQuerySchema>;

export interface ReplyTemplateView {
  id: number;
  categoryId: number | null;
  /** null: every category. */
  categoryName: string | null;
  kind: ReplyTemplateKind;
  title: string;
  text: string;
  updatedAt: string;
  updatedBy: string | null;
}
