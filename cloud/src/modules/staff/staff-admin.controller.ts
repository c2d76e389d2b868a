import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ADMIN_AREA_ROLES,
  createStaffSchema,
  id,
  staffListQuerySchema,
  updateStaffSchema,
  type CreateStaffInput,
  type Page,
  type StaffAccountView,
  type StaffListQuery,
  type StaffPasswordView,
  type UpdateStaffInput,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { StaffAdminService } from './staff-admin.service.js';

const staffId = new ZodValidationPipe(id('账号编号'));

@ApiTags('admin: staff')
@Controller('admin/staff')
@Auth(...ADMIN_AREA_ROLES.staff)
export class StaffAdminController {
  constructor(private readonly staff: StaffAdminService) {}

  @Get()
  @ApiOperation({ summary: '账号列表 — by username or name, role; keyset paged' })
  list(@Query(new ZodValidationPipe(staffListQuerySchema)) query: StaffListQuery): Promise<Page<StaffAccountView>> {
    return this.staff.list(query);
  }

  @Post()
  @ApiZodBody(createStaffSchema)
  @ApiOperation({ summary: '新建账号 — role and scope; answers a temporary password, shown once; audited' })
  create(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(createStaffSchema)) body: CreateStaffInput,
  ): Promise<StaffPasswordView> {
    return this.staff.create(actor, body);
  }

  @Patch(':id')
  @ApiZodBody(updateStaffSchema)
  @ApiOperation({ summary: '修改账号 — name, or role with its scope; audited with before and after' })
  update(
    @CurrentActor() actor: StaffActor,
    @Param('id', staffId) id: number,
    @Body(new ZodValidationPipe(updateStaffSchema)) body: UpdateStaffInput,
  ): Promise<StaffAccountView> {
    return this.staff.update(actor, id, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: '停用账号 — its sessions end at once; audited' })
  disable(@CurrentActor() actor: StaffActor, @Param('id', staffId) id: number): Promise<StaffAccountView> {
    return this.staff.setDisabled(actor, id, true);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: '启用账号; audited' })
  enable(@CurrentActor() actor: StaffActor, @Param('id', staffId) id: number): Promise<StaffAccountView> {
    return this.staff.setDisabled(actor, id, false);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOperation({ summary: '重置密码 — a new temporary password, shown once; existing sessions end; audited' })
  resetPassword(@CurrentActor() actor: StaffActor, @Param('id', staffId) id: number): Promise<StaffPasswordView> {
    return this.staff.resetPassword(actor, id);
  }
}
