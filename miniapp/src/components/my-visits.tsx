import { View } from '@tarojs/components';

import { useReloadOnShow } from '../hooks/use-reload-on-show';
import { usePagedList } from '../hooks/use-paged-list';
import { fetchMyVisits } from '../services/visits.api';
import { a11y } from '../utils/a11y';
import { ListFooter } from './list-footer';
import { RequestView } from './request-view';
import { VisitCard } from './visit-card';

/** 我的报名: visits I have a place on or am waiting for, soonest first, with my place. */
export function MyVisits() {
  const list = usePagedList(fetchMyVisits);

  useReloadOnShow(list.result);

  return (
    <RequestView
      result={list.result}
      isEmpty={(page) => page.items.length === 0}
      loadingText="正在加载我的报名…"
      emptyText="您还没有报名走访"
    >
      {() => (
        <View {...a11y('list', { 'aria-label': '我的报名' })}>
          {list.items.map((visit) => (
            <VisitCard key={visit.id} visit={visit} mine={visit.mySignup} />
          ))}
          {(list.hasMore || list.moreError) && (
            <ListFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
          )}
        </View>
      )}
    </RequestView>
  );
}
