import { z } from 'zod';
import type { StaffRole } from '../roles.js';
import { pageQuerySchema, type Page } from '../schemas/common.schemas.js';
import { id } from '../schemas/text.js';
import type { DueKind } from './concern.views.js';

/*
 * 工作提醒: what tells staff that work has come to them, in the admin page's notification center and,
 * when a department or street has one, in its 企业微信 group through the group robot. Who receives which
 * alert is decided here and nowhere else (docs/concerns.md repeats it for people).
 */

export const STAFF_ALERT_KINDS = [
  'dispatched', // 新派单
  'co_handling_asked', // 协办请求
  'co_handler_part', // 协办意见已提交
  'co_handling_declined', // 协办被拒绝
  'chased', // 催办 (by a dispatcher or supervisor)
  'deadline_approaching', // 即将超期
  'deadline_passed', // 已超期 (the sweep's chase)
  'sent_back', // 答复被退回
  'extension_decided', // 延期已批准
] as const;
export type StaffAlertKind = (typeof STAFF_ALERT_KINDS)[number];

/**
 * Who an alert goes to, in the concern's terms:
 * - `lead_department`: the handlers (经办人) of the lead department (主办);
 * - `co_department`: the handlers of the co-handling department the alert is about (协办);
 * - `street_dispatchers`: the dispatchers (派单员) of the concern's street;
 * - `holder`: whoever holds the clock that runs (DUE_KIND_HOLDERS), or for a co-handler's sign-for
 *   deadline that co-handling department;
 * - `supervisors`: every district supervisor (督办).
 * Only active (not disabled) accounts receive alerts.
 */
export const STAFF_ALERT_AUDIENCES = ['lead_department', 'co_department', 'street_dispatchers', 'holder', 'supervisors'] as const;
export type StaffAlertAudience = (typeof STAFF_ALERT_AUDIENCES)[number];

export interface StaffAlertRule {
  label: string;
  audience: readonly StaffAlertAudience[];
}

/** Each kind of alert, its name, and who receives it. */
export const STAFF_ALERT_RULES: Readonly<Record<StaffAlertKind, StaffAlertRule>> = {
  dispatched: { label: '新派单', audience: ['lead_department'] },
  co_handling_asked: { label: '协办请求', audience: ['co_department'] },
  co_handler_part: { label: '协办意见', audience: ['lead_department'] },
  co_handling_declined: { label: '协办被拒绝', audience: ['street_dispatchers'] },
  chased: { label: '催办', audience: ['holder'] },
  deadline_approaching: { label: '即将超期', audience: ['holder'] },
  deadline_passed: { label: '已超期', audience: ['holder', 'supervisors'] },
  sent_back: { label: '答复被退回', audience: ['lead_department'] },
  extension_decided: { label: '延期已批准', audience: ['lead_department'] },
};

/**
 * Who holds each clock: the street's dispatchers triage, dispatch, review and call back (回访期); the lead
 * department signs and resolves; the rating window is the resident's, and no staff member is alerted about it.
 */
export const DUE_KIND_HOLDERS: Readonly<Record<DueKind, 'street_dispatchers' | 'lead_department' | null>> = {
  triage: 'street_dispatchers',
  dispatch: 'street_dispatchers',
  sign: 'lead_department',
  contact: 'lead_department',
  resolve: 'lead_department',
  review: 'street_dispatchers',
  rating: null,
  callback: 'street_dispatchers',
};

/** The staff roles that receive alerts (and may read `GET /api/v1/admin/alerts`). */
export const STAFF_ALERT_ROLES = ['dispatcher', 'handler', 'supervisor'] as const satisfies readonly StaffRole[];

/** One alert in the signed-in staff member's notification center. */
export interface StaffAlertView {
  id: number;
  kind: StaffAlertKind;
  /** The concern it is about; the alert links to its workbench. */
  concernId: number | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** `POST /api/v1/admin/alerts/read`: the unread count after marking. */
export interface AlertsReadView {
  unread: number;
}

/** `GET /api/v1/admin/alerts`: newest first, keyset paged, with the unread count for the bell. */
export interface StaffAlertPage extends Page<StaffAlertView> {
  unread: number;
}

export const staffAlertQuerySchema = pageQuerySchema.extend({
  unread: z
    .enum(['true', 'false', '1', '0'], { error: '未读筛选无效' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
});
export type StaffAlertQuery = z.infer<typeof staffAlertQuerySchema>;

/** How many alerts one `read` may name. */
export const MAX_ALERTS_READ = 100;

/** `POST /api/v1/admin/alerts/read`: these of mine, or all of mine, marked read. */
export const markAlertsReadSchema = z.union(
  [
    z.strictObject({
      ids: z
        .array(id('提醒编号'), { error: '提醒列表无效' })
        .min(1, { message: '请至少选择一条提醒' })
        .max(MAX_ALERTS_READ, { message: `一次最多标记 ${MAX_ALERTS_READ} 条` }),
    }),
    z.strictObject({ all: z.literal(true, { error: '请指定要标记的提醒，或全部' }) }),
  ],
  { error: '请指定要标记的提醒（ids），或全部（all: true）' },
);
export type MarkAlertsReadInput = z.infer<typeof markAlertsReadSchema>;

/**
 * 企业微信群机器人 Webhook: the robot's address as WeChat Work shows it (https://qyapi.weixin.qq.com/cgi-bin/
 * webhook/send?key=…). Any http(s) address is accepted so that a district proxy, or a test's fake
 * robot, can stand in; an empty string removes it.
 */
export const MAX_WEBHOOK_URL_LENGTH = 500;
export const alertWebhookUrlSchema = z
  .string({ error: '群机器人地址无效' })
  .trim()
  .max(MAX_WEBHOOK_URL_LENGTH, { message: `群机器人地址最多 ${MAX_WEBHOOK_URL_LENGTH} 个字符` })
  .refine((v) => v === '' || /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(v), { message: '群机器人地址应以 https:// 开头' })
  .transform((v) => (v === '' ? null : v))
  .nullable();

/** The markdown message a group robot receives (企业微信 msgtype markdown). */
export interface RobotMarkdownMessage {
  msgtype: 'markdown';
  markdown: { content: string };
}
