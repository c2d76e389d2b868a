import { useDidShow } from '@tarojs/taro';
import { act, render, screen } from '@testing-library/react';

import { answerWith, requestMock, sentRequest } from '../../test/taro-request';
import { MyVisits } from './my-visits';

function myVisit(id: number, title: string, mySignup: { status: 'confirmed' | 'waiting'; position: number | null }) {
  return {
    id,
    title,
    status: 'planned',
    street: { id: 1, code: 'xujiahui', name: '徐家汇街道' },
    compound: null,
    place: '活动室',
    startsAt: '2026-12-01T06:00:00Z',
    endsAt: '2026-12-01T08:00:00Z',
    participants: [],
    topics: [],
    capacity: 10,
    remaining: 0,
    waitingCount: 2,
    mySignup,
  };
}

function didShow(): void {
  const calls = (useDidShow as jest.Mock).mock.calls;
  (calls[calls.length - 1][0] as () => void)();
}

describe(MyVisits.name, () => {
  it('lists my sign-ups with my place, and loads them again when the tab is shown', async () => {
    answerWith(200, { items: [myVisit(1, '走进汇站街', { status: 'waiting', position: 2 })], nextCursor: null });
    answerWith(200, {
      items: [
        myVisit(1, '走进汇站街', { status: 'confirmed', position: null }),
        myVisit(2, '走进南丹', { status: 'confirmed', position: null }),
      ],
      nextCursor: null,
    });

    render(<MyVisits />);

    expect(await screen.findByText('候补第 2 位')).toBeTruthy();
    expect(sentRequest(0).url).toBe('/api/v1/visits/mine');
    act(() => didShow());
    expect(await screen.findByText('走进南丹')).toBeTruthy();
    expect(screen.getAllByText('已报名')).toHaveLength(2);
    expect(requestMock).toHaveBeenCalledTimes(2);
  });

  it('does not ask twice when the tab is shown while the first load is still running', async () => {
    answerWith(200, { items: [], nextCursor: null });

    render(<MyVisits />);
    act(() => didShow());

    expect(await screen.findByText('您还没有报名走访')).toBeTruthy();
    expect(requestMock).toHaveBeenCalledTimes(1);
  });
});
