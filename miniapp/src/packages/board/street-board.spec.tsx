import type { BoardCaseView, BoardView } from '@manyi/shared';
import { useReachBottom } from '@tarojs/taro';
import { act, fireEvent, render, screen, within } from '@testing-library/react';

import { answerWith, failWith, sentRequest } from '../../../test/taro-request';
import { StreetBoard, clockText, formatRate } from './street-board';

function boardCase(id: number, compound: string): BoardCaseView {
  return {
    id,
    code: `XH-${id}`,
    category: { id: 1, name: '垃圾分类与清运' },
    compound: { id: 2, name: compound },
    text: '垃圾房门口堆满了，联系电话138****5678',
    reply: '已协调物业每日清运两次。',
    photoIds: [9],
    clock: {
      submittedAt: '2026-11-01T01:00:00Z',
      acceptedAt: '2026-11-01T03:00:00Z',
      repliedAt: '2026-11-04T03:00:00Z',
      closedAt: '2026-11-06T03:00:00Z',
      daysToAccept: 0,
      daysToReply: 3,
      daysToClose: 5,
      deadline: '2026-11-10T09:00:00Z',
      onTime: true,
    },
    publishedAt: '2026-11-07T02:00:00Z',
  };
}

function board(items: BoardCaseView[], nextCursor: string | null, withRates: boolean): BoardView {
  return {
    street: { id: 1, code: 'xietu', name: '斜土路街道' },
    rates: withRates
      ? {
          from: '2026-09-08',
          to: '2026-12-06',
          responseRate: 0.9512,
          resolutionRate: 0.8,
          satisfactionRate: null,
          counts: { dispatched: 41, signedOnTime: 39, rated: 5, solved: 4, satisfied: 3, basicallySatisfied: 1, unsatisfied: 1 } as never,
        }
      : null,
    items,
    nextCursor,
  };
}

describe('已办结 (StreetBoard)', () => {
  it('shows the street’s three rates above its published cases, each with its clock and photos', async () => {
    answerWith(200, board([boardCase(1, '斜土一村')], null, true));

    render(<StreetBoard streetCode="xietu" />);

    const list = await screen.findByRole('list', { name: '已办结案例' });
    expect(sentRequest(0).url).toBe('/api/v1/board?street=xietu');
    const rates = screen.getByRole('region', { name: '近90天三率' });
    expect(within(rates).getByRole('group', { name: '响应率 95.1%' })).toBeTruthy();
    expect(within(rates).getByRole('group', { name: '解决率 80.0%' })).toBeTruthy();
    expect(within(rates).getByRole('group', { name: '满意率 —' })).toBeTruthy();
    const item = within(list).getByRole('listitem', { name: '垃圾分类与清运 · 斜土一村' });
    expect(within(item).getByText('垃圾房门口堆满了，联系电话138****5678')).toBeTruthy();
    expect(within(item).getByText('已协调物业每日清运两次。')).toBeTruthy();
    expect(within(item).getByText('答复用时 3 天')).toBeTruthy();
    expect(within(item).getByRole('img', { name: '照片 1' })).toBeTruthy();
  });

  it('loads more cases at the bottom, keeping the rates of the first page', async () => {
    answerWith(200, board([boardCase(2, '斜土一村')], 'c2', true));
    answerWith(200, board([boardCase(1, '斜土二村')], null, false));
    render(<StreetBoard streetCode="xietu" />);
    await screen.findByRole('listitem', { name: '垃圾分类与清运 · 斜土一村' });

    const calls = (useReachBottom as jest.Mock).mock.calls;
    await act(async () => (calls[calls.length - 1][0] as () => void)());

    expect(await screen.findByRole('listitem', { name: '垃圾分类与清运 · 斜土二村' })).toBeTruthy();
    expect(sentRequest(1).url).toBe('/api/v1/board?street=xietu&cursor=c2');
    expect(screen.getByRole('region', { name: '近90天三率' })).toBeTruthy();
  });

  it('says so when nothing is published yet, and offers 重试 when the board cannot be loaded', async () => {
    failWith('request:fail');
    answerWith(200, board([], null, true));
    render(<StreetBoard streetCode="xietu" />);

    fireEvent.click(await screen.findByRole('button', { name: /重试/ }));

    expect(await screen.findByText('本街道暂时还没有公开的办结案例')).toBeTruthy();
  });
});

describe(clockText.name, () => {
  it('counts the days to acceptance, reply and closing against the deadline', () => {
    expect(clockText(boardCase(1, 'x').clock)).toEqual([
      '受理用时 0 天',
      '答复用时 3 天',
      '办结用时 5 天',
      '办结期限 2026-11-10，按期答复',
    ]);
    expect(clockText({ ...boardCase(1, 'x').clock, daysToClose: null, onTime: false })).toEqual([
      '受理用时 0 天',
      '答复用时 3 天',
      '办结期限 2026-11-10，超期答复',
    ]);
  });

  it('writes a missing rate as a dash', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(1)).toBe('100.0%');
  });
});
