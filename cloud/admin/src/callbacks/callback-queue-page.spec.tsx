import type { CallbackQueueRow } from '@manyi/shared';
import { ApiError } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followUpApi } from '../api/follow-up-endpoints';
import { buildDirectory, DirectoryContext } from '../app/directory';
import { AdminProviders } from '../app/providers';
import { CallbackQueuePage } from './callback-queue-page';

const directory = buildDirectory(
  [
    { id: 2, code: 'xietu', name: '斜土路街道', kind: 'street' },
    { id: 3, code: 'tianping', name: '天平路街道', kind: 'street' },
  ],
  [{ id: 11, code: 'xietu-guanli', name: '斜土社区管理办', kind: 'street_office', streetCode: 'xietu' }],
  [{ id: 9, code: 'shirong-laji', name: '垃圾分类与清运', parentId: null, requestType: 'complaint', children: [] }],
);

const row = (id: number, extra: Partial<CallbackQueueRow> = {}): CallbackQueueRow => ({
  id,
  code: `XH20261124-000${id}`,
  title: `楼道堆物 ${id}`,
  streetId: 2,
  compoundId: 5,
  categoryId: 9,
  departmentId: 11,
  source: 'phone',
  reason: 'no_app',
  publishedAt: '2026-11-24T01:00:00Z',
  callbackDueAt: '2026-11-24T01:00:00Z',
  attempts: 0,
  maxAttempts: 3,
  overdue: false,
  lastAttemptAt: null,
  phone: '139****1111',
  ...extra,
});

function renderPage(role: 'dispatcher' | 'supervisor') {
  render(
    <AdminProviders>
      <DirectoryContext.Provider value={directory}>
        <CallbackQueuePage role={role} />
      </DirectoryContext.Provider>
    </AdminProviders>,
  );
}

describe(CallbackQueuePage.name, { timeout: 30_000 }, () => {
  beforeEach(() => window.history.replaceState(null, '', '/admin/callbacks'));
  afterEach(() => vi.restoreAllMocks());

  it('lists the concerns to call back with why, an overdue 回访 marked, the attempts so far and the masked phone, and a row opens the workbench', async () => {
    const callbacks = vi.spyOn(followUpApi, 'callbacks').mockResolvedValue({
      items: [
        row(1, { overdue: true }),
        row(2, { source: 'miniapp', reason: 'unrated', attempts: 2, lastAttemptAt: '2026-11-24T02:00:00Z' }),
      ],
      nextCursor: null,
    });
    renderPage('dispatcher');
    await waitFor(() => expect(callbacks).toHaveBeenCalledWith({ reason: undefined, street: undefined }, null, expect.anything()));
    const table = await screen.findByTestId('callback-queue');
    const first = within(table).getByText('楼道堆物 1').closest('tr')!;
    expect(within(first).getByText('无小程序渠道')).toBeTruthy();
    expect(within(first).getByText('电话')).toBeTruthy();
    expect(within(first).getByText('139****1111')).toBeTruthy();
    // Its 回访期 passed uncalled: marked overdue; the other row is not.
    expect(within(first).getByText('回访超期')).toBeTruthy();
    expect(within(within(table).getByText('楼道堆物 2').closest('tr')!).queryByText('回访超期')).toBeNull();
    expect(screen.getByTestId('attempts-2').textContent).toBe('2 / 3');
    expect(within(within(table).getByText('楼道堆物 2').closest('tr')!).getByText('居民逾期未评价')).toBeTruthy();
    // A dispatcher's queue is their street: no street column or picker.
    expect(screen.queryByLabelText('街道')).toBeNull();

    fireEvent.click(first);
    expect(window.location.pathname).toBe('/admin/concerns/1');
  });

  it('asks again for one reason, and a supervisor for one street', async () => {
    const callbacks = vi.spyOn(followUpApi, 'callbacks').mockResolvedValue({ items: [], nextCursor: null });
    renderPage('supervisor');
    expect(await screen.findByText('没有待回访的诉求')).toBeTruthy();
    fireEvent.click(screen.getByText('居民逾期未评价'));
    await waitFor(() => expect(callbacks).toHaveBeenLastCalledWith({ reason: 'unrated', street: undefined }, null, expect.anything()));
    fireEvent.mouseDown(screen.getByLabelText('街道'));
    fireEvent.click(await screen.findByTitle('天平路街道'));
    await waitFor(() => expect(callbacks).toHaveBeenLastCalledWith({ reason: 'unrated', street: 'tianping' }, null, expect.anything()));
  });

  it('shows the service’s refusal', async () => {
    vi.spyOn(followUpApi, 'callbacks').mockRejectedValue(new ApiError({ code: 'FORBIDDEN', status: 403, message: '没有权限进行此操作' }));
    renderPage('dispatcher');
    expect(await screen.findByText('没有权限进行此操作')).toBeTruthy();
  });
});
