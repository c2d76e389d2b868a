import { z } from 'zod';
import { CONCERN_STATUSES } from '../concern/concern-status.js';
import { CODE_PATTERN } from '../directory/directory.js';
import { pageQuerySchema } from './common.schemas.js';
import { id, optionalText } from './text.js';

/** `?status=a,b` or `?status=a&status=b`: a list of statuses. */
const statusList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.enum(CONCERN_STATUSES, { error: '状态无效' })).max(CONCERN_STATUSES.length));

/** The staff inbox's filters (DESIGN.md core route `GET /api/v1/admin/concerns`). */
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
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

const isoDate = (label: string) =>
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
