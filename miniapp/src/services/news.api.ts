import type { NewsDetailView, NewsSummaryView, Page } from '@manyi/shared';

import { request } from './request';

// 街道资讯 (docs/news.md): published news, newest first, cursor paged; `q` searches.

export interface NewsListQuery {
  street?: string;
  q?: string;
  cursor?: string;
}

export function fetchNews({ street, q, cursor }: NewsListQuery): Promise<Page<NewsSummaryView>> {
  return request<Page<NewsSummaryView>>('/api/v1/news', { query: { street, q: q?.trim() || undefined, cursor } });
}

export function fetchArticle(id: number): Promise<NewsDetailView> {
  return request<NewsDetailView>(`/api/v1/news/${id}`);
}
