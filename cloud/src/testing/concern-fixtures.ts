import type { ConcernStatus, StaffRole } from '@manyi/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { ConcernEvent } from '../modules/concerns/concern-event.entity.js';
import { Concern } from '../modules/concerns/concern.entity.js';
import { Notification } from '../modules/notifications/notification.entity.js';
import { AuditLog } from '../modules/audit/audit-log.entity.js';
import { StaffAccount } from '../modules/auth/staff-account.entity.js';
import { TokenService } from '../common/security/token.service.js';
import { Category } from '../modules/directory/category.entity.js';
import { Compound } from '../modules/directory/compound.entity.js';
import { Department } from '../modules/directory/department.entity.js';
import { Street } from '../modules/directory/street.entity.js';
import { Photo } from '../modules/uploads/photo.entity.js';

/** Helpers for the concern API tests: calls through the real HTTP stack, a report, a walk along the lifecycle. */

export type Json = Record<string, unknown>;
export interface Caller {
  authorization: string;
}

export interface ApiResult {
  status: number;
  /** The parsed JSON body (an empty object when the body is not JSON). */
  body: Json;
  text: string;
  headers: Record<string, unknown>;
}

export interface CallOptions {
  headers?: Record<string, string>;
}

/** One request through Fastify's inject, parsed. `payload` may be anything: an object is sent as JSON, a string raw. */
export async function call(
  app: NestFastifyApplication,
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH',
  url: string,
  who: Caller | null,
  payload?: unknown,
  options: CallOptions = {},
): Promise<ApiResult> {
  const headers: Record<string, string> = { ...(who ? { authorization: who.authorization } : {}), ...options.headers };
  const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as never }) });
  let body: Json = {};
  try {
    body = res.body ? (JSON.parse(res.body) as Json) : {};
  } catch {
    body = {};
  }
  return { status: res.statusCode, body, text: res.body, headers: res.headers };
}

/** The error envelope's `{ code, message }` (empty strings when the answer is not an error envelope). */
export function errorOf(res: ApiResult): { code: string; message: string; details?: unknown } {
  const error = res.body.error as { code?: unknown; message?: unknown; details?: unknown } | undefined;
  return {
    code: typeof error?.code === 'string' ? error.code : '',
    message: typeof error?.message === 'string' ? error.message : '',
    details: error?.details,
  };
}

/** At least one Chinese character: messages a resident may read are Chinese. */
export const CJK = /[\u4e00-\u9fff]/;

/**
 * A staff account like `createStaff` makes (scope: a street code, or a department code for a handler),
 * signed in with a token from the service's own TokenService instead of a password login, so the guard
 * checks it exactly as after one. It saves the two argon2 computations a login round trip costs, which
 * dominate the set-up of these tests; logging in is tested with the auth module. Its password hash is
 * a placeholder: the account cannot log in with a password.
 */
export async function staffSession(
  app: NestFastifyApplication,
  username: string,
  role: StaffRole,
  scope?: string,
): Promise<{ id: number; authorization: string }> {
  const ds = app.get(DataSource);
  let streetId: number | null = null;
  let departmentId: number | null = null;
  if (role === 'handler' && scope) {
    const department = await ds.getRepository(Department).findOneByOrFail({ code: scope });
    departmentId = department.id;
    streetId = department.streetId;
  } else if (scope) {
    streetId = (await ds.getRepository(Street).findOneByOrFail({ code: scope })).id;
  }
  const repo = ds.getRepository(StaffAccount);
  const saved = await repo.save(
    repo.create({
      username,
      displayName: username,
      passwordHash: '$placeholder$no-password-login',
      role,
      streetId,
      departmentId,
      disabled: false,
      hasDemoPassword: false,
      failedLogins: 0,
      lockedUntil: null,
      passwordChangedAt: new Date(),
    }),
  );
  // The token names the password version as stored, as a login would read it back.
  const account = await repo.findOneByOrFail({ id: saved.id });
  const { token } = app.get(TokenService).issue({ sub: account.id, kind: 'staff', ver: account.passwordChangedAt.getTime() });
  return { id: account.id, authorization: `Bearer ${token}` };
}

