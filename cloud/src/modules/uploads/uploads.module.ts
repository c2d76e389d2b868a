import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ContentCheckModule } from '../content-check/content-check.module.js';
import { PhotoCleanupService } from './photo-cleanup.service.js';
import { PhotoProcessingService } from './photo-processing.service.js';
import { createPhotoStorage } from './configured-photo-storage.js';
import { PhotoStorage } from './photo-storage.js';
import { Photo } from './photo.entity.js';
import { UploadsController } from './uploads.controller.js';
import { UploadsService } from './uploads.service.js';

/** Photo uploads. Other modules use UploadsService.assertOwned to accept `photoIds`. */
@Module({
  imports: [TypeOrmModule.forFeature([Photo]), AuthModule, AuditModule, ContentCheckModule],
  controllers: [UploadsController],
  providers: [
    UploadsService,
    PhotoProcessingService,
    PhotoCleanupService,
    // The local folder, or the bucket MANYI_PHOTO_STORE names; closed at shutdown (onApplicationShutdown).
    { provide: PhotoStorage, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createPhotoStorage(config) },
  ],
  exports: [UploadsService, PhotoProcessingService, PhotoStorage],
})
export class UploadsModule {}
