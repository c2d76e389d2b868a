import { z } from 'zod';
import { CODE_PATTERN, NEWS_STATUSES, type NewsStatus } from '../directory/directory.js';
import { pageQuerySchema } from './common.schemas.js';
import { charCount, hasLoneSurrogate, optionalText } from './text.js';

/*
 * 街道资讯: the schemas of news articles and the one rule that keeps their text safe.
 *
 * An article's body is a list of plain-text blocks. Whatever comes in — through the API or pasted
 * into the importer — is reduced to plain text before it is validated and stored: tags are removed
 * (script and style with their content), entities decoded, and image blocks keep only http(s) URLs or
 * our own upload URLs. Front ends render the blocks as text; even one that handed them to an HTML
 * renderer (WeChat's rich-text) would find nothing executable.
 */

export const NEWS_TITLE_MAX = 120;
export const NEWS_SOURCE_MAX = 60;
export const NEWS_PARAGRAPH_MAX = 5000;
export const NEWS_CAPTION_MAX = 200;
/** A subhead (小标题) is one short line. */
export const NEWS_SUBHEAD_MAX = 100;
export const NEWS_MAX_BLOCKS = 200;
/** A pasted page or newsletter; the longest real ones are a few thousand characters. */
export const NEWS_IMPORT_TEXT_MAX = 100_000;
/** Search words, as typed into the mini-program's search box. */
export const NEWS_QUERY_MAX = 50;

/**
 * One block of an article's body: a paragraph, a subhead (小标题, shown bold between paragraphs of the
 * same article), or an image with its caption. Plain text only. An image's `url` is null while the
 * photo is still to be attached: the importer keeps a caption it found under a picture it could not
 * copy, and the editor uploads the photo before publishing.
 */
export type NewsBlock =
  { type: 'paragraph'; text: string } | { type: 'subhead'; text: string } | { type: 'image'; url: string | null; caption?: string };

const UPLOAD_URL = /^\/api\/v1\/uploads\/\d{1,15}(?:\/thumbnail)?$/;
/**
 * http(s), a host of letters, digits, dots and hyphens (so no `user:pass@`), an optional port, then
 * a path without whitespace, quotes, angle brackets or backslashes. Written out rather than with
 * `URL`, which older WeChat clients lack.
 */
const WEB_URL = /^https?:\/\/[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::\d{1,5})?(?:[/?#][^\s"'<>\\`]*)?$/i;

/**
 * The URL an image block may carry: an absolute http(s) URL, or one of our own uploads
 * (`/api/v1/uploads/<id>`). Anything else — `javascript:`, `data:`, `vbscript:`, protocol-relative
 * `//host`, relative paths — gives null.
 */
export function safeImageUrl(value: string): string | null {
  const url = value.trim();
  if (url.length === 0 || url.length > 500) return null;
  return UPLOAD_URL.test(url) || WEB_URL.test(url) ? url : null;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  ldquo: '\u201c',
  rdquo: '\u201d',
  lsquo: '\u2018',
  rsquo: '\u2019',
  mdash: '\u2014',
  ndash: '\u2013',
  hellip: '\u2026',
  middot: '\u00b7',
  bull: '\u2022',
  laquo: '\u00ab',
  raquo: '\u00bb',
  times: '\u00d7',
  divide: '\u00f7',
  deg: '\u00b0',
  yen: '\u00a5',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
};

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      // NUL, surrogates and out-of-range code points are not characters; they are dropped.
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Elements whose content is code or not text, removed with their content. */
const DROPPED_ELEMENTS = /<(script|style|noscript|iframe|object|embed|template|svg|math|textarea|select)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Elements that end a line of text. */
const LINE_BREAKING_TAGS =
  /<(?:br|\/?(?:p|div|li|ul|ol|h[1-6]|tr|table|section|article|blockquote|header|footer|figure|figcaption|pre))\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z][^>]*>|<![\s\S]*?>|<\?[\s\S]*?>/gi;
// Control characters other than tab and newline, and the bidirectional overrides that can disguise text.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

function stripTags(value: string): string {
  let previous: string;
  let current = value;
  // Repeated until nothing changes, so that markup split around markup (`<scr<b>ipt>`) cannot reassemble.
  do {
    previous = current;
    current = current.replace(DROPPED_ELEMENTS, '').replace(LINE_BREAKING_TAGS, '\n').replace(ANY_TAG, '');
  } while (current !== previous);
  return current;
}

/**
 * Reduces anything — plain text, or HTML copied from a page — to plain text: no tags, entities
 * decoded (once: `&amp;lt;` stays the text `&lt;`), markup spelled with entities removed as well,
 * line ends kept as `\n`, invisible control characters dropped.
 */
export function toPlainText(value: string): string {
  const text = stripTags(decodeEntities(stripTags(value.replace(/\r\n?/g, '\n'))));
  return text.replace(INVISIBLE, '');
}

/** One line of plain text: a title, a caption, a source. */
export function toPlainLine(value: string): string {
  return toPlainText(value)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** A paragraph: plain text, each line trimmed, no empty lines at either end, no runs of empty lines. */
export function toPlainParagraph(value: string): string {
  return toPlainText(value)
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Makes blocks safe: text reduced to plain text, empty paragraphs dropped, images with a URL that is
 * not http(s) or ours dropped, empty captions removed. Used on the way in and again on the way out.
 */
export function sanitizeNewsBlocks(blocks: readonly NewsBlock[]): NewsBlock[] {
  const safe: NewsBlock[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const text = toPlainParagraph(block.text);
      if (text) safe.push({ type: 'paragraph', text });
      continue;
    }
    if (block.type === 'subhead') {
      const text = toPlainLine(block.text);
      if (text) safe.push({ type: 'subhead', text });
      continue;
    }
    const url = block.url === null ? null : safeImageUrl(block.url);
    if (block.url !== null && url === null) continue;
    const caption = block.caption === undefined ? '' : toPlainLine(block.caption);
    if (url === null && !caption) continue;
    safe.push(caption ? { type: 'image', url, caption } : { type: 'image', url });
  }
  return safe;
}

const blockInput = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('paragraph'), text: z.string({ error: '段落必须是文字' }).max(NEWS_PARAGRAPH_MAX * 4) }),
    z.object({ type: z.literal('subhead'), text: z.string({ error: '小标题必须是文字' }).max(NEWS_SUBHEAD_MAX * 4) }),
    z.object({
      type: z.literal('image'),
      url: z.string({ error: '图片地址必须是文字' }).max(2000).nullable(),
      caption: z
        .string({ error: '图片说明必须是文字' })
        .max(NEWS_CAPTION_MAX * 4)
        .optional(),
    }),
  ],
  { error: '正文段落只能是文字段落、小标题或图片' },
);

