import { z } from 'zod';
import { CODE_PATTERN } from '../directory/directory.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?cursor=&limit=` on every list: an opaque cursor from the previous page's `nextCursor`. */
export const pageQuerySchema = z.object({
  cursor: z.string().max(200, { message: '分页参数无效' }).optional(),
  limit: z.coerce
    .number({ error: '每页数量无效' })
    .int({ message: '每页数量无效' })
    .min(1, { message: `每页数量为 1 至 ${MAX_PAGE_SIZE}` })
    .max(MAX_PAGE_SIZE, { message: `每页数量为 1 至 ${MAX_PAGE_SIZE}` })
    .default(DEFAULT_PAGE_SIZE),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `{ items: [...] }`: a whole list in one answer, unpaged (a short one: streets, duplicates, keys). */
export interface Items<T> {
  items: T[];
}

export const codeSchema = (label: string) => z.string({ error: `${label}无效` }).regex(CODE_PATTERN, { message: `${label}无效` });
