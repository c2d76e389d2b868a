import type { StaffAlertPage, StaffAlertView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { workApi } from '../api/work-endpoints';
import { AdminProviders } from '../app/providers';
import { AlertBell, hasAlerts } from './alert-bell';

const alert = (id: number, kind: StaffAlertView['kind'], read = false): StaffAlertView => ({
  id,
  kind,
  concernId: 100 + id,
  title: `【新派单】XH20261201-00${id} 楼道堆物`,
  body: '签收期限 2026-12-01 17:00',
  createdAt: '2026-12-01T02:00:00.000Z',
  readAt: read ? '2026-12-01T03:00:00.000Z' : null,
});
const page = (items: StaffAlertView[], unread: number): StaffAlertPage => ({ items, nextCursor: null, unread });

function renderBell(role: 'handler' | 'editor' = 'handler') {
  render(
    <AdminProviders>
      <AlertBell role={role} />
    </AdminProviders>,
  );
}

describe(AlertBell.name, { timeout: 30_000 }, () => {
  beforeEach(() => window.history.replaceState(null, '', '/admin/inbox/to-sign'));
  afterEach(() => vi.restoreAllMocks());

  it('is for the roles that receive alerts only', () => {
    expect(['dispatcher', 'handler', 'supervisor', 'editor', 'admin'].filter((r) => hasAlerts(r as never))).toEqual([
      'dispatcher',
      'handler',
      'supervisor',
    ]);
    const alerts = vi.spyOn(workApi, 'alerts');
    renderBell('editor');
    expect(screen.queryByTestId('alert-bell')).toBeNull();
    expect(alerts).not.toHaveBeenCalled();
  });

  it('shows the unread count, lists the alerts newest first, and opening one marks it read and goes to its concern', async () => {
    vi.spyOn(workApi, 'alerts').mockImplementation(async (query) =>
      query.limit === 1
        ? page([alert(2, 'dispatched')], 2)
        : page([alert(2, 'dispatched'), alert(1, 'deadline_passed'), alert(0, 'chased', true)], 2),
    );
    const read = vi.spyOn(workApi, 'markAlertsRead').mockResolvedValue({ unread: 1 });
    renderBell();
    expect(await screen.findByLabelText('工作提醒（2 条未读）')).toBeTruthy();

    fireEvent.click(screen.getByTestId('alert-bell'));
    const list = await screen.findByLabelText('工作提醒列表');
    const items = await within(list).findAllByRole('button', { name: /楼道堆物/ });
    expect(items.map((i) => i.getAttribute('data-kind'))).toEqual(['dispatched', 'deadline_passed', 'chased']);
    expect(within(items[1]!).getByText('已超期')).toBeTruthy();
    expect(items.filter((i) => i.classList.contains('alert-unread'))).toHaveLength(2);

    fireEvent.click(items[0]!);
    await waitFor(() => expect(read).toHaveBeenCalledWith({ ids: [2] }));
    expect(window.location.pathname).toBe('/admin/concerns/102');
    expect(await screen.findByLabelText('工作提醒（1 条未读）')).toBeTruthy();
  });

  it('marks them all read at once', async () => {
    vi.spyOn(workApi, 'alerts').mockResolvedValue(page([alert(3, 'sent_back'), alert(4, 'extension_decided')], 2));
    const read = vi.spyOn(workApi, 'markAlertsRead').mockResolvedValue({ unread: 0 });
    renderBell();
    fireEvent.click(await screen.findByLabelText('工作提醒（2 条未读）'));
    fireEvent.click(await screen.findByRole('button', { name: '全部已读' }));
    await waitFor(() => expect(read).toHaveBeenCalledWith({ all: true }));
    expect(await screen.findByLabelText('工作提醒')).toBeTruthy();
  });
});
