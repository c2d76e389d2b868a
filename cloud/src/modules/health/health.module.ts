import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({ imports: [DeadlinesModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
