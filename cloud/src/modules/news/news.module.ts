import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PublicCache } from '../../common/cache/public-cache.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { AdminNewsController } from './admin-news.controller.js';
import { NewsAdminService } from './news-admin.service.js';
import { NewsArticle } from './news-article.entity.js';
import { NewsSearchIndex } from './news-search-index.service.js';
import { NewsSearchToken } from './news-search-token.entity.js';
import { NewsController } from './news.controller.js';
import { NewsRepository } from './news.repository.js';
import { NewsService } from './news.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([NewsArticle, NewsSearchToken]), AuthModule, AuditModule],
  controllers: [NewsController, AdminNewsController],
  providers: [NewsService, NewsAdminService, NewsSearchIndex, NewsRepository],
})
export class NewsModule implements OnModuleInit {
  constructor(
    private readonly cache: PublicCache,
    private readonly news: NewsService,
  ) {}

  onModuleInit(): void {
    // A scheduled article appears by itself when its time comes: cached feed pages last until then.
    this.cache.defineChangesAt('news', (now) => this.news.nextScheduledAt(now));
  }
}
