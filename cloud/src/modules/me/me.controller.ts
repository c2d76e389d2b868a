import { Controller, Delete, Get, HttpCode, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ResidentExport, ResidentProfileView } from '@manyi/shared';
import type { ResidentActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { MeService } from './me.service.js';

/** 我的: the signed-in resident's account and their rights over their data. */
@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @Auth('resident')
  @ApiOperation({ summary: '我的资料 — the signed-in resident' })
  profile(@CurrentActor() actor: ResidentActor): Promise<ResidentProfileView> {
    return this.me.profile(actor);
  }

  @Get('export')
  @Auth('resident')
  @ApiOperation({ summary: '下载我的数据 — everything held about me as JSON (written to the audit log)' })
  async export(@CurrentActor() actor: ResidentActor, @Res({ passthrough: true }) reply: FastifyReply): Promise<ResidentExport> {
    const data = await this.me.export(actor);
    void reply.header('content-disposition', `attachment; filename="manyi-${actor.residentId}.json"`).header('cache-control', 'no-store');
    return data;
  }

  @Delete()
  @HttpCode(204)
  @Auth('resident')
  @ApiOperation({ summary: '注销账号 — my concerns stay for the record without my name, phone, place or photos; every session ends' })
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: ResidentActor): Promise<void> {
    await this.me.deleteAccount(actor);
  }
}
