import type { NotificationView } from '@manyi/shared';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

import { requestMock } from '../../../test/taro-request';
import { setUnreadCount, unreadCount } from '../../services/unread-badge';
import { setToken } from '../../services/token-store';
import { MyMessages, messageTarget } from './my-messages';

function message(
  id: number,
  title: string,
  about: { concernId?: number; visitId?: number },
  readAt: string | null = null,
): NotificationView {
  return {
    read: readAt !== null,
    id,
    concernId: about.concernId ?? null,
    visitId: about.visitId ?? null,
    kind: about.concernId ? 'accepted' : 'visit_reminder',
    title,
    body: `${title}的说明`,
    createdAt: '2026-12-01T02:00:00Z',
    readAt,
  };
}

type Answer = { status: number; data: unknown } | 'network';

/** A fake service: each route answers from its own queue (the last answer repeats), and every call is kept. */
function serve(routes: Record<string, Answer[]>) {
  requestMock.mockImplementation((options) => {
    const path = String(options.url).split('?')[0]!;
    const key = `${options.method ?? 'GET'} ${path}`;
    const queue = routes[key];
    if (!queue) return Promise.reject({ errMsg: `no route ${key}` });
    const answer = queue.length > 1 ? queue.shift()! : queue[0]!;
    if (answer === 'network') return Promise.reject({ errMsg: 'request:fail' });
    return Promise.resolve({ statusCode: answer.status, data: answer.data as object, header: {}, errMsg: 'request:ok', cookies: [] });
  });
}

function calls(key: string): Taro.request.Option[] {
  return requestMock.mock.calls.map((c) => c[0]).filter((o) => `${o.method ?? 'GET'} ${String(o.url).split('?')[0]}` === key);
}

function pageEvent(hook: unknown): () => void {
  const list = (hook as jest.Mock).mock.calls;
  return list[list.length - 1][0] as () => void;
}

const LIST = 'GET /api/v1/notifications';
const READ = 'POST /api/v1/notifications/read';

