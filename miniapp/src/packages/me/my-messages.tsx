import type { NotificationView } from '@manyi/shared';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';

import '../../components/forms.scss';
import '../../components/lists.scss';
import { ListFooter } from '../../components/list-footer';
import { LoginGate } from '../../components/login-gate';
import { RequestView } from '../../components/request-view';
import { Screen } from '../../components/screen';
import { useListPage } from '../../hooks/use-list-page';
import { usePagedList } from '../../hooks/use-paged-list';
import { useReloadOnShow } from '../../hooks/use-reload-on-show';
import { useUnreadCount } from '../../hooks/use-unread-count';
import { ROUTES } from '../../routes';
import { toApiError } from '../../services/api-error';
import { fetchNotifications, markNotificationsRead } from '../../services/notifications.api';
import { setUnreadCount, unreadCount } from '../../services/unread-badge';
import { a11y } from '../../utils/a11y';
import { formatShortDateTime } from '../../utils/format';

import './messages.scss';

/** 我的消息: every step I should hear about — accepted, replied, closed, visit reminders — newest first. */
export function MyMessages() {
  return (
    <Screen>
      <Text className="page__title">我的消息</Text>
      <LoginGate purpose="查看我的消息">
        <MessageList />
      </LoginGate>
    </Screen>
  );
}

/** Where a message leads: the concern or the visit it is about. */
export function messageTarget(item: Pick<NotificationView, 'concernId' | 'visitId'>): string | undefined {
  if (item.concernId !== null) return ROUTES.concernDetail(item.concernId);
  if (item.visitId !== null) return ROUTES.visitDetail(item.visitId);
  return undefined;
}

function MessageList() {
  // Read marks still on their way: a reload waits for them, or it could answer the count from before them
  // (back from the message just opened, the list is read again at once) and undo the mark on the badge.
  const marking = useRef(new Set<Promise<unknown>>());
  // The first page brings the unread count with it: the count above the list and the badges follow it.
  const load = useCallback(async (cursor?: string) => {
    if (cursor === undefined) await Promise.allSettled([...marking.current]);
    const page = await fetchNotifications(cursor);
    if (cursor === undefined) setUnreadCount(page.unread);
    return page;
  }, []);
  const list = usePagedList(load);
  useListPage(list);
  // Back from a concern: its page may have brought new steps, and the read marks are the service's.
  useReloadOnShow(list.result);
  const unread = useUnreadCount();
  // Marked read here while the list still shows the service's earlier answer.
  const [readHere, setReadHere] = useState<ReadonlySet<number>>(new Set());
  const [markError, setMarkError] = useState<string>();
  const [markingAll, setMarkingAll] = useState(false);

  const isRead = (item: NotificationView) => item.read || readHere.has(item.id);

  const open = (item: NotificationView) => {
    if (!isRead(item)) {
      setReadHere((ids) => new Set([...ids, item.id]));
      setUnreadCount(unreadCount() - 1);
      const mark = markNotificationsRead({ ids: [item.id] }).then(
        (answer) => setUnreadCount(answer.unread),
        (error: unknown) => {
          setReadHere((ids) => new Set([...ids].filter((id) => id !== item.id)));
          setUnreadCount(unreadCount() + 1);
          setMarkError(toApiError(error).message);
        },
      );
      marking.current.add(mark);
      void mark.finally(() => marking.current.delete(mark));
    }
    const url = messageTarget(item);
    if (url) void Taro.navigateTo({ url });
  };

  const readAll = async () => {
    setMarkingAll(true);
    setMarkError(undefined);
    try {
      const answer = await markNotificationsRead({ all: true });
      setReadHere(new Set(list.items.map((item) => item.id)));
      setUnreadCount(answer.unread);
    } catch (error) {
      setMarkError(toApiError(error).message);
    } finally {
      setMarkingAll(false);
    }
  };

  const anyUnread = unread > 0 || list.items.some((item) => !isRead(item));

  return (
    <View>
      <View className="field__row">
        <Text className="field__hint" {...a11y('status')}>
          {unread > 0 ? `${unread} 条未读` : '没有未读消息'}
        </Text>
        {anyUnread && (
          <Button {...a11y('button')} size="mini" loading={markingAll} disabled={markingAll} onClick={() => void readAll()}>
            全部已读
          </Button>
        )}
      </View>
      {markError && (
        <Text className="form-error" {...a11y('alert')}>
          {markError}
        </Text>
      )}
      <RequestView
        result={list.result}
        isEmpty={(page) => page.items.length === 0}
        loadingText="正在加载消息…"
        emptyText="还没有消息。诉求受理、答复、办结和走访提醒都会在这里告诉您。"
      >
        {() => (
          <View {...a11y('list', { 'aria-label': '消息列表' })}>
            {list.items.map((item) => {
              const read = isRead(item);
              return (
                <View
                  key={item.id}
                  className={`card message${read ? '' : ' message--unread'}`}
                  onClick={() => open(item)}
                  {...a11y('listitem', { 'aria-label': `${read ? '' : '未读，'}${item.title}` })}
                >
                  <View className="field__row message__head">
                    <Text className="card__title">
                      {!read && <Text className="message__dot">●</Text>}
                      {item.title}
                    </Text>
                    <Text className="card__meta">{formatShortDateTime(item.createdAt)}</Text>
                  </View>
                  <Text className="card__summary">{item.body}</Text>
                </View>
              );
            })}
            <ListFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
          </View>
        )}
      </RequestView>
    </View>
  );
}
