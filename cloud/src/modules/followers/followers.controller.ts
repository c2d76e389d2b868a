import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ADMIN_AREA_ROLES,
  followConcernSchema,
  followerRatingSchema,
  id,
  type ConcernFollowView,
  type FollowConcernInput,
  type FollowerRatingInput,
  type FollowerRatingView,
  type MostFollowedConcernView,
  type Items,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { ResidentActor, StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { FollowersService } from './followers.service.js';

const concernId = new ZodValidationPipe(id('诉求编号'));

/** 附议 ("我也遇到了"): the resident's follow, unfollow and follower's rating. */
@ApiTags('concerns')
@Controller('concerns')
export class FollowersController {
  constructor(private readonly followers: FollowersService) {}

  @Post(':id/follow')
  @HttpCode(200)
  @Auth('resident')
  @ApiOperation({ summary: '我也遇到了 — follow an open, non-confidential concern of my compound; again: the same answer' })
  @ApiZodBody(followConcernSchema)
  follow(
    @CurrentActor() actor: ResidentActor,
    @Param('id', concernId) concern: number,
    @Body(new ZodValidationPipe(followConcernSchema)) body: FollowConcernInput,
  ): Promise<ConcernFollowView> {
    return this.followers.follow(actor, concern, body);
  }

  @Delete(':id/follow')
  @HttpCode(200)
  @Auth('resident')
  @ApiOperation({ summary: '取消附议 — stop following; not following: the same answer' })
  unfollow(@CurrentActor() actor: ResidentActor, @Param('id', concernId) concern: number): Promise<ConcernFollowView> {
    return this.followers.unfollow(actor, concern);
  }

  @Post(':id/follower-rating')
  @HttpCode(200)
  @Auth('resident')
  @ApiOperation({ summary: '附议人评价 — a follower rates the published reply, once; not counted in the three rates' })
  @ApiZodBody(followerRatingSchema)
  rate(
    @CurrentActor() actor: ResidentActor,
    @Param('id', concernId) concern: number,
    @Body(new ZodValidationPipe(followerRatingSchema)) body: FollowerRatingInput,
  ): Promise<FollowerRatingView> {
    return this.followers.rate(actor, concern, body);
  }
}

/** The dashboard's 多人反映: the most-followed open concerns in the caller's scope. */
@ApiTags('admin: stats')
@Controller('admin/stats')
@Auth(...ADMIN_AREA_ROLES.dashboard)
export class MostFollowedController {
  constructor(private readonly followers: FollowersService) {}

  @Get('most-followed')
  @ApiOperation({ summary: '多人反映 — open concerns with the most followers (附议), in the caller’s scope' })
  async mostFollowed(@CurrentActor() actor: StaffActor): Promise<Items<MostFollowedConcernView>> {
    return { items: await this.followers.mostFollowed(actor) };
  }
}
