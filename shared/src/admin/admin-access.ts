import type { StaffRole } from '../roles.js';

/**
 * Who may use which part of the admin page beyond the concern inbox: the service's guards and the
 * admin page's menus both read this table. A handler sees none of these: their work is the inbox.
 */
export const ADMIN_AREA_ROLES = {
  /** 数据看板: the supervisor district-wide, a dispatcher their own street. */
  dashboard: ['supervisor', 'dispatcher'],
  /** 目录管理: streets, compounds, departments, categories, routing rules. */
  directory: ['admin'],
  /** 账号管理 */
  staff: ['admin'],
  /** 操作日志 */
  audit: ['admin'],
  /** 工作日历: holidays and make-up working days, year by year. */
  calendar: ['admin'],
  /** 时限设置: the deadline rules. */
  deadlines: ['admin'],
  /** 接口密钥: the Open311 partners' API keys. */
  open311Keys: ['admin'],
  /** 微信配置: the WeChat settings check. */
  wechat: ['admin'],
  /** 回访队列: a dispatcher their street's, the supervisor every street's; both record callbacks. */
  callbacks: ['dispatcher', 'supervisor'],
  /** 督办清单 (提级督办): returned three times or reopened twice. */
  escalations: ['supervisor'],
  /**
   * 答复模板与政策知识库, editing: supervisors, and the 宣传编辑 role an admin assigns in 账号管理 to whoever
   * keeps the district's policy texts. Every change is audited.
   */
  knowledge: ['supervisor', 'editor'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type AdminArea = keyof typeof ADMIN_AREA_ROLES;

export function mayUseArea(role: StaffRole, area: AdminArea): boolean {
  return (ADMIN_AREA_ROLES[area] as readonly StaffRole[]).includes(role);
}

/** Who reads reply templates and the knowledge base: whoever writes replies and rejection reasons, and their editors. */
export const KNOWLEDGE_READER_ROLES = ['handler', 'dispatcher', 'supervisor', 'editor'] as const satisfies readonly StaffRole[];
