import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CONCERN_STATUSES,
  callbackConcernSchema,
  coHandlerDeclineSchema,
  coHandlerPartSchema,
  coHandlerSignDueAt,
  createConcernSchema,
  dispatchConcernSchema,
  extendConcernSchema,
  isFinalStatus,
  isNoAppSource,
  isWorkingDay,
  rateConcernSchema,
  rejectConcernSchema,
  replyConcernSchema,
  resolveDueAt,
  returnConcernSchema,
  reviewDueAt,
  sendBackReplySchema,
  shanghaiDate,
  signDueAt,
  triageDueAt,
  dispatchDueAt,
  shanghaiHour,
  startOfShanghaiDay,
  type DeadlineRules,
  type RateConcernInput,
  type StaffConcernAction,
  type StaffActionBodies,
} from '@manyi/shared';
import sharp from 'sharp';
import { In, type DataSource } from 'typeorm';
import { seededRandom } from '../common/random/seeded-random.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { staffActorOf, type ResidentActor, type StaffActor } from '../common/actor.js';
import { Resident } from '../modules/auth/resident.entity.js';
import { StaffAccount } from '../modules/auth/staff-account.entity.js';
import { ConcernActionsService } from '../modules/concerns/concern-actions.service.js';
import { ConcernCoHandlingService } from '../modules/concerns/concern-co-handling.service.js';
import { ConcernSweepService } from '../modules/concerns/concern-sweep.service.js';
import { ConcernsService } from '../modules/concerns/concerns.service.js';
import { Concern } from '../modules/concerns/concern.entity.js';
import { DeadlineRulesService } from '../modules/deadlines/deadline-rules.service.js';
import { Category } from '../modules/directory/category.entity.js';
import { Compound } from '../modules/directory/compound.entity.js';
import { Department } from '../modules/directory/department.entity.js';
import { RoutingService } from '../modules/directory/routing.service.js';
import { Street } from '../modules/directory/street.entity.js';
import { UploadsService } from '../modules/uploads/uploads.service.js';
import { Visit } from '../modules/visits/visit.entity.js';
import { VisitSignupsService } from '../modules/visits/visit-signups.service.js';
import { DemoDistrictFeatures } from './demo-district-features.js';
import {
  DEMO_CO_HANDLER_DECLINES,
  DEMO_CONTACT_LINES,
  DEMO_CO_HANDLER_PARTS,
  DEMO_CO_HANDLER_WAIVERS,
  DEMO_EXTENSION_REASONS,
  DEMO_NEIGHBOURS,
  DEMO_RATING_COMMENTS,
  DEMO_REJECT_REASONS,
  DEMO_REPLIES,
  DEMO_REPORTS,
  DEMO_RETURNS,
  DEMO_SEND_BACK_REASONS,
  DEMO_TITLE_MARK,
} from './demo-district-content.js';
import { DEMO_RESIDENT_NICKNAME } from '../modules/auth/auth.service.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** The demo district's history: concerns reported over this many days before the seeding. */
export const DEMO_HISTORY_DAYS = 60;
/** The replayed deadline sweep runs this often on the seeded clock, as the real one runs every minute. */
const SWEEP_EVERY_MS = 2 * HOUR_MS;
/** Staff miss a deadline this often, a step at a time: the replayed sweep chases those (督办). */
const LATE_STEP_SHARE = 0.04;
/** The same district every time: one seed for the generator. */
const DEMO_SEED = 20260101;
/** The features beside the workflow draw from their own generator, so the district's draws stay as they are. */
const DEMO_FEATURES_SEED = DEMO_SEED + 1;
/** About this share of the concerns that end closed were reported agreeing to publication (同意公开). */
const PUBLISH_CONSENT_SHARE = 0.18;

/**
 * Where each demo concern ends up. `closed-*` differ in how the resident rated (or did not);
 * `extended` and `extension-asked` are in progress with an extension granted or waiting.
 */
export type DemoOutcome =
  | 'submitted'
  | 'accepted'
  | 'dispatched'
  | 'returned'
  | 'in_progress'
  | 'extended'
  | 'extension-asked'
  | 'replied'
  | 'awaiting_rating'
  | 'reopened'
  | 'closed-satisfied'
  | 'closed-basic'
  | 'closed-reopened-satisfied'
  | 'closed-unsatisfied'
  | 'closed-unrated'
  | 'rejected'
  | 'merged'
  | 'withdrawn';

