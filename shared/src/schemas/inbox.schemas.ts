import { z } from 'zod';
import { CONCERN_SOURCES, CONCERN_STATUSES, type ConcernStatus } from '../concern/concern-status.js';
import { CODE_PATTERN } from '../directory/directory.js';
import { pageQuerySchema } from './common.schemas.js';
import { id, optionalText } from './text.js';

/** `?status=a,b` or `?status=a&status=b`: a list of statuses. */
const statusList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.enum(CONCERN_STATUSES, { error: '状态无效' })).max(CONCERN_STATUSES.length));

/** The inbox's orders: most urgent first, or most followed (附议人数) first. */
export const INBOX_SORTS = ['urgency', 'followers'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** The staff inbox's filters (`GET /api/v1/admin/concerns`, docs/front-ends.md "The admin page"). */
export const inboxQuerySchema = pageQuerySchema.extend({
  status: statusList.optional(),
  street: z.string().regex(CODE_PATTERN, { message: '街道无效' }).optional(),
  department: id('部门').optional(),
  category: id('类别').optional(),
  overdue: z
    .enum(['true', 'false', '1', '0'], { error: '超期筛选无效' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  escalated: z
    .enum(['true', 'false', '1', '0'], { error: '督办筛选无效' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  q: optionalText('搜索词', 50),
  /** 来源: the channel it came in by (小程序, 电话, 来访, 走访/座谈会, 12345, Open311). */
  source: z.enum(CONCERN_SOURCES, { error: '来源无效' }).optional(),
  /**
   * 待协办: for a handler, the concerns their department co-handles and still has to sign for or add its
   * part to; for a dispatcher or supervisor, the concerns in scope whose co-handling is outstanding.
   */
  coHandling: z
    .enum(['true', '1'], { error: '协办筛选无效' })
    .transform(() => true as const)
    .optional(),
  /** 多人反映: only concerns with at least MULTI_REPORT_MIN_FOLLOWERS followers (2 people or more). */
  multi: z
    .enum(['true', '1'], { error: '多人反映筛选无效' })
    .transform(() => true as const)
    .optional(),
  /** `urgency` (default: most urgent first) or `followers` (most followed first, then newest). */
  sort: z.enum(INBOX_SORTS, { error: '排序方式无效' }).optional(),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

/** A Shanghai calendar day, `YYYY-MM-DD`. */
export const isoDate = (label: string) =>
  z.string({ error: `请填写${label}（格式 YYYY-MM-DD）` }).regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${label}格式应为 YYYY-MM-DD` });

/** `GET /api/v1/admin/stats/rates?from=&to=&street=&department=` — dates are Shanghai calendar days, inclusive. */
export const ratesQuerySchema = z
  .object({
    from: isoDate('开始日期'),
    to: isoDate('结束日期'),
    street: z.string().regex(CODE_PATTERN, { message: '街道无效' }).optional(),
    department: id('部门').optional(),
  })
  .refine((v) => v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['from'] });
export type RatesQuery = z.infer<typeof ratesQuerySchema>;

/** How many concerns one 批量派单 may carry: a screenful, so one request stays short. */
export const MAX_BULK_DISPATCH = 50;

/**
 * `POST /api/v1/admin/concerns/bulk-dispatch`: each concern to its own department. Without
 * `departmentId` it goes to the routing rules' suggestion (with the suggested co-handlers).
 */
export const bulkDispatchSchema = z.object({
  items: z
    .array(
      z.object({
        id: id('诉求编号'),
        departmentId: id('主办部门').optional(),
        coHandlerIds: z.array(id('协办部门')).max(5, { message: '协办部门最多 5 个' }).optional(),
      }),
      { error: '派单列表无效' },
    )
    .min(1, { message: '请至少选择一条诉求' })
    .max(MAX_BULK_DISPATCH, { message: `一次最多派 ${MAX_BULK_DISPATCH} 条` })
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: '同一条诉求只能出现一次' }),
});
export type BulkDispatchInput = z.infer<typeof bulkDispatchSchema>;

/** One concern's outcome in a bulk dispatch: each is its own workflow step, so some may fail while others succeed. */
export type BulkDispatchOutcome =
  { id: number; ok: true; status: ConcernStatus; departmentId: number } | { id: number; ok: false; code: string; message: string };

export interface BulkDispatchResultView {
  results: BulkDispatchOutcome[];
}

/**
 * `GET /api/v1/admin/concerns/counts`: the caller's scope counted by status, overdue and escalated, for
 * the saved views' badges; `changeToken` changes whenever a concern in scope changes, arrives or leaves,
 * so the inbox polls this and asks for its rows again only then.
 */
export interface InboxCountsView {
  total: number;
  /** Every status, zero included. */
  byStatus: Record<ConcernStatus, number>;
  overdue: number;
  escalated: number;
  /** 待协办: what the `coHandling` filter holds now. */
  coHandling: number;
  changeToken: string;
}
