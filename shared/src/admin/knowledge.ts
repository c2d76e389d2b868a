import { z } from 'zod';
import { pageQuerySchema, type Page } from '../schemas/common.schemas.js';
import { isoDate } from '../schemas/inbox.schemas.js';
import { text } from '../schemas/text.js';

/**
 * 政策知识库: policy entries staff cite in replies (title, text, source, valid until), searched through the
 * news search's Chinese/traditional-insensitive bigram index.
 *
 * Routes: `GET|POST /api/v1/admin/knowledge`, `PUT|DELETE /api/v1/admin/knowledge/:id`.
 */
export const KNOWLEDGE_TITLE_MAX = 120;
export const KNOWLEDGE_TEXT_MAX = 20_000;
export const KNOWLEDGE_SOURCE_MAX = 60;
export const KNOWLEDGE_QUERY_MAX = 50;

/** `POST /api/v1/admin/knowledge` and `PUT …/:id`. `validUntil` (有效期至, a Shanghai day, inclusive) null: no end. */
export const knowledgeEntrySchema = z.object({
  title: text('标题', 2, KNOWLEDGE_TITLE_MAX),
  text: text('正文', 2, KNOWLEDGE_TEXT_MAX),
  source: text('来源', 1, KNOWLEDGE_SOURCE_MAX),
  validUntil: isoDate('有效期')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: '有效期无效' })
    .nullable(),
});
export type KnowledgeEntryInput = z.infer<typeof knowledgeEntrySchema>;

/**
 * `GET /api/v1/admin/knowledge?q=&expired=`: newest first, or the entries matching `q` (简繁 alike);
 * entries past their `validUntil` only with `expired=true`.
 */
export const knowledgeQuerySchema = pageQuerySchema.extend({
  q: z
    .string()
    .trim()
    .max(KNOWLEDGE_QUERY_MAX, { message: `搜索词最多 ${KNOWLEDGE_QUERY_MAX} 个字` })
    .optional(),
  expired: z
    .enum(['true', 'false'], { error: '过期筛选无效' })
    .transform((v) => v === 'true')
    .optional(),
});
export type KnowledgeQuery = z.infer<typeof knowledgeQuerySchema>;

export interface KnowledgeEntryView {
  id: number;
  title: string;
  text: string;
  source: string;
  validUntil: string | null;
  /** Past `validUntil` (Shanghai day). */
  expired: boolean;
  updatedAt: string;
  updatedBy: string | null;
}

export type KnowledgeListView = Page<KnowledgeEntryView>;
