import type { ConcernSummaryView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, type WhoAmI } from '../api/endpoints';
import { AdminProviders } from '../app/providers';
import { InboxPage } from './inbox-page';
import { findInboxView } from './inbox-views';

const DISPATCHER: WhoAmI = { kind: 'staff', staffId: 3, username: 'dispatcher.xietu', role: 'dispatcher', streetId: 2, departmentId: null };

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
    confidential: false,
    escalated: false,
    dueAt: new Date(Date.now() + 2 * 60 * 60 * 1000).toISOString(),
    dueKind: 'triage',
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

describe(InboxPage.name, () => {
  afterEach(() => {
    vi.restoreAllMocks();
    window.history.replaceState(null, '', '/');
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
});
