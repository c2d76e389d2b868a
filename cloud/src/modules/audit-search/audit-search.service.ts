import { Injectable } from '@nestjs/common';
import type { AuditEntryView, AuditQuery, Page } from '@manyi/shared';
import { AuditRepository } from './audit.repository.js';

/** 操作日志: the audit log as staff search it (AuditRepository.search), each entry with its author's username. */
@Injectable()
export class AuditSearchService {
  constructor(private readonly entries: AuditRepository) {}

  async search(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const page = await this.entries.search(query);
    const usernames = await this.entries.staffUsernames(page.items);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        at: r.createdAt.toISOString(),
        actorKind: r.actorKind,
        actorId: r.actorId,
        actorName: r.actorKind === 'staff' && r.actorId !== null ? (usernames.get(r.actorId) ?? null) : null,
        action: r.action,
        entity: r.targetType,
        entityId: r.targetId,
        detail: r.detail,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
