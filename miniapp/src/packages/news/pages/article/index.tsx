import { useRouter } from '@tarojs/taro';

import { NewsArticle } from '../../news-article';

export default function NewsArticlePage() {
  const { params } = useRouter();
  return <NewsArticle id={Number(params.id)} />;
}
