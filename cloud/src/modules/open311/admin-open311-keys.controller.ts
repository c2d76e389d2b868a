import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ADMIN_AREA_ROLES,
  createOpen311KeySchema,
  id,
  type CreateOpen311KeyInput,
  type Open311KeyCreatedView,
  type Open311KeyView,
  type Items,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { Open311KeysService } from './open311-keys.service.js';

const keyId = new ZodValidationPipe(id('密钥编号'));

/** 接口密钥管理: the admin issues each partner its Open311 key, lists them, revokes one. */
@ApiTags('admin: open311')
@Controller('admin/open311-keys')
export class AdminOpen311KeysController {
  constructor(private readonly keys: Open311KeysService) {}

  @Post()
  @Auth(...ADMIN_AREA_ROLES.open311Keys)
  @ApiZodBody(createOpen311KeySchema)
  @ApiOperation({ summary: '发放接口密钥 — { partner } → { id, key }; the key is shown only in this answer and stored hashed' })
  create(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(createOpen311KeySchema)) body: CreateOpen311KeyInput,
  ): Promise<Open311KeyCreatedView> {
    return this.keys.create(actor, body.partner);
  }

  @Get()
  @Auth(...ADMIN_AREA_ROLES.open311Keys)
  @ApiOperation({ summary: '接口密钥列表 — partners, prefixes and revocation, never the keys' })
  async list(): Promise<Items<Open311KeyView>> {
    return { items: await this.keys.list() };
  }

  @Delete(':id')
  @Auth(...ADMIN_AREA_ROLES.open311Keys)
  @ApiOperation({ summary: '吊销接口密钥 — the key stops working at once' })
  revoke(@CurrentActor() actor: StaffActor, @Param('id', keyId) key: number): Promise<Open311KeyView> {
    return this.keys.revoke(actor, key);
  }
}
