import type { Page, VisitSummaryView } from '@manyi/shared';
import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';

import { ListFooter } from '../../components/list-footer';
import { RequestView } from '../../components/request-view';
import { Screen } from '../../components/screen';
import { StreetChoice, useSavedStreet } from '../../components/street-choice';
import { VisitCard } from '../../components/visit-card';
import { useListPage } from '../../hooks/use-list-page';
import { usePagedList } from '../../hooks/use-paged-list';
import { fetchVisits } from '../../services/visits.api';
import { a11y } from '../../utils/a11y';
import { useUnreadBadgeOnShow } from '../../hooks/use-unread-count';

/** 走访: the upcoming "满意在徐汇" visits of my street, soonest first. */
export default function VisitsPage() {
  // The 我的 tab's unread badge (我的消息) is read again whenever a tab is shown.
  useUnreadBadgeOnShow();
  const [street, chooseStreet] = useSavedStreet();
  return (
    <Screen>
      <Text className="page__title">走访</Text>
      <Text className="page__intro">查看“满意在徐汇”走访安排，报名参加，或提前提出想问的问题。</Text>
      <StreetChoice street={street} onChange={chooseStreet} />
      {street && <StreetVisits streetCode={street.code} />}
    </Screen>
  );
}

function StreetVisits({ streetCode }: { streetCode: string }) {
  const load = useCallback(
    async (cursor?: string): Promise<Page<VisitSummaryView>> => {
      const { items, nextCursor } = await fetchVisits(streetCode, cursor);
      return { items, nextCursor };
    },
    [streetCode],
  );
  const list = usePagedList(load, streetCode);
  useListPage(list);

  return (
    <RequestView
      result={list.result}
      isEmpty={(page) => page.items.length === 0}
      loadingText="正在加载走访安排…"
      emptyText="本街道近期没有走访安排"
    >
      {() => (
        <View {...a11y('list', { 'aria-label': '走访安排' })}>
          {list.items.map((visit) => (
            <VisitCard key={visit.id} visit={visit} />
          ))}
          <ListFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
        </View>
      )}
    </RequestView>
  );
}
