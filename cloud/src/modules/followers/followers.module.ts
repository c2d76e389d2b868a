import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ConcernFollowers } from '../concerns/concern-followers.js';
import { NotificationOutboxModule } from '../notifications/notification-outbox.js';
import { FollowersController, MostFollowedController } from './followers.controller.js';
import { FollowersService } from './followers.service.js';

/** 附议 (issue 17). Global: the concern loop asks it as ConcernFollowers; the data export and account deletion read it. */
@Global()
@Module({
  imports: [AuthModule, NotificationOutboxModule],
  controllers: [FollowersController, MostFollowedController],
  providers: [FollowersService, { provide: ConcernFollowers, useExisting: FollowersService }],
  exports: [FollowersService, ConcernFollowers],
})
export class FollowersModule {}