/** How many concerns of the neighbours end each way: a district where most of the work is done. */
const OUTCOME_COUNTS: Record<DemoOutcome, number> = {
  'closed-satisfied': 70,
  'closed-basic': 30,
  'closed-reopened-satisfied': 10,
  'closed-unsatisfied': 12,
  'closed-unrated': 15,
  rejected: 15,
  merged: 8,
  withdrawn: 10,
  submitted: 18,
  accepted: 10,
  dispatched: 14,
  returned: 8,
  in_progress: 25,
  extended: 8,
  'extension-asked': 4,
  replied: 10,
  awaiting_rating: 18,
  reopened: 8,
};

/** 演示居民's own concerns: one of each state a resident follows, two waiting for their rating. */
const DEMO_RESIDENT_OUTCOMES: Array<{ outcome: DemoOutcome; category: string; compound: string; photo: boolean }> = [
  { outcome: 'awaiting_rating', category: 'wuye-sheshi', compound: 'xietu-hengyi', photo: true },
  { outcome: 'awaiting_rating', category: 'shirong-laji', compound: 'xietu-hengyi', photo: false },
  { outcome: 'extended', category: 'gaizao-shigong', compound: 'xietu-hengyi', photo: true },
  { outcome: 'closed-satisfied', category: 'anquan-chongdian', compound: 'xietu-hengyi', photo: false },
  { outcome: 'reopened', category: 'zaoyin-shigong', compound: 'xietu-hengyi', photo: false },
  { outcome: 'rejected', category: 'qita-jianyi', compound: 'xietu-hengyi', photo: false },
  { outcome: 'submitted', category: 'wuye-tingche', compound: 'xietu-hengyi', photo: false },
];

/**
 * The README's example accounts (dispatcher.xietu, handler.xietu-guanli) find work in every inbox view
 * whatever the draw: a few of xietu's concerns are placed, routed to the street's 社区管理办, some of them
 * (agoDays) far enough back to be overdue on any day of the year.
 */
const SHOWCASE_OUTCOMES: Array<{ outcome: DemoOutcome; category: string; compound: string; agoDays?: number }> = [
  { outcome: 'submitted', category: 'shirong-laji', compound: 'xietu-rihuiliucun', agoDays: 10 },
  { outcome: 'accepted', category: 'wuye-sheshi', compound: 'xietu-jiaodaxincun' },
  { outcome: 'returned', category: 'shirong-daolu', compound: 'xietu-zhaoqing' },
  { outcome: 'dispatched', category: 'shirong-laji', compound: 'xietu-jiangnanxincun', agoDays: 10 },
  { outcome: 'dispatched', category: 'wuye-sheshi', compound: 'xietu-rihuiercun' },
  { outcome: 'in_progress', category: 'shirong-lvhua', compound: 'xietu-rihuiliucun' },
  { outcome: 'replied', category: 'wuye-fuwu', compound: 'xietu-hengyi' },
];

/** Outcomes whose concern is still open when the seeding ends: their last step falls within this many days of it. */
const RECENT_WITHIN_DAYS: Partial<Record<DemoOutcome, number>> = {
  submitted: 1.5,
  accepted: 1,
  dispatched: 1,
  returned: 1.5,
  in_progress: 5,
  extended: 4,
  'extension-asked': 2,
  replied: 1,
  awaiting_rating: 5,
  reopened: 4,
};

/** Streets weighted as a real district is: a few busy ones, a long tail (Zipf-like). */
const STREET_WEIGHT = (rank: number) => 1 / (rank + 1) ** 0.8;

type Source = 'miniapp' | 'visit' | 'open311';

interface Step {
  at: Date;
  plan: Plan;
  run: (plan: Plan, at: Date) => Promise<void>;
}

interface Plan {
  index: number;
  outcome: DemoOutcome;
  resident: ResidentActor | null;
  source: Source;
  streetId: number;
  compoundId: number;
  category: Category;
  title: string;
  description: string;
  photo: boolean;
  leadDepartmentId: number;
  coHandlerIds: number[];
  /** When the last step happens, in days before the seeding; drawn when not given. */
  agoDays?: number;
  /** A department the concern is first sent to by mistake, which returns it. */
  wrongDepartmentId: number | null;
  /** 同意公开 at submit. */
  publishConsent: boolean;
  /** The description ends with a contact line (a mobile number the board shows masked). */
  withContact: boolean;
  concernId?: number;
}

export interface DemoDistrictSummary {
  concerns: number;
  steps: number;
  sweeps: number;
  follows: number;
  followerRatings: number;
  published: number;
  templates: number;
  knowledge: number;
  /** Of `ms`, the features beside the workflow (附议, board, templates, knowledge). */
  featuresMs: number;
  ms: number;
}