/** The body as the API accepts it: sanitized, then bounded (by code points) and never empty. */
export const newsBodySchema = z
  .array(blockInput, { error: '正文格式不正确' })
  .max(NEWS_MAX_BLOCKS, { message: `正文最多 ${NEWS_MAX_BLOCKS} 段` })
  .transform((blocks) => sanitizeNewsBlocks(blocks))
  .superRefine((blocks, ctx) => {
    if (!blocks.some((b) => b.type === 'paragraph')) ctx.addIssue({ code: 'custom', message: '正文至少需要一段文字' });
    blocks.forEach((block, index) => {
      const [value, max, label, key] =
        block.type === 'paragraph'
          ? [block.text, NEWS_PARAGRAPH_MAX, '段落', 'text']
          : block.type === 'subhead'
            ? [block.text, NEWS_SUBHEAD_MAX, '小标题', 'text']
            : [block.caption ?? '', NEWS_CAPTION_MAX, '图片说明', 'caption'];
      if (charCount(value) > max)
        ctx.addIssue({ code: 'custom', message: `第 ${index + 1} 段的${label}最多 ${max} 个字`, path: [index, key] });
      if (hasLoneSurrogate(value)) ctx.addIssue({ code: 'custom', message: `第 ${index + 1} 段包含无法识别的字符`, path: [index, key] });
    });
  });

/** A one-line text field (title, source) that is reduced to plain text first, then bounded. */
function plainLine(label: string, min: number, max: number) {
  return z
    .string({ error: `${label}必须是文字` })
    .max(max * 8, { message: `${label}最多 ${max} 个字` })
    .transform(toPlainLine)
    .refine((s) => charCount(s) >= min, { message: `请填写${label}` })
    .refine((s) => charCount(s) <= max, { message: `${label}最多 ${max} 个字` })
    .refine((s) => !hasLoneSurrogate(s), { message: `${label}包含无法识别的字符` });
}

const publishedAtSchema = z.iso
  .datetime({ offset: true, error: '发布时间格式不正确，应为 ISO 8601 时间，例如 2026-11-23T09:00:00+08:00' })
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= 1990 && d.getUTCFullYear() <= 2200, { message: '发布时间超出范围' });

const streetCode = z.string({ error: '街道无效' }).regex(CODE_PATTERN, { message: '街道无效' });

/** `POST /api/v1/admin/news`: a new draft. An editor's street is their own; supervisors and admins name one. */
export const createNewsSchema = z.object({
  street: streetCode.optional(),
  title: plainLine('标题', 1, NEWS_TITLE_MAX),
  body: newsBodySchema,
  source: plainLine('来源', 0, NEWS_SOURCE_MAX)
    .transform((s) => s || null)
    .nullable()
    .optional(),
  publishedAt: publishedAtSchema.nullable().optional(),
});
export type CreateNewsInput = z.infer<typeof createNewsSchema>;

