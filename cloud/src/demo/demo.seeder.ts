import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { shanghaiDate, startOfShanghaiDay } from '@manyi/shared';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { PasswordHasher } from '../modules/auth/password-hasher.js';
import { StaffAccount } from '../modules/auth/staff-account.entity.js';
import { Compound } from '../modules/directory/compound.entity.js';
import { Department } from '../modules/directory/department.entity.js';
import { Street } from '../modules/directory/street.entity.js';
import { NewsArticle } from '../modules/news/news-article.entity.js';
import { Visit } from '../modules/visits/visit.entity.js';
import { DEMO_ARTICLES, DEMO_VISITS } from './demo-content.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export class DemoPasswordInUseError extends Error {
  override name = 'DemoPasswordInUseError';
}

/**
 * Demo mode: seeds invented news, upcoming visits and the demo staff accounts listed in the README.
 * Runs at every start and only adds what is missing, so a restart never duplicates demo content.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  async seed(now = new Date()): Promise<{ accounts: number; articles: number; visits: number }> {
    return this.dataSource.transaction(async (em) => {
      const streets = await em.find(Street);
      const departments = await em.find(Department);
      const streetByCode = new Map(streets.map((s) => [s.code, s]));

      const existing = new Set((await em.find(StaffAccount, { select: { username: true } })).map((a) => a.username));
      const wanted: Array<Omit<StaffAccount, 'id' | 'createdAt' | 'updatedAt' | 'passwordHash' | 'street' | 'department'>> = [
        { username: 'admin', displayName: '系统管理员（演示）', role: 'admin', streetId: null, departmentId: null, ...fresh(now) },
        { username: 'supervisor', displayName: '区督办（演示）', role: 'supervisor', streetId: null, departmentId: null, ...fresh(now) },
        ...streets.flatMap((s) => [
          {
            username: `dispatcher.${s.code}`,
            displayName: `${s.name}派单员（演示）`,
            role: 'dispatcher' as const,
            streetId: s.id,
            departmentId: null,
            ...fresh(now),
          },
          {
            username: `editor.${s.code}`,
            displayName: `${s.name}宣传（演示）`,
            role: 'editor' as const,
            streetId: s.id,
            departmentId: null,
            ...fresh(now),
          },
        ]),
        ...departments.map((d) => ({
          username: `handler.${d.code}`,
          displayName: `${d.name}经办人（演示）`.slice(0, 40),
          role: 'handler' as const,
          streetId: d.streetId,
          departmentId: d.id,
          ...fresh(now),
        })),
      ];
      const missing = wanted.filter((a) => !existing.has(a.username));
      if (missing.length > 0) {
        // One hash for all demo accounts: they share the published demo password, and hashing each would slow every first start.
        const passwordHash = await this.hasher.hash(this.config.demoPassword);
        await em.insert(
          StaffAccount,
          missing.map((a) => ({ ...a, passwordHash })),
        );
      }

      let articles = 0;
      if ((await em.count(NewsArticle, { where: { isDemo: true } })) === 0) {
        const rows = DEMO_ARTICLES.filter((a) => streetByCode.has(a.street)).map((a) => ({
          streetId: streetByCode.get(a.street)!.id,
          title: a.title,
          body: a.paragraphs.map((text) => ({ type: 'paragraph' as const, text })),
          source: a.source,
          status: 'published' as const,
          publishedAt: new Date(now.getTime() - a.daysAgo * DAY_MS),
          isDemo: true,
        }));
        await em.insert(NewsArticle, rows);
        articles = rows.length;
      }

      let visits = 0;
      if ((await em.count(Visit, { where: { isDemo: true } })) === 0) {
        const compounds = new Map((await em.find(Compound)).map((c) => [c.code, c]));
        const rows = DEMO_VISITS.filter((v) => streetByCode.has(v.street)).map((v) => {
          const startsAt = shanghaiHourInDays(now, v.inDays, v.hour);
          return {
            title: v.title,
            streetId: streetByCode.get(v.street)!.id,
            compoundId: compounds.get(`${v.street}-${v.compound}`)?.id ?? null,
            place: v.place,
            startsAt,
            endsAt: new Date(startsAt.getTime() + 2 * 60 * 60 * 1000),
            participants: v.participants,
            topics: v.topics,
            capacity: v.capacity,
            status: 'planned' as const,
            isDemo: true,
          };
        });
        await em.insert(Visit, rows);
        visits = rows.length;
      }

      if (missing.length + articles + visits > 0) {
        this.logger.log({ accounts: missing.length, articles, visits }, 'demo content seeded');
      }
      return { accounts: missing.length, articles, visits };
    });
  }

  /** Outside demo mode, an active account that still has the demo password would be an open door: refuse to start. */
  async assertNoDemoPasswords(): Promise<void> {
    const count = await this.dataSource.getRepository(StaffAccount).count({ where: { hasDemoPassword: true, disabled: false } });
    if (count > 0) {
      throw new DemoPasswordInUseError(
        `${count} staff account(s) still have the demo password while demo mode is off: disable them or change their passwords, or start with MANYI_DEMO=1`,
      );
    }
  }
}

function fresh(now: Date) {
  return {
    disabled: false,
    hasDemoPassword: true,
    failedLogins: 0,
    lockedUntil: null,
    passwordChangedAt: now,
    mustChangePassword: false,
    totpSecret: null,
    totpEnabled: false,
    totpLastStep: null,
  };
}

/** `hour`:00 Shanghai time, `days` days after `now`'s Shanghai date. */
function shanghaiHourInDays(now: Date, days: number, hour: number): Date {
  const shanghaiMidnight = startOfShanghaiDay(shanghaiDate(now)).getTime();
  return new Date(shanghaiMidnight + days * DAY_MS + hour * 3600 * 1000);
}
