/**
 * Who acts on Manyi. docs/concerns.md "Who uses it" says what each does; `system` is the service itself
 * (deadline sweeps, the rating window) so that timers go through the same state machine as people.
 */
export const STAFF_ROLES = ['dispatcher', 'handler', 'supervisor', 'editor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ACTOR_ROLES = ['resident', ...STAFF_ROLES, 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const ROLE_LABELS: Record<ActorRole, string> = {
  resident: '居民',
  dispatcher: '街道派单员',
  handler: '部门经办人',
  supervisor: '区督办',
  editor: '宣传编辑',
  admin: '系统管理员',
  system: '系统',
};

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** Roles that manage news (资讯管理): a street's editor their street's, supervisors and admins every street's. */
export const NEWS_STAFF_ROLES = ['editor', 'supervisor', 'admin'] as const satisfies readonly StaffRole[];

/** Roles that manage visits (走访管理): a street's editors and dispatchers their street's, supervisors and admins every street's. */
export const VISIT_STAFF_ROLES = ['editor', 'dispatcher', 'supervisor', 'admin'] as const satisfies readonly StaffRole[];
