import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor.js';
import { AuditLog } from './audit-log.entity.js';

/** Writes the audit log inside the caller's transaction, so an audited change and its record commit together. */
@Injectable()
export class AuditService {
  async record(
    em: EntityManager,
    actor: Actor | 'system',
    action: string,
    target: { type: string; id: number | null },
    detail: Record<string, unknown> | null = null,
  ): Promise<void> {
    await em.save(
      em.create(AuditLog, {
        actorKind: actor === 'system' ? 'system' : actor.kind,
        actorId: actor === 'system' ? null : actor.kind === 'staff' ? actor.staffId : actor.residentId,
        action,
        targetType: target.type,
        targetId: target.id,
        detail,
      }),
    );
  }
}
