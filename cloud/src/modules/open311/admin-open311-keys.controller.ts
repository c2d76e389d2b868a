import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { id, text } from '@manyi/shared';
import { z } from 'zod';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import type { StaffActor } from '../auth/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { Open311KeysService, type Open311KeyView } from './open311-keys.service.js';

const createKeySchema = z.object({ partner: text('合作方名称', 2, 60) });
const keyId = new ZodValidationPipe(id('密钥编号'));

/** 接口密钥管理: the admin issues each partner its Open311 key, lists them, revokes one. */
@ApiTags('admin: open311')
@Controller('admin/open311-keys')
export class AdminOpen311KeysController {
  constructor(private readonly keys: Open311KeysService) {}

  @Post()
  @Auth('admin')
  @ApiOperation({ summary: '发放接口密钥 — { partner } → { id, key }; the key is shown only in this answer and stored hashed' })
  create(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(createKeySchema)) body: { partner: string },
  ): Promise<{ id: number; key: string }> {
    return this.keys.create(actor, body.partner);
  }

  @Get()
  @Auth('admin')
  @ApiOperation({ summary: '接口密钥列表 — partners, prefixes and revocation, never the keys' })
  async list(): Promise<{ items: Open311KeyView[] }> {
    return { items: await this.keys.list() };
  }

  @Delete(':id')
  @Auth('admin')
  @ApiOperation({ summary: '吊销接口密钥 — the key stops working at once' })
  revoke(@CurrentActor() actor: StaffActor, @Param('id', keyId) key: number): Promise<Open311KeyView> {
    return this.keys.revoke(actor, key);
  }
}
