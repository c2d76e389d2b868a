import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  boardQuerySchema,
  id,
  publishCaseSchema,
  type BoardQuery,
  type BoardView,
  type PublicCaseAdminView,
  type PublishCaseInput,
} from '@manyi/shared';
import type { FastifyReply } from 'fastify';
import { AppException } from '../../common/errors/app.exception.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { BoardService } from './board.service.js';

const concernId = new ZodValidationPipe(id('诉求编号'));
const photoId = new ZodValidationPipe(id('照片编号'));

/** 已办结: the street's public board — no login. */
@ApiTags('board')
@Controller('board')
export class BoardController {
  constructor(
    private readonly board: BoardService,
    private readonly uploads: UploadsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: '已办结 — a street’s published cases, newest first, cursor paged; the first page with the street’s three rates (last 90 days)',
  })
  list(@Query(new ZodValidationPipe(boardQuerySchema)) query: BoardQuery): Promise<BoardView> {
    return this.board.board(query);
  }

  @Get('photos/:id')
  @ApiOperation({ summary: '公开照片 — a photo staff chose for a published case (JPEG)' })
  @ApiProduces('image/jpeg')
  async photo(@Param('id', photoId) photo: number, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    if (!(await this.board.isBoardPhoto(photo))) throw new AppException('PHOTO_NOT_FOUND');
    const file = await this.uploads.readPublic(photo, 'full');
    // Short-lived and public: a withdrawn case's photos stop being served within minutes.
    void reply.type(file.mime).header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff');
    return file.bytes;
  }
}

/** 公开案例: a dispatcher of the street or a supervisor publishes a closed concern on the board, or withdraws it. */
@ApiTags('admin: concerns')
@Controller('admin/concerns')
export class AdminBoardController {
  constructor(private readonly board: BoardService) {}

  @Post(':id/publish-case')
  @HttpCode(200)
  @Auth('dispatcher', 'supervisor')
  @ApiOperation({ summary: '公开案例 — publish a closed, non-confidential concern whose reporter agreed; texts masked, photos chosen' })
  @ApiZodBody(publishCaseSchema)
  publish(
    @CurrentActor() actor: StaffActor,
    @Param('id', concernId) concern: number,
    @Body(new ZodValidationPipe(publishCaseSchema)) body: PublishCaseInput,
  ): Promise<PublicCaseAdminView> {
    return this.board.publish(actor, concern, body);
  }

  @Post(':id/unpublish-case')
  @HttpCode(200)
  @Auth('dispatcher', 'supervisor')
  @ApiOperation({ summary: '撤回公开 — the case leaves the board at once (audited)' })
  unpublish(@CurrentActor() actor: StaffActor, @Param('id', concernId) concern: number): Promise<PublicCaseAdminView> {
    return this.board.unpublish(actor, concern);
  }
}
