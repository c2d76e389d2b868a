import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { AdminKnowledgeController } from './admin-knowledge.controller.js';
import { KnowledgeEntry, KnowledgeSearchToken } from './knowledge-entry.entity.js';
import { KnowledgeService } from './knowledge.service.js';
import { ReplyTemplate } from './reply-template.entity.js';

/** 答复模板 and 政策知识库 (issue 19). */
@Module({
  imports: [TypeOrmModule.forFeature([ReplyTemplate, KnowledgeEntry, KnowledgeSearchToken]), AuthModule, AuditModule],
  controllers: [AdminKnowledgeController],
  providers: [KnowledgeService],
  // The demo district writes its templates and knowledge base through it.
  exports: [KnowledgeService],
})
export class KnowledgeModule {}
