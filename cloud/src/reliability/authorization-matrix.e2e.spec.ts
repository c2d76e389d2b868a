import { CALENDAR_READERS, DEFAULT_DEADLINE_SETTINGS, STAFF_ROLES, type ActorRole } from '@manyi/shared';
import { DataSource } from 'typeorm';
import { RATE_LIMITED_ROUTES, registeredRoutes } from '../common/security/security.js';
import { API_PREFIX } from '../create-app.js';
import { Notification } from '../modules/notifications/notification.entity.js';
import { call, concernAt, directoryIds, staffSession, type ApiResult, type Caller, type Json } from '../testing/concern-fixtures.js';
import { photoUpload } from '../testing/multipart.js';
import { phoneJpeg } from '../testing/images.js';
import { createResident } from '../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { TEST_DATABASES } from '../testing/test-databases.js';

/*
 * Who may call what, for every route the service registers (docs/concerns.md "Who uses it",
 * docs/security.md). The routes come from the router itself, so a route added tomorrow is in the matrix
 * tomorrow — and fails it, with its name, until POLICY says who may call it.
 *
 * Each route is called by every caller: anonymous, two residents, and each staff role of two streets
 * (or departments). A route whose `:id` names something owned — a concern, a news article, a visit, a
 * notification, a photo — is called on one of each street or resident, so every caller meets both
 * their own and someone else's. The answer must be:
 *
 * - anonymous on a signed-in route → 401;
 * - a role the policy does not list → 403;
 * - a listed role on something outside their street, department or account → 403 or 404, never 2xx;
 * - a listed role on their own (or on a route without an owner) → anything but 401, the role guard's
 *   403 FORBIDDEN, or a 5xx (a validation 400 or a state 409 is fine: the caller got past the door);
 * - a public route → never 401/403/5xx for anyone;
 * - a route with its own credentials (Open311 API keys, WeChat signatures) → refused for every caller,
 *   whatever bearer token they bring.
 */

type Who =
  | 'anonymous'
  | 'residentA'
  | 'residentB'
  | 'dispatcherXietu'
  | 'dispatcherFenglin'
  | 'handlerXietu'
  | 'handlerFenglin'
  | 'supervisor'
  | 'editorXietu'
  | 'editorFenglin'
  | 'admin';

interface Profile {
  role: ActorRole | null;
  resident?: 'A' | 'B';
  street?: 'xietu' | 'fenglin';
  department?: 'xietu-guanli' | 'fenglin-guanli';
}

const PROFILES: Record<Who, Profile> = {
  anonymous: { role: null },
  residentA: { role: 'resident', resident: 'A' },
  residentB: { role: 'resident', resident: 'B' },
  dispatcherXietu: { role: 'dispatcher', street: 'xietu' },
  dispatcherFenglin: { role: 'dispatcher', street: 'fenglin' },
  handlerXietu: { role: 'handler', street: 'xietu', department: 'xietu-guanli' },
  handlerFenglin: { role: 'handler', street: 'fenglin', department: 'fenglin-guanli' },
  supervisor: { role: 'supervisor' },
  editorXietu: { role: 'editor', street: 'xietu' },
  editorFenglin: { role: 'editor', street: 'fenglin' },
  admin: { role: 'admin' },
};
const CALLERS = Object.keys(PROFILES) as Who[];

/** What an `:id` names, for the own/other split; each has one thing of street (or resident) X and one of F. */
type Owned = 'concern' | 'news' | 'visit' | 'notification' | 'photo';
type Side = 'X' | 'F';
const SIDE: Record<Side, { resident: 'A' | 'B'; street: 'xietu' | 'fenglin'; department: 'xietu-guanli' | 'fenglin-guanli' }> = {
  X: { resident: 'A', street: 'xietu', department: 'xietu-guanli' },
  F: { resident: 'B', street: 'fenglin', department: 'fenglin-guanli' },
};

