import { STAFF_CONCERN_ACTIONS, shanghaiDate, type StaffRole } from '@manyi/shared';
import {
  call,
  concernAt,
  directoryIds,
  errorOf,
  isWithDepartment,
  snapshot,
  CJK,
  staffSession,
  type ApiResult,
  type Caller,
  type DirectoryIds,
  type Json,
  type Stage,
  type SubmittedConcern,
  type WalkCrew,
} from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';

/*
 * Who sees what (DESIGN.md "Who uses it", "Privacy and security"): a resident their own concerns, a
 * dispatcher their street's, a handler what was dispatched to their department, the supervisor all of
 * them, editors and admins none. Every concern route is called by every caller on a concern of each
 * kind below and on an id that does not exist, and must answer exactly as the oracle says:
 *
 * - a caller whose role the route does not serve → 403 FORBIDDEN (from the guard);
 * - a concern outside the caller's scope, or no concern at all → 404 CONCERN_NOT_FOUND, never a hint;
 * - in scope but an action the caller's role may not take → 403 CONCERN_ROLE_NOT_ALLOWED;
 * - otherwise 200.
 *
 * Each route's target concerns stand in the status where its action is valid, so a refusal can only
 * come from the caller or the scope. Refusals run first and must change nothing; every allowed call
 * then acts on a fresh concern of the same kind, so each one can really succeed.
 */

type Who =
  | 'residentA'
  | 'residentB'
  | 'dispatcherXietu'
  | 'dispatcherFenglin'
  | 'handlerXietu'
  | 'handlerFenglin'
  | 'supervisor'
  | 'editor'
  | 'admin';

interface Profile {
  role: 'resident' | StaffRole;
  resident?: 'A' | 'B';
  street?: 'xietu' | 'fenglin';
  department?: string;
}

const PROFILES: Record<Who, Profile> = {
  residentA: { role: 'resident', resident: 'A' },
  residentB: { role: 'resident', resident: 'B' },
  dispatcherXietu: { role: 'dispatcher', street: 'xietu' },
  dispatcherFenglin: { role: 'dispatcher', street: 'fenglin' },
  handlerXietu: { role: 'handler', department: 'xietu-guanli' },
  handlerFenglin: { role: 'handler', department: 'fenglin-guanli' },
  supervisor: { role: 'supervisor' },
  editor: { role: 'editor', street: 'xietu' },
  admin: { role: 'admin' },
};
const CALLERS = Object.keys(PROFILES) as Who[];

/**
 * The kinds of concern: X is resident A's in Xietu, handled by Xietu's 社区管理办; F is resident B's in
 * Fenglin, handled by Fenglin's; XO is resident B's in Xietu but handled by another Xietu office, so a
 * handler of the same street still must not see it. NONE is an id that does not exist.
 */
type Kind = 'X' | 'F' | 'XO';
type Target = Kind | 'NONE';
const KINDS: Record<Kind, { resident: 'A' | 'B'; street: 'xietu' | 'fenglin'; compound: string; department: string }> = {
  X: { resident: 'A', street: 'xietu', compound: 'xietu-hengyi', department: 'xietu-guanli' },
  F: { resident: 'B', street: 'fenglin', compound: 'fenglin-shuangfeng', department: 'fenglin-guanli' },
  XO: { resident: 'B', street: 'xietu', compound: 'xietu-zhaoqing', department: 'xietu-pingan' },
};
const TARGETS: Target[] = ['X', 'F', 'XO', 'NONE'];
/** Each kind's contact phone, to reveal (and to never find in a refusal). */
const PHONES: Record<Kind, string> = { X: '13911112222', F: '13933334444', XO: '13955556666' };
const NONEXISTENT_ID = 987_654_321;

function sees(who: Who, kind: Kind, stage: Stage): boolean {
  const p = PROFILES[who];
  const k = KINDS[kind];
  switch (p.role) {
    case 'resident':
      return p.resident === k.resident;
    case 'dispatcher':
      return p.street === k.street;
    case 'handler':
      return isWithDepartment(stage) && p.department === k.department;
    case 'supervisor':
      return true;
    default:
      return false;
  }
}

const CONCERN_STAFF: readonly string[] = ['dispatcher', 'handler', 'supervisor'];
const TRIAGE = ['dispatcher', 'supervisor'] as const;
const HANDLER = ['handler'] as const;

