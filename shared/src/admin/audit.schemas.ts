import { z } from 'zod';
import { USERNAME_PATTERN } from '../directory/directory.js';
import { pageQuerySchema } from '../schemas/common.schemas.js';
import { isoDate } from '../schemas/inbox.schemas.js';
import { id } from '../schemas/text.js';

/** Action names look like `concern.dispatch`, `staff.reset-password`, `visit.question.answer`. */
export const AUDIT_ACTION_PATTERN = /^[a-z][a-z0-9.-]{0,59}$/;
export const AUDIT_ENTITY_PATTERN = /^[a-z][a-z0-9_-]{0,29}$/;

/** The groups of actions the audit page offers as a filter; `action` matches a whole name or a prefix. */
export const AUDIT_ACTION_GROUPS: Record<string, string> = {
  concern: '诉求办理',
  news: '资讯',
  visit: '走访',
  directory: '目录管理',
  staff: '账号管理',
  photo: '照片上传',
  resident: '居民账号',
  auth: '登录与密码',
  stats: '统计导出',
  knowledge: '答复模板与知识库',
};

/** `GET /api/v1/admin/audit?actor&action&entity&entityId&from&to&cursor` — newest first. */
export const auditQuerySchema = pageQuerySchema
  .extend({
    /** A staff username. */
    actor: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, { message: '操作人用户名无效' }).optional(),
    action: z.string().trim().regex(AUDIT_ACTION_PATTERN, { message: '操作类型无效' }).optional(),
    entity: z.string().trim().regex(AUDIT_ENTITY_PATTERN, { message: '对象类型无效' }).optional(),
    entityId: id('对象编号').optional(),
    from: isoDate('开始日期').optional(),
    to: isoDate('结束日期').optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['from'] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditEntryView {
  id: number;
  at: string;
  actorKind: 'staff' | 'resident' | 'system';
  actorId: number | null;
  /** The staff member's username; null for residents and the system. */
  actorName: string | null;
  action: string;
  entity: string;
  entityId: number | null;
  detail: Record<string, unknown> | null;
}
