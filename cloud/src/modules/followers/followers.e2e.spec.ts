import { MAX_NOTIFICATIONS_READ, peopleCount, shanghaiDate } from '@manyi/shared';
import { DataSource } from 'typeorm';
import {
  CJK,
  call,
  concernAt,
  directoryIds,
  errorOf,
  snapshot,
  staffSession,
  submitConcern,
  walkTo,
  type Caller,
  type Json,
  type WalkCrew,
} from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { Notification } from '../notifications/notification.entity.js';
import { ConcernFollower } from './concern-follower.entity.js';

/**
 * 附议 and 我的消息 (issue 17): following someone else's concern instead of filing it twice, the follower's
 * messages and rating, the staff's follower counts, and the resident's notifications read state.
 */
describe.each(TEST_DATABASES)('附议 and 我的消息 on %s', (kind) => {
  let sut: TestApp;
  let reporter: Caller & { id: number };
  let neighbour: Caller & { id: number };
  let stranger: Caller & { id: number };
  let crew: WalkCrew;
  let dispatcherFenglin: Caller;
  let supervisor: Caller;
  let hengyi: number;
  let otherCompound: number;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    reporter = await createResident(sut.app, '王阿姨');
    neighbour = await createResident(sut.app, '邻居小张');
    stranger = await createResident(sut.app, '陌生人');
    const dispatcher = await staffSession(sut.app, 'dispatcher.follow', 'dispatcher', 'xietu');
    const handler = await staffSession(sut.app, 'handler.follow', 'handler', 'xietu-guanli');
    dispatcherFenglin = await staffSession(sut.app, 'dispatcher.follow.fl', 'dispatcher', 'fenglin');
    supervisor = await staffSession(sut.app, 'supervisor.follow', 'supervisor');
    const ids = await directoryIds(sut.app);
    crew = { resident: reporter, dispatcher, handler, departmentId: ids.department('xietu-guanli') };
    hengyi = ids.compound('xietu-hengyi');
    otherCompound = ids.compound('xietu-zhaoqing');
  });
  afterAll(async () => {
    await sut?.close();
  });

  const follow = (who: Caller, id: number | string, body: unknown = { compoundId: hengyi }) =>
    call(sut.app, 'POST', `/api/v1/concerns/${id}/follow`, who, body);
  const unfollow = (who: Caller, id: number) => call(sut.app, 'DELETE', `/api/v1/concerns/${id}/follow`, who);
  const followers = async (id: number) => sut.app.get(DataSource).getRepository(ConcernFollower).countBy({ concernId: id });

  it('walks 附议: B follows A’s concern, hears the acceptance and the reply, rates it; only A’s rating is in the rates; the workbench counts 2 people', async () => {
    const today = shanghaiDate(new Date());
    const ratesBefore = (await call(sut.app, 'GET', `/api/v1/admin/stats/overview?from=${today}&to=${today}&street=xietu`, crew.dispatcher))
      .body.total as Json;
    const concern = await submitConcern(sut.app, reporter);
    const followed = await follow(neighbour, concern.id);
    expect(followed.status).toBe(200);
    expect(followed.body).toEqual({ concernId: concern.id, following: true, followerCount: 1 });

    const asFollower = (await call(sut.app, 'GET', `/api/v1/concerns/${concern.id}`, neighbour)).body;
    expect(asFollower).toMatchObject({
      viewerRole: 'follower',
      followedByMe: true,
      canFollow: false,
      phone: null,
      address: null,
      photoIds: [],
    });
    const asReporter = (await call(sut.app, 'GET', `/api/v1/concerns/${concern.id}`, reporter)).body;
    expect(asReporter).toMatchObject({
      viewerRole: 'reporter',
      followedByMe: false,
      canFollow: false,
      followerCount: 1,
      publishConsent: false,
    });

    await walkTo(sut.app, concern.id, 'awaiting_rating', crew);
    const messages = (await call(sut.app, 'GET', '/api/v1/notifications', neighbour)).body;
    const kinds = (messages.items as Json[]).filter((n) => n.concernId === concern.id).map((n) => n.kind);
    expect(kinds).toEqual(['reply_published', 'accepted']);
    expect((messages.items as Json[])[0]).toMatchObject({ title: '您附议的诉求已有答复', read: false, readAt: null });
    expect(messages.unread).toBe(2);

    // Both rate: the reporter through the rating (the loop's), the follower through their own route.
    const followerRating = await call(sut.app, 'POST', `/api/v1/concerns/${concern.id}/follower-rating`, neighbour, {
      solved: false,
      satisfaction: 'unsatisfied',
      comment: '我家门口还是有',
    });
    expect(followerRating.status).toBe(200);
    expect(followerRating.body).toMatchObject({ solved: false, satisfaction: 'unsatisfied', comment: '我家门口还是有' });
    const reporterRating = await call(sut.app, 'POST', `/api/v1/concerns/${concern.id}/rating`, reporter, {
      solved: true,
      satisfaction: 'satisfied',
    });
    expect(reporterRating.body.status).toBe('closed');
    // The follower's unsatisfied rating reopened nothing and is not in the three rates: one rating, satisfied.
    const ratesAfter = (await call(sut.app, 'GET', `/api/v1/admin/stats/overview?from=${today}&to=${today}&street=xietu`, crew.dispatcher))
      .body.total as Json;
    expect(Number(ratesAfter.rated) - Number(ratesBefore.rated)).toBe(1);
    expect(Number(ratesAfter.unsatisfied) - Number(ratesBefore.unsatisfied)).toBe(0);
    expect(Number(ratesAfter.satisfied) - Number(ratesBefore.satisfied)).toBe(1);

    const workbench = (await call(sut.app, 'GET', `/api/v1/admin/concerns/${concern.id}`, crew.dispatcher)).body;
    expect(workbench.followerCount).toBe(1);
    expect(peopleCount(workbench.followerCount as number)).toBe(2);
    expect(workbench.followerRatings).toEqual({ rated: 1, solved: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 1 });
    expect(workbench.satisfaction).toBe('satisfied');
    // The closing reaches the follower too; rating twice is refused.
    const closedMessage = (await call(sut.app, 'GET', '/api/v1/notifications?limit=1', neighbour)).body.items as Json[];
    expect(closedMessage[0]).toMatchObject({ kind: 'closed', concernId: concern.id });
    const again = await call(sut.app, 'POST', `/api/v1/concerns/${concern.id}/follower-rating`, neighbour, {
      solved: true,
      satisfaction: 'satisfied',
    });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('FOLLOWER_ALREADY_RATED');
  });

  it('follows idempotently, and unfollowing twice answers the same', async () => {
    const concern = await submitConcern(sut.app, reporter);
    for (let i = 0; i < 2; i++) {
      const res = await follow(stranger, concern.id);
      expect(res.body).toEqual({ concernId: concern.id, following: true, followerCount: 1 });
    }
    expect(await followers(concern.id)).toBe(1);
    for (let i = 0; i < 2; i++) {
      const res = await unfollow(stranger, concern.id);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ concernId: concern.id, following: false, followerCount: 0 });
    }
    // Once unfollowed, the concern is not theirs to read any more.
    expect((await call(sut.app, 'GET', `/api/v1/concerns/${concern.id}`, stranger)).status).toBe(404);
  });

  it('refuses another compound, a confidential, a finished or one’s own concern, with Chinese messages and nothing changed', async () => {
    const open = await submitConcern(sut.app, reporter);
    const confidential = await submitConcern(sut.app, reporter, { confidential: true });
    const closed = await concernAt(sut.app, 'closed', crew);
    const cases: Array<[string, Promise<ReturnType<typeof follow> extends Promise<infer R> ? R : never>, number, string]> = [
      ['another compound', follow(stranger, open.id, { compoundId: otherCompound }), 403, 'FOLLOW_OTHER_COMPOUND'],
      ['confidential', follow(stranger, confidential.id), 404, 'CONCERN_NOT_FOUND'],
      ['closed', follow(stranger, closed.id), 409, 'FOLLOW_NOT_OPEN'],
      ['own', follow(reporter, open.id), 409, 'FOLLOW_OWN_CONCERN'],
      ['unknown', follow(stranger, 987654), 404, 'CONCERN_NOT_FOUND'],
    ];
    for (const [label, pending, status, code] of cases) {
      const res = await pending;
      expect({ label, status: res.status, code: errorOf(res).code }).toEqual({ label, status, code });
      expect(errorOf(res).message).toMatch(CJK);
    }
    for (const id of [open.id, confidential.id, closed.id]) expect(await followers(id)).toBe(0);
    // A follower's rating before any reply, or by someone who does not follow.
    await follow(stranger, open.id);
    const early = await call(sut.app, 'POST', `/api/v1/concerns/${open.id}/follower-rating`, stranger, {
      solved: true,
      satisfaction: 'satisfied',
    });
    expect([early.status, errorOf(early).code]).toEqual([409, 'FOLLOWER_RATING_NOT_OPEN']);
    const notFollowing = await call(sut.app, 'POST', `/api/v1/concerns/${closed.id}/follower-rating`, neighbour, {
      solved: true,
      satisfaction: 'satisfied',
    });
    expect([notFollowing.status, errorOf(notFollowing).code]).toEqual([403, 'NOT_A_FOLLOWER']);
  });

  it('answers bad input with 400 in Chinese and changes nothing', async () => {
    const concern = await submitConcern(sut.app, reporter);
    const before = await snapshot(sut.app);
    const bad: Array<[string, Promise<Awaited<ReturnType<typeof follow>>>]> = [
      ['id not a number', follow(stranger, 'abc')],
      ['empty body', follow(stranger, concern.id, {})],
      ['compound not a number', follow(stranger, concern.id, { compoundId: 'hengyi' })],
      ['extra field', follow(stranger, concern.id, { compoundId: hengyi, followers: 99 })],
      ['rating without answers', call(sut.app, 'POST', `/api/v1/concerns/${concern.id}/follower-rating`, stranger, {})],
      ['read: empty body', call(sut.app, 'POST', '/api/v1/notifications/read', stranger, {})],
      ['read: ids not numbers', call(sut.app, 'POST', '/api/v1/notifications/read', stranger, { ids: ['x'] })],
      ['read: no ids', call(sut.app, 'POST', '/api/v1/notifications/read', stranger, { ids: [] })],
      [
        'read: too many ids',
        call(sut.app, 'POST', '/api/v1/notifications/read', stranger, {
          ids: Array.from({ length: MAX_NOTIFICATIONS_READ + 1 }, (_, i) => i + 1),
        }),
      ],
      ['read: all false', call(sut.app, 'POST', '/api/v1/notifications/read', stranger, { all: false })],
      ['inbox: bad sort', call(sut.app, 'GET', '/api/v1/admin/concerns?sort=loudest', supervisor)],
    ];
    for (const [label, pending] of bad) {
      const res = await pending;
      expect({ label, status: res.status }).toEqual({ label, status: 400 });
      expect(errorOf(res).message).toMatch(CJK);
    }
    expect(await snapshot(sut.app)).toEqual(before);
    expect(await followers(concern.id)).toBe(0);
  });

  it('marks the caller’s notifications read by ids or all, leaves others’ alone, and keeps the first time', async () => {
    const concern = await submitConcern(sut.app, reporter);
    await walkTo(sut.app, concern.id, 'awaiting_rating', crew);
    const page = (await call(sut.app, 'GET', '/api/v1/notifications', reporter)).body;
    const unreadBefore = page.unread as number;
    expect((await call(sut.app, 'GET', '/api/v1/notifications/unread-count', reporter)).body).toEqual({ count: unreadBefore });
    const [newest] = page.items as Json[];
    const othersBefore = (await call(sut.app, 'GET', '/api/v1/notifications/unread-count', neighbour)).body.count as number;
    const theirs = await sut.app.get(DataSource).getRepository(Notification).findOneByOrFail({ residentId: neighbour.id });

    const marked = await call(sut.app, 'POST', '/api/v1/notifications/read', reporter, { ids: [newest!.id, theirs.id] });
    expect(marked.body).toEqual({ marked: 1, unread: unreadBefore - 1 });
    const firstTime = ((await call(sut.app, 'GET', '/api/v1/notifications?limit=1', reporter)).body.items as Json[])[0]!;
    expect(firstTime.read).toBe(true);
    const again = await call(sut.app, 'POST', '/api/v1/notifications/read', reporter, { ids: [newest!.id] });
    expect(again.body).toEqual({ marked: 0, unread: unreadBefore - 1 });
    expect(((await call(sut.app, 'GET', '/api/v1/notifications?limit=1', reporter)).body.items as Json[])[0]!.readAt).toBe(
      firstTime.readAt,
    );
    expect((await call(sut.app, 'GET', '/api/v1/notifications/unread-count', neighbour)).body.count).toBe(othersBefore);

    const all = await call(sut.app, 'POST', '/api/v1/notifications/read', reporter, { all: true });
    expect(all.body).toEqual({ marked: unreadBefore - 1, unread: 0 });
    expect((await call(sut.app, 'GET', '/api/v1/notifications/unread-count', neighbour)).body.count).toBe(othersBefore);
  });

  it('lets staff filter and sort by followers (多人反映) and lists the most-followed open concerns in their scope', async () => {
    const quiet = await submitConcern(sut.app, reporter);
    const loud = await submitConcern(sut.app, reporter);
    const louder = await submitConcern(sut.app, reporter);
    await follow(neighbour, loud.id);
    await follow(neighbour, louder.id);
    await follow(stranger, louder.id);
    const multi = (await call(sut.app, 'GET', '/api/v1/admin/concerns?multi=true&sort=followers&limit=100', crew.dispatcher)).body;
    const ids = (multi.items as Json[]).map((c) => c.id);
    expect(ids).not.toContain(quiet.id);
    expect(ids.indexOf(louder.id)).toBeLessThan(ids.indexOf(loud.id));
    expect((multi.items as Json[]).every((c) => (c.followerCount as number) >= 1)).toBe(true);
    // Paged one at a time, the sort still walks every row once.
    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res = (
        await call(
          sut.app,
          'GET',
          `/api/v1/admin/concerns?multi=true&sort=followers&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          crew.dispatcher,
        )
      ).body;
      seen.push(...(res.items as Json[]).map((c) => c.id));
      cursor = res.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(ids);

    const top = (await call(sut.app, 'GET', '/api/v1/admin/stats/most-followed', crew.dispatcher)).body.items as Json[];
    expect(top[0]).toMatchObject({ id: louder.id, followerCount: 2, compoundName: expect.any(String) });
    const otherStreet = (await call(sut.app, 'GET', '/api/v1/admin/stats/most-followed', dispatcherFenglin)).body.items as Json[];
    expect(otherStreet.map((c) => c.id)).not.toContain(louder.id);
    // Another street's dispatcher does not see the workbench of a followed concern of this street.
    expect((await call(sut.app, 'GET', `/api/v1/admin/concerns/${louder.id}`, dispatcherFenglin)).status).toBe(404);
  });

  it('puts the follows in the data export and removes them with the account', async () => {
    const leaving = await createResident(sut.app, '要注销的居民');
    const concern = await submitConcern(sut.app, reporter);
    await follow(leaving, concern.id);
    const exported = (await call(sut.app, 'GET', '/api/v1/me/export', leaving)).body;
    expect(exported.follows).toEqual([expect.objectContaining({ concernId: concern.id, code: concern.code, rating: null })]);
    const deleted = await call(sut.app, 'DELETE', '/api/v1/me', leaving);
    expect(deleted.status).toBe(204);
    expect(await followers(concern.id)).toBe(0);
    expect((await call(sut.app, 'GET', `/api/v1/admin/concerns/${concern.id}`, crew.dispatcher)).body.followerCount).toBe(0);
  });
});
