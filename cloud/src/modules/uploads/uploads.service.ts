import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PhotoView } from '@manyi/shared';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../../common/actor.js';
import { ContentCheckService } from '../content-check/content-check.service.js';
import { inspectPhoto } from './photo-processor.js';
import { PhotoProcessingService } from './photo-processing.service.js';
import { PhotoStorage } from './photo-storage.js';
import { Photo } from './photo.entity.js';
import { mapPhoto } from './uploads.mapper.js';
import { PhotoConcernAccess } from './photo-concern-access.js';

export type PhotoVariant = 'full' | 'thumbnail';

export interface PhotoFile {
  bytes: Buffer;
  mime: string;
}

/** Photos residents and staff upload, for concerns and replies to refer to by id. */
@Injectable()
export class UploadsService {
  private readonly logger = new Logger(UploadsService.name);

  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly storage: PhotoStorage,
    private readonly audit: AuditService,
    private readonly contentCheck: ContentCheckService,
    private readonly processing: PhotoProcessingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly concernAccess: PhotoConcernAccess,
  ) {}

  /**
   * Checks the bytes (inspectPhoto), stores them as uploaded, records the row as `pending` and answers
   * once both are durable; the re-encoding into the stored photo and thumbnail is queued after the
   * commit (PhotoProcessingService), so a burst of uploads does not wait on it. Refused bytes leave
   * nothing behind; a row that cannot be written takes the stored bytes with it.
   */
  async upload(input: Buffer, actor: Actor): Promise<PhotoView> {
    const size = await inspectPhoto(input);
    await this.assertWithinQuota(actor);
    const [storageKey, thumbnailKey, originalKey] = newKeys(new Date());
    await this.store(originalKey, input);
    let photo: Photo;
    try {
      photo = await this.photos.manager.transaction(async (em) => {
        const saved = await em.save(
          em.create(Photo, {
            uploaderKind: actor.kind,
            residentId: actor.kind === 'resident' ? actor.residentId : null,
            staffId: actor.kind === 'staff' ? actor.staffId : null,
            storageKey,
            thumbnailKey,
            status: 'pending',
            originalKey,
            mime: 'image/jpeg',
            width: size.width,
            height: size.height,
            bytes: 0,
            sha256: '',
          }),
        );
        if (actor.kind === 'staff') await this.audit.record(em, actor, 'photo.upload', { type: 'photo', id: saved.id });
        return saved;
      });
    } catch (error) {
      // Best effort: a file left behind here is an orphan without a row, never a row without its file.
      await this.storage.remove(originalKey).catch(() => undefined);
      throw error;
    }
    await this.processing.enqueue({ photoId: photo.id, originalKey });
    if (actor.kind === 'resident') await this.requestImageCheck(actor.residentId, photo);
    return mapPhoto(photo);
  }

  /**
   * Puts the upload's bytes; a store that did not acknowledge them all answers 503 with Retry-After and
   * leaves no row. What it may have kept of them is removed (best effort), an orphan at worst.
   */
  private async store(key: string, bytes: Buffer): Promise<void> {
    try {
      await this.storage.put(key, bytes);
    } catch (error) {
      this.logger.error({ key, err: error as Error }, 'photo store did not take an upload; answered 503');
      await this.storage.remove(key).catch(() => undefined);
      const unavailable = new AppException('SERVICE_UNAVAILABLE', '照片暂时无法保存，请稍后重新上传');
      unavailable.retryAfterSeconds = 5;
      throw unavailable;
    }
  }

  /**
   * At most `uploadPendingMax` photos per account uploaded and not (yet) attached to a concern or a
   * reply; those go after 24 hours (PhotoCleanupService). Counted before the new one is stored, outside
   * a lock: parallel uploads may pass it by a few, which the per-account rate limit bounds.
   */
  private async assertWithinQuota(actor: Actor): Promise<void> {
    const max = this.config.uploadPendingMax;
    const qb = this.photos.createQueryBuilder('p').where('NOT EXISTS (SELECT 1 FROM concern_photo cp WHERE cp.photo_id = p.id)');
    if (actor.kind === 'resident') qb.andWhere('p.resident_id = :residentId', { residentId: actor.residentId });
    else qb.andWhere('p.staff_id = :staffId', { staffId: actor.staffId });
    if ((await qb.getCount()) >= max)
      throw new AppException(
        'PHOTO_QUOTA_EXCEEDED',
        `您已有 ${max} 张照片尚未用于诉求或答复，请先使用它们再上传（未使用的照片 24 小时后自动删除）`,
      );
  }

  /**
   * Asks WeChat's asynchronous image check about a resident's photo, after the row is committed. Its
   * failure never fails the upload: the photo stays visible, as it was before any check existed.
   */
  private async requestImageCheck(residentId: number, photo: Photo): Promise<void> {
    try {
      const traceId = await this.contentCheck.requestImageCheck(residentId, photo.id);
      if (traceId) await this.photos.update({ id: photo.id }, { mediaTraceId: traceId });
    } catch (error) {
      this.logger.warn({ photoId: photo.id, err: error as Error }, 'image check could not be requested; photo stays visible');
    }
  }

  /**
   * The stored bytes of a photo or its thumbnail, for its uploader and for whoever may see a concern
   * it belongs to (the concerns' own scope rule decides); anyone else gets the same 404 as for an
   * unknown id, so ids cannot be walked to reach a confidential concern's photos.
   */
  async read(id: number, variant: PhotoVariant, actor: Actor): Promise<PhotoFile> {
    const photo = await this.photos.findOneBy({ id });
    if (!photo || !(isUploader(photo, actor) || (await this.concernAccess.seesConcernWith(photo.id, actor))))
      throw new AppException('PHOTO_NOT_FOUND');
    // Hidden by WeChat's image check: staff only, the same 404 for everyone else.
    if (photo.hidden && actor.kind !== 'staff') throw new AppException('PHOTO_NOT_FOUND');
    const file = await this.processedFile(photo, variant);
    if (!file) throw new AppException('PHOTO_NOT_FOUND');
    return file;
  }

  /**
   * A photo of a case on the public board (已办结), for anyone: the caller (BoardService) has checked that
   * staff chose it for a case still shown. Never one WeChat's image check hid.
   */
  async readPublic(id: number, variant: PhotoVariant): Promise<PhotoFile> {
    const photo = await this.photos.findOneBy({ id });
    if (!photo || photo.hidden) throw new AppException('PHOTO_NOT_FOUND');
    const file = await this.processedFile(photo, variant);
    if (!file) throw new AppException('PHOTO_NOT_FOUND');
    return file;
  }

  /**
   * The stored photo for WeChat's image check, which downloads it through a signed link (checked by the
   * caller): processed first if still pending; null for an unknown id or a photo that failed processing.
   */
  async fileForCheck(id: number): Promise<Buffer | null> {
    const found = await this.photos.findOneBy({ id });
    const photo = found && (await this.processing.processedPhoto(found));
    return photo?.status === 'ready' ? ((await this.processedFile(photo, 'full'))?.bytes ?? null) : null;
  }

  /**
   * A pending photo is processed before anything is served, so the uploaded bytes (EXIF and location
   * included) never leave the service, not even to their uploader. Null when there is nothing to serve.
   */
  private async processedFile(found: Photo, variant: PhotoVariant): Promise<PhotoFile | null> {
    const photo = await this.processing.processedPhoto(found);
    if (!photo) return null;
    if (photo.status === 'failed') throw unreadable(photo.id);
    const key = variant === 'full' ? photo.storageKey : photo.thumbnailKey;
    let bytes: Buffer | null;
    try {
      bytes = await this.storage.get(key);
    } catch (error) {
      this.logger.error({ photoId: photo.id, key, err: error as Error }, 'photo store did not answer a read; answered 503');
      const unavailable = new AppException('SERVICE_UNAVAILABLE', '照片暂时无法读取，请稍后再试');
      unavailable.retryAfterSeconds = 5;
      throw unavailable;
    }
    // A row without its file is our fault, not the caller's: a logged 500 rather than a quiet 404.
    if (!bytes) throw new Error(`photo ${photo.id} has no file under ${key}`);
    return { bytes, mime: variant === 'full' ? photo.mime : 'image/jpeg' };
  }

  /**
   * The photos with these ids, in the order given, when every one of them was uploaded by `actor`;
   * otherwise PHOTO_NOT_FOUND, the same answer for an unknown id and for someone else's photo so
   * that ids cannot be probed; PHOTO_UNREADABLE for one whose processing found it corrupt. A photo still
   * being processed is accepted. Pass the transaction's manager to read inside it.
   */
  async assertOwned(photoIds: number[], actor: Actor, manager?: EntityManager): Promise<Photo[]> {
    const ids = [...new Set(photoIds)];
    if (ids.length === 0) return [];
    const repository = manager ? manager.getRepository(Photo) : this.photos;
    const found = new Map((await repository.findBy({ id: In(ids) })).map((p) => [p.id, p]));
    return ids.map((id) => {
      const photo = found.get(id);
      if (!photo || !isUploader(photo, actor)) throw new AppException('PHOTO_NOT_FOUND', `照片 ${id} 不存在`, { photoId: id });
      if (photo.status === 'failed') throw unreadable(id);
      return photo;
    });
  }
}

function isUploader(photo: Photo, actor: Actor): boolean {
  return actor.kind === 'resident'
    ? photo.uploaderKind === 'resident' && photo.residentId === actor.residentId
    : photo.uploaderKind === 'staff' && photo.staffId === actor.staffId;
}

function unreadable(photoId: number): AppException {
  return new AppException('PHOTO_UNREADABLE', `照片 ${photoId} 已损坏或无法读取，请重新上传`, { photoId });
}

/**
 * `<yyyy>/<mm>/<random>.jpg` (UTC month), its thumbnail beside it, and the upload's bytes until they
 * are processed; random, so a key says nothing about its uploader.
 */
function newKeys(now: Date): [string, string, string] {
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const name = randomBytes(16).toString('hex');
  return [`${month}/${name}.jpg`, `${month}/${name}-thumb.jpg`, `${month}/${name}-upload.bin`];
}
