import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Category } from './category.entity.js';
import { Compound } from './compound.entity.js';
import { Department } from './department.entity.js';
import { DirectoryController } from './directory.controller.js';
import { DirectoryService } from './directory.service.js';
import { RoutingRule } from './routing-rule.entity.js';
import { RoutingService } from './routing.service.js';
import { Street } from './street.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Street, Compound, Department, Category, RoutingRule])],
  controllers: [DirectoryController],
  providers: [DirectoryService, RoutingService],
  exports: [DirectoryService, RoutingService, TypeOrmModule],
})
export class DirectoryModule {}
