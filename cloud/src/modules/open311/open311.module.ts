import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ConcernsModule } from '../concerns/concerns.module.js';
import { AdminOpen311KeysController } from './admin-open311-keys.controller.js';
import { Open311Key } from './open311-key.entity.js';
import { Open311KeysService } from './open311-keys.service.js';
import { Open311RateLimiter } from './open311-rate-limiter.js';
import { Open311Request } from './open311-request.entity.js';
import { Open311Controller } from './open311.controller.js';
import { Open311Service } from './open311.service.js';

/** Open311 GeoReport v2 for partner systems, and the admin's management of their API keys. */
@Module({
  imports: [TypeOrmModule.forFeature([Open311Key, Open311Request]), AuthModule, AuditModule, ConcernsModule, DeadlinesModule],
  controllers: [Open311Controller, AdminOpen311KeysController],
  providers: [Open311Service, Open311KeysService, Open311RateLimiter],
})
export class Open311Module {}
