import { RATE_DEFINITIONS, shanghaiDate, type RatesRow, type StatsOverviewView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { communityApi } from '../../api/community-endpoints';
import { followUpApi } from '../../api/follow-up-endpoints';
import { manageApi } from '../../api/manage-endpoints';
import { AdminProviders } from '../../app/providers';
import { DashboardPage } from './dashboard-page';
import { intervalFor, presetPeriod } from './period';

// jsdom has no canvas: the chart component is replaced by one that shows the option it was given.
vi.mock('echarts-for-react/esm/core', () => ({
  default: ({ option }: { option: { series: Array<{ name: string }> } }) => (
    <div data-testid="chart">{option.series.map((s) => s.name).join(',')}</div>
  ),
}));

const total: RatesRow = {
  key: 'all',
  name: '全部',
  dispatched: 12,
  signedOnTime: 9,
  rated: 5,
  solved: 4,
  satisfied: 3,
  basicallySatisfied: 1,
  unsatisfied: 1,
  responseRate: 0.75,
  resolutionRate: 0.8,
  satisfactionRate: 0.8,
  ratedByCallback: 0,
  triaged: 0,
  acceptedOnTime: 0,
  closed: 0,
  closedFirstTime: 0,
  closedOnTime: 0,
  closedRated: 0,
  closedUnreached: 0,
  oneTimeResolutionRate: null,
  onTimeAcceptanceRate: null,
  onTimeClosingRate: null,
  callbackCoverage: null,
};
const overview = (from: string, to: string, extra: Partial<RatesRow> = {}): StatsOverviewView => ({
  from,
  to,
  groupBy: 'street',
  total: { ...total, ...extra },
  rows: [{ ...total, ...extra, key: 'xietu', name: '斜土路街道' }],
  backlog: 7,
  overdue: 2,
});

function mockApi(extra: Partial<RatesRow> = {}) {
  const calls = {
    overview: vi.spyOn(manageApi, 'statsOverview').mockImplementation(async (p) => overview(p.from, p.to, extra)),
    trends: vi
      .spyOn(manageApi, 'statsTrends')
      .mockImplementation(async (p, interval) => ({ from: p.from, to: p.to, interval, points: [] })),
    top: vi
      .spyOn(manageApi, 'statsTop')
      .mockImplementation(async (p) => ({ from: p.from, to: p.to, categories: [], compounds: [], sources: [] })),
    mostFollowed: vi.spyOn(communityApi, 'mostFollowed').mockResolvedValue({ items: [] }),
  };
  return calls;
}

// The first render loads antd's date picker and charts' modules: slow on a busy machine, not a hang.
describe(DashboardPage.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('opens on the last 30 days and shows each rate with its counts, the backlog and the table', async () => {
    const calls = mockApi();
    render(
      <AdminProviders>
        <DashboardPage role="dispatcher" />
      </AdminProviders>,
    );
    const expected = presetPeriod('last30', shanghaiDate(new Date()));
    await waitFor(() => expect(screen.getByTestId('rate-response-counts').textContent).toBe('9 / 12（按时签收 / 派单）'));
    expect(calls.overview).toHaveBeenCalledWith(expected, 'street', expect.anything());
    expect(calls.trends).toHaveBeenCalledWith(expected, 'day', expect.anything());
    expect(within(screen.getByTestId('rate-satisfaction')).getByText('80.0%')).toBeTruthy();
    expect(screen.getByTestId('rate-satisfaction-counts').textContent).toBe('4 / 5（（满意 + 基本满意）/ 评价）');
    expect(within(screen.getByTestId('rates-table')).getByText('斜土路街道')).toBeTruthy();
    expect(screen.getAllByTestId('chart')[0]!.textContent).toBe('响应率,解决率,满意率');
  });

  it('asks again for the period picked, by week when it is longer than two months, and by department when asked', async () => {
    const calls = mockApi();
    render(
      <AdminProviders>
        <DashboardPage role="dispatcher" />
      </AdminProviders>,
    );
    await waitFor(() => expect(calls.overview).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByText('本年'));
    const year = presetPeriod('thisYear', shanghaiDate(new Date()));
    await waitFor(() => expect(calls.overview).toHaveBeenLastCalledWith(year, 'street', expect.anything()));
    expect(calls.trends).toHaveBeenLastCalledWith(year, intervalFor(year), expect.anything());
    fireEvent.click(screen.getByText('按部门'));
    await waitFor(() => expect(calls.overview).toHaveBeenLastCalledWith(year, 'department', expect.anything()));
  });
  it('shows the new rates beside the three, each with its counts and the shared definition', async () => {
    mockApi({ closed: 5, closedFirstTime: 4, oneTimeResolutionRate: 0.8, closedRated: 4, closedUnreached: 1, callbackCoverage: 0.8 });
    render(
      <AdminProviders>
        <DashboardPage role="dispatcher" />
      </AdminProviders>,
    );
    await waitFor(() => expect(screen.getByTestId('rate-one-time-resolution-counts').textContent).toBe('4 / 5（未重办 / 办结）'));
    expect(within(screen.getByTestId('rate-one-time-resolution')).getByText('80.0%')).toBeTruthy();
    expect(screen.getByTestId('rate-one-time-resolution-definition').textContent).toBe(RATE_DEFINITIONS.oneTimeResolutionRate.definition);
    expect(screen.getByTestId('rate-callback-coverage-note').textContent).toBe('未回访 1');
    // Nothing closed by acceptance yet: a dash, not 0 %.
    expect(within(screen.getByTestId('rate-on-time-acceptance')).getByText('—')).toBeTruthy();
    expect(screen.getAllByText('一次性化解率').length).toBeGreaterThanOrEqual(2);
  });

  it('groups by category and by channel, naming a channel in words', async () => {
    const calls = mockApi();
    calls.overview.mockImplementation(async (p, groupBy) => ({
      ...overview(p.from, p.to),
      groupBy,
      rows: groupBy === 'channel' ? [{ ...total, key: 'phone', name: '' }] : [{ ...total, key: 'xietu', name: '斜土路街道' }],
    }));
    render(
      <AdminProviders>
        <DashboardPage role="dispatcher" />
      </AdminProviders>,
    );
    await waitFor(() => expect(calls.overview).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByText('按类别'));
    await waitFor(() => expect(calls.overview).toHaveBeenLastCalledWith(expect.anything(), 'category', expect.anything()));
    fireEvent.click(screen.getByText('按来源'));
    await waitFor(() => expect(calls.overview).toHaveBeenLastCalledWith(expect.anything(), 'channel', expect.anything()));
    expect(await within(screen.getByTestId('rates-table')).findByText('电话')).toBeTruthy();
  });

  it('gives the supervisor the 督办 list with each concern’s reasons, and a dispatcher none', async () => {
    mockApi();
    const escalations = vi.spyOn(followUpApi, 'escalations').mockResolvedValue({
      items: [
        {
          id: 41,
          code: 'XH20261120-0041',
          title: '小区门口占道经营',
          status: 'reopened',
          streetId: 2,
          categoryId: 9,
          departmentId: 11,
          source: 'miniapp',
          reasons: ['returned', 'reopened'],
          returnCount: 3,
          reopenCount: 2,
          updatedAt: '2026-11-24T01:00:00Z',
        },
      ],
      nextCursor: null,
    });
    const { unmount } = render(
      <AdminProviders>
        <DashboardPage role="supervisor" />
      </AdminProviders>,
    );
    const list = await screen.findByTestId('escalations');
    const row = (await within(list).findByText('小区门口占道经营')).closest('tr')!;
    expect(within(row).getByText('退单三次')).toBeTruthy();
    expect(within(row).getByText('重办两次')).toBeTruthy();
    expect(within(row).getByText('3 次 / 2 次')).toBeTruthy();
    unmount();
    escalations.mockClear();

    render(
      <AdminProviders>
        <DashboardPage role="dispatcher" />
      </AdminProviders>,
    );
    await waitFor(() => expect(screen.getByTestId('rate-response-counts')).toBeTruthy());
    expect(screen.queryByTestId('escalations')).toBeNull();
    expect(escalations).not.toHaveBeenCalled();
  });
});
