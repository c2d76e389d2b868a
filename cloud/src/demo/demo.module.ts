import { Module } from '@nestjs/common';
import { AuthModule } from '../modules/auth/auth.module.js';
import { ConcernsModule } from '../modules/concerns/concerns.module.js';
import { DeadlinesModule } from '../modules/deadlines/deadlines.module.js';
import { DirectoryModule } from '../modules/directory/directory.module.js';
import { KnowledgeModule } from '../modules/knowledge/knowledge.module.js';
import { UploadsModule } from '../modules/uploads/uploads.module.js';
import { VisitsModule } from '../modules/visits/visits.module.js';
import { DemoDistrictFeatures } from './demo-district-features.js';
import { DemoDistrictSeeder } from './demo-district.seeder.js';
import { DemoSeeder } from './demo.seeder.js';

@Module({
  imports: [AuthModule, ConcernsModule, DeadlinesModule, DirectoryModule, KnowledgeModule, UploadsModule, VisitsModule],
  providers: [DemoSeeder, DemoDistrictSeeder, DemoDistrictFeatures],
  exports: [DemoSeeder, DemoDistrictSeeder],
})
export class DemoModule {}
