import { shanghaiDate, type RatesRow, type StatsOverviewView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { communityApi } from '../../api/community-endpoints';
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
const overview = (from: string, to: string): StatsOverviewView => ({
  from,
  to,
  groupBy: 'street',
  total,
  rows: [{ ...total, key: 'xietu', name: '斜土路街道' }],
  backlog: 7,
  overdue: 2,
});

function mockApi() {
  const calls = {
    overview: vi.spyOn(manageApi, 'statsOverview').mockImplementation(async (p) => overview(p.from, p.to)),
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
        <DashboardPage />
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
        <DashboardPage />
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
});
