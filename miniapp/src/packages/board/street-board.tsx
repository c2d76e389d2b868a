import { RATE_DEFINITIONS, type BoardCaseView, type BoardClockView, type BoardRatesView, type BoardView } from '@manyi/shared';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';

import '../../components/forms.scss';
import '../../components/lists.scss';
import { ListFooter } from '../../components/list-footer';
import { RequestView } from '../../components/request-view';
import { Screen } from '../../components/screen';
import { StreetChoice, useSavedStreet } from '../../components/street-choice';
import { useListPage } from '../../hooks/use-list-page';
import { usePagedList } from '../../hooks/use-paged-list';
import { boardPhotoUrl, fetchBoard } from '../../services/board.api';
import { a11y } from '../../utils/a11y';
import { formatDate } from '../../utils/format';

import './board.scss';

/** 已办结: what got done in my street — its three rates for the last 90 days, then the published cases. */
export function StreetBoard({ streetCode }: { streetCode?: string }) {
  const [saved, chooseStreet] = useSavedStreet();
  const code = streetCode ?? saved?.code;
  return (
    <Screen>
      <Text className="page__title">已办结</Text>
      <Text className="page__intro">本街道已办结、经居民同意并审核公开的诉求，个人信息已隐去。</Text>
      {!streetCode && <StreetChoice street={saved} onChange={chooseStreet} />}
      {code && <Board key={code} streetCode={code} />}
    </Screen>
  );
}

type BoardHead = Pick<BoardView, 'street' | 'rates'>;

function Board({ streetCode }: { streetCode: string }) {
  // The first page brings the street and its rates; later pages only more cases.
  const [head, setHead] = useState<BoardHead>();
  const load = useCallback(
    async (cursor?: string) => {
      const page = await fetchBoard(streetCode, cursor);
      if (cursor === undefined) setHead({ street: page.street, rates: page.rates });
      return page;
    },
    [streetCode],
  );
  const list = usePagedList(load, streetCode);
  useListPage(list);

  return (
    <View>
      {head?.rates && <RatesCard streetName={head.street.name} rates={head.rates} />}
      <RequestView
        result={list.result}
        isEmpty={(page) => page.items.length === 0}
        loadingText="正在加载已办结的诉求…"
        emptyText="本街道暂时还没有公开的办结案例"
      >
        {() => (
          <View {...a11y('list', { 'aria-label': '已办结案例' })}>
            {list.items.map((item) => (
              <CaseCard key={item.id} item={item} />
            ))}
            <ListFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
          </View>
        )}
      </RequestView>
    </View>
  );
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function RatesCard({ streetName, rates }: { streetName: string; rates: BoardRatesView }) {
  const cells = [
    { label: RATE_DEFINITIONS.responseRate.label, value: rates.responseRate },
    { label: RATE_DEFINITIONS.resolutionRate.label, value: rates.resolutionRate },
    { label: RATE_DEFINITIONS.satisfactionRate.label, value: rates.satisfactionRate },
  ];
  return (
    <View className="card" {...a11y('region', { 'aria-label': '近90天三率' })}>
      <Text className="section-title">
        {streetName} 近 90 天（{formatDate(rates.from)} 至 {formatDate(rates.to)}）
      </Text>
      <View className="board-rates">
        {cells.map((cell) => (
          <View
            key={cell.label}
            className="board-rates__cell"
            {...a11y('group', { 'aria-label': `${cell.label} ${formatRate(cell.value)}` })}
          >
            <Text className="board-rates__value">{formatRate(cell.value)}</Text>
            <Text className="card__meta">{cell.label}</Text>
          </View>
        ))}
      </View>
      <Text className="card__meta">
        派单 {rates.counts.dispatched} 件，评价 {rates.counts.rated} 件
      </Text>
    </View>
  );
}

/** The public clock in days, against the deadline the case was held to. */
export function clockText(clock: BoardClockView): string[] {
  const days = (label: string, n: number | null) => (n === null ? null : `${label} ${n} 天`);
  const lines = [days('受理用时', clock.daysToAccept), days('答复用时', clock.daysToReply), days('办结用时', clock.daysToClose)].filter(
    (line): line is string => line !== null,
  );
  if (clock.deadline)
    lines.push(`办结期限 ${formatDate(clock.deadline)}${clock.onTime === null ? '' : clock.onTime ? '，按期答复' : '，超期答复'}`);
  return lines;
}

function CaseCard({ item }: { item: BoardCaseView }) {
  const urls = item.photoIds.map(boardPhotoUrl);
  return (
    <View className="card" {...a11y('listitem', { 'aria-label': `${item.category.name} · ${item.compound.name}` })}>
      <Text className="card__meta">
        {item.category.name} · {item.compound.name} · {item.code}
      </Text>
      <Text className="timeline__text">{item.text}</Text>
      <Text className="field__label">街道答复</Text>
      <Text className="timeline__text">{item.reply}</Text>
      {urls.length > 0 && (
        <View className="photo-picker">
          {urls.map((url, index) => (
            <Image
              key={url}
              className="photo-picker__image"
              src={url}
              mode="aspectFill"
              onClick={() => void Taro.previewImage({ urls, current: url })}
              {...a11y('img', { 'aria-label': `照片 ${index + 1}` })}
            />
          ))}
        </View>
      )}
      <View className="board-clock" {...a11y('group', { 'aria-label': '办理用时' })}>
        {clockText(item.clock).map((line) => (
          <Text key={line} className="card__meta board-clock__line">
            {line}
          </Text>
        ))}
      </View>
      <Text className="card__meta">公开于 {formatDate(item.publishedAt)}</Text>
    </View>
  );
}
