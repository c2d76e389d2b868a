import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES } from '@manyi/shared';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  @Get('whoami')
  @Auth(...STAFF_ROLES)
  @ApiOperation({ summary: '当前工作人员 — the signed-in staff member, role and scope (the admin page builds its menus from it)' })
  whoami(@CurrentActor() actor: StaffActor): StaffActor {
    return actor;
  }
}
