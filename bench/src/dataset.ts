/**
 * The district-scale data set: residents, concerns over three years and news, written straight into
 * MariaDB with multi-row INSERTs into a database the service's own migrations created (so the seeded
 * directory — streets, compounds, departments, categories, routing rules — is the real one).
 *
 * Skew is Zipf-like: a few streets, compounds and categories draw most concerns, as in any district.
 * Statuses follow the lifecycle: most concerns are closed (dispatched, signed, replied, rated), a few
 * ended early (rejected, merged, withdrawn), and the open ones are recent, each with the deadline its
 * status runs on — some already past (已超期). Deadlines come from shared/'s deadline rules.
 */
import { performance } from 'node:perf_hooks';
import argon2 from 'argon2';
import mysql from 'mysql2/promise';
import { packageCalendarDays, packageCalendarYears } from '@manyi/shared/package-calendar';
import {
  DEFAULT_DEADLINE_SETTINGS,
  dispatchDueAt,
  ratingDueAt,
  resolveDueAt,
  reviewDueAt,
  shanghaiDate,
  signDueAt,
  triageDueAt,
  workingCalendar,
  type ConcernStatus,
  type DeadlineRules,
  type DueKind,
  type RequestType,
} from '@manyi/shared';
import { generateArticles, loadArticles } from './news-articles.js';
import { seededRandom } from './seeded-random.js';

/** The calendar a fresh database is seeded with, and the default rules: what the service would compute. */
const YEARS = packageCalendarYears();
const RULES: DeadlineRules = { calendar: workingCalendar(YEARS.flatMap(packageCalendarDays), YEARS), settings: DEFAULT_DEADLINE_SETTINGS };

export const STAFF_PASSWORD = 'bench-password-2026';

export interface Directory {
  streets: Array<{ id: number; code: string }>;
  compounds: Array<{ id: number; streetId: number; name: string }>;
  /** Leaf categories (the ones a concern is filed under) with their top-level parent. */
  categories: Array<{ id: number; parentId: number; name: string; requestType: RequestType }>;
  /** Lead department by `${streetId}:${topCategoryId}` (the seeded routing rules). */
  routes: Map<string, number>;
}

export interface DatasetSize {
  concerns: number;
  articles: number;
}

/** What the benches call the service as; ids are looked up again on every run. */
export interface BenchStaff {
  dispatcher: { username: string; streetCode: string };
  handler: { username: string; departmentId: number };
  supervisor: { username: string };
}

/** Picks from `items` with weight 1/rank^s after a fixed shuffle (so the favourites are not just the first ids). */
export function zipf<T>(items: readonly T[], s: number, rnd: () => number): () => T {
  const order = [...items];
  const shuffle = seededRandom(items.length * 7919);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= order.length; k++) cumulative.push((total += 1 / k ** s));
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo]!;
  };
}

export async function readDirectory(db: mysql.Connection): Promise<Directory> {
  const [streets] = await db.query<mysql.RowDataPacket[]>('SELECT id, code FROM street ORDER BY id');
  const [compounds] = await db.query<mysql.RowDataPacket[]>('SELECT id, street_id, name FROM compound ORDER BY id');
  const [categories] = await db.query<mysql.RowDataPacket[]>(
    'SELECT id, parent_id, name, request_type FROM category WHERE parent_id IS NOT NULL ORDER BY id',
  );
  const [rules] = await db.query<mysql.RowDataPacket[]>(
    'SELECT street_id, category_id, lead_department_id FROM routing_rule WHERE compound_id IS NULL',
  );
  return {
    streets: streets.map((r) => ({ id: Number(r.id), code: String(r.code) })),
    compounds: compounds.map((r) => ({ id: Number(r.id), streetId: Number(r.street_id), name: String(r.name) })),
    categories: categories.map((r) => ({
      id: Number(r.id),
      parentId: Number(r.parent_id),
      name: String(r.name),
      requestType: r.request_type as RequestType,
    })),
    routes: new Map(rules.map((r) => [`${Number(r.street_id)}:${Number(r.category_id)}`, Number(r.lead_department_id)])),
  };
}

