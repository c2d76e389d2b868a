import {
  CO_HANDLING_CONCERN_STATUSES,
  DUE_KIND_HOLDERS,
  STAFF_ALERT_RULES,
  maskPersonal,
  type ConcernStatus,
  type DueKind,
  type StaffAlertAudience,
  type StaffAlertKind,
} from '@manyi/shared';
import { Brackets, In, IsNull, Not, type EntityManager } from 'typeorm';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { Department } from '../directory/department.entity.js';
import { Street } from '../directory/street.entity.js';
import { AlertWebhookMessage, type WebhookTargetKind } from './alert-webhook-message.entity.js';
import { StaffAlert } from './staff-alert.entity.js';

/** One alert a step raises; who receives it follows from its kind (STAFF_ALERT_RULES) and the concern. */
export interface StaffAlertRequest {
  kind: StaffAlertKind;
  /** The co-handling department it is about: the `co_department`, and the holder of a co-handler's sign-for clock. */
  departmentId?: number;
  /** The clock it is about, for `holder`: a concern clock, or a co-handler's sign-for deadline. */
  dueKind?: DueKind | 'co_handler_sign';
  /** What the alert says beyond its kind and the concern (a reason, a deadline); personal data is masked for the robot. */
  detail: string;
}

/** The facts of the concern an alert needs: who holds it, where, and what to call it. */
export type AlertConcern = {
  id: number;
  code: string | null;
  title: string;
  status: ConcernStatus;
  streetId: number;
  leadDepartmentId: number | null;
  dueKind: DueKind | null;
};

type Target = { kind: 'department'; id: number } | { kind: 'street'; id: number } | { kind: 'supervisors' };

/** The recipients of one audience, as departments, the street or the supervisors. */
function targetsOf(audience: StaffAlertAudience, concern: AlertConcern, request: StaffAlertRequest): Target[] {
  switch (audience) {
    case 'lead_department':
      return concern.leadDepartmentId === null ? [] : [{ kind: 'department', id: concern.leadDepartmentId }];
    case 'co_department':
      return request.departmentId === undefined ? [] : [{ kind: 'department', id: request.departmentId }];
    case 'street_dispatchers':
      return [{ kind: 'street', id: concern.streetId }];
    case 'supervisors':
      return [{ kind: 'supervisors' }];
    case 'holder': {
      if (request.dueKind === 'co_handler_sign') return targetsOf('co_department', concern, request);
      const kind = request.dueKind ?? concern.dueKind;
      // Without a running clock: with a department while it handles the concern, else with the street.
      const holder = kind
        ? DUE_KIND_HOLDERS[kind]
        : (CO_HANDLING_CONCERN_STATUSES as readonly ConcernStatus[]).includes(concern.status)
          ? 'lead_department'
          : 'street_dispatchers';
      return holder ? targetsOf(holder, concern, request) : [];
    }
  }
}

/**
 * Writes the alerts of one step, in its transaction: a staff_alert row for every active recipient
 * (but not `exceptStaffId`, who caused it), and a group-robot message for every department or street
 * among the recipients that has a robot. `at` is the step's time.
 */
export async function raiseStaffAlerts(
  em: EntityManager,
  concern: AlertConcern,
  requests: readonly StaffAlertRequest[],
  options: { exceptStaffId?: number | null; at?: Date } = {},
): Promise<void> {
  for (const request of requests) {
    const rule = STAFF_ALERT_RULES[request.kind];
    const targets = rule.audience.flatMap((audience) => targetsOf(audience, concern, request));
    const departments = [...new Set(targets.flatMap((t) => (t.kind === 'department' ? [t.id] : [])))];
    const streets = [...new Set(targets.flatMap((t) => (t.kind === 'street' ? [t.id] : [])))];
    const supervisors = targets.some((t) => t.kind === 'supervisors');
    if (departments.length === 0 && streets.length === 0 && !supervisors) continue;

    const title = `【${rule.label}】${concern.code ?? ''} ${concern.title}`.slice(0, 100);
    const body = request.detail.slice(0, 500);
    const recipients = await em
      .getRepository(StaffAccount)
      .createQueryBuilder('s')
      .select('s.id')
      .where('s.disabled = :no', { no: false })
      .andWhere(
        new Brackets((w) => {
          w.where('1 = 0');
          if (departments.length) w.orWhere("(s.role = 'handler' AND s.department_id IN (:...departments))", { departments });
          if (streets.length) w.orWhere("(s.role = 'dispatcher' AND s.street_id IN (:...streets))", { streets });
          if (supervisors) w.orWhere("s.role = 'supervisor'");
        }),
      )
      .orderBy('s.id', 'ASC')
      .getMany();
    const rows = recipients
      .filter((s) => s.id !== options.exceptStaffId)
      .map((s) => ({
        staffId: s.id,
        kind: request.kind,
        concernId: concern.id,
        title,
        body,
        readAt: null,
        ...(options.at ? { createdAt: options.at } : {}),
      }));
    if (rows.length) await em.insert(StaffAlert, rows);

    // The group robots of the departments and streets alerted, those that have one.
    const robots: Array<{ kind: WebhookTargetKind; id: number }> = [
      ...(departments.length
        ? await em.find(Department, { where: { id: In(departments), alertWebhookEncrypted: Not(IsNull()) }, select: { id: true } })
        : []
      ).map((d) => ({ kind: 'department' as const, id: d.id })),
      ...(streets.length
        ? await em.find(Street, { where: { id: In(streets), alertWebhookEncrypted: Not(IsNull()) }, select: { id: true } })
        : []
      ).map((s) => ({ kind: 'street' as const, id: s.id })),
    ];
    if (robots.length)
      await em.insert(
        AlertWebhookMessage,
        robots.map((r) => ({
          targetKind: r.kind,
          targetId: r.id,
          alertKind: request.kind,
          concernId: concern.id,
          content: robotMarkdown(rule.label, concern, request.detail),
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: null,
          deliveredAt: null,
          ...(options.at ? { createdAt: options.at } : {}),
        })),
      );
  }
}

/**
 * The robot's markdown: the kind in bold, the concern's code, its title and the detail quoted. The
 * group is outside the service, so a phone number or name the resident typed is masked (maskPersonal).
 */
export function robotMarkdown(label: string, concern: Pick<AlertConcern, 'code' | 'title'>, detail: string): string {
  const quote = (text: string) => `> ${maskPersonal(text).replace(/\n+/g, ' ')}`;
  return [`**【${label}】** ${concern.code ?? ''}`, quote(concern.title), quote(detail)].join('\n').slice(0, 4000);
}
