import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { AdminNewsController } from './admin-news.controller.js';
import { NewsAdminService } from './news-admin.service.js';
import { NewsArticle } from './news-article.entity.js';
import { NewsSearchIndex } from './news-search-index.service.js';
import { NewsSearchToken } from './news-search-token.entity.js';
import { NewsController } from './news.controller.js';
import { NewsService } from './news.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([NewsArticle, NewsSearchToken]), AuthModule, AuditModule],
  controllers: [NewsController, AdminNewsController],
  providers: [NewsService, NewsAdminService, NewsSearchIndex],
})
export class NewsModule {}