/** Whether `who` may reach the `side` thing of kind `owned` (roles the route does not serve are refused before this). */
function reaches(who: Who, owned: Owned, side: Side): boolean {
  const p = PROFILES[who];
  const s = SIDE[side];
  if (p.role === 'resident') return p.resident === s.resident;
  switch (owned) {
    case 'concern':
    case 'photo':
      // Concerns stand dispatched to their street's 社区管理办 and signed, so its handler has them.
      if (p.role === 'handler') return p.department === s.department;
      if (p.role === 'dispatcher') return p.street === s.street;
      return p.role === 'supervisor';
    case 'news':
    case 'visit':
      return p.role === 'supervisor' || p.role === 'admin' || p.street === s.street;
    case 'notification':
      return false;
  }
}

const ANY_STAFF = [...STAFF_ROLES];
const CONCERN_STAFF: ActorRole[] = ['dispatcher', 'handler', 'supervisor'];
const NEWS_STAFF: ActorRole[] = ['editor', 'supervisor', 'admin'];
const VISIT_STAFF: ActorRole[] = ['editor', 'dispatcher', 'supervisor', 'admin'];
const DASHBOARD: ActorRole[] = ['supervisor', 'dispatcher'];

/** Ids a valid body needs: the seeded directory, and a concern of the street (for a visit's issue list). */
interface FixtureIds {
  category: number;
  compound: Record<Side, number>;
  concern: Record<Side, number>;
}

type Policy =
  /** Anyone, signed in or not. */
  | { public: true }
  /** Its own credentials (an Open311 API key, a WeChat signature): a bearer token opens nothing. */
  | { external: true }
  | {
      /** Roles the route serves; 'signed-in' for any caller with a valid token. */
      roles: ActorRole[] | 'signed-in';
      /** What `:id` names, when it is owned by a street, department or resident. */
      owns?: Owned;
      /** A body that passes validation, so a refusal can only come from the caller or the scope. */
      body?: Json | ((ids: FixtureIds) => Json);
      /** Run after every other route: it changes the target for good (2: it removes the caller's account, the very end). */
      last?: 1 | 2;
      /** Each call gets a new target of its side: the call removes it. */
      fresh?: boolean;
    };

const RATING = { solved: true, satisfaction: 'satisfied', comment: '处理及时' };
const KNOWLEDGE_READERS: ActorRole[] = ['handler', 'dispatcher', 'supervisor', 'editor'];
const KNOWLEDGE_EDITORS: ActorRole[] = ['supervisor', 'editor'];
const REPLY_TEMPLATE = { categoryId: null, kind: 'reply', title: '通用答复', text: '您反映的{小区}问题已处理。' };
const KNOWLEDGE_ENTRY = { title: '垃圾分类管理条例', text: '居民区应当设置分类收集容器。', source: '上海市人大', validUntil: null };

