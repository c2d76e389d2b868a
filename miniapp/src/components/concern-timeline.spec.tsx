import type { TimelineEntryView } from '@manyi/shared';
import { render, screen } from '@testing-library/react';

import { ConcernTimeline } from './concern-timeline';

const entry = (overrides: Partial<TimelineEntryView>): TimelineEntryView => ({
  id: 1,
  action: 'submit',
  actorRole: 'resident',
  fromStatus: null,
  toStatus: 'submitted',
  publicText: null,
  createdAt: '2026-11-23T01:00:00.000Z',
  ...overrides,
});

describe(ConcernTimeline.name, () => {
  it('shows each step in plain words with the public text, in Shanghai time', () => {
    render(
      <ConcernTimeline
        entries={[
          entry({}),
          entry({ id: 2, action: 'accept', actorRole: 'dispatcher', fromStatus: 'submitted', toStatus: 'accepted' }),
          entry({ id: 3, action: 'dispatch', actorRole: 'dispatcher', fromStatus: 'accepted', toStatus: 'dispatched' }),
          entry({ id: 4, action: 'sign', actorRole: 'handler', fromStatus: 'dispatched', toStatus: 'in_progress' }),
          entry({
            id: 5,
            action: 'approve-reply',
            actorRole: 'dispatcher',
            fromStatus: 'replied',
            toStatus: 'awaiting_rating',
            publicText: '路灯已更换',
          }),
        ]}
      />,
    );

    for (const label of ['提交诉求', '受理', '派单', '签收', '审核通过']) expect(screen.getByText(label)).toBeTruthy();
    expect(screen.getByText('路灯已更换')).toBeTruthy();
    expect(screen.getByText('状态：待评价')).toBeTruthy();
    expect(screen.getAllByText('2026-11-23 09:00')).toHaveLength(5);
  });
});
