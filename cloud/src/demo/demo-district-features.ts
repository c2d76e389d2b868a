import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  followConcernSchema,
  followerRatingSchema,
  isFollowable,
  knowledgeEntrySchema,
  publishCaseSchema,
  REPLY_TEMPLATE_KINDS,
  REPLY_TEMPLATE_TITLE_MAX,
  replyTemplateSchema,
  shanghaiDate,
  type RateConcernInput,
} from '@manyi/shared';
import { In, type DataSource } from 'typeorm';
import type { ResidentActor, StaffActor } from '../common/actor.js';
import { BoardService } from '../modules/board/board.service.js';
import { Concern } from '../modules/concerns/concern.entity.js';
import { Category } from '../modules/directory/category.entity.js';
import { FollowersService } from '../modules/followers/followers.service.js';
import { KnowledgeService } from '../modules/knowledge/knowledge.service.js';
import { DEMO_KNOWLEDGE, DEMO_RATING_COMMENTS, DEMO_REPLY_TEMPLATES, DEMO_TITLE_MARK } from './demo-district-content.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** 附议: this many open concerns awaiting a rating get followers (some rate), and this many others. */
const FOLLOWED_AWAITING_RATING = 4;
const FOLLOWED_OTHER_OPEN = 4;
/** A follower of a concern awaiting its rating rates it this often, through the follower-rating path. */
const FOLLOWER_RATES_SHARE = 0.6;
/** 已办结: the busiest streets (by cases that may be shown) each publish this many. */
const BOARD_STREETS = 3;
const BOARD_CASES_PER_STREET = 3;
/** 答复模板 for the most common categories of the demo district. */
const TEMPLATE_CATEGORIES = 3;

/** One demo concern as the district seeder filed it. */
export interface DemoFiledConcern {
  concernId: number;
  reporter: ResidentActor | null;
  categoryId: number;
  /** Its description carries a contact line (a mobile number the board shows masked). */
  withContact: boolean;
}

/**
 * The features beside the workflow in the demo district, seeded through their own services after the
 * district's timeline: 附议 (neighbours follow a few open concerns, some rate the reply), the public 已办结
 * board (a street's dispatcher publishes a few closed concerns whose reporter agreed), and the workbench's
 * 答复模板 and 政策知识库 (written by the district supervisor). Draws only from its own seeded random, so
 * the district's concerns are the same with or without it.
 */
