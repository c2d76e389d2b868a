import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  FINAL_CONCERN_STATUSES,
  FOLLOWER_RATING_STATUSES,
  isFollowable,
  MOST_FOLLOWED_LIMIT,
  MULTI_REPORT_MIN_FOLLOWERS,
  type ConcernFollowView,
  type ConcernNotificationKind,
  type ConcernStatus,
  type FollowConcernInput,
  type FollowerRatingInput,
  type FollowerRatingsSummary,
  type FollowerRatingView,
  type MostFollowedConcernView,
  type MyFollowExportView,
} from '@manyi/shared';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { entityRows, readRaw } from '../../database/plain-rows.js';
import type { ResidentActor, StaffActor } from '../../common/actor.js';
import { ConcernFollowers } from '../concerns/concern-followers.js';
import { applyConcernScope } from '../concerns/concern-scope.js';
import { Concern } from '../concerns/concern.entity.js';
import { NotificationOutbox } from '../notifications/notification-outbox.js';
import { ConcernFollower } from './concern-follower.entity.js';

/** What a follower reads in 我的消息: the reporter's messages say 您反映的, theirs 您附议的. */
const FOLLOWER_NOTIFY: Record<ConcernNotificationKind, { title: string; body: (title: string) => string }> = {
  accepted: { title: '您附议的诉求已受理', body: (t) => `您附议的「${t}」已受理，我们会尽快派单办理。` },
  rejected: { title: '您附议的诉求未予受理', body: (t) => `您附议的「${t}」未予受理。` },
  reply_published: { title: '您附议的诉求已有答复', body: (t) => `您附议的「${t}」已有答复，欢迎查看并评价。` },
  closed: { title: '您附议的诉求已办结', body: (t) => `您附议的「${t}」已办结。` },
};

/** Recounts `concern.follower_count` from the rows (a plain UPDATE: the concern's version and updated_at stay). */
async function recount(em: EntityManager, concernIds: number[]): Promise<void> {
  for (const id of new Set(concernIds))
    await em.query('UPDATE concern SET follower_count = (SELECT COUNT(*) FROM concern_follower WHERE concern_id = ?) WHERE id = ?', [
      id,
      id,
    ]);
}

function ratingView(f: ConcernFollower): FollowerRatingView | null {
  if (!f.ratedAt || f.solved === null || !f.satisfaction) return null;
  return { solved: f.solved, satisfaction: f.satisfaction, comment: f.ratingComment, ratedAt: f.ratedAt.toISOString() };
}

