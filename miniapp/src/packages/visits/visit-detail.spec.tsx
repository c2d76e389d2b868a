import type { VisitDetailView } from '@manyi/shared';
import { fireEvent, render, screen } from '@testing-library/react';

import { typeInto } from '../../../test/form-events';
import { answerWith, requestMock, sentRequest } from '../../../test/taro-request';
import { setToken } from '../../services/token-store';
import { VisitDetail } from './visit-detail';

function visit(overrides: Partial<VisitDetailView> = {}): VisitDetailView {
  return {
    id: 7,
    title: '“满意在徐汇”走进汇站街',
    status: 'planned',
    street: { id: 1, code: 'xujiahui', name: '徐家汇街道' },
    compound: null,
    place: '居民区活动室',
    startsAt: '2026-12-01T06:00:00Z',
    endsAt: '2026-12-01T08:00:00Z',
    participants: [
      { name: '周律师', role: 'lawyer', title: '社区法律顾问' },
      { name: '王主任', role: 'department_head', title: null },
    ],
    topics: ['老旧小区加装电梯'],
    capacity: 1,
    remaining: 0,
    waitingCount: 2,
    mySignup: null,
    questions: [],
    attendance: null,
    summary: null,
    heldAt: null,
    issues: [],
    previousIssues: null,
    ...overrides,
  };
}

describe(VisitDetail.name, () => {
  beforeEach(() => setToken('resident-token'));

  it('signs up for a full visit onto the waiting list and shows my place', async () => {
    answerWith(200, visit());
    answerWith(201, { status: 'waiting', position: 3 });
    answerWith(200, visit({ mySignup: { status: 'waiting', position: 3 }, waitingCount: 3 }));

    render(<VisitDetail id={7} />);
    expect(await screen.findByText('周律师（社区法律顾问）')).toBeTruthy();
    expect(screen.getByText('名额已满，2 人候补')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '报名候补' }));

    expect(await screen.findByText('您在候补名单第 3 位')).toBeTruthy();
    expect(sentRequest(1)).toMatchObject({ url: '/api/v1/visits/7/signups', method: 'POST' });
    expect(screen.getByRole('button', { name: '取消报名' })).toBeTruthy();
  });

  it('checks a question with the shared schema before sending it to the chosen kind of participant', async () => {
    answerWith(200, visit());
    render(<VisitDetail id={7} />);
    await screen.findByText('提前提问');

    typeInto('提问内容', '电梯怎么装？');
    fireEvent.click(screen.getByRole('button', { name: '提交问题' }));
    expect(await screen.findByText('请选择参加人员的身份')).toBeTruthy();
    expect(requestMock).toHaveBeenCalledTimes(1);

    answerWith(201, { id: 1 });
    answerWith(200, visit());
    fireEvent.click(screen.getByRole('option', { name: '律师' }));
    typeInto('提问内容', '低层住户不同意加装电梯，该怎么协商？');
    fireEvent.click(screen.getByRole('button', { name: '提交问题' }));

    expect(await screen.findByText('问题已提交，答复后会显示在本页。')).toBeTruthy();
    expect(sentRequest(1)).toMatchObject({
      url: '/api/v1/visits/7/questions',
      method: 'POST',
      data: { addressedTo: 'lawyer', text: '低层住户不同意加装电梯，该怎么协商？' },
    });
  });

  it('after the visit shows the issues raised with the live status of each', async () => {
    answerWith(
      200,
      visit({
        status: 'held',
        heldAt: '2026-12-01T08:00:00Z',
        attendance: 35,
        summary: '居民集中反映了加装电梯和停车问题。',
        issues: [{ text: '3号楼加装电梯协调', concern: { id: 9, code: 'XH-2026-0009', status: 'in_progress' } }],
      }),
    );

    render(<VisitDetail id={7} />);

    expect(await screen.findByText('3号楼加装电梯协调')).toBeTruthy();
    expect(screen.getByText('办理中')).toBeTruthy();
    expect(screen.getByText('到场居民：35 人')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '报名参加' })).toBeNull();
  });
});
