import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClientConfigView, SubscribeConsentsInput, SubscribeConsentsView } from '@manyi/shared';
import { In, type DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { SubscribeConsent } from './subscribe-consent.entity.js';

/** What the mini-program needs before login, and the resident's subscribe-message consents (订阅消息授权). */
@Injectable()
export class SubscribeConsentsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * The templates to ask consent for: at submit, the reply (first: it has priority) and the progress
   * messages; at rating, the progress template (the 已办结 message). None in preview mode.
   */
  clientConfig(): ClientConfigView {
    const t = this.config.wechat?.templates;
    const present = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => !!id))];
    return {
      login: this.config.wechat ? 'wechat' : this.config.previewLogin ? 'preview' : 'none',
      subscribeTemplates: { submit: present([t?.replyPublished, t?.progress]), rating: present([t?.progress]) },
      demoResident: this.config.demo && this.config.previewLogin,
    };
  }

  /**
   * Counts each 'accept' as one more message of that template; other answers change nothing. Template
   * ids this deployment does not send are ignored. Answers what is left for every template it sends.
   */
  async record(residentId: number, input: SubscribeConsentsInput): Promise<SubscribeConsentsView> {
    const sent = this.sentTemplates();
    const accepted = Object.entries(input.results)
      .filter(([templateId, result]) => result === 'accept' && sent.includes(templateId))
      .map(([templateId]) => templateId);
    if (accepted.length) {
      await this.dataSource.transaction(async (em) => {
        // Row first (ignored when it exists, even when another request races to create it), then +1 in the database.
        await em
          .createQueryBuilder()
          .insert()
          .into(SubscribeConsent)
          .values(accepted.map((templateId) => ({ residentId, templateId, remaining: 0 })))
          .orIgnore()
          .execute();
        await em
          .createQueryBuilder()
          .update(SubscribeConsent)
          .set({ remaining: () => 'remaining + 1' })
          .where({ residentId, templateId: In(accepted) })
          .execute();
      });
    }
    return { remaining: await this.remaining(residentId) };
  }

  async remaining(residentId: number): Promise<Record<string, number>> {
    const sent = this.sentTemplates();
    if (sent.length === 0) return {};
    const rows = await this.dataSource.getRepository(SubscribeConsent).findBy({ residentId, templateId: In(sent) });
    const counts = new Map(rows.map((r) => [r.templateId, r.remaining]));
    return Object.fromEntries(sent.map((id) => [id, counts.get(id) ?? 0]));
  }

  private sentTemplates(): string[] {
    const t = this.config.wechat?.templates;
    return t ? [...new Set([t.replyPublished, t.progress, t.visit].filter((id): id is string => !!id))] : [];
  }
}
