import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  id,
  markNotificationsReadSchema,
  pageQuerySchema,
  type MarkNotificationsReadInput,
  type NotificationPage,
  type NotificationsReadView,
  type Page,
  type PageQuery,
  type UnreadCountView,
  type NotificationView,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { ResidentActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { NotificationsService } from './notifications.service.js';

const notificationId = new ZodValidationPipe(id('通知编号'));

/** The resident's in-app inbox (站内消息): accepted, rejected, reply published, closed. */
@ApiTags('me')
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Auth('resident')
  @ApiOperation({ summary: '我的消息 — delivered notifications, newest first, cursor paged' })
  list(
    @CurrentActor() actor: ResidentActor,
    @Query(new ZodValidationPipe(pageQuerySchema)) page: PageQuery,
  ): Promise<Page<NotificationView>> {
    return this.notifications.list(actor, page);
  }

  @Get('unread-count')
  @Auth('resident')
  @ApiOperation({ summary: '未读消息数 — for the badge on the 我的 tab' })
  async unreadCount(@CurrentActor() actor: ResidentActor): Promise<UnreadCountView> {
    return { count: await this.notifications.unreadCount(actor) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @Auth('resident')
  @ApiOperation({ summary: '标为已读 — one of my notifications; marking it again keeps the first time' })
  markRead(@CurrentActor() actor: ResidentActor, @Param('id', notificationId) notification: number): Promise<NotificationView> {
    return this.notifications.markRead(actor, notification);
  }
}

/**
 * 我的消息 at the routes issue 17 fixed for the mini-program: the list with its unread count, the count
 * alone for the tab badge, and marking several (or all) read. Same service as `me/notifications`.
 */
@ApiTags('me')
@Controller('notifications')
export class ResidentNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Auth('resident')
  @ApiOperation({ summary: '我的消息 — newest first, cursor paged, with the unread count' })
  list(@CurrentActor() actor: ResidentActor, @Query(new ZodValidationPipe(pageQuerySchema)) page: PageQuery): Promise<NotificationPage> {
    return this.notifications.page(actor, page);
  }

  @Get('unread-count')
  @Auth('resident')
  @ApiOperation({ summary: '未读消息数 — for the badge on the 我的 tab' })
  async unreadCount(@CurrentActor() actor: ResidentActor): Promise<UnreadCountView> {
    return { count: await this.notifications.unreadCount(actor) };
  }

  @Post('read')
  @HttpCode(200)
  @Auth('resident')
  @ApiOperation({ summary: '标为已读 — { ids } of mine (others left alone) or { all: true }; answers the unread count' })
  @ApiZodBody(markNotificationsReadSchema)
  read(
    @CurrentActor() actor: ResidentActor,
    @Body(new ZodValidationPipe(markNotificationsReadSchema)) body: MarkNotificationsReadInput,
  ): Promise<NotificationsReadView> {
    return this.notifications.markMany(actor, body);
  }
}