export async function countRows(db: mysql.Connection): Promise<DatasetSize> {
  const [[c]] = await db.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM concern');
  const [[a]] = await db.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM news_article');
  return { concerns: Number(c!.n), articles: Number(a!.n) };
}

const sqlTime = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').replace('Z', '') : null);

async function insertBulk(db: mysql.Connection, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  // mysql2's query() expands a nested array into a multi-row VALUES list.
  await db.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ?`, [rows]);
}

const HOUR = 60 * 60 * 1000;
const SLOT = 15 * 60 * 1000;
const memoised = new Map<string, Date>();
const memo = (key: string, compute: () => Date) => memoised.get(key) ?? memoised.set(key, compute()).get(key)!;
const DAY = 24 * HOUR;

/** About how long each deadline runs, to place open concerns' deadlines around now. */
const DUE_SPAN: Record<DueKind, number> = {
  triage: 4 * HOUR,
  dispatch: 8 * HOUR,
  sign: 8 * HOUR,
  contact: 8 * HOUR,
  resolve: 10 * DAY,
  review: 2 * DAY,
  rating: 7 * DAY,
  callback: 7 * DAY,
};

/** Open statuses by how often a concern is found in them at any moment. */
const OPEN_MIX: Array<[ConcernStatus, number]> = [
  ['submitted', 0.14],
  ['accepted', 0.06],
  ['returned', 0.03],
  ['dispatched', 0.12],
  ['in_progress', 0.38],
  ['reopened', 0.04],
  ['replied', 0.08],
  ['awaiting_rating', 0.15],
];

const CONCERN_COLUMNS = [
  'id',
  'code',
  'resident_id',
  'street_id',
  'compound_id',
  'category_id',
  'request_type',
  'title',
  'description',
  'photo_ids',
  'address',
  'confidential',
  'source',
  'status',
  'lead_department_id',
  'reopen_count',
  'return_count',
  'escalated',
  'due_at',
  'due_kind',
  'resolve_due_at',
  'dispatched_at',
  'sign_due_at',
  'signed_at',
  'solved',
  'satisfaction',
  'rated_at',
  'closed_at',
  'triaged_at',
  'triaged_on_time',
  'replied_on_time',
  'rating_channel',
  'version',
  'created_at',
  'updated_at',
];

const EVENT_COLUMNS = ['concern_id', 'action', 'actor_role', 'actor_id', 'from_status', 'to_status', 'public_text', 'created_at'];

/** One concern in ten carries a timeline (the detail pages read it; the inbox and the rates do not). */
export const TIMELINE_EVERY = 10;

/**
 * Writes `size.concerns` concerns (ids 1…n) by `residents` residents over the three years before
 * `now`, with a timeline for every TIMELINE_EVERY-th one.
 */
export async function generateConcerns(db: mysql.Connection, dir: Directory, size: DatasetSize, now: Date) {
  const started = performance.now();
  const rnd = seededRandom(20261129);
  const residents = Math.max(10, Math.round(size.concerns * 0.3));
  const pickStreet = zipf(dir.streets, 0.8, rnd);
  const compoundsByStreet = new Map<number, () => Directory['compounds'][number]>();
  for (const s of dir.streets) {
    const list = dir.compounds.filter((c) => c.streetId === s.id);
    if (list.length) compoundsByStreet.set(s.id, zipf(list, 1.0, rnd));
  }
  const pickCategory = zipf(dir.categories, 1.1, rnd);
  const pickOpen = () => {
    let x = rnd();
    for (const [status, share] of OPEN_MIX) if ((x -= share) < 0) return status;
    return 'in_progress' as ConcernStatus;
  };

  // Residents first: one resident files about three concerns in three years.
  for (let i = 0; i < residents; i += 5000) {
    const rows = [];
    for (let id = i + 1; id <= Math.min(residents, i + 5000); id++) rows.push([id, `居民${id}`, 0, sqlTime(now), sqlTime(now)]);
    await insertBulk(db, 'resident', ['id', 'nickname', 'is_preview', 'created_at', 'updated_at'], rows);
  }

  const start = now.getTime() - 3 * 365 * DAY;
  const BATCH = 2000;
  let events = 0;
  for (let first = 1; first <= size.concerns; first += BATCH) {
    const rows: unknown[][] = [];
    const eventRows: unknown[][] = [];
    for (let id = first; id < first + BATCH && id <= size.concerns; id++) {
      // Ids grow with time, as they do in the service; later years bring more concerns (x^0.8).
      const created = new Date(start + (now.getTime() - start) * (id / size.concerns) ** 0.8 - rnd() * HOUR);
      let street = pickStreet();
      let compounds = compoundsByStreet.get(street.id);
      while (!compounds) compounds = compoundsByStreet.get((street = pickStreet()).id);
      const compound = compounds();
      const category = pickCategory();
      const lead = dir.routes.get(`${street.id}:${category.parentId}`) ?? null;
      const age = now.getTime() - created.getTime();
      // Anything filed in the last 60 days may still be open; older ones ended, bar a few stragglers.
      const open = age < 60 * DAY ? rnd() < 0.55 - (age / (60 * DAY)) * 0.45 : rnd() < 0.002;
      const roll = rnd();
      let status: ConcernStatus = open
        ? pickOpen()
        : roll < 0.03
          ? 'rejected'
          : roll < 0.045
            ? 'merged'
            : roll < 0.065
              ? 'withdrawn'
              : 'closed';

      let dispatchedAt: Date | null = null;
      let signDue: Date | null = null;
      let signedAt: Date | null = null;
      let resolveDue: Date | null = null;
      let ratedAt: Date | null = null;
      let closedAt: Date | null = null;
      let dueAt: Date | null = null;
      let dueKind: DueKind | null = null;
      let solved: number | null = null;
      let satisfaction: string | null = null;
      const reached = (s: ConcernStatus) => ['dispatched', 'in_progress', 'reopened', 'replied', 'awaiting_rating', 'closed'].includes(s);
      if (reached(status)) {
        // On a quarter hour, so the working-calendar arithmetic is memoised per slot.
        dispatchedAt = new Date(Math.floor((created.getTime() + (1 + rnd() * 20) * HOUR) / SLOT) * SLOT);
        signDue = memo(`s${dispatchedAt.getTime()}`, () => signDueAt(dispatchedAt!, RULES));
        if (status !== 'dispatched') signedAt = new Date(dispatchedAt.getTime() + (rnd() < 0.9 ? rnd() * 3 : 3 + rnd() * 40) * HOUR);
        resolveDue = memo(`r${category.requestType}${dispatchedAt.getTime()}`, () =>
          resolveDueAt(dispatchedAt!, category.requestType, RULES),
        );
      }
      if (status === 'closed') {
        const replied = new Date((signedAt ?? created).getTime() + (1 + rnd() * 12) * DAY);
        // Seven in ten residents rate; the rest close by the rating window running out.
        if (rnd() < 0.7) {
          ratedAt = new Date(replied.getTime() + rnd() * 5 * DAY);
          solved = rnd() < 0.88 ? 1 : 0;
          const s = rnd();
          satisfaction = solved ? (s < 0.8 ? 'satisfied' : s < 0.96 ? 'basic' : 'unsatisfied') : s < 0.3 ? 'basic' : 'unsatisfied';
          closedAt = ratedAt;
        } else closedAt = ratingDueAt(replied, RULES);
        if (closedAt.getTime() > now.getTime()) {
          status = 'awaiting_rating';
          ratedAt = null;
          solved = null;
          satisfaction = null;
          closedAt = null;
        }
      } else if (status === 'rejected' || status === 'merged' || status === 'withdrawn') {
        closedAt = new Date(created.getTime() + rnd() * 2 * DAY);
      }
      switch (status) {
        case 'submitted':
          [dueAt, dueKind] = [triageDueAt(created, RULES), 'triage'];
          break;
        case 'accepted':
        case 'returned':
          [dueAt, dueKind] = [dispatchDueAt(new Date(created.getTime() + 2 * HOUR), RULES), 'dispatch'];
          break;
        case 'dispatched':
          [dueAt, dueKind] = [signDue, 'sign'];
          break;
        case 'in_progress':
        case 'reopened':
          [dueAt, dueKind] = [resolveDue, 'resolve'];
          break;
        case 'replied':
          [dueAt, dueKind] = [reviewDueAt(new Date((signedAt ?? created).getTime() + 3 * DAY), RULES), 'review'];
          break;
        case 'awaiting_rating':
          [dueAt, dueKind] = [ratingDueAt(new Date(now.getTime() - rnd() * 6 * DAY), RULES), 'rating'];
          break;
        default:
          break;
      }
      // An open concern entered its status recently: its deadline falls around now, a fifth of them just
      // past. The few stragglers filed months ago keep the deadline the rules gave them, long past.
      if (open && dueAt && dueKind && age < 60 * DAY) {
        const span = DUE_SPAN[dueKind];
        dueAt = new Date(Math.max(created.getTime() + span / 2, now.getTime() + (rnd() - 0.2) * span));
      }
      // The complete rates' facts (issue 19): the triage decision, the last reply against the 办结 deadline,
      // the rating's channel (a callback for most concerns from a channel without the app), a reopen now and then.
      const source = rnd() < 0.85 ? 'miniapp' : rnd() < 0.5 ? 'hotline' : 'visit';
      const triagedAt = status === 'submitted' || status === 'withdrawn' ? null : new Date(created.getTime() + rnd() * 6 * HOUR);
      const triagedOnTime = triagedAt ? (rnd() < 0.9 ? 1 : 0) : null;
      const repliedOnTime = status === 'closed' || status === 'awaiting_rating' ? (rnd() < 0.85 ? 1 : 0) : null;
      const ratingChannel = ratedAt ? (source !== 'miniapp' && rnd() < 0.6 ? 'callback' : 'app') : null;
      const reopens = status === 'reopened' || (status === 'closed' && rnd() < 0.08) ? 1 : 0;
      const leadDepartment = status === 'submitted' || status === 'rejected' || status === 'merged' || !dispatchedAt ? null : lead;
      const updated = closedAt ?? signedAt ?? dispatchedAt ?? created;
      rows.push([
        id,
        `XH${shanghaiDate(created).replaceAll('-', '')}-${String(id).padStart(4, '0')}`,
        1 + Math.floor(rnd() ** 1.5 * residents),
        street.id,
        compound.id,
        category.id,
        category.requestType,
        `${compound.name}${category.name}`.slice(0, 50),
        `${compound.name}附近${category.name}的问题已经持续一段时间，希望有关部门尽快处理。居民反映第${id % 97}号楼周边情况较为突出。`,
        '[]',
        `${compound.name}${1 + (id % 40)}号`,
        rnd() < 0.03 ? 1 : 0,
        source,
        status,
        leadDepartment,
        reopens,
        status === 'returned' ? 1 : 0,
        open && rnd() < 0.05 ? 1 : 0,
        sqlTime(dueAt),
        dueKind,
        sqlTime(resolveDue),
        sqlTime(dispatchedAt),
        sqlTime(signDue),
        sqlTime(signedAt),
        solved,
        satisfaction,
        sqlTime(ratedAt),
        sqlTime(closedAt),
        sqlTime(triagedAt),
        triagedOnTime,
        repliedOnTime,
        ratingChannel,
        1,
        sqlTime(created),
        sqlTime(updated),
      ]);
      if (id % TIMELINE_EVERY === 0) {
        const staff = null;
        const add = (action: string, role: string, actor: number | null, from: string | null, to: string, at: Date, text: string | null) =>
          eventRows.push([id, action, role, actor, from, to, text, sqlTime(at)]);
        add('submit', 'resident', null, null, 'submitted', created, null);
        if (status === 'rejected') add('reject', 'dispatcher', staff, 'submitted', 'rejected', closedAt!, '不属于受理范围');
        if (dispatchedAt) {
          add('accept', 'dispatcher', staff, 'submitted', 'accepted', new Date(created.getTime() + HOUR), null);
          add('dispatch', 'dispatcher', staff, 'accepted', 'dispatched', dispatchedAt, null);
          if (signedAt) add('sign', 'handler', staff, 'dispatched', 'in_progress', signedAt, null);
          if (status === 'closed' || status === 'awaiting_rating' || status === 'replied')
            add(
              'reply',
              'handler',
              staff,
              'in_progress',
              'replied',
              new Date(signedAt!.getTime() + DAY),
              '已安排人员到现场处理，问题已解决。',
            );
          if (status === 'closed')
            add(ratedAt ? 'rate' : 'close', ratedAt ? 'resident' : 'system', null, 'awaiting_rating', 'closed', closedAt!, null);
        }
      }
    }
    await insertBulk(db, 'concern', CONCERN_COLUMNS, rows);
    await insertBulk(db, 'concern_event', EVENT_COLUMNS, eventRows);
    events += eventRows.length;
    if (((first - 1) / BATCH) % 25 === 24) process.stderr.write(`  concerns: ${(first + BATCH - 1).toLocaleString('en')}\r`);
  }
  process.stderr.write('\n');
  return { residents, events, seconds: (performance.now() - started) / 1000 };
}

/** Staff accounts to call the inbox as: the busiest street's dispatcher, its busiest lead department's handler, a supervisor. */
export async function createStaff(db: mysql.Connection): Promise<BenchStaff> {
  const [[street]] = await db.query<mysql.RowDataPacket[]>(
    'SELECT s.id, s.code FROM street s JOIN concern c ON c.street_id = s.id GROUP BY s.id, s.code ORDER BY COUNT(*) DESC LIMIT 1',
  );
  const [[department]] = await db.query<mysql.RowDataPacket[]>(
    `SELECT lead_department_id AS id FROM concern WHERE lead_department_id IS NOT NULL AND street_id = ?
     GROUP BY lead_department_id ORDER BY COUNT(*) DESC LIMIT 1`,
    [street!.id],
  );
  const hash = await argon2.hash(STAFF_PASSWORD, { type: argon2.argon2id });
  const at = sqlTime(new Date());
  const staff: BenchStaff = {
    dispatcher: { username: 'bench.dispatcher', streetCode: String(street!.code) },
    handler: { username: 'bench.handler', departmentId: Number(department!.id) },
    supervisor: { username: 'bench.supervisor' },
  };
  await insertBulk(
    db,
    'staff_account',
    ['username', 'display_name', 'password_hash', 'role', 'street_id', 'department_id', 'password_changed_at', 'created_at', 'updated_at'],
    [
      [staff.dispatcher.username, '压测派单员', hash, 'dispatcher', street!.id, null, at, at, at],
      [staff.handler.username, '压测承办人', hash, 'handler', street!.id, department!.id, at, at, at],
      [staff.supervisor.username, '压测督办员', hash, 'supervisor', null, null, at, at, at],
    ],
  );
  return staff;
}

export async function readStaff(db: mysql.Connection): Promise<BenchStaff> {
  const [rows] = await db.query<mysql.RowDataPacket[]>(
    `SELECT a.username, a.role, a.department_id, s.code AS street_code FROM staff_account a LEFT JOIN street s ON s.id = a.street_id
     WHERE a.username LIKE 'bench.%'`,
  );
  const by = (role: string) => rows.find((r) => r.role === role)!;
  return {
    dispatcher: { username: String(by('dispatcher').username), streetCode: String(by('dispatcher').street_code) },
    handler: { username: String(by('handler').username), departmentId: Number(by('handler').department_id) },
    supervisor: { username: String(by('supervisor').username) },
  };
}

/** The news-search benchmark's articles (news-articles.ts), with streets skewed like the concerns. */
export async function generateNews(db: mysql.Connection, dir: Directory, size: DatasetSize) {
  const streetOf = zipf(
    dir.streets.map((s) => s.id),
    0.6,
    seededRandom(7),
  );
  const articles = generateArticles(
    size.articles,
    dir.streets.map((s) => s.id),
    () => streetOf(),
  );
  return loadArticles(
    {
      query: (sql, params) => db.query(sql, params),
      startTransaction: () => db.beginTransaction(),
      commitTransaction: () => db.commit(),
    },
    'mariadb',
    articles,
  );
}
