import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_DEADLINE_SETTINGS, type DeadlineSettings, type DeadlineSettingsView } from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { StaffActor } from '../../common/actor.js';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { DeadlineRulesService } from './deadline-rules.service.js';
import { DeadlineSettingsRow } from './deadline-settings.entity.js';

/** 时限设置: the one record of deadline rules, read and replaced as a whole, audited with before and after. */
@Injectable()
export class DeadlineSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: DeadlineRulesService,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<DeadlineSettingsView> {
    const row = await this.dataSource.getRepository(DeadlineSettingsRow).findOneBy({ id: 1 });
    const editor = row?.updatedById
      ? await this.dataSource.getRepository(StaffAccount).findOne({ where: { id: row.updatedById }, select: { id: true, username: true } })
      : null;
    return {
      settings: { ...DEFAULT_DEADLINE_SETTINGS, ...row?.settings },
      defaults: DEFAULT_DEADLINE_SETTINGS,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      updatedBy: editor?.username ?? null,
    };
  }

  /** Applies to deadlines set from now on; a deadline already running keeps the rule it was set under. */
  async put(actor: StaffActor, settings: DeadlineSettings, now = new Date()): Promise<DeadlineSettingsView> {
    await this.dataSource.transaction(async (em) => {
      const before = await em.findOneBy(DeadlineSettingsRow, { id: 1 });
      await em.save(em.create(DeadlineSettingsRow, { id: 1, settings, updatedAt: now, updatedById: actor.staffId }));
      await this.audit.record(
        em,
        actor,
        'settings.deadlines',
        { type: 'settings', id: 1 },
        {
          before: before?.settings ?? DEFAULT_DEADLINE_SETTINGS,
          after: settings,
        },
      );
    });
    await this.rules.changed();
    return this.get();
  }
}
