import { Module } from '@nestjs/common';
import { AuthModule } from '../modules/auth/auth.module.js';
import { ConcernsModule } from '../modules/concerns/concerns.module.js';
import { DeadlinesModule } from '../modules/deadlines/deadlines.module.js';
import { DirectoryModule } from '../modules/directory/directory.module.js';
import { UploadsModule } from '../modules/uploads/uploads.module.js';
import { VisitsModule } from '../modules/visits/visits.module.js';
import { DemoDistrictSeeder } from './demo-district.seeder.js';
import { DemoSeeder } from './demo.seeder.js';

@Module({
  imports: [AuthModule, ConcernsModule, DeadlinesModule, DirectoryModule, UploadsModule, VisitsModule],
  providers: [DemoSeeder, DemoDistrictSeeder],
  exports: [DemoSeeder, DemoDistrictSeeder],
})
export class DemoModule {}