/** Who may call each route, by `METHOD /url` as the router registers it. */
const POLICY: Record<string, Policy> = {
  'OPTIONS *': { public: true },
  'GET /api/docs': { public: true },
  'GET /api/docs/': { public: true },
  'GET /api/docs/*': { public: true },
  'GET /api/docs/docs/*': { public: true },
  'GET /api/docs/swagger-ui-init.js': { public: true },
  'GET /api/docs/docs/swagger-ui-init.js': { public: true },
  'GET /api/docs/index.html': { public: true },
  'GET /api/docs/LICENSE': { public: true },
  'GET /api/docs/openapi.json': { public: true },
  'GET /api/docs-yaml': { public: true },
  'GET /api/v1/health': { public: true },
  'GET /api/v1/health/live': { public: true },
  'GET /api/v1/health/ready': { public: true },
  'GET /api/v1/client-config': { public: true },

  'POST /api/v1/auth/staff/login': { public: true },
  // A wrong current password: past the door, and no caller's session ends mid-matrix.
  'POST /api/v1/auth/staff/password': {
    roles: ANY_STAFF,
    body: { currentPassword: 'not-the-password', newPassword: 'Matrix-Password-2026' },
  },
  'GET /api/v1/auth/staff/totp': { roles: ANY_STAFF },
  'POST /api/v1/auth/staff/totp/setup': { roles: ['admin', 'supervisor'] },
  'POST /api/v1/auth/staff/totp/enable': { roles: ['admin', 'supervisor'], body: { code: '000000' } },
  'POST /api/v1/auth/staff/totp/disable': { roles: ['admin', 'supervisor'], body: { password: 'not-the-password', code: '000000' } },
  'POST /api/v1/auth/preview/login': { public: true },
  'POST /api/v1/auth/preview/demo-resident': { public: true },
  'POST /api/v1/auth/wechat/login': { public: true },
  'POST /api/v1/auth/wechat/phone': { roles: ['resident'] },
  // 验证手机号 (issue 18): the WeChat button's code, or in preview mode the number typed in; an empty body is a 400.
  'POST /api/v1/me/phone': { roles: ['resident'] },
  'POST /api/v1/auth/preview/phone': { roles: ['resident'] },
  'GET /api/v1/admin/whoami': { roles: ANY_STAFF },

  'GET /api/v1/streets': { public: true },
  'GET /api/v1/streets/:code/compounds': { public: true },
  'GET /api/v1/categories': { public: true },
  'GET /api/v1/departments': { public: true },
  'GET /api/v1/admin/directory/:kind': { roles: ['admin'] },
  'POST /api/v1/admin/directory/:kind': { roles: ['admin'] },
  'PATCH /api/v1/admin/directory/:kind/:id': { roles: ['admin'] },
  'POST /api/v1/admin/directory/:kind/:id/disable': { roles: ['admin'] },
  'POST /api/v1/admin/directory/:kind/:id/enable': { roles: ['admin'] },

  'POST /api/v1/concerns': { roles: ['resident'] },
  'GET /api/v1/concerns/duplicates': { roles: ['resident'] },
  'GET /api/v1/concerns/mine': { roles: ['resident'] },
  'GET /api/v1/concerns/:id': { roles: ['resident'], owns: 'concern' },
  'POST /api/v1/concerns/:id/withdraw': { roles: ['resident'], owns: 'concern' },
  'POST /api/v1/concerns/:id/rating': { roles: ['resident'], owns: 'concern', body: RATING },
  // 附议 (issue 17): a resident acts on someone else's concern by design; its scope (compound, confidential,
  // own, open) is tested in followers.e2e.spec.ts.
  'POST /api/v1/concerns/:id/follow': { roles: ['resident'], body: (ids) => ({ compoundId: ids.compound.X }) },
  'DELETE /api/v1/concerns/:id/follow': { roles: ['resident'] },
  'POST /api/v1/concerns/:id/follower-rating': { roles: ['resident'], body: RATING },
  'POST /api/v1/admin/concerns/:id/publish-case': { roles: ['dispatcher', 'supervisor'], owns: 'concern' },
  'POST /api/v1/admin/concerns/:id/unpublish-case': { roles: ['dispatcher', 'supervisor'], owns: 'concern' },
  'GET /api/v1/board': { public: true },
  'GET /api/v1/board/photos/:id': { public: true },
  'GET /api/v1/admin/concerns/counts': { roles: CONCERN_STAFF },
  'POST /api/v1/admin/concerns/bulk-dispatch': { roles: ['dispatcher', 'supervisor'] },
  'GET /api/v1/admin/concerns': { roles: CONCERN_STAFF },
  'GET /api/v1/admin/concerns/:id': { roles: CONCERN_STAFF, owns: 'concern' },
  'GET /api/v1/admin/concerns/:id/duplicates': { roles: CONCERN_STAFF, owns: 'concern' },
  'POST /api/v1/admin/concerns/:id/reveal-phone': { roles: CONCERN_STAFF, owns: 'concern' },
  'POST /api/v1/admin/concerns/:id/:action': { roles: CONCERN_STAFF, owns: 'concern' },
  // 协办: the co-handling department's handler (on their own concern, not a co-handler: 409), and triage's waiver.
  'POST /api/v1/admin/concerns/:id/co-handler-sign': { roles: ['handler'], owns: 'concern' },
  'POST /api/v1/admin/concerns/:id/co-handler-part': {
    roles: ['handler'],
    owns: 'concern',
    body: { text: '已到现场核查，配合主办部门处置。', visibility: 'internal' },
  },
  'POST /api/v1/admin/concerns/:id/co-handler-decline': { roles: ['handler'], owns: 'concern', body: { reason: '不属于本部门职责' } },
  'POST /api/v1/admin/concerns/:id/waive-co-handler': {
    roles: ['dispatcher', 'supervisor'],
    owns: 'concern',
    body: { departmentId: 1, reason: '无需该部门协办' },
  },
  // 工作提醒: the signed-in staff member's own alerts.
  'GET /api/v1/admin/alerts': { roles: CONCERN_STAFF },
  'POST /api/v1/admin/alerts/read': { roles: CONCERN_STAFF, body: { all: true } },
  // 代录: triage and the visit organisers (an empty body is a 400); 更正分类: triage, in scope (the targets are dispatched: 409).
  'POST /api/v1/admin/concerns': { roles: ['dispatcher', 'supervisor', 'editor', 'admin'] },
  'POST /api/v1/admin/concerns/:id/reclassify': {
    roles: ['dispatcher', 'supervisor'],
    owns: 'concern',
    body: { requestType: 'help', reason: '更正为求助' },
  },
  'GET /api/v1/admin/stats/rates': { roles: CONCERN_STAFF },
  'GET /api/v1/admin/stats/overview': { roles: DASHBOARD },
  'GET /api/v1/admin/stats/trends': { roles: DASHBOARD },
  'GET /api/v1/admin/stats/top': { roles: DASHBOARD },
  'GET /api/v1/admin/stats/most-followed': { roles: DASHBOARD },
  'GET /api/v1/admin/stats/export.xlsx': { roles: DASHBOARD },
  // 回访队列, 督办清单, 答复模板 and 政策知识库 (issue 19); 先联系 and 回访 themselves are `:action`s.
  'GET /api/v1/admin/callbacks': { roles: ['dispatcher', 'supervisor'] },
  'GET /api/v1/admin/escalations': { roles: ['supervisor'] },
  'GET /api/v1/admin/reply-templates': { roles: KNOWLEDGE_READERS },
  'POST /api/v1/admin/reply-templates': { roles: KNOWLEDGE_EDITORS, body: REPLY_TEMPLATE },
  'PUT /api/v1/admin/reply-templates/:id': { roles: KNOWLEDGE_EDITORS, body: REPLY_TEMPLATE },
  'DELETE /api/v1/admin/reply-templates/:id': { roles: KNOWLEDGE_EDITORS },
  'GET /api/v1/admin/knowledge': { roles: KNOWLEDGE_READERS },
  'POST /api/v1/admin/knowledge': { roles: KNOWLEDGE_EDITORS, body: KNOWLEDGE_ENTRY },
  'PUT /api/v1/admin/knowledge/:id': { roles: KNOWLEDGE_EDITORS, body: KNOWLEDGE_ENTRY },
  'DELETE /api/v1/admin/knowledge/:id': { roles: KNOWLEDGE_EDITORS },

  'GET /api/v1/me': { roles: ['resident'] },
  'GET /api/v1/me/export': { roles: ['resident'] },
  'DELETE /api/v1/me': { roles: ['resident'], last: 2 },
  'POST /api/v1/me/subscribe-consents': { roles: ['resident'] },
  'GET /api/v1/me/notifications': { roles: ['resident'] },
  'GET /api/v1/me/notifications/unread-count': { roles: ['resident'] },
  'POST /api/v1/me/notifications/:id/read': { roles: ['resident'], owns: 'notification' },
  'GET /api/v1/notifications': { roles: ['resident'] },
  'GET /api/v1/notifications/unread-count': { roles: ['resident'] },
  'POST /api/v1/notifications/read': { roles: ['resident'], body: { all: true } },

  'GET /api/v1/news': { public: true },
  'GET /api/v1/news/:id': { public: true },
  'GET /api/v1/admin/news': { roles: NEWS_STAFF },
  'POST /api/v1/admin/news': { roles: NEWS_STAFF },
  'POST /api/v1/admin/news/import': { roles: NEWS_STAFF },
  'GET /api/v1/admin/news/:id': { roles: NEWS_STAFF, owns: 'news' },
  'PATCH /api/v1/admin/news/:id': { roles: NEWS_STAFF, owns: 'news', body: { title: '更新后的标题' } },
  'POST /api/v1/admin/news/:id/publish': { roles: NEWS_STAFF, owns: 'news' },
  'POST /api/v1/admin/news/:id/unpublish': { roles: NEWS_STAFF, owns: 'news' },
  'DELETE /api/v1/admin/news/:id': { roles: NEWS_STAFF, owns: 'news', fresh: true },

  'GET /api/v1/admin/staff': { roles: ['admin'] },
  'POST /api/v1/admin/staff': { roles: ['admin'] },
  'PATCH /api/v1/admin/staff/:id': { roles: ['admin'] },
  'POST /api/v1/admin/staff/:id/disable': { roles: ['admin'] },
  'POST /api/v1/admin/staff/:id/enable': { roles: ['admin'] },
  'POST /api/v1/admin/staff/:id/reset-password': { roles: ['admin'] },
  'GET /api/v1/admin/audit': { roles: ['admin'] },
  'GET /api/v1/admin/wechat/status': { roles: ['admin'] },

  // 工作日历 and 时限设置: the banner's coverage for those who see deadlines in their inbox, the rest admin.
  'GET /api/v1/admin/calendar': { roles: [...CALENDAR_READERS] },
  'POST /api/v1/admin/calendar/import': { roles: ['admin'], body: { text: '一、元旦：2099年1月1日放假，共1天。' } },
  'GET /api/v1/admin/calendar/:year': { roles: ['admin'] },
  'PUT /api/v1/admin/calendar/:year': { roles: ['admin'], body: { days: [], source: 'manual' } },
  'DELETE /api/v1/admin/calendar/:year': { roles: ['admin'], last: 1 },
  'GET /api/v1/admin/settings/deadlines': { roles: ['admin'] },
  'PUT /api/v1/admin/settings/deadlines': { roles: ['admin'], body: { ...DEFAULT_DEADLINE_SETTINGS } },

  'GET /open311/v2/discovery.json': { public: true },
  'GET /open311/v2/discovery.xml': { public: true },
  'GET /open311/v2/services.json': { public: true },
  'GET /open311/v2/services.xml': { public: true },
  'GET /open311/v2/services/:file': { public: true },
  'GET /open311/v2/requests.json': { public: true },
  'GET /open311/v2/requests.xml': { public: true },
  'GET /open311/v2/requests/:file': { public: true },
  'GET /open311/v2/tokens/:file': { public: true },
  'POST /open311/v2/requests.json': { external: true },
  'POST /open311/v2/requests.xml': { external: true },
  'POST /api/v1/admin/open311-keys': { roles: ['admin'] },
  'GET /api/v1/admin/open311-keys': { roles: ['admin'] },
  'DELETE /api/v1/admin/open311-keys/:id': { roles: ['admin'] },
  'GET /api/v1/wechat/callback': { external: true },
  'POST /api/v1/wechat/callback': { external: true },
  'GET /api/v1/wechat/media/:id': { external: true },

  'POST /api/v1/uploads': { roles: 'signed-in' },
  'GET /api/v1/uploads/:id': { roles: 'signed-in', owns: 'photo' },
  'GET /api/v1/uploads/:id/thumbnail': { roles: 'signed-in', owns: 'photo' },

  'GET /api/v1/visits': { public: true },
  'GET /api/v1/visits/mine': { roles: ['resident'] },
  'GET /api/v1/visits/:id': { public: true },
  'POST /api/v1/visits/:id/signups': { roles: ['resident'] },
  'DELETE /api/v1/visits/:id/signups/mine': { roles: ['resident'] },
  'POST /api/v1/visits/:id/questions': { roles: ['resident'] },
  'POST /api/v1/admin/visits': { roles: VISIT_STAFF },
  'GET /api/v1/admin/visits': { roles: VISIT_STAFF },
  'GET /api/v1/admin/visits/:id': { roles: VISIT_STAFF, owns: 'visit' },
  'POST /api/v1/admin/visits/:id/cancel': { roles: VISIT_STAFF, owns: 'visit', body: { reason: '天气原因改期' }, last: 1 },
  'POST /api/v1/admin/visits/:id/held': {
    roles: VISIT_STAFF,
    owns: 'visit',
    body: { attendance: 20, summary: '居民提出停车难问题，已记录。' },
  },
  'PUT /api/v1/admin/visits/:id/issues': {
    roles: VISIT_STAFF,
    owns: 'visit',
    body: (ids) => ({ items: [{ text: '停车难', concernId: ids.concern.X }] }),
  },
  'POST /api/v1/admin/visits/:id/questions/:questionId/answer': { roles: VISIT_STAFF, owns: 'visit', body: { answer: '已答复' } },
  'POST /api/v1/admin/visits/:id/questions/:questionId/concern': {
    roles: VISIT_STAFF,
    owns: 'visit',
    body: (ids) => ({ categoryId: ids.category, compoundId: ids.compound.X }),
  },
  'GET /api/v1/admin/visits/:id/export': { roles: VISIT_STAFF, owns: 'visit' },
};

