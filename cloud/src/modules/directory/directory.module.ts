import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { AdminDirectoryController } from './admin-directory.controller.js';
import { Category } from './category.entity.js';
import { Compound } from './compound.entity.js';
import { Department } from './department.entity.js';
import { DirectoryAdminService } from './directory-admin.service.js';
import { DirectoryController } from './directory.controller.js';
import { DirectoryService } from './directory.service.js';
import { RoutingRule } from './routing-rule.entity.js';
import { RoutingService } from './routing.service.js';
import { Street } from './street.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Street, Compound, Department, Category, RoutingRule]), AuthModule, AuditModule],
  controllers: [DirectoryController, AdminDirectoryController],
  providers: [DirectoryService, DirectoryAdminService, RoutingService],
  exports: [DirectoryService, RoutingService, TypeOrmModule],
})
export class DirectoryModule {}