/**
 * 演示街区: in demo mode, a lived-in district — a few hundred invented concerns over the last 60 days,
 * in every status of the lifecycle, a demo resident with concerns to follow and visits signed up for.
 * Nothing is written to the concern tables directly: each concern is reported, triaged, dispatched,
 * handled, reviewed and rated by the services the API calls, on a seeded clock (each step given its
 * time), and the deadline sweep is replayed on the same clock, so the deadlines (the working calendar
 * and the rules in force), the chases and the 督办 list, the kept counts and the rates are what the
 * product itself produced. Runs once: a database that has demo residents is left as it is.
 */
@Injectable()
export class DemoDistrictSeeder {
  private readonly logger = new Logger(DemoDistrictSeeder.name);
  /** What the steps need while the seeding runs. */
  private context!: { staff: Map<string, StaffActor>; photos: Buffer[]; next: () => number };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly concerns: ConcernsService,
    private readonly actions: ConcernActionsService,
    private readonly coHandling: ConcernCoHandlingService,
    private readonly sweeper: ConcernSweepService,
    private readonly deadlines: DeadlineRulesService,
    private readonly routing: RoutingService,
    private readonly uploads: UploadsService,
    private readonly signups: VisitSignupsService,
    private readonly features: DemoDistrictFeatures,
  ) {}

  async seed(now = new Date()): Promise<DemoDistrictSummary | null> {
    // Demo content never reaches a real deployment's database, whoever calls this.
    if (!this.config.demo) return null;
    if (await this.dataSource.getRepository(Resident).existsBy({ isDemo: true })) return null;
    const started = performance.now();
    const next = seededRandom(DEMO_SEED);
    const rules = this.deadlines.rules();
    const { demoResident, neighbours } = await this.createResidents();
    const plans = await this.plan(next, demoResident, neighbours);
    const nextForFeatures = seededRandom(DEMO_FEATURES_SEED);
    this.agreeToPublish(plans, nextForFeatures);
    this.context = { staff: await this.staffActors(), photos: await demoPhotos(), next };
    const steps = plans.flatMap((plan) => this.schedule(plan, next, rules, now));
    // One timeline for the whole district, in time order, so each step and each sweep sees the others as they were then.
    steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.plan.index - b.plan.index);

    let sweeps = 0;
    let lastSweep = steps[0] ? steps[0].at.getTime() : now.getTime();
    for (const step of steps) {
      while (step.at.getTime() - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep += SWEEP_EVERY_MS;
        await this.sweeper.sweep(new Date(lastSweep));
        sweeps++;
      }
      await step.run(step.plan, step.at);
    }
    await this.sweeper.sweep(now);
    sweeps++;
    await this.signUpForVisits(demoResident, now);
    const featuresStarted = performance.now();
    const features = await this.features.seed({
      filed: plans.map((p) => ({ concernId: p.concernId!, reporter: p.resident, categoryId: p.category.id, withContact: p.withContact })),
      neighbours,
      dispatcherOf: (streetId) => this.staffFor(`street:${streetId}`),
      supervisor: await this.supervisor(),
      next: nextForFeatures,
      now,
    });

    const featuresMs = Math.round(performance.now() - featuresStarted);

    const summary = {
      concerns: plans.length,
      steps: steps.length,
      sweeps,
      ...features,
      featuresMs,
      ms: Math.round(performance.now() - started),
    };
    this.logger.log(
      summary,
      `demo district seeded: ${summary.concerns} concerns in ${summary.ms} ms (附议, board, templates, knowledge: ${featuresMs} ms)`,
    );
    return summary;
  }

  private async createResidents(): Promise<{ demoResident: ResidentActor; neighbours: ResidentActor[] }> {
    const repo = this.dataSource.getRepository(Resident);
    const make = (nickname: string) =>
      repo.create({ openid: null, unionid: null, nickname, isPreview: true, isDemo: true, deletedAt: null });
    const demo = await repo.save(make(DEMO_RESIDENT_NICKNAME));
    const others = await repo.save(DEMO_NEIGHBOURS.map(make));
    const actor = (r: Resident): ResidentActor => ({ kind: 'resident', residentId: r.id });
    return { demoResident: actor(demo), neighbours: others.map(actor) };
  }

  /** Who reports what, where, through which channel, and how it ends; nothing written yet. */
  private async plan(next: () => number, demoResident: ResidentActor, neighbours: ResidentActor[]): Promise<Plan[]> {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const compounds = await this.dataSource.getRepository(Compound).find({ where: { disabled: false }, order: { id: 'ASC' } });
    const streets = (await this.dataSource.getRepository(Street).find({ where: { disabled: false }, order: { id: 'ASC' } })).filter((s) =>
      compounds.some((c) => c.streetId === s.id),
    );
    const leaves = (await this.dataSource.getRepository(Category).find({ where: { disabled: false }, order: { id: 'ASC' } })).filter(
      (c) => c.requestType !== null && DEMO_REPORTS[c.code],
    );
    const categoryByCode = new Map(leaves.map((c) => [c.code, c]));
    const departments = await this.dataSource.getRepository(Department).find({ where: { disabled: false } });
    const weights = streets.map((_, rank) => STREET_WEIGHT(rank));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const pickStreet = () => {
      let r = next() * totalWeight;
      for (let i = 0; i < streets.length; i++) if ((r -= weights[i]!) < 0) return streets[i]!;
      return streets.at(-1)!;
    };

    const wanted: Array<{
      outcome: DemoOutcome;
      resident: ResidentActor | null;
      category?: string;
      compound?: string;
      photo?: boolean;
      agoDays?: number;
    }> = [
      ...DEMO_RESIDENT_OUTCOMES.map((o) => ({ ...o, resident: demoResident })),
      ...SHOWCASE_OUTCOMES.map((o) => ({ ...o, resident: pick(neighbours) })),
      ...(Object.entries(OUTCOME_COUNTS) as Array<[DemoOutcome, number]>).flatMap(([outcome, n]) =>
        Array.from({ length: n }, () => ({ outcome, resident: pick(neighbours) })),
      ),
    ];
    const plans: Plan[] = [];
    for (const [index, w] of wanted.entries()) {
      const street = pickStreet();
      const compound = w.compound ? compounds.find((c) => c.code === w.compound)! : pick(compounds.filter((c) => c.streetId === street.id));
      // Two rounds of a 疑难 (15 working days each) would not fit in the history: a redo is of a shorter kind.
      const redo = w.outcome === 'closed-reopened-satisfied' || w.outcome === 'closed-unsatisfied' || w.outcome === 'reopened';
      const category = w.category
        ? categoryByCode.get(w.category)!
        : pick(redo ? leaves.filter((c) => c.requestType !== 'complex') : leaves);
      const [title, description] = pick(DEMO_REPORTS[category.code]!);
      // A partner's report (Open311) has no resident to rate it: only outcomes that need none come that way.
      const needsResident = w.outcome.startsWith('closed-') && w.outcome !== 'closed-unrated';
      const channel = next();
      const source: Source =
        w.resident === demoResident
          ? 'miniapp'
          : channel < 0.1
            ? 'visit'
            : channel < 0.2 && !needsResident && w.outcome !== 'withdrawn' && w.outcome !== 'reopened' && w.outcome !== 'awaiting_rating'
              ? 'open311'
              : 'miniapp';
      const suggestion = await this.routing.suggest(category.id, compound.streetId, compound.id);
      const serving = departments.filter((d) => d.streetId === compound.streetId);
      const lead = suggestion?.leadDepartmentId ?? pick(serving).id;
      const returnsFirst = w.outcome === 'returned' || (w.outcome.startsWith('closed-') && next() < 0.08);
      plans.push({
        index,
        outcome: w.outcome,
        resident: source === 'open311' ? null : w.resident,
        source,
        streetId: compound.streetId,
        compoundId: compound.id,
        category,
        title: `${DEMO_TITLE_MARK}${title}`,
        description,
        photo: w.photo ?? (source === 'miniapp' && next() < 0.1),
        leadDepartmentId: lead,
        coHandlerIds: (suggestion?.coHandlerIds ?? []).filter((id) => id !== lead),
        agoDays: w.agoDays,
        wrongDepartmentId: returnsFirst ? (serving.find((d) => d.id !== lead)?.id ?? lead) : null,
        publishConsent: false,
        withContact: false,
      });
    }
    return plans;
  }

  /**
   * About a fifth of the concerns that end closed were reported agreeing to publication; in each street the
   * first of them also leaves a contact line, as residents do, for the board to show masked.
   */
  private agreeToPublish(plans: Plan[], next: () => number): void {
    const streetsWithContact = new Set<number>();
    for (const plan of plans) {
      if (!plan.outcome.startsWith('closed-') || next() >= PUBLISH_CONSENT_SHARE) continue;
      plan.publishConsent = true;
      if (streetsWithContact.has(plan.streetId)) continue;
      streetsWithContact.add(plan.streetId);
      plan.withContact = true;
      plan.description = `${plan.description}${DEMO_CONTACT_LINES[streetsWithContact.size % DEMO_CONTACT_LINES.length]!}`;
    }
  }

  /**
   * The plan's steps with their times on the seeded clock. Staff act within the deadline the rules give
   * (most of the time: a few steps are late, which the replayed sweep chases and puts on the 督办
   * list); open concerns end recently, finished ones anywhere in the last 60 days.
   */
  private schedule(plan: Plan, next: () => number, rules: DeadlineRules, now: Date): Step[] {
    const within = RECENT_WITHIN_DAYS[plan.outcome];
    // Where the last step should fall; the whole chain is moved there (twice: deadlines depend on the start).
    // A reply nobody rates is published more than a rating window ago, so the sweep has closed it.
    const ago =
      plan.agoDays !== undefined
        ? plan.agoDays
        : within !== undefined
          ? next() * within
          : plan.outcome === 'closed-unrated'
            ? rules.settings.ratingWindowDays + 1 + next() * (DEMO_HISTORY_DAYS - 30)
            : next() * (DEMO_HISTORY_DAYS - 16);
    const end = now.getTime() - ago * DAY_MS - 10 * 60_000;
    const draws = Array.from({ length: 64 }, () => next());
    let start = end - 5 * DAY_MS;
    let steps = this.chain(plan, start, rules, draws);
    for (let i = 0; i < 2; i++) {
      start += end - steps.at(-1)!.at.getTime();
      steps = this.chain(plan, start, rules, draws);
    }
    // Never in the future: staff act in office hours, so on a night or a weekend the chain moves back further.
    for (let tries = 1; tries <= 8 && steps.at(-1)!.at.getTime() > now.getTime(); tries++) {
      start -= steps.at(-1)!.at.getTime() - now.getTime() + tries * 6 * HOUR_MS;
      steps = this.chain(plan, start, rules, draws);
    }
    const oldest = now.getTime() - DEMO_HISTORY_DAYS * DAY_MS;
    if (steps[0]!.at.getTime() < oldest) steps = this.chain(plan, oldest + next() * DAY_MS, rules, draws);
    return steps.filter((s) => s.at.getTime() <= now.getTime());
  }

  /** The steps of one concern from its report at `start`, each timed from the previous one with the draws given. */
  private chain(plan: Plan, start: number, rules: DeadlineRules, draws: number[]): Step[] {
    let d = 0;
    const draw = () => draws[d++ % draws.length]!;
    const steps: Step[] = [];
    let t = new Date(residentHours(start, draw()));
    const add = (at: Date, run: Step['run']) => {
      // Strictly after the previous step of the same concern.
      const prev = steps.at(-1)?.at.getTime() ?? -Infinity;
      t = new Date(Math.max(at.getTime(), prev + 60_000));
      steps.push({ at: t, plan, run });
    };
    /** Staff act before the deadline, mostly; otherwise a few hours to a day after it. */
    const staffAt = (from: Date, due: Date) => {
      const late = draw() < LATE_STEP_SHARE;
      const span = due.getTime() - from.getTime();
      const at = late ? due.getTime() + (1 + draw() * 20) * HOUR_MS : from.getTime() + (0.1 + 0.75 * draw()) * span;
      const snapped = officeHours(at, draw(), rules);
      return new Date(late || snapped <= due.getTime() ? snapped : at);
    };
    const residentAfter = (from: Date, maxDays: number) =>
      new Date(residentHours(from.getTime() + (0.1 + draw() * maxDays) * DAY_MS, draw()));
    const o = plan.outcome;

    add(t, (p, at) => this.submit(p, at));
    if (o === 'submitted') return steps;
    const triageDue = triageDueAt(t, rules);
    if (o === 'rejected') {
      add(staffAt(t, triageDue), (p, at) =>
        this.act(p, 'dispatcher', 'reject', rejectConcernSchema.parse({ reason: this.pick(DEMO_REJECT_REASONS) }), at),
      );
      return steps;
    }
    if (o === 'merged') {
      add(staffAt(t, triageDue), (p, at) => this.merge(p, at));
      return steps;
    }
    if (o === 'withdrawn' && draw() < 0.5) {
      add(residentAfter(t, 0.3), (p, at) => this.withdraw(p, at));
      return steps;
    }
    add(staffAt(t, triageDue), (p, at) => this.act(p, 'dispatcher', 'accept', {}, at));
    if (o === 'accepted') return steps;
    if (o === 'withdrawn') {
      add(residentAfter(t, 1), (p, at) => this.withdraw(p, at));
      return steps;
    }
    const dispatchTo = (departmentId: number, coHandlerIds: number[]) => {
      const from = t;
      add(staffAt(from, dispatchDueAt(from, rules)), (p, at) =>
        this.act(p, 'dispatcher', 'dispatch', dispatchConcernSchema.parse({ departmentId, coHandlerIds }), at),
      );
    };
    if (plan.wrongDepartmentId !== null) {
      dispatchTo(plan.wrongDepartmentId, []);
      add(staffAt(t, signDueAt(t, rules)), (p, at) =>
        this.act(p, 'handler', 'return', returnConcernSchema.parse(this.pick(DEMO_RETURNS)), at, p.wrongDepartmentId!),
      );
      if (o === 'returned') return steps;
    }
    dispatchTo(plan.leadDepartmentId, plan.coHandlerIds);
    if (o === 'dispatched') return steps;
    const dispatchedAt = t;
    add(staffAt(t, signDueAt(t, rules)), (p, at) => this.act(p, 'handler', 'sign', {}, at));
    // 协办: each co-handling department signs for its part within its own deadline, after the lead mostly.
    for (const co of plan.coHandlerIds) {
      add(staffAt(dispatchedAt, coHandlerSignDueAt(dispatchedAt, rules)), (p, at) => this.coHandle(p, co, 'sign', at));
    }
    let resolveDue = resolveDueAt(dispatchedAt, plan.category.requestType!, rules);
    if (o === 'in_progress') return steps;
    if (o === 'extended' || o === 'extension-asked') {
      const workingDays = 1 + Math.floor(draw() * 3);
      // Asked well before the due date, as an extension must be.
      add(new Date(t.getTime() + (0.1 + 0.3 * draw()) * (resolveDue.getTime() - t.getTime())), (p, at) =>
        this.act(p, 'handler', 'extend', extendConcernSchema.parse({ workingDays, reason: this.pick(DEMO_EXTENSION_REASONS) }), at),
      );
      if (o === 'extension-asked') return steps;
      add(new Date(t.getTime() + Math.min(4 * HOUR_MS, (resolveDue.getTime() - t.getTime()) / 3)), (p, at) =>
        this.act(p, 'dispatcher', 'approve-extension', {}, at),
      );
      return steps;
    }
    const reply = () => {
      add(staffAt(t, resolveDue), (p, at) => this.act(p, 'handler', 'reply', replyConcernSchema.parse({ text: this.replyText(p) }), at));
    };
    const review = () => add(staffAt(t, reviewDueAt(t, rules)), (p, at) => this.act(p, 'dispatcher', 'approve-reply', {}, at));
    // Before the reply every co-handler has given its part, or (now and then) declined and been waived by the dispatcher.
    for (const co of plan.coHandlerIds) {
      if (draw() < 0.1) {
        add(staffAt(t, resolveDue), (p, at) => this.coHandle(p, co, 'decline', at));
        add(staffAt(t, reviewDueAt(t, rules)), (p, at) => this.coHandle(p, co, 'waive', at));
      } else {
        add(staffAt(t, resolveDue), (p, at) => this.coHandle(p, co, draw() < 0.5 ? 'part-for-reply' : 'part', at));
      }
    }
    reply();
    if (o === 'replied') return steps;
    if (draw() < 0.12) {
      add(staffAt(t, reviewDueAt(t, rules)), (p, at) =>
        this.act(p, 'dispatcher', 'send-back', sendBackReplySchema.parse({ reason: this.pick(DEMO_SEND_BACK_REASONS) }), at),
      );
      reply();
    }
    review();
    if (o === 'awaiting_rating') return steps;
    if (o === 'closed-unrated') {
      // Nobody rates. From the app the replayed sweep closes it when the rating window ends; without the app
      // (来访, Open311) the sweep never closes it: the street calls back, never reaches the resident, and the
      // last attempt closes it as 未回访 — a day or two apart, the last one mostly within the 回访期.
      if (isNoAppSource(plan.source))
        for (let attempt = 0; attempt < rules.settings.maxCallbackAttempts; attempt++)
          add(staffAt(t, new Date(t.getTime() + 2 * DAY_MS)), (p, at) =>
            this.act(p, 'dispatcher', 'callback', callbackConcernSchema.parse({ reached: false }), at),
          );
      return steps;
    }
    const rate = (rating: RateConcernInput) => add(residentAfter(t, 4), (p, at) => this.rate(p, rating, at));
    if (o === 'reopened' || o === 'closed-reopened-satisfied' || o === 'closed-unsatisfied') {
      rate({ solved: false, satisfaction: 'unsatisfied', comment: this.pick(DEMO_RATING_COMMENTS.unsatisfied) });
      if (o === 'reopened') return steps;
      resolveDue = resolveDueAt(t, plan.category.requestType!, rules);
      reply();
      review();
      rate(
        o === 'closed-unsatisfied'
          ? { solved: false, satisfaction: 'unsatisfied', comment: this.pick(DEMO_RATING_COMMENTS.unsatisfied) }
          : { solved: true, satisfaction: 'satisfied', comment: this.pick(DEMO_RATING_COMMENTS.satisfied) },
      );
      return steps;
    }
    rate(
      o === 'closed-basic'
        ? { solved: true, satisfaction: 'basic', comment: this.pick(DEMO_RATING_COMMENTS.basic) }
        : { solved: true, satisfaction: 'satisfied', comment: this.pick(DEMO_RATING_COMMENTS.satisfied) },
    );
    return steps;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.context.next() * items.length)]!;
  }

  private replyText(plan: Plan): string {
    const parentCode = plan.category.code.split('-')[0]!;
    return this.pick(DEMO_REPLIES[parentCode] ?? DEMO_REPLIES.qita!);
  }

  private async submit(plan: Plan, at: Date): Promise<void> {
    const photoIds: number[] = [];
    if (plan.photo && plan.resident) {
      photoIds.push((await this.uploads.upload(this.pick(this.context.photos), plan.resident)).id);
    }
    const input = createConcernSchema.parse({
      categoryId: plan.category.id,
      compoundId: plan.compoundId,
      title: plan.title,
      description: plan.description,
      photoIds,
      confidential: false,
      publishConsent: plan.publishConsent,
    });
    let concern: Pick<Concern, 'id'>;
    if (plan.source === 'miniapp') concern = (await this.concerns.submit(plan.resident!, input, null, at)).concern;
    else if (plan.source === 'visit')
      concern = await this.dataSource.transaction((em) => this.concerns.submitFromVisit(em, plan.resident!.residentId, input, at));
    else concern = await this.dataSource.transaction((em) => this.concerns.submitFromPartner(em, input, at));
    plan.concernId = concern.id;
  }

  /** A staff step by the street's dispatcher or the lead (or a given) department's handler. */
  private async act<A extends StaffConcernAction>(
    plan: Plan,
    role: 'dispatcher' | 'handler',
    action: A,
    body: StaffActionBodies[A],
    at: Date,
    departmentId = plan.leadDepartmentId,
  ): Promise<void> {
    const actor = role === 'dispatcher' ? this.staffFor(`street:${plan.streetId}`) : this.staffFor(`department:${departmentId}`);
    await this.actions.act(actor, plan.concernId!, action, body, at);
  }

  /** A co-handling step (协办) by the co-handling department's handler, or the street's dispatcher's waiver. */
  private async coHandle(
    plan: Plan,
    departmentId: number,
    step: 'sign' | 'part' | 'part-for-reply' | 'decline' | 'waive',
    at: Date,
  ): Promise<void> {
    const handler = this.staffFor(`department:${departmentId}`);
    const id = plan.concernId!;
    if (step === 'sign') await this.coHandling.sign(handler, id, at);
    else if (step === 'decline')
      await this.coHandling.decline(handler, id, coHandlerDeclineSchema.parse({ reason: this.pick(DEMO_CO_HANDLER_DECLINES) }), at);
    else if (step === 'waive')
      await this.coHandling.waive(
        this.staffFor(`street:${plan.streetId}`),
        id,
        { departmentId, reason: this.pick(DEMO_CO_HANDLER_WAIVERS) },
        at,
      );
    else
      await this.coHandling.part(
        handler,
        id,
        coHandlerPartSchema.parse({ text: this.pick(DEMO_CO_HANDLER_PARTS), visibility: step === 'part-for-reply' ? 'reply' : 'internal' }),
        at,
      );
  }

  /**
   * A duplicate goes into an open concern of the same street reported before it (of the same category if
   * there is one), as a dispatcher would find it; read from the database, where the sweep may have closed some.
   */
  private async merge(plan: Plan, at: Date): Promise<void> {
    const open = CONCERN_STATUSES.filter((s) => !isFinalStatus(s));
    const [target] = await this.dataSource
      .getRepository(Concern)
      .createQueryBuilder('c')
      .select(['c.id'])
      .where('c.street_id = :street AND c.id < :id AND c.status IN (:...open)', { street: plan.streetId, id: plan.concernId, open })
      .orderBy(`CASE WHEN c.category_id = :category THEN 0 ELSE 1 END`)
      .addOrderBy('c.id', 'DESC')
      .setParameter('category', plan.category.id)
      .take(1)
      .getMany();
    if (!target) {
      await this.act(plan, 'dispatcher', 'reject', { reason: DEMO_REJECT_REASONS[0]! }, at);
      return;
    }
    await this.act(plan, 'dispatcher', 'merge', { intoId: target.id }, at);
  }

  private async withdraw(plan: Plan, at: Date): Promise<void> {
    await this.concerns.withdraw(plan.resident!, plan.concernId!, at);
  }

  private async rate(plan: Plan, rating: RateConcernInput, at: Date): Promise<void> {
    await this.concerns.rate(plan.resident!, plan.concernId!, rateConcernSchema.parse(rating), at);
  }

  private staffFor(key: string): StaffActor {
    const actor = this.context.staff.get(key);
    if (!actor) throw new Error(`no demo staff account for ${key}`);
    return actor;
  }

  /** The demo accounts (DemoSeeder) as the workflow sees them: each street's dispatcher, each department's handler. */
  private async staffActors(): Promise<Map<string, StaffActor>> {
    const accounts = await this.dataSource.getRepository(StaffAccount).find({ where: { role: In(['dispatcher', 'handler']) } });
    const map = new Map<string, StaffActor>();
    for (const a of accounts) {
      const actor = staffActorOf(a);
      if (a.role === 'dispatcher' && a.streetId !== null && a.username.startsWith('dispatcher.')) map.set(`street:${a.streetId}`, actor);
      if (a.role === 'handler' && a.departmentId !== null && a.username.startsWith('handler.'))
        map.set(`department:${a.departmentId}`, actor);
    }
    return map;
  }

  /** The district supervisor (DemoSeeder's `supervisor`), who writes the templates and the knowledge base. */
  private async supervisor(): Promise<StaffActor> {
    const account = await this.dataSource
      .getRepository(StaffAccount)
      .findOneOrFail({ where: { role: 'supervisor' }, order: { id: 'ASC' } });
    return staffActorOf(account);
  }

  /** 演示居民 signs up for the first two demo visits, so 我的报名 has something in it. */
  private async signUpForVisits(resident: ResidentActor, now: Date): Promise<void> {
    const visits = await this.dataSource.getRepository(Visit).find({ where: { isDemo: true }, order: { startsAt: 'ASC' }, take: 2 });
    for (const visit of visits) await this.signups.signUp(resident, visit.id, now);
  }
}

