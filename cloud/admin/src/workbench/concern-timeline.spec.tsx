import type { TimelineEntryView } from '@manyi/shared';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DirectoryContext } from '../app/directory';
import { AdminProviders } from '../app/providers';
import { ConcernTimeline } from './concern-timeline';
import { FIXTURE_NOW, fixtureDirectory } from './detail-fixture';

const step = (id: number, action: TimelineEntryView['action'], extra: Partial<TimelineEntryView>): TimelineEntryView => ({
  id,
  action,
  actorRole: 'handler',
  fromStatus: 'in_progress',
  toStatus: 'in_progress',
  publicText: null,
  internalText: null,
  actorName: '李经办',
  data: null,
  createdAt: '2026-11-24T02:00:00Z',
  ...extra,
});

function renderTimeline(entries: TimelineEntryView[]) {
  render(
    <AdminProviders>
      <DirectoryContext.Provider value={fixtureDirectory}>
        <ConcernTimeline entries={entries} now={FIXTURE_NOW} />
      </DirectoryContext.Provider>
    </AdminProviders>,
  );
}

describe(ConcernTimeline.name, () => {
  it('shows a 先联系 step with how, the public line and the internal note apart', () => {
    renderTimeline([
      step(1, 'contact', {
        publicText: '经办人已与您联系',
        internalText: '居民说晚上异味最重',
        data: { method: 'phone', contactedAt: '2026-11-24T01:30:00Z' },
      }),
    ]);
    const entry = document.querySelector('.timeline-step[data-action="contact"]') as HTMLElement;
    expect(within(entry).getByText('先联系')).toBeTruthy();
    expect(within(entry).getByText('电话联系')).toBeTruthy();
    expect(within(entry.querySelector('.timeline-text-public') as HTMLElement).getByText('经办人已与您联系')).toBeTruthy();
    expect(within(entry.querySelector('.timeline-text-internal') as HTMLElement).getByText('居民说晚上异味最重')).toBeTruthy();
  });

  it('shows a 回访 step with its outcome, whether it was the rating, and an unreached attempt’s number', () => {
    renderTimeline([
      step(1, 'callback', { actorRole: 'dispatcher', data: { reached: false, counted: false, attempts: 2 } }),
      step(2, 'callback', {
        actorRole: 'dispatcher',
        fromStatus: 'awaiting_rating',
        toStatus: 'reopened',
        data: { reached: true, solved: false, satisfaction: 'unsatisfied', counted: true },
      }),
    ]);
    const [unreached, reached] = [...document.querySelectorAll('.timeline-step[data-action="callback"]')] as HTMLElement[];
    expect(within(unreached!).getByText('未接通')).toBeTruthy();
    expect(within(unreached!).getByText('未接通第 2 次')).toBeTruthy();
    expect(within(reached!).getByText('接通 · 未解决 · 不满意')).toBeTruthy();
    expect(within(reached!).getByText('计为评价')).toBeTruthy();
    expect(screen.getAllByText('回访')).toHaveLength(2);
  });
});
