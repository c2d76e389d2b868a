import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ADMIN_AREA_ROLES,
  DIRECTORY_SCHEMAS,
  directoryKindSchema,
  id,
  type DirectoryKind,
  type DirectoryViews,
  type Items,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { DirectoryAdminService } from './directory-admin.service.js';

const kindPipe = new ZodValidationPipe(directoryKindSchema);
const itemId = new ZodValidationPipe(id('目录项编号'));

/**
 * 目录管理 (district admins): `/admin/directory/:kind` where kind is streets, compounds, departments,
 * categories or routing-rules. The body of each kind is validated with its schema from @manyi/shared.
 */
@ApiTags('admin: directory')
@Controller('admin/directory')
@Auth(...ADMIN_AREA_ROLES.directory)
export class AdminDirectoryController {
  constructor(private readonly directory: DirectoryAdminService) {}

  @Get(':kind')
  @ApiOperation({ summary: '目录列表 — every item of one kind, disabled ones included' })
  async list(@Param('kind', kindPipe) kind: DirectoryKind): Promise<Items<DirectoryViews[DirectoryKind]>> {
    return { items: await this.directory.list(kind) };
  }

  @Post(':kind')
  @ApiOperation({ summary: '新增目录项 — code unique, references in use; audited' })
  create(@CurrentActor() actor: StaffActor, @Param('kind', kindPipe) kind: DirectoryKind, @Body() body: unknown) {
    return this.directory.create(actor, kind, new ZodValidationPipe(DIRECTORY_SCHEMAS[kind].create).transform(body) as never);
  }

  @Patch(':kind/:id')
  @ApiOperation({ summary: '修改目录项 — any field but the code; audited with before and after' })
  update(
    @CurrentActor() actor: StaffActor,
    @Param('kind', kindPipe) kind: DirectoryKind,
    @Param('id', itemId) itemIdValue: number,
    @Body() body: unknown,
  ) {
    return this.directory.update(actor, kind, itemIdValue, new ZodValidationPipe(DIRECTORY_SCHEMAS[kind].update).transform(body) as never);
  }

  @Post(':kind/:id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: '停用目录项 — hidden from residents and routing; never deleted; audited' })
  disable(@CurrentActor() actor: StaffActor, @Param('kind', kindPipe) kind: DirectoryKind, @Param('id', itemId) itemIdValue: number) {
    return this.directory.setDisabled(actor, kind, itemIdValue, true);
  }

  @Post(':kind/:id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: '启用目录项; audited' })
  enable(@CurrentActor() actor: StaffActor, @Param('kind', kindPipe) kind: DirectoryKind, @Param('id', itemId) itemIdValue: number) {
    return this.directory.setDisabled(actor, kind, itemIdValue, false);
  }
}
