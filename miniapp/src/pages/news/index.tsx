import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';

import { NewsList } from '../../components/news-list';
import { RequestView } from '../../components/request-view';
import { Screen } from '../../components/screen';
import { StreetChoice, useSavedStreet } from '../../components/street-choice';
import { useListPage } from '../../hooks/use-list-page';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES } from '../../routes';
import { fetchNews } from '../../services/news.api';
import { a11y } from '../../utils/a11y';

import '../../components/lists.scss';
import { useUnreadBadgeOnShow } from '../../hooks/use-unread-count';

/** 资讯: the news of my street, newest first; pull to refresh, more as I scroll, search. */
export default function NewsPage() {
  // The 我的 tab's unread badge (我的消息) is read again whenever a tab is shown.
  useUnreadBadgeOnShow();
  const [street, chooseStreet] = useSavedStreet();

  return (
    <Screen>
      <Text className="page__title">资讯</Text>
      <Text className="page__intro">选择您所在的街道，查看社区新闻和通知公告。</Text>
      <StreetChoice street={street} onChange={chooseStreet} />
      {street && (
        <View
          className="card field__row"
          onClick={() => void Taro.navigateTo({ url: ROUTES.board(street.code) })}
          {...a11y('link', { 'aria-label': '本街道已办结' })}
        >
          <View>
            <Text className="settings__label">本街道已办结</Text>
            <Text className="settings__hint">近 90 天三率和公开的办结案例</Text>
          </View>
          <Text className="settings__hint">›</Text>
        </View>
      )}
      {street && <StreetNews streetCode={street.code} />}
    </Screen>
  );
}

function StreetNews({ streetCode }: { streetCode: string }) {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const load = useCallback((cursor?: string) => fetchNews({ street: streetCode, q: query, cursor }), [streetCode, query]);
  const list = usePagedList(load, `${streetCode}|${query}`);
  useListPage(list);

  const search = (words: string) => setQuery(words.trim());

  return (
    <View>
      <View className="search-box" {...a11y('search')}>
        <Input
          className="search-box__input"
          value={typed}
          placeholder="搜索本街道资讯"
          confirmType="search"
          maxlength={50}
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={(e) => search(e.detail.value)}
          {...a11y('searchbox', { 'aria-label': '搜索资讯' })}
        />
        <Button {...a11y('button')} size="mini" onClick={() => search(typed)}>
          搜索
        </Button>
        {query !== '' && (
          <Button
            {...a11y('button', { 'aria-label': '清除搜索' })}
            size="mini"
            onClick={() => {
              setTyped('');
              setQuery('');
            }}
          >
            清除
          </Button>
        )}
      </View>
      {query !== '' && <Text className="field__hint">“{query}”的搜索结果</Text>}
      <RequestView
        result={list.result}
        isEmpty={(page) => page.items.length === 0}
        loadingText="正在加载资讯…"
        emptyText={query ? '没有找到相关资讯，换个词试试' : '本街道暂时没有资讯'}
      >
        {() => (
          <NewsList
            items={list.items}
            hasMore={list.hasMore}
            loadingMore={list.loadingMore}
            moreError={list.moreError}
            onMore={list.loadMore}
          />
        )}
      </RequestView>
    </View>
  );
}