describe('我的消息', () => {
  beforeEach(() => {
    setToken('resident-token');
  });
  afterEach(() => {
    requestMock.mockReset();
    act(() => setUnreadCount(0));
  });

  it('lists my messages newest first, unread ones marked, with the service’s unread count', async () => {
    serve({
      [LIST]: [
        {
          status: 200,
          data: {
            items: [message(3, '您的诉求已答复', { concernId: 7 }), message(2, '走访提醒', { visitId: 4 }, '2026-12-01T03:00:00Z')],
            nextCursor: null,
            unread: 1,
          },
        },
      ],
    });

    render(<MyMessages />);

    const list = await screen.findByRole('list', { name: '消息列表' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual(['未读，您的诉求已答复', '走访提醒']);
    expect(await screen.findByText('1 条未读')).toBeTruthy();
    expect(screen.getByText('没有更多了')).toBeTruthy();
  });

  it('opens the concern a message is about and marks it read at the service', async () => {
    serve({
      [LIST]: [{ status: 200, data: { items: [message(3, '您的诉求已受理', { concernId: 7 })], nextCursor: null, unread: 1 } }],
      [READ]: [{ status: 200, data: { marked: 1, unread: 0 } }],
    });
    render(<MyMessages />);
    await screen.findByText('1 条未读');

    fireEvent.click(screen.getByRole('listitem', { name: '未读，您的诉求已受理' }));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/concerns/pages/detail/index?id=7' });
    expect(calls(READ).map((o) => o.data)).toEqual([{ ids: [3] }]);
    expect(await screen.findByRole('listitem', { name: '您的诉求已受理' })).toBeTruthy();
    expect(screen.getByText('没有未读消息')).toBeTruthy();
    expect(unreadCount()).toBe(0);
  });

  it('reads the list again, back from the message, only once its read mark has reached the service', async () => {
    const two = [message(4, '您的诉求已答复', { concernId: 7 }), message(3, '您的诉求已受理', { concernId: 7 })];
    let release: () => void = () => undefined;
    const listAnswers = [
      { items: two, nextCursor: null, unread: 2 },
      { items: [two[0]!, { ...two[1]!, read: true, readAt: '2026-12-01T04:00:00Z' }], nextCursor: null, unread: 1 },
    ];
    requestMock.mockImplementation((options) => {
      const answer = (data: object) =>
        Promise.resolve({ statusCode: 200, data, header: {}, errMsg: 'request:ok', cookies: [] as string[] });
      if (options.method === 'POST') return new Promise((resolve) => (release = () => resolve(answer({ marked: 1, unread: 1 })) as never));
      return answer(listAnswers.length > 1 ? listAnswers.shift()! : listAnswers[0]!);
    });
    render(<MyMessages />);
    await screen.findByText('2 条未读');

    fireEvent.click(screen.getByRole('listitem', { name: '未读，您的诉求已受理' }));
    act(() => pageEvent(useDidShow)()); // back on the list while the mark is still on its way

    await act(async () => Promise.resolve());
    expect(calls(LIST)).toHaveLength(1);
    act(() => release());

    await waitFor(() => expect(calls(LIST)).toHaveLength(2));
    expect(await screen.findByText('1 条未读')).toBeTruthy();
    expect(unreadCount()).toBe(1);
  });

  it('opens a visit’s message on the visit, and does not mark a read message again', async () => {
    serve({
      [LIST]: [
        { status: 200, data: { items: [message(2, '走访提醒', { visitId: 4 }, '2026-12-01T03:00:00Z')], nextCursor: null, unread: 0 } },
      ],
    });
    render(<MyMessages />);

    fireEvent.click(await screen.findByRole('listitem', { name: '走访提醒' }));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/visits/pages/detail/index?id=4' });
    expect(calls(READ)).toHaveLength(0);
  });

  it('puts the message back to unread and says why when marking it read fails', async () => {
    serve({
      [LIST]: [{ status: 200, data: { items: [message(3, '您的诉求已办结', { concernId: 7 })], nextCursor: null, unread: 1 } }],
      [READ]: ['network'],
    });
    render(<MyMessages />);
    await screen.findByText('1 条未读');

    fireEvent.click(screen.getByRole('listitem', { name: '未读，您的诉求已办结' }));

    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('listitem', { name: '未读，您的诉求已办结' })).toBeTruthy();
    expect(unreadCount()).toBe(1);
  });

  it('marks everything read with 全部已读', async () => {
    serve({
      [LIST]: [
        {
          status: 200,
          data: {
            items: [message(3, '答复已发布', { concernId: 7 }), message(2, '已受理', { concernId: 7 })],
            nextCursor: null,
            unread: 2,
          },
        },
      ],
      [READ]: [{ status: 200, data: { marked: 2, unread: 0 } }],
    });
    render(<MyMessages />);
    await screen.findByText('2 条未读');

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '全部已读' }));
    });

    expect(calls(READ).map((o) => o.data)).toEqual([{ all: true }]);
    await waitFor(() => expect(screen.queryByRole('button', { name: '全部已读' })).toBeNull());
    expect(screen.getByText('没有未读消息')).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: '消息列表' }))
        .getAllByRole('listitem')
        .map((i) => i.getAttribute('aria-label')),
    ).toEqual(['答复已发布', '已受理']);
  });

  it('loads older messages at the bottom and the newest on pull to refresh', async () => {
    serve({
      [LIST]: [
        { status: 200, data: { items: [message(5, '第一页', { concernId: 1 })], nextCursor: 'c5', unread: 0 } },
        { status: 200, data: { items: [message(4, '第二页', { concernId: 1 })], nextCursor: null, unread: 0 } },
        {
          status: 200,
          data: { items: [message(6, '刚到的', { concernId: 1 }), message(5, '第一页', { concernId: 1 })], nextCursor: 'c5', unread: 0 },
        },
      ],
    });
    render(<MyMessages />);
    await screen.findByRole('listitem', { name: '未读，第一页' });

    await act(async () => pageEvent(useReachBottom)());
    expect(await screen.findByRole('listitem', { name: '未读，第二页' })).toBeTruthy();
    expect(calls(LIST)[1]!.url).toBe('/api/v1/notifications?cursor=c5');

    await act(async () => pageEvent(usePullDownRefresh)());
    expect(await screen.findByRole('listitem', { name: '未读，刚到的' })).toBeTruthy();
    expect(screen.queryByRole('listitem', { name: '未读，第二页' })).toBeNull();
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
  });

  it('says so when there are no messages, and offers 重试 when they cannot be loaded', async () => {
    serve({ [LIST]: ['network', { status: 200, data: { items: [], nextCursor: null, unread: 0 } }] });
    render(<MyMessages />);

    fireEvent.click(await screen.findByRole('button', { name: /重试/ }));

    expect(await screen.findByText(/还没有消息/)).toBeTruthy();
  });
});

describe(messageTarget.name, () => {
  it('leads to the concern, else the visit, else nowhere', () => {
    expect(messageTarget({ concernId: 9, visitId: null })).toBe('/packages/concerns/pages/detail/index?id=9');
    expect(messageTarget({ concernId: null, visitId: 2 })).toBe('/packages/visits/pages/detail/index?id=2');
    expect(messageTarget({ concernId: null, visitId: null })).toBeUndefined();
  });
});