const NONEXISTENT_ID = '987654321';
/** Values for path parameters that name no owned thing. */
const PARAMS: Record<string, string> = {
  id: NONEXISTENT_ID,
  questionId: NONEXISTENT_ID,
  code: 'xietu',
  kind: 'compounds',
  action: 'accept',
  file: '1.json',
  year: '2099',
  '*': 'index.html',
};

type Cell = { route: string; who: Who; side: Side | null; status: number; code: string };

function verdict(policy: Policy, who: Who, owns: Owned | undefined, side: Side | null, res: ApiResult): string | null {
  const role = PROFILES[who].role;
  const status = res.status;
  const code = String((res.body.error as { code?: unknown } | undefined)?.code ?? '');
  if (status >= 500) return `answered ${status}`;
  if ('public' in policy) return status === 401 || status === 403 ? `a public route answered ${status}` : null;
  if ('external' in policy) return [400, 401, 403, 404].includes(status) ? null : `a route with its own credentials answered ${status}`;
  if (role === null) return status === 401 ? null : `anonymous got ${status}, expected 401`;
  const served = policy.roles === 'signed-in' || policy.roles.includes(role);
  if (!served) return status === 403 && code === 'FORBIDDEN' ? null : `role ${role} got ${status} ${code}, expected 403 FORBIDDEN`;
  if (owns && side && !reaches(who, owns, side))
    return status === 403 || status === 404 ? null : `someone else's ${owns} answered ${status}`;
  if (status === 401 || code === 'FORBIDDEN') return `an allowed caller got ${status} ${code}`;
  if (owns && side && status === 404) return `their own ${owns} answered 404`;
  return null;
}

