import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { Actor } from '../../common/actor.js';
import { PhotoConcernAccess } from '../uploads/photo-concern-access.js';
import { ConcernEvent } from './concern-event.entity.js';
import { ConcernPhoto } from './concern-photo.entity.js';
import { applyConcernReadScope, applyConcernScope } from './concern-scope.js';
import { Concern } from './concern.entity.js';
import { publishedPhotoIds } from './concerns.mapper.js';

/** The concerns' answer to uploads' PhotoConcernAccess. */
@Injectable()
export class ConcernPhotoAccess extends PhotoConcernAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  /**
   * Staff in scope see every photo of a concern. A resident sees, besides their own uploads, the photos
   * staff attached when filing it for them (代录, once claimed), and a handler's
   * reply photos only once that reply is published (approve-reply carries its photoIds, as the
   * resident's timeline shows them): not while the dispatcher reviews it, and never those of a reply
   * that was sent back and replaced.
   */
  async seesConcernWith(photoId: number, actor: Actor): Promise<boolean> {
    if (actor.kind === 'staff' && (actor.role === 'editor' || actor.role === 'admin')) return false;
    const qb = this.dataSource.manager
      .getRepository(Concern)
      .createQueryBuilder('c')
      .innerJoin(ConcernPhoto, 'cp', 'cp.concern_id = c.id AND cp.photo_id = :photoId', { photoId });
    // A co-handling department's handler (协办) reads the concern's photos too.
    if (actor.kind === 'staff') return (await applyConcernReadScope(qb, actor).getCount()) > 0;
    const concerns = await applyConcernScope(qb.select(['c.id', 'c.photoIds']), actor).getMany();
    if (concerns.length === 0) return false;
    if (concerns.some((c) => c.photoIds.includes(photoId))) return true;
    const published = await this.dataSource.manager.getRepository(ConcernEvent).find({
      where: { concernId: In(concerns.map((c) => c.id)), action: 'approve-reply' },
      select: { id: true, action: true, data: true },
    });
    return published.some((e) => publishedPhotoIds(e).includes(photoId));
  }
}

/** Global: UploadsModule, below concerns, asks for PhotoConcernAccess when a photo is read. */
@Global()
@Module({ providers: [{ provide: PhotoConcernAccess, useClass: ConcernPhotoAccess }], exports: [PhotoConcernAccess] })
export class ConcernPhotoAccessModule {}