/** 附议: follow, unfollow, the follower's rating; what staff and the export read of it. */
@Injectable()
export class FollowersService implements ConcernFollowers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: NotificationOutbox,
  ) {}

  /**
   * The followers of a concern hear its public progress like the reporter: one notification each, in the
   * transaction of the step (ConcernWorkflow.step), so the outbox delivers theirs the same way.
   */
  async notifyFollowers(em: EntityManager, concern: Pick<Concern, 'id' | 'title'>, kind: ConcernNotificationKind): Promise<void> {
    const followers = await em.find(ConcernFollower, { where: { concernId: concern.id }, select: { residentId: true } });
    const message = FOLLOWER_NOTIFY[kind];
    await this.outbox.enqueueAll(
      em,
      followers.map((f) => ({
        residentId: f.residentId,
        concernId: concern.id,
        kind,
        title: message.title,
        body: message.body(concern.title).slice(0, 500),
      })),
    );
  }

  /**
   * Follows an open, non-confidential concern of the caller's compound that is not their own. Following
   * again answers the same (even once it has closed). A confidential concern is the 404 of an unknown one:
   * a resident never learns it exists.
   */
  async follow(actor: ResidentActor, concernId: number, input: FollowConcernInput): Promise<ConcernFollowView> {
    return this.dataSource.transaction(async (em) => {
      const concern = await this.visible(em, concernId, actor);
      const existing = await em.findOneBy(ConcernFollower, { concernId, residentId: actor.residentId });
      if (!existing) {
        if (concern.compoundId !== input.compoundId) throw new AppException('FOLLOW_OTHER_COMPOUND');
        if (!isFollowable(concern)) throw new AppException('FOLLOW_NOT_OPEN');
        // Two taps at once: the unique key keeps one row, the second insert is ignored.
        await em
          .createQueryBuilder()
          .insert()
          .into(ConcernFollower)
          .values({ concernId, residentId: actor.residentId })
          .orIgnore()
          .updateEntity(false)
          .execute();
        await recount(em, [concernId]);
      }
      return this.view(em, concernId, true);
    });
  }

  /** Stops following; not following answers the same. The follower's rating goes with the row. */
  async unfollow(actor: ResidentActor, concernId: number): Promise<ConcernFollowView> {
    return this.dataSource.transaction(async (em) => {
      await this.visible(em, concernId, actor);
      const removed = await em.delete(ConcernFollower, { concernId, residentId: actor.residentId });
      if (removed.affected) await recount(em, [concernId]);
      return this.view(em, concernId, false);
    });
  }

  /** The follower's own rating of the published reply: once, apart from the reporter's, not in the three rates. */
  async rate(actor: ResidentActor, concernId: number, input: FollowerRatingInput, now = new Date()): Promise<FollowerRatingView> {
    return this.dataSource.transaction(async (em) => {
      const concern = await this.visible(em, concernId, actor);
      const row = await em.findOneBy(ConcernFollower, { concernId, residentId: actor.residentId });
      if (!row) throw new AppException('NOT_A_FOLLOWER');
      if (!(FOLLOWER_RATING_STATUSES as readonly ConcernStatus[]).includes(concern.status))
        throw new AppException('FOLLOWER_RATING_NOT_OPEN');
      // Conditional: of two ratings sent at once, one is kept.
      const done = await em.update(
        ConcernFollower,
        { id: row.id, ratedAt: IsNull() },
        { solved: input.solved, satisfaction: input.satisfaction, ratingComment: input.comment || null, ratedAt: now },
      );
      if (!done.affected) throw new AppException('FOLLOWER_ALREADY_RATED');
      return ratingView((await em.findOneByOrFail(ConcernFollower, { id: row.id }))!)!;
    });
  }

  /**
   * The concern as a resident other than the reporter may meet it: not confidential (else 404), and not
   * their own (409 FOLLOW_OWN_CONCERN).
   */
  private async visible(em: EntityManager, concernId: number, actor: ResidentActor): Promise<Concern> {
    const concern = await em.findOneBy(Concern, { id: concernId });
    if (!concern || concern.confidential) throw new AppException('CONCERN_NOT_FOUND');
    if (concern.residentId === actor.residentId) throw new AppException('FOLLOW_OWN_CONCERN');
    return concern;
  }

  private async view(em: EntityManager, concernId: number, following: boolean): Promise<ConcernFollowView> {
    const c = await em.findOneOrFail(Concern, { where: { id: concernId }, select: { id: true, followerCount: true } });
    return { concernId, following, followerCount: c.followerCount };
  }

  /** The resident detail's follow fields, for the reporter or anyone else. */
  async residentContext(
    concern: Concern,
    residentId: number,
  ): Promise<{ followedByMe: boolean; canFollow: boolean; myFollowerRating: FollowerRatingView | null }> {
    if (concern.residentId === residentId) return { followedByMe: false, canFollow: false, myFollowerRating: null };
    const rows = entityRows(this.dataSource.manager, ConcernFollower);
    const row = await rows.readOne(
      `SELECT ${rows.columns('f')} FROM concern_follower f WHERE f.concern_id = :concernId AND f.resident_id = :residentId`,
      { concernId: concern.id, residentId },
    );
    return { followedByMe: !!row, canFollow: !row && isFollowable(concern), myFollowerRating: row ? ratingView(row) : null };
  }

  async isFollower(concernId: number, residentId: number): Promise<boolean> {
    const found = await readRaw(
      this.dataSource.manager,
      'SELECT 1 AS found FROM concern_follower f WHERE f.concern_id = :concernId AND f.resident_id = :residentId',
      { concernId, residentId },
    );
    return found.length > 0;
  }

  /** Staff: the followers' ratings of a concern, counted apart. */
  async ratingsSummary(concernId: number): Promise<FollowerRatingsSummary> {
    // Plain SQL: the staff detail asks this on every open (plain-rows.ts).
    const followers = entityRows(this.dataSource.manager, ConcernFollower);
    const rated = await followers.read(
      `SELECT ${followers.columns('f', ['solved', 'satisfaction'])} FROM concern_follower f WHERE f.concern_id = :concernId AND f.rated_at IS NOT NULL`,
      { concernId },
    );
    return {
      rated: rated.length,
      solved: rated.filter((r) => r.solved).length,
      satisfied: rated.filter((r) => r.satisfaction === 'satisfied').length,
      basicallySatisfied: rated.filter((r) => r.satisfaction === 'basic').length,
      unsatisfied: rated.filter((r) => r.satisfaction === 'unsatisfied').length,
    };
  }

  /** The dashboard's 多人反映: open concerns in the caller's scope with followers, most followed first. */
  async mostFollowed(actor: StaffActor): Promise<MostFollowedConcernView[]> {
    const rows = await applyConcernScope(this.dataSource.getRepository(Concern).createQueryBuilder('c'), actor)
      .innerJoin('c.compound', 'compound')
      .addSelect(['compound.name'])
      .andWhere('c.follower_count >= :min', { min: MULTI_REPORT_MIN_FOLLOWERS })
      .andWhere('c.status NOT IN (:...final)', { final: FINAL_CONCERN_STATUSES })
      .orderBy('c.follower_count', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(MOST_FOLLOWED_LIMIT)
      .getMany();
    return rows.map((c) => ({
      id: c.id,
      code: c.code ?? '',
      title: c.title,
      status: c.status,
      streetId: c.streetId,
      compoundId: c.compoundId,
      compoundName: c.compound?.name ?? '',
      followerCount: c.followerCount,
      createdAt: c.createdAt.toISOString(),
    }));
  }

  /** The resident's data export: what they follow and how they rated it. */
  async exportFor(em: EntityManager, residentId: number): Promise<MyFollowExportView[]> {
    const rows = await em.find(ConcernFollower, { where: { residentId }, order: { id: 'ASC' } });
    if (rows.length === 0) return [];
    const concerns = await em.find(Concern, {
      where: { id: In(rows.map((r) => r.concernId)) },
      select: { id: true, code: true, title: true },
    });
    const byId = new Map(concerns.map((c) => [c.id, c]));
    return rows.map((r) => ({
      concernId: r.concernId,
      code: byId.get(r.concernId)?.code ?? '',
      title: byId.get(r.concernId)?.title ?? '',
      followedAt: r.createdAt.toISOString(),
      rating: ratingView(r),
    }));
  }

  /** Account deletion: the resident's follows (and their ratings) go; the concerns' counts follow. */
  async deleteFor(em: EntityManager, residentId: number): Promise<number> {
    const rows = await em.find(ConcernFollower, { where: { residentId }, select: { id: true, concernId: true } });
    if (rows.length === 0) return 0;
    await em.delete(ConcernFollower, { residentId });
    await recount(
      em,
      rows.map((r) => r.concernId),
    );
    return rows.length;
  }
}