/** Ids of the seeded directory by code. */
export interface DirectoryIds {
  compound(code: string): number;
  category(code: string): number;
  department(code: string): number;
}

export async function directoryIds(app: NestFastifyApplication): Promise<DirectoryIds> {
  const ds = app.get(DataSource);
  const [compounds, categories, departments] = await Promise.all([
    ds.getRepository(Compound).find(),
    ds.getRepository(Category).find(),
    ds.getRepository(Department).find(),
  ]);
  const lookup = (kind: string, rows: Array<{ id: number; code: string }>) => {
    const byCode = new Map(rows.map((r) => [r.code, r.id]));
    return (code: string) => {
      const found = byCode.get(code);
      if (found === undefined) throw new Error(`no ${kind} ${code} in the seeded directory`);
      return found;
    };
  };
  return {
    compound: lookup('compound', compounds),
    category: lookup('category', categories),
    department: lookup('department', departments),
  };
}

export interface ReportOverrides extends Json {
  /** A compound code (default `xietu-hengyi`), used when no `compoundId` is given. */
  compound?: string;
  /** A category code (default `shirong-laji`), used when no `categoryId` is given. */
  category?: string;
}

export interface SubmittedConcern {
  id: number;
  code: string;
  status: ConcernStatus;
  title: string;
}

let reportCounter = 0;

/** The body of a valid report; overrides replace fields (compound and category by code or by id). */
export async function reportBody(app: NestFastifyApplication, overrides: ReportOverrides = {}): Promise<Json> {
  const { compound = 'xietu-hengyi', category = 'shirong-laji', ...rest } = overrides;
  const ids = await directoryIds(app);
  reportCounter += 1;
  return {
    categoryId: ids.category(category),
    compoundId: ids.compound(compound),
    title: `楼道堆物影响通行 #${reportCounter}`,
    description: '三号楼一楼楼道里长期堆放杂物，影响通行和消防安全，请尽快处理。',
    ...rest,
  };
}

/** Reports a concern as `resident` through `POST /api/v1/concerns`; throws unless it answers 201. */
export async function submitConcern(
  app: NestFastifyApplication,
  resident: Caller,
  overrides: ReportOverrides = {},
  options: CallOptions = {},
): Promise<SubmittedConcern> {
  const body = await reportBody(app, overrides);
  const res = await call(app, 'POST', '/api/v1/concerns', resident, body, options);
  if (res.status !== 201) throw new Error(`submit → ${res.status} ${res.text}`);
  return { ...(res.body as { id: number; code: string; status: ConcernStatus }), title: body.title as string };
}

/** Who walks a concern: its resident, a dispatcher of its street, a handler of `departmentId`. */
export interface WalkCrew {
  resident: Caller;
  dispatcher: Caller;
  handler: Caller;
  departmentId: number;
}

/** A lifecycle status, or `extension_pending`: in progress with an extension asked for and not yet approved. */
export type Stage = ConcernStatus | 'extension_pending';

type Step = { by: 'resident' | 'dispatcher' | 'handler'; action: string; body?: (crew: WalkCrew, intoId?: number) => Json };

const ACCEPT: Step = { by: 'dispatcher', action: 'accept' };
const DISPATCH: Step = { by: 'dispatcher', action: 'dispatch', body: (c) => ({ departmentId: c.departmentId }) };
const SIGN: Step = { by: 'handler', action: 'sign' };
const REPLY: Step = { by: 'handler', action: 'reply', body: () => ({ text: '已联系物业清理楼道堆物，并张贴提示。' }) };
const APPROVE_REPLY: Step = { by: 'dispatcher', action: 'approve-reply' };

