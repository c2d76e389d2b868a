import type { NewsSummaryView } from '@manyi/shared';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

import { ROUTES } from '../routes';
import { API_BASE } from '../services/config';
import { a11y } from '../utils/a11y';
import { formatDate } from '../utils/format';
import { ListFooter } from './list-footer';

import './forms.scss';
import './lists.scss';

/** Our own uploads are paths on the service; other images are absolute already. */
export function imageUrl(url: string): string {
  return url.startsWith('/') ? `${API_BASE}${url}` : url;
}

export interface NewsListProps {
  items: readonly NewsSummaryView[];
  hasMore: boolean;
  loadingMore: boolean;
  moreError?: { message: string };
  onMore: () => void;
}

/** Articles as cards: title, first words, date and source; a tap opens the article. */
export function NewsList({ items, hasMore, loadingMore, moreError, onMore }: NewsListProps) {
  return (
    <View {...a11y('list', { 'aria-label': '资讯列表' })}>
      {items.map((item) => (
        <View
          key={item.id}
          className="card news-item"
          onClick={() => void Taro.navigateTo({ url: ROUTES.newsArticle(item.id) })}
          {...a11y('listitem', { 'aria-label': item.title })}
        >
          <View className="news-item__text">
            <Text className="card__title">
              {item.title}
              {item.isDemo && <Text className="demo-mark">演示</Text>}
            </Text>
            {item.summary && <Text className="card__summary">{item.summary}</Text>}
            <Text className="card__meta">
              {formatDate(item.publishedAt)}
              {item.source ? ` · ${item.source}` : ''}
            </Text>
          </View>
          {item.coverUrl && <Image className="news-item__cover elderly-hidden" src={imageUrl(item.coverUrl)} mode="aspectFill" lazyLoad />}
        </View>
      ))}
      <ListFooter hasMore={hasMore} loadingMore={loadingMore} error={moreError} onMore={onMore} />
    </View>
  );
}
