import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

import { useReloadOnShow } from '../hooks/use-reload-on-show';
import { useMyConcerns } from '../hooks/use-my-concerns';
import { ROUTES } from '../routes';
import { a11y } from '../utils/a11y';
import { formatShortDateTime } from '../utils/format';
import { ErrorState } from './error-state';
import { RequestView } from './request-view';
import { StatusChip } from './status-chip';

import './forms.scss';

/** 我反映的诉求: newest first, status chips, the next deadline, and 加载更多. */
export function MyConcerns() {
  const { result, items, hasMore, loadingMore, moreError, loadMore } = useMyConcerns();

  useReloadOnShow(result);

  return (
    <RequestView result={result} isEmpty={(page) => page.items.length === 0} loadingText="正在加载我的诉求…" emptyText="您还没有反映过问题">
      {() => (
        <View {...a11y('list', { 'aria-label': '我的诉求' })}>
          {items.map((item) => (
            <View
              key={item.id}
              className="card"
              onClick={() => void Taro.navigateTo({ url: ROUTES.concernDetail(item.id) })}
              {...a11y('listitem')}
            >
              <View className="field__row">
                <Text className="card__meta">{item.code}</Text>
                <StatusChip status={item.status} />
              </View>
              <Text className="card__title">{item.title}</Text>
              <Text className="card__meta">提交于 {formatShortDateTime(item.createdAt)}</Text>
              {item.dueAt && (
                <Text className={`card__meta${item.overdue ? ' card__meta--overdue' : ''}`}>
                  {item.overdue ? '已超期，' : ''}期限 {formatShortDateTime(item.dueAt)}
                  {item.dueProvisional ? '（暂定）' : ''}
                </Text>
              )}
            </View>
          ))}
          {moreError && <ErrorState message={moreError.message} onRetry={loadMore} />}
          {hasMore && !moreError && (
            <Button {...a11y('button')} className="secondary-button" loading={loadingMore} disabled={loadingMore} onClick={loadMore}>
              加载更多
            </Button>
          )}
        </View>
      )}
    </RequestView>
  );
}
