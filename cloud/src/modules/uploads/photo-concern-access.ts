import type { Actor } from '../../common/actor.js';

/**
 * Whether a caller sees a concern a photo belongs to — the concerns' own scope rule decides. Concerns sit
 * above uploads (they attach photos), so the photo read asks through this class, which ConcernsModule
 * provides (ConcernPhotoAccessModule, global).
 */
export abstract class PhotoConcernAccess {
  abstract seesConcernWith(photoId: number, actor: Actor): Promise<boolean>;
}
