import { z } from 'zod';
import { USERNAME_PATTERN } from '../directory/directory.js';
import { STAFF_ROLES, type StaffRole } from '../roles.js';
import type { StaffUser } from '../schemas/auth.schemas.js';
import { pageQuerySchema } from '../schemas/common.schemas.js';
import { id, optionalText, text } from '../schemas/text.js';

/*
 * 账号管理: the scope each role needs. A street's dispatcher and editor work for one street, a handler
 * for one department (the street follows from it), the supervisor and admins for the whole district.
 */
export const STAFF_SCOPE_OF_ROLE: Record<StaffRole, 'street' | 'department' | 'district'> = {
  dispatcher: 'street',
  editor: 'street',
  handler: 'department',
  supervisor: 'district',
  admin: 'district',
};

/** Temporary passwords the service generates: long enough to resist guessing until first use. */
export const TEMPORARY_PASSWORD_LENGTH = 14;

const scopeFields = {
  role: z.enum(STAFF_ROLES, { error: '请选择角色' }),
  streetId: id('所属街道').nullable(),
  departmentId: id('所属部门').nullable(),
};

/** The role's scope is given, and nothing else: a supervisor has neither street nor department. */
function scopeMatchesRole(v: { role: StaffRole; streetId: number | null; departmentId: number | null }, ctx: z.RefinementCtx): void {
  const scope = STAFF_SCOPE_OF_ROLE[v.role];
  if (scope === 'street' && v.streetId === null) ctx.addIssue({ code: 'custom', message: '该角色必须选择所属街道', path: ['streetId'] });
  if (scope === 'department' && v.departmentId === null)
    ctx.addIssue({ code: 'custom', message: '部门经办人必须选择所属部门', path: ['departmentId'] });
  if (scope !== 'street' && scope !== 'department' && v.streetId !== null)
    ctx.addIssue({ code: 'custom', message: '该角色不属于某个街道', path: ['streetId'] });
  if (scope !== 'department' && v.departmentId !== null)
    ctx.addIssue({ code: 'custom', message: '只有部门经办人需要选择部门', path: ['departmentId'] });
}

export const createStaffSchema = z
  .strictObject({
    username: z.string({ error: '请填写用户名' }).trim().toLowerCase().regex(USERNAME_PATTERN, {
      message: '用户名为 3 至 40 位小写字母、数字、点、横线或下划线，以字母开头',
    }),
    displayName: text('姓名', 1, 40),
    ...scopeFields,
    streetId: scopeFields.streetId.default(null),
    departmentId: scopeFields.departmentId.default(null),
  })
  .superRefine(scopeMatchesRole);
export type CreateStaffInput = z.infer<typeof createStaffSchema>;

/** A role change always states the new scope with it, so the two are checked together. */
export const updateStaffSchema = z
  .strictObject({
    displayName: text('姓名', 1, 40).optional(),
    role: scopeFields.role.optional(),
    streetId: scopeFields.streetId.optional(),
    departmentId: scopeFields.departmentId.optional(),
  })
  .superRefine((v, ctx) => {
    const scopeGiven = v.role !== undefined || v.streetId !== undefined || v.departmentId !== undefined;
    if (!scopeGiven) return;
    if (v.role === undefined || v.streetId === undefined || v.departmentId === undefined) {
      ctx.addIssue({ code: 'custom', message: '修改角色或范围时请同时提交角色、所属街道和所属部门', path: ['role'] });
      return;
    }
    scopeMatchesRole({ role: v.role, streetId: v.streetId, departmentId: v.departmentId }, ctx);
  });
export type UpdateStaffInput = z.infer<typeof updateStaffSchema>;

export const staffListQuerySchema = pageQuerySchema.extend({
  q: optionalText('搜索词', 40),
  role: z.enum(STAFF_ROLES, { error: '角色无效' }).optional(),
});
export type StaffListQuery = z.infer<typeof staffListQuerySchema>;

/** An account on the 账号管理 page: the signed-in user's fields and its state. */
export interface StaffAccountView extends StaffUser {
  disabled: boolean;
  /** Set while a run of wrong passwords keeps the account locked. */
  lockedUntil: string | null;
  passwordChangedAt: string;
  createdAt: string;
}

/** The answer to create and reset-password: the temporary password is shown this once and never stored in clear. */
export interface StaffPasswordView {
  account: StaffAccountView;
  temporaryPassword: string;
}
