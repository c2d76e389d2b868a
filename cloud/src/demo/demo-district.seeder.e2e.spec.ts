import {
  CONCERN_STATUSES,
  isNoAppSource,
  MASKED_PHONE,
  shanghaiDate,
  templatePlaceholders,
  type BoardView,
  type ConcernStatus,
  type KnowledgeListView,
  type MostFollowedConcernView,
  type ReplyTemplateView,
} from '@manyi/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource, In } from 'typeorm';
import { JobScheduler } from '../common/jobs/job-scheduler.js';
import { createApp } from '../create-app.js';
import { staffActorOf } from '../common/actor.js';
import { Resident } from '../modules/auth/resident.entity.js';
import { StaffAccount } from '../modules/auth/staff-account.entity.js';
import { ConcernEvent } from '../modules/concerns/concern-event.entity.js';
import { ConcernPhoto } from '../modules/concerns/concern-photo.entity.js';
import { Concern } from '../modules/concerns/concern.entity.js';
import { ConcernPublicCase } from '../modules/board/concern-public-case.entity.js';
import { Street } from '../modules/directory/street.entity.js';
import { ConcernFollower } from '../modules/followers/concern-follower.entity.js';
import { KnowledgeEntry } from '../modules/knowledge/knowledge-entry.entity.js';
import { ReplyTemplate } from '../modules/knowledge/reply-template.entity.js';
import { VisitSignup } from '../modules/visits/visit-signup.entity.js';
import { expectKeptEqualsFromScratch, ratePeriods } from '../testing/kept-counts.js';
import { createStaff } from '../testing/staff-fixtures.js';
import { createTestDatabase, TEST_DATABASES, testConfig, type TestDatabase } from '../testing/test-databases.js';
import { DEMO_HISTORY_DAYS, DemoDistrictSeeder } from './demo-district.seeder.js';
import { DEMO_RESIDENT_NICKNAME } from '../modules/auth/auth.service.js';
import { DEMO_TITLE_MARK } from './demo-district-content.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/*
 * The demo district (demo mode only): seeded once through the real workflow on a seeded clock. Checked
 * here: the counts the badges and rates read equal the same counts from scratch, every status of the
 * lifecycle is there, the history spreads over the 60 days, the features beside the workflow (附议, the
 * 已办结 board, 答复模板 and 政策知识库) have something to show, a second start adds nothing, and without
 * demo mode nothing is seeded.
 */