/** The same instant moved into 7:00–22:00 Shanghai time, when residents write (the fraction picks the minute). */
function residentHours(at: number, fraction: number): number {
  const hour = shanghaiHour(new Date(at));
  if (hour >= 7 && hour < 22) return at;
  const day = startOfShanghaiDay(shanghaiDate(new Date(at))).getTime();
  const morning = day + (hour >= 22 ? DAY_MS : 0) + 7 * HOUR_MS;
  return morning + Math.floor(fraction * 3 * HOUR_MS);
}

/** The instant moved to the next office hours (a working day of the calendar, 9:00–17:00), when staff act. */
function officeHours(at: number, fraction: number, rules: DeadlineRules): number {
  let t = at;
  for (let i = 0; i < 15; i++) {
    const hour = shanghaiHour(new Date(t));
    if (isWorkingDay(rules.calendar, shanghaiDate(new Date(t))) && hour >= 9 && hour < 17) return t;
    const day = startOfShanghaiDay(shanghaiDate(new Date(t))).getTime();
    t = (hour < 9 ? day : day + DAY_MS) + 9 * HOUR_MS + Math.floor(fraction * 2 * HOUR_MS);
  }
  return t;
}

/**
 * Photos for the demo reports, drawn here (no real photo): a wall, a window and a door in flat colours.
 * Four are enough; they are uploaded like a resident's, so the service checks and re-encodes them.
 */
async function demoPhotos(): Promise<Buffer[]> {
  const palettes = [
    ['#c9b79c', '#6b8fa3', '#8a5a44'],
    ['#b7c4b0', '#4f6d7a', '#a44a3f'],
    ['#d8cfc4', '#3d5a80', '#7a6c5d'],
    ['#e0d6b8', '#5c8001', '#6d597a'],
  ];
  return Promise.all(
    palettes.map(([wall, window, door]) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
        <rect width="640" height="480" fill="${wall}"/>
        <rect x="60" y="70" width="170" height="130" fill="${window}" stroke="#fff" stroke-width="8"/>
        <rect x="380" y="70" width="170" height="130" fill="${window}" stroke="#fff" stroke-width="8"/>
        <rect x="250" y="250" width="120" height="230" fill="${door}"/>
        <rect x="0" y="440" width="640" height="40" fill="#777"/>
      </svg>`;
      return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
    }),
  );
}
