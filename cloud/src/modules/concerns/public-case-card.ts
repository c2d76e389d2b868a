import type { PublicCaseAdminView } from '@manyi/shared';
import type { ConcernEvent } from './concern-event.entity.js';
import type { Concern } from './concern.entity.js';

/**
 * The staff detail's 公开案例 card (issue 17). The board draws it and sits above concerns, so the inbox
 * asks for it through this class, which BoardModule (global) provides as its BoardService.
 */
export abstract class PublicCaseCard {
  abstract adminView(concern: Concern, events: ConcernEvent[]): Promise<PublicCaseAdminView>;
}
