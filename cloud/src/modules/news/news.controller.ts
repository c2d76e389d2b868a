import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { id, newsQuerySchema, type NewsDetailView, type NewsQuery, type NewsSummaryView, type Page } from '@manyi/shared';
import { CachedPublicRead } from '../../common/cache/public-cache.interceptor.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { NewsService } from './news.service.js';

@ApiTags('news')
@Controller('news')
export class NewsController {
  constructor(private readonly news: NewsService) {}

  @Get()
  @CachedPublicRead('news')
  @ApiOperation({
    summary: '街道资讯 — published news, newest first, cursor paged; q searches title and body (Chinese, traditional or simplified)',
  })
  list(@Query(new ZodValidationPipe(newsQuerySchema)) query: NewsQuery): Promise<Page<NewsSummaryView>> {
    return this.news.list(query);
  }

  @Get(':id')
  @CachedPublicRead('news')
  @ApiOperation({ summary: '资讯详情 — one published article' })
  detail(@Param('id', new ZodValidationPipe(id('资讯编号'))) article: number): Promise<NewsDetailView> {
    return this.news.detail(article);
  }
}
