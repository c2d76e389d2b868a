import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { FollowersController, MostFollowedController } from './followers.controller.js';
import { FollowersService } from './followers.service.js';

/** 附议 (issue 17). Global: the concern detail, the data export and account deletion read it. */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [FollowersController, MostFollowedController],
  providers: [FollowersService],
  exports: [FollowersService],
})
export class FollowersModule {}
