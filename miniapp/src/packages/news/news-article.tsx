import type { NewsBlock, NewsDetailView } from '@manyi/shared';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

import '../../components/forms.scss';
import '../../components/lists.scss';
import { imageUrl } from '../../components/news-list';
import { RequestView } from '../../components/request-view';
import { Screen } from '../../components/screen';
import { useRequest } from '../../hooks/use-request';
import { fetchArticle } from '../../services/news.api';
import { a11y } from '../../utils/a11y';
import { formatDateTime } from '../../utils/format';

/**
 * One article: its blocks as plain text (never as HTML) — paragraphs, subheads in bold, images with
 * their captions; a tap on an image enlarges it.
 */
export function NewsArticle({ id }: { id: number }) {
  const article = useRequest(() => fetchArticle(id), id);
  return (
    <Screen>
      <RequestView result={article} loadingText="正在加载资讯…">
        {(detail) => <ArticleBody detail={detail} />}
      </RequestView>
    </Screen>
  );
}

export function ArticleBody({ detail }: { detail: NewsDetailView }) {
  const images = detail.body.flatMap((block) => (block.type === 'image' && block.url ? [imageUrl(block.url)] : []));
  return (
    <View {...a11y('article', { 'aria-label': detail.title })}>
      <Text className="article__title" {...a11y('heading')}>
        {detail.title}
        {detail.isDemo && <Text className="demo-mark">演示</Text>}
      </Text>
      <Text className="article__meta">
        {detail.streetName} · {formatDateTime(detail.publishedAt)}
        {detail.source ? ` · 来源：${detail.source}` : ''}
      </Text>
      {detail.body.map((block, index) => (
        <Block key={index} block={block} images={images} />
      ))}
    </View>
  );
}

function Block({ block, images }: { block: NewsBlock; images: string[] }) {
  if (block.type === 'paragraph') return <Text className="article__paragraph">{block.text}</Text>;
  if (block.type === 'subhead')
    return (
      <Text className="article__subhead" {...a11y('heading', { 'aria-level': '2' })}>
        {block.text}
      </Text>
    );
  const url = block.url ? imageUrl(block.url) : null;
  return (
    <View className="article__figure" {...a11y('figure')}>
      {url && (
        <Image
          className="article__image"
          src={url}
          mode="widthFix"
          lazyLoad
          onClick={() => void Taro.previewImage({ current: url, urls: images })}
          {...a11y('img', { 'aria-label': block.caption ?? '资讯图片' })}
        />
      )}
      {block.caption && <Text className="article__caption">{block.caption}</Text>}
    </View>
  );
}
