import type { CalendarOverviewView, StaffRole, StaffActor } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manageApi } from '../../api/manage-endpoints';
import { AdminProviders } from '../../app/providers';
import { CalendarBanner } from './calendar-banner';
import { setCalendarCoverage } from './calendar-coverage';

const who = (role: StaffRole): StaffActor => ({
  kind: 'staff',
  staffId: 3,
  username: `${role}.test`,
  role,
  streetId: role === 'dispatcher' || role === 'editor' ? 2 : null,
  departmentId: role === 'handler' ? 11 : null,
});

const overview = (missingYears: number[]): CalendarOverviewView => ({
  coverage: { coveredUntil: '2026-12-31', missingYears },
  years: [],
});

function renderBanner(role: StaffRole) {
  render(
    <AdminProviders>
      <CalendarBanner who={who(role)} />
    </AdminProviders>,
  );
}

describe(CalendarBanner.name, { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.restoreAllMocks();
    setCalendarCoverage(null);
    window.history.replaceState(null, '', '/');
  });

  it('tells a dispatcher which year is missing and whom to ask', async () => {
    const load = vi.spyOn(manageApi, 'calendarOverview').mockResolvedValue(overview([2027]));
    renderBanner('dispatcher');
    const banner = await screen.findByTestId('calendar-banner');
    expect(banner.textContent).toContain('工作日历缺少 2027 年的节假日安排：这些日期暂按周一至周五计算，相关期限标为“暂定”。');
    expect(banner.textContent).toContain('请联系系统管理员录入');
    expect(within(banner).queryByRole('button')).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shows nothing to a dispatcher while the calendar reaches far enough', async () => {
    const load = vi.spyOn(manageApi, 'calendarOverview').mockResolvedValue(overview([]));
    renderBanner('dispatcher');
    await waitFor(() => expect(load).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByTestId('calendar-banner')).toBeNull();
  });

  it.each(['editor', 'handler'] as const)('neither asks nor shows anything to a %s', async (role) => {
    setCalendarCoverage({ coveredUntil: null, missingYears: [2027] });
    const load = vi.spyOn(manageApi, 'calendarOverview').mockResolvedValue(overview([2027]));
    renderBanner(role);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByTestId('calendar-banner')).toBeNull();
    expect(load).not.toHaveBeenCalled();
  });

  it('gives an admin a way to enter the first missing year, and goes away when a save covers it', async () => {
    vi.spyOn(manageApi, 'calendarOverview').mockResolvedValue(overview([2026, 2027]));
    renderBanner('admin');
    const banner = await screen.findByTestId('calendar-banner');
    expect(banner.textContent).toContain('工作日历缺少 2026、2027 年的节假日安排');
    expect(banner.textContent).not.toContain('请联系系统管理员');
    fireEvent.click(within(banner).getByRole('button', { name: '录入 2026 年' }));
    expect(window.location.pathname).toBe('/admin/calendar/2026');

    // What the calendar page hands over after a save.
    setCalendarCoverage({ coveredUntil: '2027-12-31', missingYears: [] });
    await waitFor(() => expect(screen.queryByTestId('calendar-banner')).toBeNull());
  });
});