@Injectable()
export class DemoDistrictFeatures {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly followers: FollowersService,
    private readonly board: BoardService,
    private readonly knowledge: KnowledgeService,
  ) {}

  async seed(input: {
    filed: DemoFiledConcern[];
    neighbours: ResidentActor[];
    dispatcherOf: (streetId: number) => StaffActor;
    supervisor: StaffActor;
    next: () => number;
    now: Date;
  }): Promise<{ follows: number; followerRatings: number; published: number; templates: number; knowledge: number }> {
    const concerns = await this.dataSource.getRepository(Concern).find({
      where: { id: In(input.filed.map((f) => f.concernId)) },
      order: { id: 'ASC' },
    });
    const follows = await this.follow(input, concerns);
    const published = await this.publish(input, concerns);
    const templates = await this.templates(input);
    const knowledge = await this.knowledgeEntries(input);
    return { ...follows, published, templates, knowledge };
  }

  /** Neighbours follow a few open concerns (one to four each, never their own); some rate a published reply. */
  private async follow(
    input: { filed: DemoFiledConcern[]; neighbours: ResidentActor[]; next: () => number; now: Date },
    concerns: Concern[],
  ): Promise<{ follows: number; followerRatings: number }> {
    const { next } = input;
    const shuffled = <T>(items: T[]): T[] =>
      items
        .map((item) => ({ item, key: next() }))
        .sort((a, b) => a.key - b.key)
        .map((x) => x.item);
    const open = concerns.filter((c) => isFollowable(c));
    const chosen = [
      ...shuffled(open.filter((c) => c.status === 'awaiting_rating')).slice(0, FOLLOWED_AWAITING_RATING),
      ...shuffled(open.filter((c) => c.status !== 'awaiting_rating')).slice(0, FOLLOWED_OTHER_OPEN),
    ];
    let follows = 0;
    let followerRatings = 0;
    for (const concern of chosen) {
      const count = 1 + Math.floor(next() * 4);
      const who = shuffled(input.neighbours.filter((r) => r.residentId !== concern.residentId)).slice(0, count);
      for (const resident of who) {
        await this.followers.follow(resident, concern.id, followConcernSchema.parse({ compoundId: concern.compoundId }));
        follows++;
        if (concern.status === 'awaiting_rating' && next() < FOLLOWER_RATES_SHARE) {
          await this.followers.rate(resident, concern.id, followerRatingSchema.parse(this.rating(next)), input.now);
          followerRatings++;
        }
      }
    }
    return { follows, followerRatings };
  }

  private rating(next: () => number): RateConcernInput {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const r = next();
    if (r < 0.6) return { solved: true, satisfaction: 'satisfied', comment: pick(DEMO_RATING_COMMENTS.satisfied) };
    if (r < 0.85) return { solved: true, satisfaction: 'basic', comment: pick(DEMO_RATING_COMMENTS.basic) };
    return { solved: false, satisfaction: 'unsatisfied', comment: pick(DEMO_RATING_COMMENTS.unsatisfied) };
  }

  /**
   * The busiest streets' dispatchers publish a few of their closed concerns whose reporter agreed, those
   * with a contact line first (the board shows the number masked), a day or two after the closing. The
   * text shown carries 【演示】; publish-case masks it as it masks any staff text.
   */
  private async publish(
    input: { filed: DemoFiledConcern[]; dispatcherOf: (streetId: number) => StaffActor; next: () => number; now: Date },
    concerns: Concern[],
  ): Promise<number> {
    const withContact = new Set(input.filed.filter((f) => f.withContact).map((f) => f.concernId));
    const byStreet = new Map<number, Concern[]>();
    for (const c of concerns)
      if (c.status === 'closed' && c.publishConsent && !c.confidential) byStreet.set(c.streetId, [...(byStreet.get(c.streetId) ?? []), c]);
    const busiest = [...byStreet].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]).slice(0, BOARD_STREETS);
    let published = 0;
    for (const [streetId, cases] of busiest) {
      const chosen = [...cases]
        .sort((a, b) => Number(withContact.has(b.id)) - Number(withContact.has(a.id)) || a.id - b.id)
        .slice(0, BOARD_CASES_PER_STREET);
      for (const c of chosen) {
        const at = Math.min((c.closedAt ?? input.now).getTime() + (1 + input.next()) * DAY_MS, input.now.getTime());
        await this.board.publish(
          input.dispatcherOf(streetId),
          c.id,
          publishCaseSchema.parse({ text: `${DEMO_TITLE_MARK}${c.description}` }),
          new Date(at),
        );
        published++;
      }
    }
    return published;
  }

  /** A reply and a rejection template for each of the district's most common categories. */
  private async templates(input: { filed: DemoFiledConcern[]; supervisor: StaffActor }): Promise<number> {
    const counts = new Map<number, number>();
    for (const f of input.filed) counts.set(f.categoryId, (counts.get(f.categoryId) ?? 0) + 1);
    const top = [...counts]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, TEMPLATE_CATEGORIES)
      .map(([id]) => id);
    const categories = await this.dataSource.getRepository(Category).findBy({ id: In(top) });
    let made = 0;
    for (const id of top) {
      const category = categories.find((c) => c.id === id)!;
      for (const kind of REPLY_TEMPLATE_KINDS) {
        const template = DEMO_REPLY_TEMPLATES[kind];
        await this.knowledge.createTemplate(
          input.supervisor,
          replyTemplateSchema.parse({
            categoryId: id,
            kind,
            title: `${DEMO_TITLE_MARK}${template.title}·${category.name}`.slice(0, REPLY_TEMPLATE_TITLE_MAX),
            text: template.text,
          }),
        );
        made++;
      }
    }
    return made;
  }

  private async knowledgeEntries(input: { supervisor: StaffActor; now: Date }): Promise<number> {
    for (const entry of DEMO_KNOWLEDGE)
      await this.knowledge.createEntry(
        input.supervisor,
        knowledgeEntrySchema.parse({
          title: entry.title,
          text: entry.text,
          source: entry.source,
          validUntil: entry.validDays === null ? null : shanghaiDate(new Date(input.now.getTime() + entry.validDays * DAY_MS)),
        }),
      );
    return DEMO_KNOWLEDGE.length;
  }
}
