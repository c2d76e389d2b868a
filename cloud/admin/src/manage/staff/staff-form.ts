import { createStaffSchema, STAFF_SCOPE_OF_ROLE, updateStaffSchema, type StaffRole } from '@manyi/shared';
import { schemaErrors } from '../../common/form-errors';

export type StaffFormCheck = { ok: true; body: Record<string, unknown> } | { ok: false; errors: Array<{ name: string; errors: string[] }> };

/** Which scope fields the form shows for a role: a street, a department, or neither (全区). */
export function scopeFieldOf(role: StaffRole | undefined): 'streetId' | 'departmentId' | null {
  if (!role) return null;
  const scope = STAFF_SCOPE_OF_ROLE[role];
  return scope === 'street' ? 'streetId' : scope === 'department' ? 'departmentId' : null;
}

/**
 * The body of the account form, checked with the shared schema the service uses. The scope field the
 * role does not use is sent as null, so switching a role never leaves a stale street or department.
 */
export function staffFormBody(
  mode: 'create' | 'update',
  values: { username?: string; displayName?: string; role?: StaffRole; streetId?: number | null; departmentId?: number | null },
): StaffFormCheck {
  const scope = scopeFieldOf(values.role);
  const body: Record<string, unknown> = {
    ...(mode === 'create' ? { username: values.username ?? '' } : {}),
    displayName: values.displayName ?? '',
    role: values.role,
    streetId: scope === 'streetId' ? (values.streetId ?? null) : null,
    departmentId: scope === 'departmentId' ? (values.departmentId ?? null) : null,
  };
  const result = (mode === 'create' ? createStaffSchema : updateStaffSchema).safeParse(body);
  if (result.success) return { ok: true, body: result.data as Record<string, unknown> };
  return { ok: false, errors: schemaErrors(result.error.issues, 'displayName') };
}
