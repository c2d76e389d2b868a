import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { act, fireEvent, render, screen, within } from '@testing-library/react';

import { answerWith, failWith, requestMock, sentRequest } from '../../../test/taro-request';
import { saveStreet } from '../../services/street-store';
import NewsPage from './index';

const STREETS = [
  { id: 1, code: 'xujiahui', name: '徐家汇街道', kind: 'street' },
  { id: 13, code: 'huajing', name: '华泾镇', kind: 'town' },
];

function article(id: number, title: string) {
  return {
    id,
    streetCode: 'xujiahui',
    streetName: '徐家汇街道',
    title,
    summary: `${title}的摘要`,
    coverUrl: null,
    source: '街道办',
    publishedAt: '2026-11-23T01:00:00Z',
    isDemo: false,
  };
}

/** The callback the page registered with a Taro page hook (the last render's). */
function pageEvent(hook: unknown): () => void {
  const calls = (hook as jest.Mock).mock.calls;
  return calls[calls.length - 1][0] as () => void;
}

describe('NewsPage', () => {
  it('loads the streets from the API and, once one is picked, its news', async () => {
    answerWith(200, { items: STREETS });
    answerWith(200, { items: [article(1, '华泾镇垃圾分类新规')], nextCursor: null });

    render(<NewsPage />);

    expect(screen.getByText('正在加载街道…')).toBeTruthy();
    fireEvent.click(await screen.findByText('华泾镇'));
    expect(screen.getByText('当前街道：华泾镇')).toBeTruthy();
    expect(await screen.findByText('华泾镇垃圾分类新规')).toBeTruthy();
    expect(sentRequest(0).url).toBe('/api/v1/streets');
    expect(sentRequest(1).url).toBe('/api/v1/news?street=huajing');
  });

  it('shows the error with 重试, and a retry that succeeds shows the streets', async () => {
    failWith('request:fail net::ERR_CONNECTION_REFUSED');
    answerWith(200, { items: STREETS });

    render(<NewsPage />);

    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('徐家汇街道')).toBeTruthy();
    expect(screen.queryByText('网络连接失败，请检查网络后重试')).toBeNull();
  });

  it('says so when there are no streets', async () => {
    answerWith(200, { items: [] });

    render(<NewsPage />);

    expect(await screen.findByText('暂无街道信息')).toBeTruthy();
  });

  it('remembers the street: the news comes at once, the next page on reaching the bottom, then 没有更多了', async () => {
    saveStreet({ code: 'xujiahui', name: '徐家汇街道' });
    answerWith(200, { items: [article(1, '第一篇'), article(2, '第二篇')], nextCursor: 'c2' });
    answerWith(200, { items: [article(3, '第三篇')], nextCursor: null });

    render(<NewsPage />);

    expect(await screen.findByText('第二篇')).toBeTruthy();
    await act(async () => pageEvent(useReachBottom)());
    expect(await screen.findByText('第三篇')).toBeTruthy();
    expect(screen.getByText('没有更多了')).toBeTruthy();
    expect(sentRequest(1).url).toBe('/api/v1/news?street=xujiahui&cursor=c2');
    expect(within(screen.getByRole('list', { name: '资讯列表' })).getAllByRole('listitem')).toHaveLength(3);
  });

  it('searches the street’s news, and says when nothing matches', async () => {
    saveStreet({ code: 'xujiahui', name: '徐家汇街道' });
    answerWith(200, { items: [article(1, '第一篇')], nextCursor: null });
    answerWith(200, { items: [], nextCursor: null });

    render(<NewsPage />);
    await screen.findByText('第一篇');
    fireEvent.input(screen.getByLabelText('搜索资讯'), { target: { value: ' 加装电梯 ' } });
    fireEvent.click(screen.getByRole('button', { name: '搜索' }));

    expect(await screen.findByText('没有找到相关资讯，换个词试试')).toBeTruthy();
    expect(sentRequest(1).url).toBe(`/api/v1/news?street=xujiahui&q=${encodeURIComponent('加装电梯')}`);
  });

  it('pull to refresh loads the newest articles and stops the spinner once they are in', async () => {
    saveStreet({ code: 'xujiahui', name: '徐家汇街道' });
    answerWith(200, { items: [article(1, '旧文章')], nextCursor: null });
    answerWith(200, { items: [article(2, '刚发布'), article(1, '旧文章')], nextCursor: null });

    render(<NewsPage />);
    await screen.findByText('旧文章');
    act(() => pageEvent(usePullDownRefresh)());

    expect(await screen.findByText('刚发布')).toBeTruthy();
    expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1);
    expect(requestMock).toHaveBeenCalledTimes(2);
  });
});