describe.each(TEST_DATABASES)('the authorization matrix on %s', (kind) => {
  let sut: TestApp;
  const callers = {} as Record<Who, Caller | null>;
  const targets = {} as Record<Owned, Record<Side, number>>;
  let visitQuestion: Record<Side, number>;
  let victimStaffId: number;
  let residentIds: Record<'A' | 'B', number>;
  let fixtureIds: FixtureIds;
  const createNews = async (side: Side): Promise<number> => {
    const editor = callers[side === 'X' ? 'editorXietu' : 'editorFenglin']!;
    const news = await call(sut.app, 'POST', '/api/v1/admin/news', editor, {
      title: `${side} 街道通知`,
      body: [{ type: 'paragraph', text: '正文。' }],
    });
    if (news.status !== 201) throw new Error(`news → ${news.status} ${news.text}`);
    return news.body.id as number;
  };

  beforeAll(async () => {
    sut = await startTestApp(kind);
    const app = sut.app;
    callers.anonymous = null;
    const [a, b] = [await createResident(app, '居民甲'), await createResident(app, '居民乙')];
    residentIds = { A: a.id, B: b.id };
    callers.residentA = a;
    callers.residentB = b;
    for (const who of CALLERS) {
      const p = PROFILES[who];
      if (p.role === null || p.role === 'resident' || p.role === 'system') continue;
      callers[who] = await staffSession(app, `matrix.${who}`, p.role, p.role === 'handler' ? p.department : p.street);
    }
    victimStaffId = (await staffSession(app, 'matrix.victim', 'handler', 'xietu-guanli')).id;
    const ids = await directoryIds(app);
    const compound = { X: 'xietu-hengyi', F: 'fenglin-shuangfeng' } as const;

    const upload = async (side: Side) => {
      const resident = callers[SIDE[side].resident === 'A' ? 'residentA' : 'residentB']!;
      const form = photoUpload(await phoneJpeg(400, 300));
      const res = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { authorization: resident.authorization, ...form.headers },
        payload: form.payload,
      });
      if (res.statusCode !== 201) throw new Error(`upload → ${res.statusCode} ${res.body}`);
      return (res.json() as { id: number }).id;
    };
    targets.concern = {} as Record<Side, number>;
    targets.photo = {} as Record<Side, number>;
    for (const side of ['X', 'F'] as const) {
      const s = SIDE[side];
      const resident = callers[s.resident === 'A' ? 'residentA' : 'residentB']!;
      const photoId = await upload(side);
      const concern = await concernAt(
        app,
        'in_progress',
        {
          resident,
          dispatcher: callers[s.street === 'xietu' ? 'dispatcherXietu' : 'dispatcherFenglin']!,
          handler: callers[s.street === 'xietu' ? 'handlerXietu' : 'handlerFenglin']!,
          departmentId: ids.department(s.department),
        },
        { compound: compound[side], photoIds: [photoId] },
      );
      targets.concern[side] = concern.id;
      targets.photo[side] = photoId;
    }
    fixtureIds = {
      category: ids.category('shirong-laji'),
      compound: { X: ids.compound(compound.X), F: ids.compound(compound.F) },
      concern: targets.concern,
    };
    const notifications = app.get(DataSource).getRepository(Notification);
    targets.notification = {
      X: (await notifications.findOneByOrFail({ residentId: residentIds.A })).id,
      F: (await notifications.findOneByOrFail({ residentId: residentIds.B })).id,
    };
    targets.news = {} as Record<Side, number>;
    targets.visit = {} as Record<Side, number>;
    visitQuestion = {} as Record<Side, number>;
    for (const side of ['X', 'F'] as const) {
      const editor = callers[side === 'X' ? 'editorXietu' : 'editorFenglin']!;
      targets.news[side] = await createNews(side);
      const startsAt = new Date(Date.now() + 5 * 86_400_000);
      const visit = await call(app, 'POST', '/api/v1/admin/visits', editor, {
        title: '满意在徐汇 · 面对面',
        compoundId: ids.compound(compound[side]),
        place: '居民区活动室',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        participants: [{ name: '王主任', role: 'district_leader', title: '区领导' }],
        topics: ['停车难'],
        capacity: 30,
      });
      if (visit.status !== 201) throw new Error(`visit → ${visit.status} ${visit.text}`);
      targets.visit[side] = visit.body.id as number;
      const resident = callers[SIDE[side].resident === 'A' ? 'residentA' : 'residentB']!;
      const question = await call(app, 'POST', `/api/v1/visits/${targets.visit[side]}/questions`, resident, {
        addressedTo: 'district_leader',
        text: '小区停车位什么时候增加？',
      });
      if (question.status !== 201) throw new Error(`question → ${question.status} ${question.text}`);
      visitQuestion[side] = question.body.id as number;
    }
  });
  afterAll(() => sut?.close());

  it('has a policy for every registered route, and rate limits on routes that exist', () => {
    const registered = registeredRoutes(sut.app).map((r) => `${r.method} ${r.url}`);
    const missing = registered.filter((route) => !(route in POLICY));
    expect(missing).toEqual([]);
    const gone = Object.keys(POLICY).filter((route) => !registered.includes(route));
    expect(gone).toEqual([]);
    for (const route of Object.keys(RATE_LIMITED_ROUTES)) expect(registered).toContain(route.replace(' ', ` /${API_PREFIX}/`));
  });

  it('answers every route × caller × own/other thing as the policy says', async () => {
    const routes = registeredRoutes(sut.app)
      .map((r) => ({ ...r, key: `${r.method} ${r.url}` }))
      .filter((r) => r.key in POLICY)
      .sort((a, b) => rank(POLICY[a.key]!) - rank(POLICY[b.key]!));
    const cells: Cell[] = [];
    const wrong: string[] = [];
    for (const route of routes) {
      const policy = POLICY[route.key]!;
      const owns = 'roles' in policy ? policy.owns : undefined;
      const sides: Array<Side | null> = owns ? ['F', 'X'] : [null];
      // Callers in order with the ones that remove things last, so a removal cannot hide a refusal.
      for (const side of sides) {
        for (const who of CALLERS) {
          const fresh = 'roles' in policy && policy.fresh && side ? await createNews(side) : undefined;
          const url = route.url.replace(/:(\w+)|\*/g, (_m, name: string | undefined) => {
            if (name === 'id' && owns && side) return String(fresh ?? targets[owns][side]);
            if (name === 'questionId' && side) return String(visitQuestion[side]);
            if (name === 'id' && route.url.startsWith('/api/v1/admin/staff/')) return String(victimStaffId);
            return PARAMS[name ?? '*']!;
          });
          const declared = 'roles' in policy ? policy.body : undefined;
          const body = typeof declared === 'function' ? declared(fixtureIds) : declared;
          const res = await call(
            sut.app,
            route.method as 'GET',
            url,
            callers[who],
            route.method === 'GET' || route.method === 'OPTIONS' ? undefined : (body ?? {}),
          );
          const problem = verdict(policy, who, owns, side, res);
          cells.push({ route: route.key, who, side, status: res.status, code: String((res.body.error as { code?: string })?.code ?? '') });
          if (problem) wrong.push(`${route.key} as ${who}${side ? ` on ${side}` : ''}: ${problem} (${res.text.slice(0, 160)})`);
        }
      }
    }
    const refused = cells.filter((c) => [401, 403, 404].includes(c.status)).length;
    process.stdout.write(
      `authorization matrix on ${kind}: ${routes.length} routes × ${CALLERS.length} callers × own/other = ${cells.length} cells (${refused} refused)\n`,
    );
    expect(wrong).toEqual([]);
    expect(cells.length).toBeGreaterThan(routes.length * CALLERS.length);
  }, 600_000);
});

function rank(policy: Policy): number {
  return 'roles' in policy ? (policy.last ?? 0) : 0;
}
