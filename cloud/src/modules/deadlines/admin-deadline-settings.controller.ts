import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ADMIN_AREA_ROLES, deadlineSettingsSchema, type DeadlineSettings, type DeadlineSettingsView } from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { DeadlineSettingsService } from './deadline-settings.service.js';

@ApiTags('admin: settings')
@Controller('admin/settings/deadlines')
@Auth(...ADMIN_AREA_ROLES.deadlines)
export class AdminDeadlineSettingsController {
  constructor(private readonly settings: DeadlineSettingsService) {}

  @Get()
  @ApiOperation({ summary: '时限设置 — the deadline rules in force, the defaults, who changed them last' })
  get(): Promise<DeadlineSettingsView> {
    return this.settings.get();
  }

  @Put()
  @ApiZodBody(deadlineSettingsSchema)
  @ApiOperation({ summary: '修改时限设置 — applies to deadlines set from now on; audited with before and after' })
  put(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(deadlineSettingsSchema)) body: DeadlineSettings,
  ): Promise<DeadlineSettingsView> {
    return this.settings.put(actor, body);
  }
}
