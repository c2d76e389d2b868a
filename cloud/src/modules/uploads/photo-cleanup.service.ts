import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { JobScheduler } from '../../common/jobs/job-scheduler.js';
import { PhotoStorage } from './photo-storage.js';
import { Photo } from './photo.entity.js';

/** How long an uploaded photo may wait to be attached to a concern or a reply. */
export const UNATTACHED_PHOTO_TTL_MS = 24 * 3600_000;
const EVERY_MS = 3600_000;

/**
 * Removes photos uploaded more than 24 hours ago and never attached to a concern or a reply (the
 * resident gave up on the report): the row, then the photo, thumbnail and any upload still stored.
 * Hourly, on one instance per tick (JobScheduler).
 */
@Injectable()
export class PhotoCleanupService implements OnModuleInit {
  private readonly logger = new Logger(PhotoCleanupService.name);

  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly storage: PhotoStorage,
    private readonly scheduler: JobScheduler,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.scheduler.every('photo-cleanup', EVERY_MS, () => this.removeUnattached());
  }

  /** Removes what is unattached and older than 24 hours at `now`; answers how many photos went. */
  async removeUnattached(now = new Date()): Promise<number> {
    const candidates = await this.photos
      .createQueryBuilder('p')
      .where({ createdAt: LessThan(new Date(now.getTime() - UNATTACHED_PHOTO_TTL_MS)) })
      .andWhere('NOT EXISTS (SELECT 1 FROM concern_photo cp WHERE cp.photo_id = p.id)')
      .orderBy('p.id', 'ASC')
      .limit(1000)
      .getMany();
    let removed = 0;
    for (const photo of candidates) {
      // One statement that checks again: a photo attached since it was read stays, row and files.
      const result = await this.photos
        .createQueryBuilder()
        .delete()
        .from(Photo)
        .where('id = :id', { id: photo.id })
        .andWhere('NOT EXISTS (SELECT 1 FROM concern_photo cp WHERE cp.photo_id = :id)', { id: photo.id })
        .execute();
      if (!result.affected) continue;
      removed += 1;
      // After the row: a crash in between leaves unreachable files, never a row without its file.
      const keys = [photo.storageKey, photo.thumbnailKey, ...(photo.originalKey ? [photo.originalKey] : [])];
      const failures = (await Promise.allSettled(keys.map((key) => this.storage.remove(key)))).filter((r) => r.status === 'rejected');
      if (failures.length)
        this.logger.error({ photoId: photo.id, failures: failures.length }, 'files of an unattached photo could not all be removed');
    }
    if (removed) this.logger.log({ photos: removed }, 'unattached photos older than 24 hours removed');
    return removed;
  }
}
