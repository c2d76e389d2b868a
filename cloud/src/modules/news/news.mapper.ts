import {
  NEWS_CAPTION_MAX,
  NEWS_MAX_BLOCKS,
  NEWS_PARAGRAPH_MAX,
  NEWS_SOURCE_MAX,
  NEWS_SUBHEAD_MAX,
  NEWS_TITLE_MAX,
  sanitizeNewsBlocks,
  toPlainLine,
  type AdminNewsView,
  type NewsBlock,
  type NewsDetailView,
  type NewsDraftView,
  type NewsStatus,
  type NewsSummaryView,
} from '@manyi/shared';
import type { Street } from '../directory/street.entity.js';
import type { NewsArticle } from './news-article.entity.js';
import type { ImportedArticle } from './news-import.parser.js';

const SUMMARY_LENGTH = 80;

/**
 * What a resident reads. Blocks are sanitized again on the way out (rows written before the API
 * sanitized them, or by hand, are no exception), and a caption whose photo was never attached is left
 * out.
 */
export function publicBlocks(body: readonly NewsBlock[]): NewsBlock[] {
  return sanitizeNewsBlocks(body).filter((b) => b.type !== 'image' || b.url !== null);
}

/** `scheduled` is what the editor asked for; once its time has passed the article is out. */
export function effectiveStatus(article: Pick<NewsArticle, 'status' | 'publishedAt'>, now: Date): NewsStatus {
  if (article.status === 'scheduled' && article.publishedAt && article.publishedAt.getTime() <= now.getTime()) return 'published';
  return article.status;
}

export function mapNewsSummary(article: NewsArticle, street: Street, body = publicBlocks(article.body)): NewsSummaryView {
  const first = body.find((b) => b.type === 'paragraph');
  const chars = first ? [...first.text.replace(/\s+/g, ' ')] : [];
  const cover = body.find((b) => b.type === 'image' && b.url !== null);
  return {
    id: article.id,
    streetCode: street.code,
    streetName: street.name,
    title: toPlainLine(article.title),
    summary: chars.length > SUMMARY_LENGTH ? `${chars.slice(0, SUMMARY_LENGTH).join('')}…` : chars.join(''),
    coverUrl: cover?.type === 'image' ? cover.url : null,
    source: article.source === null ? null : toPlainLine(article.source),
    publishedAt: (article.publishedAt ?? article.createdAt).toISOString(),
    isDemo: article.isDemo,
  };
}

export function mapNewsDetail(article: NewsArticle, street: Street): NewsDetailView {
  const body = publicBlocks(article.body);
  return { ...mapNewsSummary(article, street, body), body };
}

/** What an editor sees: every block, including captions still waiting for their photo. */
export function mapAdminNews(article: NewsArticle, street: Street, now: Date): AdminNewsView {
  const body = sanitizeNewsBlocks(article.body);
  return {
    ...mapNewsSummary(
      article,
      street,
      body.filter((b) => b.type !== 'image' || b.url !== null),
    ),
    body,
    status: effectiveStatus(article, now),
    publishedAt: article.publishedAt ? article.publishedAt.toISOString() : null,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
  };
}

/**
 * An imported article as a draft that `POST /api/v1/admin/news` accepts as it is: plain text, within
 * every length limit (a paragraph too long is split at sentence ends). Null when nothing usable is left.
 */
export function mapDraft(article: ImportedArticle, streetCode: string): NewsDraftView | null {
  const title = clip(toPlainLine(article.title), NEWS_TITLE_MAX);
  const body = sanitizeNewsBlocks(article.body)
    .flatMap((block): NewsBlock[] => {
      if (block.type === 'paragraph') return splitLong(block.text, NEWS_PARAGRAPH_MAX).map((text) => ({ type: 'paragraph', text }));
      if (block.type === 'subhead') return [{ type: 'subhead', text: clip(block.text, NEWS_SUBHEAD_MAX) }];
      return [block.caption === undefined ? block : { ...block, caption: clip(block.caption, NEWS_CAPTION_MAX) }];
    })
    .slice(0, NEWS_MAX_BLOCKS);
  if (!title || !body.some((b) => b.type === 'paragraph')) return null;
  const source = article.source === null ? null : clip(toPlainLine(article.source), NEWS_SOURCE_MAX) || null;
  return {
    street: streetCode,
    title,
    body,
    source,
    publishedAt: article.publishedAt ? article.publishedAt.toISOString() : null,
    notes: article.notes,
  };
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join('').trim();
}

/** Splits text longer than `max` code points after the last sentence end that fits, or at `max`. */
function splitLong(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = [...text];
  while (rest.length > max) {
    const head = rest.slice(0, max);
    let cut = head.length;
    for (let i = head.length - 1; i > max / 2; i--) {
      if ('。！？!?；;'.includes(head[i]!)) {
        cut = i + 1;
        break;
      }
    }
    parts.push(rest.slice(0, cut).join('').trim());
    rest = rest.slice(cut);
  }
  const last = rest.join('').trim();
  if (last) parts.push(last);
  return parts;
}
