import { createNewsSchema, updateNewsSchema, type NewsBlock, type NewsStatus } from '@manyi/shared';
import type { SchemaIssue } from '../common/form-errors';

/** How an article's status reads to an editor. */
export const NEWS_STATUS_LABELS: Record<NewsStatus, string> = { draft: '草稿', scheduled: '定时发布', published: '已发布' };

/** The editor's fields: the body is one text, blocks separated by an empty line. */
export interface NewsFormValues {
  street?: string;
  title?: string;
  source?: string;
  body?: string;
  /** 发布时间: an imported draft brings the page's own date; empty means "when it is published". */
  publishedAt?: { toISOString(): string } | null;
}

// An image block in the body text: 【图片】caption, or 【图片 https://…】caption once it has a photo.
const IMAGE_LINE = /^【图片(?:\s+(\S+))?】([\s\S]*)$/;
// A subhead (小标题) in the body text: 【小标题】text.
const SUBHEAD_LINE = /^【小标题】([\s\S]*)$/;

/** The body as the editor edits it: paragraphs as they are, subheads as 【小标题】 and images as 【图片】 lines. */
export function blocksToText(blocks: readonly NewsBlock[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'paragraph') return b.text;
      if (b.type === 'subhead') return `【小标题】${b.text}`;
      return `【图片${b.url ? ` ${b.url}` : ''}】${b.caption ?? ''}`;
    })
    .join('\n\n');
}

/** The editor's text back into blocks: a chunk between empty lines is a paragraph, or an image when marked so. */
export function textToBlocks(text: string): NewsBlock[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk): NewsBlock => {
      const subhead = SUBHEAD_LINE.exec(chunk);
      if (subhead) return { type: 'subhead', text: subhead[1]!.trim() };
      const image = IMAGE_LINE.exec(chunk);
      if (!image) return { type: 'paragraph', text: chunk };
      const caption = image[2]!.trim();
      return caption ? { type: 'image', url: image[1] ?? null, caption } : { type: 'image', url: image[1] ?? null };
    });
}

export type NewsFormResult = { ok: true; body: Record<string, unknown> } | { ok: false; issues: readonly SchemaIssue[] };

/**
 * Checks the form with the shared schema the service uses — create for a new article (with the street
 * when the editor has none of their own), update for an existing one — and gives the request body.
 * Issues about the body's blocks land on the `body` field.
 */
export function validateNewsForm(values: NewsFormValues, mode: 'create' | 'update'): NewsFormResult {
  const input = {
    ...(mode === 'create' && values.street ? { street: values.street } : {}),
    title: values.title ?? '',
    source: values.source?.trim() ? values.source : null,
    body: textToBlocks(values.body ?? ''),
    // An editor may move the time but not clear a published article's: it is sent only when set.
    ...(values.publishedAt ? { publishedAt: values.publishedAt.toISOString() } : {}),
  };
  const parsed = (mode === 'create' ? createNewsSchema : updateNewsSchema).safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.slice(0, 1), message: i.message })) };
  // The raw input is what is sent: the service sanitizes and validates it again with the same schema.
  return { ok: true, body: input };
}