interface RouteSpec {
  name: string;
  side: 'resident' | 'staff';
  method: 'GET' | 'POST';
  url: (id: number) => string;
  /** The stage of the target concerns: where the action is valid for the roles that may take it. */
  stage: Stage;
  /** True when an allowed call changes the concern (so each allowed caller gets a fresh one). */
  mutates: boolean;
  /** The roles the state machine lets take this action; undefined for reads. */
  actionRoles?: readonly string[];
  body?: (kind: Kind) => Json;
}

type Expected = { status: 200 } | { status: 403 | 404; code: string };

function expected(route: RouteSpec, who: Who, target: Target): Expected {
  const role = PROFILES[who].role;
  const served = route.side === 'resident' ? role === 'resident' : CONCERN_STAFF.includes(role);
  if (!served) return { status: 403, code: 'FORBIDDEN' };
  if (target === 'NONE' || !sees(who, target, route.stage)) return { status: 404, code: 'CONCERN_NOT_FOUND' };
  if (route.actionRoles && !route.actionRoles.includes(role)) return { status: 403, code: 'CONCERN_ROLE_NOT_ALLOWED' };
  return { status: 200 };
}

describe.each(TEST_DATABASES)('who sees which concern, route by route, on %s', (kind) => {
  let sut: TestApp;
  let ids: DirectoryIds;
  const callers = {} as Record<Who, Caller>;
  let handlerPingan: Caller;
  /** Every concern made here, with its kind and stage, for the list checks. */
  const registry: Array<SubmittedConcern & { kind: Kind; stage: Stage }> = [];
  /** A concern of each street that others are merged into. */
  const masters = {} as Record<'xietu' | 'fenglin', number>;
  /** Route × caller × target cells checked, and list, filter and rates calls checked. */
  let checks = 0;
  let listChecks = 0;

  const crewFor = (k: Kind): WalkCrew => ({
    resident: KINDS[k].resident === 'A' ? callers.residentA : callers.residentB,
    dispatcher: KINDS[k].street === 'xietu' ? callers.dispatcherXietu : callers.dispatcherFenglin,
    handler: k === 'X' ? callers.handlerXietu : k === 'F' ? callers.handlerFenglin : handlerPingan,
    departmentId: ids.department(KINDS[k].department),
  });
  const make = async (k: Kind, stage: Stage, register = true) => {
    const intoId = stage === 'merged' ? masters[KINDS[k].street] : undefined;
    const concern = await concernAt(sut.app, stage, crewFor(k), { compound: KINDS[k].compound, phone: PHONES[k] }, { intoId });
    if (register) registry.push({ ...concern, kind: k, stage });
    return concern;
  };

  const ROUTES: RouteSpec[] = [
    {
      name: 'GET /api/v1/concerns/:id',
      side: 'resident',
      method: 'GET',
      url: (id) => `/api/v1/concerns/${id}`,
      stage: 'in_progress',
      mutates: false,
    },
    {
      name: 'POST /api/v1/concerns/:id/withdraw',
      side: 'resident',
      method: 'POST',
      url: (id) => `/api/v1/concerns/${id}/withdraw`,
      stage: 'submitted',
      mutates: true,
      actionRoles: ['resident'],
    },
    {
      name: 'POST /api/v1/concerns/:id/rating',
      side: 'resident',
      method: 'POST',
      url: (id) => `/api/v1/concerns/${id}/rating`,
      stage: 'awaiting_rating',
      mutates: true,
      actionRoles: ['resident'],
      body: () => ({ solved: true, satisfaction: 'satisfied', comment: '处理及时' }),
    },
    {
      name: 'GET /api/v1/admin/concerns/:id',
      side: 'staff',
      method: 'GET',
      url: (id) => `/api/v1/admin/concerns/${id}`,
      stage: 'in_progress',
      mutates: false,
    },
    {
      name: 'POST /api/v1/admin/concerns/:id/reveal-phone',
      side: 'staff',
      method: 'POST',
      url: (id) => `/api/v1/admin/concerns/${id}/reveal-phone`,
      stage: 'in_progress',
      mutates: false,
    },
    ...(
      [
        ['accept', 'submitted', TRIAGE],
        ['reject', 'submitted', TRIAGE, () => ({ reason: '不属于受理范围' })],
        ['merge', 'submitted', TRIAGE, (k: Kind) => ({ intoId: masters[KINDS[k].street] })],
        ['dispatch', 'accepted', TRIAGE, (k: Kind) => ({ departmentId: ids.department(KINDS[k].department) })],
        ['sign', 'dispatched', HANDLER],
        ['return', 'dispatched', HANDLER, () => ({ reason: 'not_our_remit', note: '请改派绿化部门' })],
        ['extend', 'in_progress', HANDLER, () => ({ workingDays: 2, reason: '需协调物业公司' })],
        ['approve-extension', 'extension_pending', TRIAGE],
        ['reply', 'in_progress', HANDLER, () => ({ text: '已安排物业清理并张贴提示。' })],
        ['approve-reply', 'replied', TRIAGE],
        ['send-back', 'replied', TRIAGE, () => ({ reason: '请补充清理后的照片' })],
        ['note', 'in_progress', ['dispatcher', 'handler', 'supervisor']],
        ['chase', 'in_progress', TRIAGE, () => ({ text: '请加快办理' })],
        ['contact', 'in_progress', HANDLER, () => ({ method: 'phone', contactedAt: new Date().toISOString() })],
        ['callback', 'awaiting_rating', TRIAGE, () => ({ reached: true, solved: true, satisfaction: 'satisfied' })],
      ] as Array<[string, Stage, readonly string[], ((k: Kind) => Json)?]>
    ).map(([action, stage, roles, body]): RouteSpec => ({
      name: `POST /api/v1/admin/concerns/:id/${action}`,
      side: 'staff',
      method: 'POST',
      url: (id) => `/api/v1/admin/concerns/${id}/${action}`,
      stage,
      mutates: true,
      actionRoles: roles,
      body: body ?? (action === 'note' ? () => ({ text: '已电话联系居民' }) : undefined),
    })),
  ];

  beforeAll(async () => {
    sut = await startTestApp(kind);
    ids = await directoryIds(sut.app);
    // Accounts and concerns are made side by side: each walk is its own chain of requests.
    const staff: Array<[Who | 'handlerPingan', string, StaffRole, string?]> = [
      ['dispatcherXietu', 'dispatcher.xietu', 'dispatcher', 'xietu'],
      ['dispatcherFenglin', 'dispatcher.fenglin', 'dispatcher', 'fenglin'],
      ['handlerXietu', 'handler.xietu-guanli', 'handler', 'xietu-guanli'],
      ['handlerFenglin', 'handler.fenglin-guanli', 'handler', 'fenglin-guanli'],
      ['supervisor', 'supervisor', 'supervisor'],
      ['editor', 'editor.xietu', 'editor', 'xietu'],
      ['admin', 'admin', 'admin'],
      ['handlerPingan', 'handler.xietu-pingan', 'handler', 'xietu-pingan'],
    ];
    await Promise.all([
      createResident(sut.app, '居民甲').then((c) => (callers.residentA = c)),
      createResident(sut.app, '居民乙').then((c) => (callers.residentB = c)),
      ...staff.map(async ([who, username, role, scope]) => {
        const account = await staffSession(sut.app, username, role, scope);
        if (who === 'handlerPingan') handlerPingan = account;
        else callers[who] = account;
      }),
    ]);

    masters.xietu = (await make('X', 'submitted')).id;
    masters.fenglin = (await make('F', 'submitted')).id;
    const stages = ['submitted', 'accepted', 'dispatched', 'in_progress', 'awaiting_rating', 'closed', 'withdrawn'] as const;
    await Promise.all((['X', 'F', 'XO'] as const).flatMap((k) => stages.map((stage) => make(k, stage))));
  });
  afterAll(async () => {
    if (checks > 0)
      console.log(`concern access on ${kind}: ${checks} route × caller × target checks, ${listChecks} list, filter and rates checks`);
    await sut?.close();
  });

  const ok = (res: ApiResult) => res.status === 200;
  const idsOf = (res: ApiResult) => ((res.body.items as Json[] | undefined) ?? []).map((c) => c.id as number).sort((a, b) => a - b);
  const expectedIds = (who: Who) =>
    registry
      .filter((c) => sees(who, c.kind, c.stage))
      .map((c) => c.id)
      .sort((a, b) => a - b);

  it("lists only the caller's own concerns: mine for residents, the scoped inbox for staff, nothing for editors and admins", async () => {
    const problems: string[] = [];
    for (const who of CALLERS) {
      const role = PROFILES[who].role;
      const mine = await call(sut.app, 'GET', '/api/v1/concerns/mine?limit=100', callers[who]);
      const inbox = await call(sut.app, 'GET', '/api/v1/admin/concerns?limit=100', callers[who]);
      listChecks += 2;
      if (role === 'resident') {
        if (!ok(mine) || JSON.stringify(idsOf(mine)) !== JSON.stringify(expectedIds(who)))
          problems.push(`${who} mine: ${mine.status} ${idsOf(mine)}`);
        if (inbox.status !== 403 || errorOf(inbox).code !== 'FORBIDDEN') problems.push(`${who} inbox: ${inbox.status}`);
      } else {
        if (mine.status !== 403 || errorOf(mine).code !== 'FORBIDDEN') problems.push(`${who} mine: ${mine.status}`);
        if (CONCERN_STAFF.includes(role)) {
          if (!ok(inbox) || inbox.body.nextCursor !== null || JSON.stringify(idsOf(inbox)) !== JSON.stringify(expectedIds(who)))
            problems.push(`${who} inbox: ${inbox.status} got ${idsOf(inbox)} expected ${expectedIds(who)}`);
        } else if (inbox.status !== 403 || errorOf(inbox).code !== 'FORBIDDEN') {
          problems.push(`${who} inbox: ${inbox.status}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The lists are not empty by accident: each scope holds something and leaves something out.
    for (const who of ['residentA', 'residentB', 'dispatcherXietu', 'dispatcherFenglin', 'handlerXietu', 'handlerFenglin'] as const) {
      expect(expectedIds(who).length).toBeGreaterThan(0);
      expect(expectedIds(who).length).toBeLessThan(registry.length);
    }
    expect(expectedIds('supervisor')).toHaveLength(registry.length);
  });

  it('answers nothing from outside the scope when the filters ask for it', async () => {
    const fenglinGuanli = ids.department('fenglin-guanli');
    const guesses: Array<[Who, string]> = [
      ['dispatcherXietu', '?street=fenglin'],
      ['dispatcherXietu', `?department=${fenglinGuanli}`],
      ['dispatcherFenglin', '?street=xietu'],
      ['handlerXietu', '?street=fenglin'],
      ['handlerXietu', `?department=${fenglinGuanli}`],
      ['handlerXietu', `?department=${ids.department('xietu-pingan')}`],
      ['handlerFenglin', `?department=${ids.department('xietu-guanli')}`],
    ];
    for (const [who, query] of guesses) {
      const res = await call(sut.app, 'GET', `/api/v1/admin/concerns${query}`, callers[who]);
      listChecks++;
      expect([who, query, res.status, res.body.items]).toEqual([who, query, 200, []]);
    }
    // A search for another street's concern by its code finds nothing either.
    const fenglinCode = registry.find((c) => c.kind === 'F')!.code;
    const search = await call(sut.app, 'GET', `/api/v1/admin/concerns?q=${encodeURIComponent(fenglinCode)}`, callers.dispatcherXietu);
    listChecks++;
    expect([search.status, search.body.items]).toEqual([200, []]);
  });

  it('counts the rates over the caller’s scope only', async () => {
    const today = shanghaiDate(new Date());
    const url = (extra = '') => `/api/v1/admin/stats/rates?from=${today}&to=${today}${extra}`;
    const dispatchedIn = (who: Who) => registry.filter((c) => sees(who, c.kind, c.stage) && isWithDepartment(c.stage)).length;
    const ratedIn = (who: Who) => registry.filter((c) => sees(who, c.kind, c.stage) && c.stage === 'closed').length;

    for (const who of CALLERS) {
      const res = await call(sut.app, 'GET', url(), callers[who]);
      listChecks++;
      if (!CONCERN_STAFF.includes(PROFILES[who].role)) {
        expect([who, res.status, errorOf(res).code]).toEqual([who, 403, 'FORBIDDEN']);
        continue;
      }
      expect([who, res.status]).toEqual([who, 200]);
      expect([who, res.body.total]).toEqual([who, expect.objectContaining({ dispatched: dispatchedIn(who), rated: ratedIn(who) })]);
      const streets = (res.body.byStreet as Json[]).map((r) => r.key).sort();
      const departments = (res.body.byDepartment as Json[]).map((r) => r.key).sort();
      const p = PROFILES[who];
      if (p.role === 'dispatcher') expect([who, streets]).toEqual([who, [p.street]]);
      if (p.role === 'handler') expect([who, departments]).toEqual([who, [p.department]]);
      if (p.role === 'supervisor') {
        expect(streets).toEqual(['fenglin', 'xietu']);
        expect(departments).toEqual(['fenglin-guanli', 'xietu-guanli', 'xietu-pingan']);
      }
    }
    // Asking for another street's or department's figures gives zeros, not their numbers.
    for (const [who, extra] of [
      ['dispatcherXietu', '&street=fenglin'],
      ['handlerXietu', `&department=${ids.department('fenglin-guanli')}`],
      ['handlerXietu', '&street=fenglin'],
    ] as Array<[Who, string]>) {
      const res = await call(sut.app, 'GET', url(extra), callers[who]);
      listChecks++;
      expect([who, extra, res.status, res.body.total]).toEqual([who, extra, 200, expect.objectContaining({ dispatched: 0, rated: 0 })]);
      expect(res.body.byStreet).toEqual([]);
    }
  });

  it('enumerates every concern route, every staff action of the state machine included', () => {
    expect(ROUTES.map((r) => r.name)).toEqual([
      'GET /api/v1/concerns/:id',
      'POST /api/v1/concerns/:id/withdraw',
      'POST /api/v1/concerns/:id/rating',
      'GET /api/v1/admin/concerns/:id',
      'POST /api/v1/admin/concerns/:id/reveal-phone',
      ...STAFF_CONCERN_ACTIONS.map((a) => `POST /api/v1/admin/concerns/:id/${a}`),
    ]);
  });

  describe.each(['resident', 'staff'] as const)('%s routes', (side) => {
    it.each(ROUTES.filter((r) => r.side === side).map((r) => [r.name, r] as const))(
      '%s: every caller × own, other and guessed concern',
      async (name, route) => {
        const problems: string[] = [];
        // The targets, each standing where this action is valid, with the phone to reveal.
        const [x, f, xo] = await Promise.all((['X', 'F', 'XO'] as const).map((k) => make(k, route.stage, false)));
        const targets: Record<Kind, SubmittedConcern> = { X: x!, F: f!, XO: xo! };
        const idOf = (t: Target) => (t === 'NONE' ? NONEXISTENT_ID : targets[t].id);

        const cells = CALLERS.flatMap((who) => TARGETS.map((target) => ({ who, target, want: expected(route, who, target) })));
        const refusals = cells.filter((c) => c.want.status !== 200);
        const allowed = cells.filter((c) => c.want.status === 200);

        const before = await snapshot(sut.app);
        for (const { who, target, want } of refusals) {
          checks++;
          const body = target === 'NONE' ? route.body?.('X') : route.body?.(target);
          const res = await call(
            sut.app,
            route.method,
            route.url(idOf(target)),
            callers[who],
            route.method === 'POST' ? (body ?? {}) : undefined,
          );
          const err = errorOf(res);
          const where = `${who} → ${target}`;
          if (res.status !== want.status || err.code !== (want as { code: string }).code) {
            problems.push(
              `${where}: expected ${want.status} ${(want as { code: string }).code}, got ${res.status} ${res.text.slice(0, 200)}`,
            );
            continue;
          }
          if (!CJK.test(err.message)) problems.push(`${where}: message not Chinese: ${err.message}`);
          // A caller who may not see the concern learns nothing about it: the envelope holds a code and a
          // message, no details. (A role refusal on a concern in scope may say what status it is in.)
          if (Object.keys(res.body).join() !== 'error') problems.push(`${where}: extra data ${res.text}`);
          if (err.code !== 'CONCERN_ROLE_NOT_ALLOWED' && err.details !== undefined) problems.push(`${where}: details ${res.text}`);
          const t = target === 'NONE' ? null : targets[target];
          if (t && (res.text.includes(t.code) || res.text.includes(t.title) || res.text.includes(PHONES[target as Kind])))
            problems.push(`${where}: leaks the concern ${res.text}`);
        }
        expect(problems).toEqual([]);
        expect(await snapshot(sut.app)).toEqual(before);

        // A fresh concern for each allowed call that changes it, made side by side beforehand.
        const fresh = await Promise.all(
          allowed.map(async ({ target }) => (route.mutates ? await make(target as Kind, route.stage, false) : targets[target as Kind])),
        );
        for (const [i, { who, target }] of allowed.entries()) {
          checks++;
          const k = target as Kind;
          const concern = fresh[i]!;
          const res = await call(
            sut.app,
            route.method,
            route.url(concern.id),
            callers[who],
            route.method === 'POST' ? (route.body?.(k) ?? {}) : undefined,
          );
          const where = `${who} → ${target}`;
          if (res.status !== 200) {
            problems.push(`${where}: expected 200, got ${res.status} ${res.text.slice(0, 200)}`);
            continue;
          }
          if (name.endsWith('reveal-phone')) {
            if (res.body.phone !== PHONES[k]) problems.push(`${where}: phone ${String(res.body.phone)}`);
          } else if (res.body.id !== concern.id) {
            problems.push(`${where}: answered about ${String(res.body.id)}`);
          }
        }
        expect(problems).toEqual([]);
        // Every cell of the matrix is either refused or allowed, and both happen for every route.
        expect(refusals.length + allowed.length).toBe(CALLERS.length * TARGETS.length);
        expect(allowed.length).toBeGreaterThan(0);
      },
    );
  });
});
