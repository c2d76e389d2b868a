import { CONCERN_STATUSES, type ConcernSummaryView, type InboxCountsView, type StaffActor } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/endpoints';
import { AdminProviders } from '../app/providers';
import { InboxPage } from './inbox-page';
import { findInboxView } from './inbox-views';

const DISPATCHER: StaffActor = {
  kind: 'staff',
  staffId: 3,
  username: 'dispatcher.xietu',
  role: 'dispatcher',
  streetId: 2,
  departmentId: null,
};

function concern(id: number, extra: Partial<ConcernSummaryView> = {}): ConcernSummaryView {
  return {
    id,
    code: `XH20261124-${String(id).padStart(4, '0')}`,
    status: 'submitted',
    title: `诉求 ${id}`,
    streetId: 2,
    compoundId: 5,
    categoryId: 9,
    departmentId: null,
    source: 'miniapp',
    confidential: false,
    escalated: false,
    dueAt: new Date(Date.now() + 2 * 60 * 60 * 1000).toISOString(),
    dueKind: 'triage',
    dueProvisional: false,
    overdue: false,
    createdAt: '2026-11-24T01:00:00Z',
    updatedAt: '2026-11-24T01:00:00Z',
    ...extra,
  };
}

function renderInbox() {
  render(
    <AdminProviders>
      <InboxPage view={findInboxView('dispatcher', 'submitted')!} who={DISPATCHER} />
    </AdminProviders>,
  );
}

function counts(byStatus: Partial<InboxCountsView['byStatus']>, token = 't1'): InboxCountsView {
  const full = Object.fromEntries(CONCERN_STATUSES.map((s) => [s, byStatus[s] ?? 0])) as InboxCountsView['byStatus'];
  const total = Object.values(full).reduce((a, b) => a + b, 0);
  return { total, byStatus: full, overdue: 1, escalated: 0, coHandling: 0, changeToken: token };
}