/** The shortest walk through the real API from submitted to each stage. */
export const WALKS: Record<Stage, Step[]> = {
  submitted: [],
  accepted: [ACCEPT],
  dispatched: [ACCEPT, DISPATCH],
  returned: [ACCEPT, DISPATCH, { by: 'handler', action: 'return', body: () => ({ reason: 'not_our_remit', note: '不属于本部门职责' }) }],
  in_progress: [ACCEPT, DISPATCH, SIGN],
  extension_pending: [
    ACCEPT,
    DISPATCH,
    SIGN,
    { by: 'handler', action: 'extend', body: () => ({ workingDays: 2, reason: '需要协调物业' }) },
  ],
  replied: [ACCEPT, DISPATCH, SIGN, REPLY],
  awaiting_rating: [ACCEPT, DISPATCH, SIGN, REPLY, APPROVE_REPLY],
  reopened: [
    ACCEPT,
    DISPATCH,
    SIGN,
    REPLY,
    APPROVE_REPLY,
    { by: 'resident', action: 'rating', body: () => ({ solved: false, satisfaction: 'unsatisfied' }) },
  ],
  closed: [
    ACCEPT,
    DISPATCH,
    SIGN,
    REPLY,
    APPROVE_REPLY,
    { by: 'resident', action: 'rating', body: () => ({ solved: true, satisfaction: 'satisfied' }) },
  ],
  rejected: [{ by: 'dispatcher', action: 'reject', body: () => ({ reason: '不属于本街道受理范围' }) }],
  merged: [{ by: 'dispatcher', action: 'merge', body: (_c, intoId) => ({ intoId }) }],
  withdrawn: [{ by: 'resident', action: 'withdraw' }],
};

/** The status a concern walked to `stage` is in. */
export function statusOf(stage: Stage): ConcernStatus {
  return stage === 'extension_pending' ? 'in_progress' : stage;
}

/** Whether a concern walked to `stage` has been dispatched to the crew's department and is still there. */
export function isWithDepartment(stage: Stage): boolean {
  return WALKS[stage].some((s) => s.action === 'dispatch') && !WALKS[stage].some((s) => s.action === 'return');
}

/** Walks concern `id` from submitted to `stage` through the real API; throws at the first step that is not 200. */
export async function walkTo(
  app: NestFastifyApplication,
  id: number,
  stage: Stage,
  crew: WalkCrew,
  opts: { intoId?: number } = {},
): Promise<void> {
  if (stage === 'merged' && opts.intoId === undefined) throw new Error('walking to merged needs intoId');
  for (const step of WALKS[stage]) {
    const url = step.by === 'resident' ? `/api/v1/concerns/${id}/${step.action}` : `/api/v1/admin/concerns/${id}/${step.action}`;
    const res = await call(app, 'POST', url, crew[step.by], step.body?.(crew, opts.intoId) ?? {});
    if (res.status !== 200) throw new Error(`walk of ${id} to ${stage}: ${step.action} → ${res.status} ${res.text}`);
  }
}

/** Reports a concern and walks it to `stage`. */
export async function concernAt(
  app: NestFastifyApplication,
  stage: Stage,
  crew: WalkCrew,
  overrides: ReportOverrides = {},
  opts: { intoId?: number } = {},
): Promise<SubmittedConcern> {
  const concern = await submitConcern(app, crew.resident, overrides);
  await walkTo(app, concern.id, stage, crew, opts);
  return { ...concern, status: statusOf(stage) };
}

/** What a bad request must leave untouched: the row counts and every concern's status and version. */
export async function snapshot(app: NestFastifyApplication): Promise<Json> {
  const ds = app.get(DataSource);
  const [concerns, events, notifications, audit, photos] = await Promise.all([
    ds
      .getRepository(Concern)
      .find({ select: { id: true, status: true, version: true, escalated: true, pendingExtensionDays: true }, order: { id: 'ASC' } }),
    ds.getRepository(ConcernEvent).count(),
    ds.getRepository(Notification).count(),
    ds.getRepository(AuditLog).count(),
    ds.getRepository(Photo).count(),
  ]);
  return { concerns: concerns.map((c) => ({ ...c })), events, notifications, audit, photos };
}

/** The timeline events of one concern, oldest first, read straight from the table. */
export function eventsOf(app: NestFastifyApplication, concernId: number): Promise<ConcernEvent[]> {
  return app
    .get(DataSource)
    .getRepository(ConcernEvent)
    .find({ where: { concernId }, order: { id: 'ASC' } });
}

/** One concern's row, read straight from the table. */
export function concernRow(app: NestFastifyApplication, id: number): Promise<Concern> {
  return app.get(DataSource).getRepository(Concern).findOneByOrFail({ id });
}
