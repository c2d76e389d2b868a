/**
 * The database-bound ceiling for the two concern details (issue 23): a hand-written Fastify + mysql2
 * server doing the work the service does for
 *
 *   GET /api/v1/concerns/:id        the resident's own concern (ConcernsService.detailForResident)
 *   GET /api/v1/admin/concerns/:id  the staff workbench (ConcernInboxService.detail)
 *
 * with no framework between the socket and the SQL: the same bearer-token check (TokenService: HS256,
 * issuer manyi, the secret as a key object made once), the same account read and revocation rules
 * (AuthGuard), the same scope, the same rows (one statement for each read the service makes, the
 * independent ones side by side) and the same JSON, field for field — detail-ceiling-check.ts compares
 * the two answers. The domain rules themselves (allowed actions, co-handling actions, the working
 * calendar, masking) are the service's own, from @manyi/shared and the service's build.
 *
 *   node bench/dist/detail-ceiling.js <port> <databaseUrl> <tokenSecret>
 *
 * Like the service it reads MANYI_DATA_KEY (to decrypt the reporter's phone), MANYI_PASSWORD_MAX_AGE_DAYS
 * and MANYI_DEMO from the environment, and keeps the working calendar in memory, loaded once at start.
 */
import { createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import {
  allowedActions,
  coHandlerActionsFor,
  countsWorkingTime,
  ERROR_CODES,
  id as idSchema,
  isFollowable,
  isProvisional,
  maskPersonal,
  workingCalendar,
  type ActorRole,
  type DueKind,
  type ErrorCode,
  type StaffActor,
  type WorkingCalendar,
} from '@manyi/shared';
import Fastify, { type FastifyReply } from 'fastify';
import jwt from 'jsonwebtoken';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { loadCloudModule } from './cloud.js';

type Row = RowDataPacket;
type PasswordChangeReason = (
  account: { mustChangePassword: boolean; passwordChangedAt: Date; hasDemoPassword: boolean },
  config: { passwordMaxAgeDays: number; demo: boolean },
  now: Date,
) => 'temporary' | 'expired' | null;

/** An answer other than 200: the service's error envelope and status for the code. */
class Refused extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
/** mysql2 gives BOOLEAN (TINYINT(1)) columns as numbers; TypeORM hands the service booleans. */
const bool = (v: unknown): boolean => v === 1 || v === true;
const boolOrNull = (v: unknown): boolean | null => (v === null ? null : bool(v));
/** TypeORM's simple-json columns: JSON text. */
const json = <T>(v: unknown): T => (v === null ? (null as T) : (JSON.parse(String(v)) as T));
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

async function main(): Promise<void> {
  const [portArg, databaseUrl, tokenSecret] = process.argv.slice(2);
  if (!portArg || !databaseUrl || !tokenSecret) throw new Error('usage: detail-ceiling.js <port> <databaseUrl> <tokenSecret>');
  const { passwordChangeReason } = await loadCloudModule<{ passwordChangeReason: PasswordChangeReason }>(
    'modules/auth/staff-password-rules.js',
  );
  const config = {
    passwordMaxAgeDays: Number(process.env.MANYI_PASSWORD_MAX_AGE_DAYS ?? 90),
    demo: process.env.MANYI_DEMO === '1',
  };
  // The service's key handling: the secret as a key object, made once (TokenService).
  const tokenKey: KeyObject = createSecretKey(Buffer.from(tokenSecret));
  const dataKey = process.env.MANYI_DATA_KEY ? Buffer.from(process.env.MANYI_DATA_KEY, 'base64') : null;
  // The service's pool (data-source-options.ts): ten connections, UTC, dates as Date.
  const pool = mysql.createPool({
    uri: databaseUrl,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    connectionLimit: 10,
    queueLimit: 1000,
    connectTimeout: 5000,
  });
  const rows = async (sql: string, params: unknown[]): Promise<Row[]> =>
    (await pool.execute<Row[]>(sql, params as Array<string | number | null>))[0];
  const first = async (sql: string, params: unknown[]): Promise<Row | null> => (await rows(sql, params))[0] ?? null;
  const calendar = await loadCalendar(rows);

  /** FieldCipher.decrypt: AES-256-GCM, `v1:<iv>:<tag>:<ciphertext>`. */
  const decrypt = (stored: string): string => {
    const [version, iv, tag, data] = stored.split(':');
    if (!dataKey || version !== 'v1' || !iv || !tag || !data) throw new Error('cannot decrypt the field');
    const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  };

  // ——— AuthGuard: the token, then the account on every request, then the route's roles ———

  type Caller = { kind: 'resident'; residentId: number } | StaffActor;

  async function authenticate(header: string | undefined, roles: readonly ActorRole[]): Promise<Caller> {
    const match = /^Bearer ([A-Za-z0-9._-]{10,4096})$/.exec(header ?? '');
    if (!match) throw new Refused('UNAUTHENTICATED');
    let claims: { sub: number; kind: string; ver: number };
    try {
      claims = jwt.verify(match[1]!, tokenKey, { algorithms: ['HS256'], issuer: 'manyi' }) as unknown as typeof claims;
      if ((claims.kind !== 'staff' && claims.kind !== 'resident') || !Number.isInteger(claims.sub)) throw new Error('malformed token');
    } catch (error) {
      throw new Refused((error as Error).name === 'TokenExpiredError' ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED');
    }
    let caller: Caller;
    if (claims.kind === 'resident') {
      const resident = await first('SELECT id, deleted_at FROM resident WHERE id = ? LIMIT 1', [claims.sub]);
      if (!resident || resident.deleted_at) throw new Refused('UNAUTHENTICATED');
      caller = { kind: 'resident', residentId: Number(resident.id) };
    } else {
      const a = await first(
        `SELECT id, username, role, street_id, department_id, disabled, password_changed_at, must_change_password, has_demo_password
         FROM staff_account WHERE id = ? LIMIT 1`,
        [claims.sub],
      );
      // A password change moves password_changed_at, which revokes every token issued before it.
      if (!a || bool(a.disabled) || (a.password_changed_at as Date).getTime() !== claims.ver) throw new Refused('UNAUTHENTICATED');
      const pending = passwordChangeReason(
        {
          mustChangePassword: bool(a.must_change_password),
          passwordChangedAt: a.password_changed_at as Date,
          hasDemoPassword: bool(a.has_demo_password),
        },
        config,
        new Date(),
      );
      if (pending) throw new Refused(pending === 'temporary' ? 'PASSWORD_CHANGE_REQUIRED' : 'PASSWORD_EXPIRED');
      caller = {
        kind: 'staff',
        staffId: Number(a.id),
        username: String(a.username),
        role: a.role as StaffActor['role'],
        streetId: a.street_id as number | null,
        departmentId: a.department_id as number | null,
      };
    }
    const role: ActorRole = caller.kind === 'resident' ? 'resident' : caller.role;
    if (!roles.includes(role)) throw new Refused('FORBIDDEN');
    return caller;
  }

  // ——— the shared reads ———

  const concernEvents = (concernId: number) =>
    rows(
      `SELECT id, action, actor_role, actor_id, from_status, to_status, public_text, internal_text, data, created_at
       FROM concern_event WHERE concern_id = ? ORDER BY id ASC`,
      [concernId],
    );
  /** Those of `ids` WeChat's image check hid (photo-visibility.ts); no statement for none. */
  const hiddenPhotoIds = async (ids: readonly number[]): Promise<number[]> =>
    ids.length === 0
      ? []
      : (await rows(`SELECT id FROM photo WHERE id IN (${placeholders(ids.length)}) AND hidden = 1`, [...ids])).map((r) => Number(r.id));
  const staffNames = async (ids: readonly number[]): Promise<Map<number, string>> =>
    new Map(
      ids.length === 0
        ? []
        : (await rows(`SELECT id, display_name FROM staff_account WHERE id IN (${placeholders(ids.length)})`, [...ids])).map((r) => [
            Number(r.id),
            String(r.display_name),
          ]),
    );

  // ——— the views (concerns.mapper.ts) ———

  const provisional = (kind: DueKind | null, from: Date | null, due: Date | null, now: Date) =>
    due !== null && kind !== null && countsWorkingTime(kind) && isProvisional(calendar, from ?? now, due);

  function concernDetail(c: Row, timeline: unknown[], phone: string | null, extra: Record<string, unknown>) {
    const now = new Date();
    const dueAt = c.due_at as Date | null;
    return {
      id: c.id as number,
      code: (c.code as string | null) ?? '',
      status: c.status as string,
      title: c.title as string,
      streetId: c.street_id as number,
      compoundId: c.compound_id as number,
      categoryId: c.category_id as number,
      departmentId: c.lead_department_id as number | null,
      source: c.source as string,
      confidential: bool(c.confidential),
      escalated: bool(c.escalated),
      dueAt: iso(dueAt),
      dueKind: c.due_kind as DueKind | null,
      dueProvisional: provisional(c.due_kind as DueKind | null, c.due_from as Date | null, dueAt, now),
      overdue: dueAt !== null && dueAt.getTime() < now.getTime(),
      createdAt: (c.created_at as Date).toISOString(),
      updatedAt: (c.updated_at as Date).toISOString(),
      followerCount: (c.follower_count as number | null) ?? 0,
      description: c.description as string,
      requestType: c.request_type as string,
      photoIds: json<number[]>(c.photo_ids),
      latitude: c.latitude as number | null,
      longitude: c.longitude as number | null,
      address: c.address as string | null,
      phone,
      coHandlerIds: [] as number[],
      reopenCount: c.reopen_count as number,
      returnCount: c.return_count as number,
      resolveDueAt: iso(c.resolve_due_at as Date | null),
      resolveDueProvisional: provisional('resolve', c.resolve_from as Date | null, c.resolve_due_at as Date | null, now),
      mergedIntoId: c.merged_into_id as number | null,
      solved: boolOrNull(c.solved),
      satisfaction: c.satisfaction as string | null,
      ratingComment: c.rating_comment as string | null,
      timeline,
      ...extra,
    };
  }

  /** What a resident's timeline shows (PUBLIC_ACTIONS in concerns.mapper.ts). */
  const PUBLIC_ACTIONS = new Set([
    'submit',
    'accept',
    'reject',
    'merge',
    'dispatch',
    'sign',
    'approve-reply',
    'rate',
    'withdraw',
    'expire-rating',
    'reschedule',
    'reclassify',
    'contact',
    'callback',
  ]);
  const publishedPhotoIds = (e: Row): number[] =>
    e.action === 'approve-reply' ? ((json<{ photoIds?: number[] } | null>(e.data) ?? {}).photoIds ?? []) : [];

  function timelineEntry(e: Row, staff: ReadonlyMap<number, string> | null) {
    const base = {
      id: e.id as number,
      action: e.action as string,
      actorRole: e.actor_role as string,
      fromStatus: e.from_status as string | null,
      toStatus: e.to_status as string,
      publicText: e.public_text as string | null,
      ...(e.action === 'approve-reply' ? { photoIds: publishedPhotoIds(e) } : {}),
      createdAt: (e.created_at as Date).toISOString(),
    };
    if (!staff) return base;
    const isStaffActor = e.actor_role !== 'resident' && e.actor_role !== 'system';
    return {
      ...base,
      internalText: e.internal_text as string | null,
      actorName: isStaffActor && e.actor_id !== null ? (staff.get(e.actor_id as number) ?? null) : null,
      data: json<unknown>(e.data),
    };
  }

  // ——— GET /api/v1/concerns/:id, as its resident (or a follower) ———

  async function residentDetail(residentId: number, id: number) {
    const [concern, events] = await Promise.all([first('SELECT * FROM concern WHERE id = ? LIMIT 1', [id]), concernEvents(id)]);
    if (!concern) throw new Refused('CONCERN_NOT_FOUND');
    const reporter = concern.resident_id === residentId;
    // 附议: a follower reads it too, never a confidential one. Their follower row is read once here, where
    // the service asks twice (isFollower, then residentContext): the same row.
    if (!reporter && bool(concern.confidential)) throw new Refused('CONCERN_NOT_FOUND');
    const follower = reporter
      ? null
      : await first('SELECT * FROM concern_follower WHERE concern_id = ? AND resident_id = ? LIMIT 1', [id, residentId]);
    if (!reporter && !follower) throw new Refused('CONCERN_NOT_FOUND');
    const followable = isFollowable({ status: concern.status as never, confidential: bool(concern.confidential) });
    const follow = {
      followedByMe: !reporter && !!follower,
      canFollow: !reporter && !follower && followable,
      myFollowerRating: follower ? followerRating(follower) : null,
      publishConsent: bool(concern.publish_consent),
    };
    const timeline = events
      .filter(
        (e) => PUBLIC_ACTIONS.has(e.action as string) && ((e.action !== 'reclassify' && e.action !== 'callback') || e.public_text !== null),
      )
      .map((e) => timelineEntry(e, null));
    if (!reporter)
      return concernDetail(concern, timeline, null, {
        ...follow,
        viewerRole: 'follower',
        description: maskPersonal(concern.description as string),
        photoIds: [],
        latitude: null,
        longitude: null,
        address: null,
        solved: null,
        satisfaction: null,
        ratingComment: null,
      });
    const photoIds = json<number[]>(concern.photo_ids);
    const [hidden, coHandlers] = await Promise.all([
      hiddenPhotoIds(photoIds),
      rows(`SELECT id, concern_id, department_id FROM concern_co_handler WHERE concern_id = ? AND status <> 'released' ORDER BY id ASC`, [
        id,
      ]),
    ]);
    const phone = concern.phone_encrypted ? decrypt(concern.phone_encrypted as string) : null;
    return concernDetail(concern, timeline, phone, {
      photoIds: photoIds.filter((p) => !hidden.includes(p)),
      coHandlerIds: coHandlers.map((h) => h.department_id as number),
      ...follow,
      viewerRole: 'reporter',
    });
  }

  function followerRating(f: Row) {
    if (!f.rated_at || f.solved === null || !f.satisfaction) return null;
    return {
      solved: bool(f.solved),
      satisfaction: f.satisfaction as string,
      comment: f.rating_comment as string | null,
      ratedAt: (f.rated_at as Date).toISOString(),
    };
  }

  // ——— GET /api/v1/admin/concerns/:id, the staff workbench ———

  /** applyConcernReadScope: a dispatcher their street, a handler their department's lead or co-handled concerns, a supervisor all. */
  function readScope(actor: StaffActor): { sql: string; params: number[] } {
    switch (actor.role) {
      case 'supervisor':
        return { sql: '', params: [] };
      case 'dispatcher':
        return { sql: ' AND c.street_id = ?', params: [actor.streetId ?? -1] };
      case 'handler':
        return {
          sql: ` AND (c.lead_department_id = ? OR EXISTS (SELECT 1 FROM concern_co_handler scope_h WHERE scope_h.concern_id = c.id AND scope_h.department_id = ? AND scope_h.status <> 'released'))`,
          params: [actor.departmentId ?? -1, actor.departmentId ?? -1],
        };
      default:
        throw new Refused('FORBIDDEN');
    }
  }

  async function workbenchDetail(actor: StaffActor, id: number) {
    const scope = readScope(actor);
    const concern = await first(`SELECT c.* FROM concern c WHERE c.id = ?${scope.sql} LIMIT 1`, [id, ...scope.params]);
    if (!concern) throw new Refused('CONCERN_NOT_FOUND');
    const photoIds = json<number[]>(concern.photo_ids);
    // Once the scope check has passed, every read that needs only the concern goes side by side.
    const [events, suggestion, hidden, coHandlers, intake, followers, publicCase, nickname, contacts, callbacks] = await Promise.all([
      concernEvents(id),
      routingSuggestion(concern.category_id as number, concern.street_id as number, concern.compound_id as number),
      hiddenPhotoIds(photoIds),
      rows('SELECT * FROM concern_co_handler WHERE concern_id = ? ORDER BY id ASC', [id]),
      intakeView(concern),
      rows('SELECT rated_at, solved, satisfaction FROM concern_follower WHERE concern_id = ?', [id]),
      first('SELECT * FROM concern_public_case WHERE concern_id = ? LIMIT 1', [id]),
      concern.resident_id === null
        ? null
        : first('SELECT id, nickname FROM resident WHERE id = ? LIMIT 1', [concern.resident_id]).then(
            (r) => (r?.nickname as string | undefined) ?? null,
          ),
      rows('SELECT * FROM concern_contact WHERE concern_id = ? ORDER BY id ASC', [id]),
      rows('SELECT * FROM concern_callback WHERE concern_id = ? ORDER BY id ASC', [id]),
    ]);
    // …and what needs those rows: the timeline's and the follow-up records' staff names, the case card's photos.
    const timelineStaff = [
      ...new Set(events.filter((e) => e.actor_id !== null && e.actor_role !== 'resident').map((e) => e.actor_id as number)),
    ];
    const followUpStaff = [
      ...new Set([...contacts, ...callbacks].map((r) => r.staff_id as number | null).filter((v): v is number => v !== null)),
    ];
    const approved = events.filter((e) => e.action === 'approve-reply').at(-1) ?? null;
    const candidates = [...new Set([...photoIds, ...(approved ? publishedPhotoIds(approved) : [])])];
    const [names, followUpNames, hiddenCandidates] = await Promise.all([
      staffNames(timelineStaff),
      staffNames(followUpStaff),
      hiddenPhotoIds(candidates),
    ]);

    const status = concern.status as Parameters<typeof allowedActions>[0];
    const leads = actor.role !== 'handler' || concern.lead_department_id === actor.departmentId;
    const rated = followers.filter((r) => r.rated_at);
    const masked = { names: nickname ? [nickname] : [], namesLike: true };
    const name = (staffId: number | null) => (staffId === null ? null : (followUpNames.get(staffId) ?? null));
    const eligible = status === 'closed' && !bool(concern.confidential) && bool(concern.publish_consent);
    return concernDetail(
      concern,
      events.map((e) => timelineEntry(e, names)),
      concern.phone_masked as string | null,
      {
        allowedActions: leads ? allowedActions(status, actor.role) : [],
        suggestedDepartmentId: suggestion?.leadDepartmentId ?? null,
        suggestedCoHandlerIds: suggestion?.coHandlerIds ?? [],
        pendingExtensionDays: concern.pending_extension_days as number | null,
        contentReview: concern.content_review as string | null,
        hiddenPhotoIds: hidden,
        intake,
        coHandlerIds: coHandlers.filter((h) => h.status !== 'released').map((h) => h.department_id as number),
        coHandlers: coHandlers
          .filter((h) => h.status !== 'released')
          .map((h) => ({
            departmentId: h.department_id as number,
            status: h.status as string,
            askedAt: (h.asked_at as Date).toISOString(),
            signDueAt: (h.sign_due_at as Date).toISOString(),
            signedAt: iso(h.signed_at as Date | null),
            submittedAt: iso(h.submitted_at as Date | null),
            partText: h.part_text as string | null,
            partVisibility: h.part_visibility as string | null,
            partPhotoIds: json<number[]>(h.part_photo_ids),
            declinedAt: iso(h.declined_at as Date | null),
            declineReason: h.decline_reason as string | null,
            waivedAt: iso(h.waived_at as Date | null),
            waiveReason: h.waive_reason as string | null,
            actions: coHandlerActionsFor(actor.role, actor.departmentId === h.department_id, status, h.status as never),
          })),
        contacts: contacts.map((r) => ({
          id: r.id as number,
          method: r.method as string,
          contactedAt: (r.contacted_at as Date).toISOString(),
          note: r.note as string | null,
          staffName: name(r.staff_id as number | null),
          createdAt: (r.created_at as Date).toISOString(),
        })),
        callbacks: callbacks.map((r) => ({
          id: r.id as number,
          reached: bool(r.reached),
          solved: boolOrNull(r.solved),
          satisfaction: r.satisfaction as string | null,
          words: r.words as string | null,
          calledAt: (r.called_at as Date).toISOString(),
          staffName: name(r.staff_id as number | null),
          counted: bool(r.counted),
          createdAt: (r.created_at as Date).toISOString(),
        })),
        ratingChannel: concern.rating_channel as string | null,
        unreachedCallbacks: concern.unreached_callbacks as number,
        callbackUnreached: bool(concern.callback_unreached),
        publishConsent: bool(concern.publish_consent),
        followerRatings: {
          rated: rated.length,
          solved: rated.filter((r) => bool(r.solved)).length,
          satisfied: rated.filter((r) => r.satisfaction === 'satisfied').length,
          basicallySatisfied: rated.filter((r) => r.satisfaction === 'basic').length,
          unsatisfied: rated.filter((r) => r.satisfaction === 'unsatisfied').length,
        },
        // 公开案例 (BoardService.adminView).
        publicCase: {
          consent: bool(concern.publish_consent),
          eligible,
          status: !publicCase ? 'unpublished' : publicCase.withdrawn_at ? 'withdrawn' : 'published',
          text: publicCase ? (publicCase.public_text as string) : maskPersonal(concern.description as string, masked),
          reply: publicCase ? (publicCase.public_reply as string) : maskPersonal((approved?.public_text as string | null) ?? '', masked),
          photoIds: publicCase ? json<number[]>(publicCase.photo_ids) : [],
          candidatePhotoIds: candidates.filter((p) => !hiddenCandidates.includes(p)),
          publishedAt: publicCase ? (publicCase.published_at as Date).toISOString() : null,
          withdrawnAt: iso((publicCase?.withdrawn_at as Date | null) ?? null),
        },
      },
    );
  }

  /** 派单建议 (RoutingService.suggest): compound over street over district-wide, the leaf's own rule over its parent's. */
  async function routingSuggestion(categoryId: number, streetId: number, compoundId: number) {
    const category = await first('SELECT id, parent_id FROM category WHERE id = ? LIMIT 1', [categoryId]);
    if (!category) return null;
    const lineage = category.parent_id === null ? [categoryId] : [categoryId, category.parent_id as number];
    const rules = await rows(
      `SELECT r.category_id, r.street_id, r.compound_id, r.lead_department_id, r.co_handler_ids
       FROM routing_rule r JOIN department d ON d.id = r.lead_department_id
       WHERE r.category_id IN (${placeholders(lineage.length)}) AND r.disabled = 0 AND d.disabled = 0`,
      lineage,
    );
    const score = (r: Row) => {
      if (r.compound_id !== null && r.compound_id !== compoundId) return -1;
      if (r.street_id !== null && r.street_id !== streetId) return -1;
      return (r.compound_id !== null ? 4 : r.street_id !== null ? 2 : 0) + (r.category_id === categoryId ? 1 : 0);
    };
    const best = rules
      .map((rule) => ({ rule, score: score(rule) }))
      .filter((c) => c.score >= 0)
      .sort((a, b) => b.score - a.score)[0];
    return best
      ? { leadDepartmentId: best.rule.lead_department_id as number, coHandlerIds: json<number[]>(best.rule.co_handler_ids) }
      : null;
  }

  /** 代录: how a concern filed by staff came in (concern-intake.view.ts), or null. */
  async function intakeView(concern: Row) {
    const intake = await first(
      `SELECT s.display_name AS staff_name, i.visit_id, i.order_number, i.contact_name_masked, i.claimed_at, v.title AS visit_title
       FROM concern_intake i LEFT JOIN staff_account s ON s.id = i.staff_id LEFT JOIN visit v ON v.id = i.visit_id
       WHERE i.concern_id = ? LIMIT 1`,
      [concern.id],
    );
    if (!intake) return null;
    return {
      channel: concern.source as string,
      staffName: (intake.staff_name as string | null) ?? null,
      visitId: intake.visit_id as number | null,
      visitTitle: (intake.visit_title as string | null) ?? null,
      orderNumber: intake.order_number as string | null,
      contactName: intake.contact_name_masked as string | null,
      claimed: intake.claimed_at !== null,
    };
  }

  // ——— the server ———

  const concernId = idSchema('诉求编号');
  const refuse = (reply: FastifyReply, code: ErrorCode, message?: string) =>
    reply.status(ERROR_CODES[code].status).send({ error: { code, message: message ?? ERROR_CODES[code].message } });
  const server = Fastify({ logger: false });
  server.get('/health', async () => ({ ok: true }));
  server.get<{ Params: { id: string } }>('/api/v1/concerns/:id', async (request, reply) => {
    try {
      const caller = await authenticate(request.headers.authorization, ['resident']);
      const id = concernId.safeParse(request.params.id);
      if (!id.success) return refuse(reply, 'VALIDATION_FAILED', id.error.issues[0]?.message);
      return await residentDetail((caller as { residentId: number }).residentId, Number(id.data));
    } catch (error) {
      if (error instanceof Refused) return refuse(reply, error.code);
      throw error;
    }
  });
  server.get<{ Params: { id: string } }>('/api/v1/admin/concerns/:id', async (request, reply) => {
    try {
      const caller = await authenticate(request.headers.authorization, ['dispatcher', 'handler', 'supervisor']);
      const id = concernId.safeParse(request.params.id);
      if (!id.success) return refuse(reply, 'VALIDATION_FAILED', id.error.issues[0]?.message);
      return await workbenchDetail(caller as StaffActor, Number(id.data));
    } catch (error) {
      if (error instanceof Refused) return refuse(reply, error.code);
      throw error;
    }
  });
  await server.listen({ port: Number(portArg), host: '127.0.0.1' });
  const stop = () => void server.close().then(() => pool.end());
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** The working calendar, read once (loadDeadlineRules): it decides whether a deadline is 暂定. */
async function loadCalendar(rows: (sql: string, params: unknown[]) => Promise<Row[]>): Promise<WorkingCalendar> {
  const [days, years] = await Promise.all([rows('SELECT date, kind FROM calendar_day', []), rows('SELECT year FROM calendar_year', [])]);
  return workingCalendar(
    days.map((d) => ({ date: String(d.date), kind: d.kind as never })),
    years.map((y) => Number(y.year)),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