/** `PATCH /api/v1/admin/news/:id`: any of the fields; a published article stays published. */
export const updateNewsSchema = createNewsSchema
  .omit({ street: true })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有需要修改的内容' });
export type UpdateNewsInput = z.infer<typeof updateNewsSchema>;

/**
 * `POST /api/v1/admin/news/:id/publish`: now, or at `publishedAt`. A time in the future schedules the
 * article; it appears by itself when the time comes.
 */
export const publishNewsSchema = z.object({ publishedAt: publishedAtSchema.optional() });
export type PublishNewsInput = z.infer<typeof publishNewsSchema>;

/** `POST /api/v1/admin/news/import { text, street }`. */
export const importNewsSchema = z.object({
  street: streetCode,
  text: z
    .string({ error: '请粘贴要导入的文字' })
    .refine((s) => s.trim().length > 0, { message: '请粘贴要导入的文字' })
    .refine((s) => s.length <= NEWS_IMPORT_TEXT_MAX, { message: `导入的文字最多 ${NEWS_IMPORT_TEXT_MAX} 个字符` }),
});
export type ImportNewsInput = z.infer<typeof importNewsSchema>;

/** `GET /api/v1/news?street=&q=&cursor=&limit=`: published news, newest first. */
export const newsQuerySchema = pageQuerySchema.extend({
  street: streetCode.optional(),
  q: optionalText('搜索词', NEWS_QUERY_MAX),
});
export type NewsQuery = z.infer<typeof newsQuerySchema>;

/** `GET /api/v1/admin/news?street=&status=&q=&cursor=`: every article the caller may manage, newest first. */
export const adminNewsQuerySchema = newsQuerySchema.extend({
  status: z.enum(NEWS_STATUSES, { error: '状态无效' }).optional(),
});
export type AdminNewsQuery = z.infer<typeof adminNewsQuerySchema>;

/** One line of the news list. */
export interface NewsSummaryView {
  id: number;
  streetCode: string;
  streetName: string;
  title: string;
  /** The first words of the first paragraph. */
  summary: string;
  /** The first image that has a photo. */
  coverUrl: string | null;
  source: string | null;
  publishedAt: string;
  /** Invented demo content, to be shown with a 演示 mark. */
  isDemo: boolean;
}

export interface NewsDetailView extends NewsSummaryView {
  body: NewsBlock[];
}

/** What editors see: drafts too, with the stored status and whether a scheduled article is out yet. */
export interface AdminNewsView extends Omit<NewsDetailView, 'publishedAt'> {
  /** `scheduled` turns into `published` here once its time has passed (no job moves it). */
  status: NewsStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * What the importer did to a draft or guessed about it, for the editor to check in the preview:
 * - `kicker` / `subtitle`: the 引题 above and the 副题 below the headline, kept as the first paragraph;
 * - `byline` / `editor`: a 记者/通讯员 line or a 责任编辑 line taken out of the body (the source);
 * - `joined`: a sentence or a word the layout broke over lines or columns, joined again;
 * - `caption-lifted`: a photo caption that landed inside a sentence, lifted out as an image block;
 * - `date-issue` / `date-text`: the date came from the newspaper's issue line / the first sentence;
 * - `start-guess`: this draft might be the continuation of the one before (join with one click);
 * - `subhead-guess`: a subhead that might start another article (split there with one click).
 */
export const NEWS_IMPORT_NOTE_KINDS = [
  'kicker',
  'subtitle',
  'byline',
  'editor',
  'joined',
  'caption-lifted',
  'date-issue',
  'date-text',
  'start-guess',
  'subhead-guess',
] as const;
export type NewsImportNoteKind = (typeof NEWS_IMPORT_NOTE_KINDS)[number];
export interface NewsImportNote {
  kind: NewsImportNoteKind;
  /** The text concerned: the line taken out, the place joined ("…参加活｜动。"), the subhead. */
  text: string;
}
/** How each note reads in the import preview. */
export const NEWS_IMPORT_NOTE_LABELS: Record<NewsImportNoteKind, string> = {
  kicker: '引题',
  subtitle: '副题',
  byline: '署名作为来源',
  editor: '责任编辑作为来源',
  joined: '接上断行',
  'caption-lifted': '图片说明移出句子',
  'date-issue': '日期取自报纸日期',
  'date-text': '日期取自正文第一句',
  'start-guess': '两篇还是一篇？',
  'subhead-guess': '小标题还是新文章？',
};

/** One article found by the importer: a draft to review, shaped as `POST /api/v1/admin/news` takes it. */
export interface NewsDraftView {
  street: string;
  title: string;
  body: NewsBlock[];
  source: string | null;
  publishedAt: string | null;
  /** What was mended or guessed (not saved with the article; the create schema ignores it). */
  notes: NewsImportNote[];
}
