import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { StaffAdminController } from './staff-admin.controller.js';
import { StaffAdminService } from './staff-admin.service.js';

/** 账号管理: staff accounts as district admins manage them (logins and sessions stay in the auth module). */
@Module({ imports: [AuthModule, AuditModule], controllers: [StaffAdminController], providers: [StaffAdminService] })
export class StaffModule {}