describe.each(TEST_DATABASES)(`${DemoDistrictSeeder.name} on %s`, (kind) => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let ds: DataSource;
  let startedAt: Date;
  let seconds: number;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    startedAt = new Date();
    const t0 = performance.now();
    app = await createApp(testConfig(db.url, { MANYI_DEMO: '1' }));
    seconds = (performance.now() - t0) / 1000;
    ds = app.get(DataSource);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('files a few hundred concerns, every one marked as demo, in every status of the lifecycle', async () => {
    const concerns = await ds.getRepository(Concern).find();
    const byStatus = new Map<ConcernStatus, number>();
    for (const c of concerns) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
    const escalated = concerns.filter((c) => c.escalated).length;
    console.log(
      `demo district on ${kind}: ${concerns.length} concerns (${[...byStatus].map(([s, n]) => `${s} ${n}`).join(', ')}; ${escalated} on the 督办 list); start-up with seeding ${seconds.toFixed(1)} s`,
    );
    expect(concerns.length).toBeGreaterThanOrEqual(250);
    expect(concerns.every((c) => c.title.startsWith(DEMO_TITLE_MARK))).toBe(true);
    expect(CONCERN_STATUSES.filter((s) => !byStatus.get(s))).toEqual([]);
    // Closed both ways, and some closed by the rating window without a rating.
    const closed = concerns.filter((c) => c.status === 'closed');
    expect(closed.some((c) => c.satisfaction === 'satisfied')).toBe(true);
    expect(closed.some((c) => c.satisfaction === 'unsatisfied')).toBe(true);
    expect(closed.some((c) => c.satisfaction === null)).toBe(true);
    // Across streets, compounds, categories and channels.
    expect(new Set(concerns.map((c) => c.streetId)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(concerns.map((c) => c.compoundId)).size).toBeGreaterThanOrEqual(30);
    expect(new Set(concerns.map((c) => c.categoryId)).size).toBeGreaterThanOrEqual(20);
    expect(new Set(concerns.map((c) => c.source))).toEqual(new Set(['miniapp', 'visit', 'open311']));
    // Overdue and on the 督办 list, extended, with photos.
    expect(concerns.filter((c) => c.dueAt && c.dueAt < startedAt).length).toBeGreaterThan(0);
    expect(concerns.filter((c) => c.escalated && c.status !== 'closed').length).toBeGreaterThan(0);
    expect(concerns.filter((c) => c.extensionCount > 0).length).toBeGreaterThan(0);
    expect(concerns.filter((c) => c.pendingExtensionDays !== null).length).toBeGreaterThan(0);
    expect(await ds.getRepository(ConcernPhoto).count()).toBeGreaterThan(5);
  });

  it('leaves no concern without the app waiting past its 回访期: the street called the unrated ones back, 未回访 after the last attempt', async () => {
    const concerns = await ds.getRepository(Concern).find();
    const noApp = concerns.filter((c) => isNoAppSource(c.source));
    const waiting = noApp.filter((c) => c.status === 'awaiting_rating');
    const overdue = waiting.filter((c) => c.dueKind === 'callback' && c.dueAt !== null && c.dueAt < startedAt);
    const unreached = noApp.filter((c) => c.callbackUnreached);
    console.log(
      `demo district on ${kind}: ${noApp.length} concerns without the app, ${waiting.length} awaiting their 回访 (${overdue.length} past the 回访期), ${unreached.length} closed as 未回访`,
    );
    expect(waiting.every((c) => c.dueKind === 'callback')).toBe(true);
    expect(overdue).toEqual([]);
    expect(unreached.length).toBeGreaterThan(0);
    expect(unreached.every((c) => c.status === 'closed' && c.ratedAt === null)).toBe(true);
    // No concern without the app was closed by a clock.
    const expired = await ds.getRepository(ConcernEvent).find({ where: { action: 'expire-rating' }, select: { concernId: true } });
    const noAppIds = new Set(noApp.map((c) => c.id));
    expect(expired.filter((e) => noAppIds.has(e.concernId))).toEqual([]);
  });

  it('dates each concern and each step over the last 60 days, as the workflow did them on the seeded clock', async () => {
    const concerns = await ds.getRepository(Concern).find();
    const oldest = startedAt.getTime() - DEMO_HISTORY_DAYS * DAY_MS - DAY_MS;
    expect(concerns.every((c) => c.createdAt.getTime() >= oldest && c.createdAt.getTime() <= Date.now())).toBe(true);
    const days = new Set(concerns.map((c) => shanghaiDate(c.createdAt)));
    expect(days.size).toBeGreaterThanOrEqual(40);
    // The human code carries the day of the report.
    expect(concerns.every((c) => c.code === `XH${shanghaiDate(c.createdAt).replaceAll('-', '')}-${String(c.id).padStart(4, '0')}`)).toBe(
      true,
    );
    const events = await ds.getRepository(ConcernEvent).find({ order: { id: 'ASC' } });
    const created = new Map(concerns.map((c) => [c.id, c.createdAt.getTime()]));
    // Each timeline starts at the report and runs forward in time.
    const last = new Map<number, number>();
    for (const e of events) {
      const at = e.createdAt.getTime();
      expect(at).toBeGreaterThanOrEqual(last.get(e.concernId) ?? created.get(e.concernId)!);
      last.set(e.concernId, at);
    }
    // The replayed sweep chased late work on its day, not all at the seeding.
    const chases = events.filter((e) => e.action === 'chase' && e.actorRole === 'system');
    expect(new Set(chases.map((e) => shanghaiDate(e.createdAt))).size).toBeGreaterThan(10);
  });

  it('keeps the badge and rate counts exactly as counted from scratch, for the supervisor, the dispatchers and the handlers', async () => {
    const accounts = await ds.getRepository(StaffAccount).find();
    const busiest = async (column: 'street_id' | 'lead_department_id'): Promise<number> =>
      Number(
        (await ds.query(`SELECT ${column} AS k FROM concern WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY COUNT(*) DESC`))[0].k,
      );
    const street = await busiest('street_id');
    const department = await busiest('lead_department_id');
    const actor = staffActorOf;
    const actors = [
      accounts.find((a) => a.role === 'supervisor')!,
      accounts.find((a) => a.role === 'dispatcher' && a.streetId === street)!,
      accounts.find((a) => a.role === 'handler' && a.departmentId === department)!,
    ].map(actor);
    // With the service's own sweep held: its chase moving a count between the two readings is not a difference.
    await app.get(JobScheduler).pauseWhile(async () => {
      const now = new Date();
      await expectKeptEqualsFromScratch(app, actors, ratePeriods(now), now);
    });
  });

  it('gives 演示居民 concerns in several states, one awaiting their rating, and visit sign-ups', async () => {
    const resident = await ds.getRepository(Resident).findOneByOrFail({ isDemo: true, nickname: DEMO_RESIDENT_NICKNAME });
    const own = await ds.getRepository(Concern).findBy({ residentId: resident.id });
    expect(new Set(own.map((c) => c.status)).size).toBeGreaterThanOrEqual(5);
    expect(own.some((c) => c.status === 'awaiting_rating')).toBe(true);
    expect(await ds.getRepository(VisitSignup).countBy({ residentId: resident.id })).toBeGreaterThanOrEqual(1);

    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/preview/demo-resident' });
    expect(login.statusCode).toBe(200);
    const token = (login.json() as { token: string }).token;
    const mine = await app.inject({ method: 'GET', url: '/api/v1/concerns/mine', headers: { authorization: `Bearer ${token}` } });
    expect((mine.json() as { items: unknown[] }).items.length).toBe(own.length);
    const config = await app.inject({ method: 'GET', url: '/api/v1/client-config' });
    expect(config.json()).toMatchObject({ login: 'preview', demoResident: true });
  });

  it("has neighbours following a few open concerns (附议), some rating the reply, and fills the dashboard's most followed", async () => {
    const follows = await ds.getRepository(ConcernFollower).find();
    const followed = await ds.getRepository(Concern).find({ where: { id: In([...new Set(follows.map((f) => f.concernId))]) } });
    const rated = follows.filter((f) => f.ratedAt !== null);
    console.log(`demo district on ${kind}: ${follows.length} follows of ${followed.length} concerns, ${rated.length} follower ratings`);
    expect(followed.length).toBeGreaterThanOrEqual(3);
    for (const c of followed) {
      const own = follows.filter((f) => f.concernId === c.id);
      expect(c.followerCount).toBe(own.length);
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(4);
      expect(own.some((f) => f.residentId === c.residentId)).toBe(false);
      expect(c.confidential).toBe(false);
    }
    expect(followed.some((c) => !['closed', 'rejected', 'withdrawn', 'merged'].includes(c.status))).toBe(true);
    // Rated through the follower-rating path: only after the reply was published.
    expect(rated.length).toBeGreaterThan(0);
    const ratedConcerns = followed.filter((c) => rated.some((f) => f.concernId === c.id));
    expect(ratedConcerns.every((c) => c.status === 'awaiting_rating' || c.status === 'closed')).toBe(true);

    const supervisor = await createStaff(app, 'demo-check.supervisor', 'supervisor');
    const res = await app.inject({ method: 'GET', url: '/api/v1/admin/stats/most-followed', headers: supervisor });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { items: MostFollowedConcernView[] }).items.length).toBeGreaterThan(0);
  });

  it("has about a fifth of the closed concerns agreeing to publication, and each busy street's board shows a few, masked", async () => {
    const closed = await ds.getRepository(Concern).findBy({ status: 'closed' });
    const consenting = closed.filter((c) => c.publishConsent);
    const cases = await ds.getRepository(ConcernPublicCase).find();
    const streets = await ds.getRepository(Street).find();
    const streetIds = [...new Set(cases.map((p) => p.streetId))];
    console.log(
      `demo district on ${kind}: ${consenting.length} of ${closed.length} closed concerns agreed to publication, ${cases.length} published in ${streetIds.length} streets`,
    );
    expect(consenting.length / closed.length).toBeGreaterThan(0.1);
    expect(consenting.length / closed.length).toBeLessThan(0.3);
    expect(streetIds.length).toBeGreaterThanOrEqual(2);
    for (const streetId of streetIds) {
      const street = streets.find((s) => s.id === streetId)!;
      const res = await app.inject({ method: 'GET', url: `/api/v1/board?street=${street.code}` });
      expect(res.statusCode).toBe(200);
      const board = res.json() as BoardView;
      expect(board.items.map((i) => i.id).sort()).toEqual(
        cases
          .filter((p) => p.streetId === streetId)
          .map((p) => p.concernId)
          .sort(),
      );
      const shown = await ds.getRepository(Concern).findBy({ id: In(board.items.map((i) => i.id)) });
      expect(shown.every((c) => !c.confidential && c.publishConsent && c.status === 'closed')).toBe(true);
      expect(board.items.every((i) => i.text.startsWith('【演示】'))).toBe(true);
    }
    // The number a resident left is shown masked, as publish-case masks it.
    const texts = cases.map((p) => p.publicText);
    expect(texts.some((t) => t.includes(MASKED_PHONE))).toBe(true);
    expect(texts.filter((t) => /1[3-9]\d{9}/.test(t))).toEqual([]);
  });

  it('gives the workbench reply templates for the common categories and a knowledge base, one entry in traditional characters', async () => {
    const supervisor = await createStaff(app, 'demo-check.knowledge', 'supervisor');
    const templates = (
      (await app.inject({ method: 'GET', url: '/api/v1/admin/reply-templates', headers: supervisor })).json() as {
        items: ReplyTemplateView[];
      }
    ).items;
    expect(new Set(templates.filter((t) => t.kind === 'reply').map((t) => t.categoryId)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(templates.filter((t) => t.kind === 'rejection').map((t) => t.categoryId)).size).toBeGreaterThanOrEqual(2);
    expect(templates.every((t) => templatePlaceholders(t.text).used.length > 0 && t.text.startsWith('【演示】'))).toBe(true);

    const knowledge = (
      await app.inject({ method: 'GET', url: '/api/v1/admin/knowledge?limit=50', headers: supervisor })
    ).json() as KnowledgeListView;
    expect(knowledge.items.length).toBeGreaterThanOrEqual(5);
    expect(knowledge.items.length).toBeLessThanOrEqual(8);
    expect(knowledge.items.every((k) => k.source.length > 0)).toBe(true);
    // Written in traditional characters, found by a search in simplified ones.
    const found = (
      await app.inject({ method: 'GET', url: `/api/v1/admin/knowledge?q=${encodeURIComponent('绿地被占用')}`, headers: supervisor })
    ).json() as KnowledgeListView;
    expect(found.items.map((k) => k.title)).toEqual(['【演示】公共綠地被佔用的處理']);
  });

  it('adds nothing when the service starts again on the same database', async () => {
    const count = async (source: DataSource) => ({
      concerns: await source.getRepository(Concern).count(),
      events: await source.getRepository(ConcernEvent).count(),
      residents: await source.getRepository(Resident).count(),
      signups: await source.getRepository(VisitSignup).count(),
      follows: await source.getRepository(ConcernFollower).count(),
      publicCases: await source.getRepository(ConcernPublicCase).count(),
      templates: await source.getRepository(ReplyTemplate).count(),
      knowledge: await source.getRepository(KnowledgeEntry).count(),
    });
    const before = await count(ds);
    await app.close();
    app = await createApp(testConfig(db.url, { MANYI_DEMO: '1' }));
    ds = app.get(DataSource);
    // Only the real sweep could add a chase, and it has not run yet: the counts are the same.
    expect(await count(ds)).toEqual(before);
    expect(await app.get(DemoDistrictSeeder).seed()).toBeNull();
    expect(await count(ds)).toEqual(before);
  }, 120_000);
});

describe.each(TEST_DATABASES)('without demo mode on %s', (kind) => {
  it('seeds no demo district, and 演示居民 cannot sign in', async () => {
    const db = await createTestDatabase(kind);
    try {
      const app = await createApp(testConfig(db.url, { MANYI_DEMO: '0' }));
      try {
        const ds = app.get(DataSource);
        expect(await app.get(DemoDistrictSeeder).seed()).toBeNull();
        expect(await ds.getRepository(Concern).count()).toBe(0);
        expect(await ds.getRepository(Resident).count()).toBe(0);
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/preview/demo-resident' });
        expect(login.statusCode).toBe(404);
        expect((login.json() as { error: { message: string } }).error.message).toMatch(/演示/);
      } finally {
        await app.close();
      }
    } finally {
      await db.drop();
    }
  }, 60_000);
});