describe(InboxPage.name, () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/admin/inbox/submitted');
    vi.spyOn(api, 'inboxCounts').mockResolvedValue(counts({ submitted: 2, accepted: 1, returned: 1, replied: 3 }));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    window.history.replaceState(null, '', '/');
  });

  it('asks for the filters in the address, and writes a changed filter back to it', async () => {
    window.history.replaceState(null, '', '/admin/inbox/submitted?status=submitted,accepted&overdue=1&q=%E7%94%B5%E6%A2%AF');
    const inbox = vi.spyOn(api, 'inbox').mockResolvedValue({ items: [concern(1)], nextCursor: null });
    renderInbox();
    await screen.findByText('XH20261124-0001');
    expect(inbox.mock.calls[0]?.[0]).toEqual({ status: ['submitted', 'accepted'], overdue: true, q: '电梯' });
    expect((screen.getByRole('searchbox', { name: '搜索' }) as HTMLInputElement).value).toBe('电梯');

    fireEvent.click(screen.getByRole('checkbox', { name: '只看已超期' }));
    expect(new URLSearchParams(window.location.search).get('overdue')).toBeNull();
    expect(new URLSearchParams(window.location.search).get('status')).toBe('submitted,accepted');
    await waitFor(() => expect(inbox.mock.calls.at(-1)?.[0]).toEqual({ status: ['submitted', 'accepted'], q: '电梯' }));

    fireEvent.click(screen.getByRole('button', { name: '重置' }));
    expect(window.location.search).toBe('');
    await waitFor(() => expect(inbox.mock.calls.at(-1)?.[0]).toEqual({ status: ['submitted'] }));
  });

  it('shows each saved view of the role with its count', async () => {
    vi.spyOn(api, 'inbox').mockResolvedValue({ items: [], nextCursor: null });
    renderInbox();
    const tabs = document.querySelector('.inbox-views')!;
    await waitFor(() => expect(tabs.querySelector('[data-view="to-review"] .view-count')?.textContent).toBe('3'));
    const label = (key: string) => tabs.querySelector(`[data-view="${key}"]`)?.textContent;
    expect([label('submitted'), label('to-dispatch'), label('to-review'), label('overdue'), label('all')]).toEqual([
      '待受理2',
      '待派单2',
      '待审核3',
      '已超期1',
      '全部诉求7',
    ]);
  });

  it('moves through the rows with j and k and opens the chosen one with Enter; / goes to the search box', async () => {
    vi.spyOn(api, 'inbox').mockResolvedValue({ items: [concern(1), concern(2), concern(3)], nextCursor: null });
    renderInbox();
    await screen.findByText('XH20261124-0003');
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'k' });
    expect(document.querySelector('.inbox-row-active')?.getAttribute('data-row-key')).toBe('2');
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: '搜索' }));
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect(window.location.pathname).toBe('/admin/concerns/2');
  });

  it('asks for the rows again, without a reload, when the polled change token moves', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      vi.spyOn(api, 'inboxCounts')
        .mockResolvedValueOnce(counts({ submitted: 1 }, 'before'))
        .mockResolvedValue(counts({ submitted: 2 }, 'after'));
      const inbox = vi
        .spyOn(api, 'inbox')
        .mockResolvedValueOnce({ items: [concern(1)], nextCursor: null })
        .mockResolvedValue({ items: [concern(1), concern(2)], nextCursor: null });
      renderInbox();
      await screen.findByText('XH20261124-0001');
      expect(screen.queryByText('XH20261124-0002')).toBeNull();
      await vi.advanceTimersByTimeAsync(15_000);
      expect(await screen.findByText('XH20261124-0002')).toBeTruthy();
      expect(inbox).toHaveBeenCalledTimes(2);
      expect(inbox.mock.calls[1]?.[3]).toBe(20);
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks for the view’s statuses, and appends the next page on 加载更多', async () => {
    const inbox = vi
      .spyOn(api, 'inbox')
      .mockResolvedValueOnce({ items: [concern(1), concern(2)], nextCursor: 'c2' })
      .mockResolvedValueOnce({ items: [concern(3)], nextCursor: null });
    renderInbox();

    expect(await screen.findByText('XH20261124-0002')).toBeTruthy();
    expect(inbox.mock.calls[0]?.[0]).toEqual({ status: ['submitted'] });
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    expect(await screen.findByText('XH20261124-0003')).toBeTruthy();
    expect(inbox.mock.calls[1]?.slice(0, 2)).toEqual([{ status: ['submitted'] }, 'c2']);
    await waitFor(() => expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull());
    expect(screen.getByTestId('inbox-count').textContent).toBe('已显示 3 条');
  });

  it('colours the countdown by urgency: red when overdue, orange within four hours', async () => {
    vi.spyOn(api, 'inbox').mockResolvedValue({
      items: [
        concern(1, { dueAt: new Date(Date.now() - 60 * 60 * 1000).toISOString() }),
        concern(2),
        concern(3, { dueAt: new Date(Date.now() + 3 * 24 * 60 * 60 * 1000).toISOString() }),
      ],
      nextCursor: null,
    });
    renderInbox();
    await screen.findByText('XH20261124-0003');
    const levels = [...document.querySelectorAll('[data-urgency]')].map((e) => e.getAttribute('data-urgency'));
    expect(levels).toEqual(['overdue', 'soon', 'normal']);
    expect(document.querySelector('[data-urgency="overdue"]')?.textContent).toMatch(/^受理 已超期 1小时/);
  });

  it('opens the workbench of a row on Enter', async () => {
    vi.spyOn(api, 'inbox').mockResolvedValue({ items: [concern(42)], nextCursor: null });
    renderInbox();
    const row = await screen.findByRole('row', { name: /XH20261124-0042/ });
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(window.location.pathname).toBe('/admin/concerns/42');
    expect(within(row).getByText('待受理')).toBeTruthy();
  });

  it('shows how many people reported each concern (the reporter and its followers) and asks for 多人反映 most followed first', async () => {
    window.history.replaceState(null, '', '/admin/inbox/submitted?status=submitted&multi=1&sort=followers');
    const inbox = vi.spyOn(api, 'inbox').mockResolvedValue({
      items: [concern(1, { followerCount: 2 }), concern(2, { followerCount: 0 })],
      nextCursor: null,
    });
    renderInbox();
    await screen.findByText('XH20261124-0001');
    expect(inbox.mock.calls[0]?.[0]).toEqual({ status: ['submitted'], multi: true, sort: 'followers' });
    const rowOf = (code: string) => screen.getByText(code).closest('tr') as HTMLElement;
    expect(within(rowOf('XH20261124-0001')).getByText('3 人')).toBeTruthy();
    expect(within(rowOf('XH20261124-0002')).getByText('1 人')).toBeTruthy();
  });
});
