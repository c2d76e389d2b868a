import type { ConcernDetailView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followUpApi } from '../api/follow-up-endpoints';
import { DirectoryContext } from '../app/directory';
import { AdminProviders } from '../app/providers';
import { CallbackCard, callbackSummary } from './callback-card';
import { FIXTURE_NOW, fixtureDetail, fixtureDirectory } from './detail-fixture';

function renderCard(detail: ConcernDetailView, onChanged = vi.fn()) {
  render(
    <AdminProviders>
      <DirectoryContext.Provider value={fixtureDirectory}>
        <CallbackCard detail={detail} now={FIXTURE_NOW} onChanged={onChanged} />
      </DirectoryContext.Provider>
    </AdminProviders>,
  );
  return onChanged;
}

const unreached = (id: number) => ({
  id,
  reached: false,
  solved: null,
  satisfaction: null,
  words: null,
  calledAt: '2026-11-24T01:00:00Z',
  staffName: '王派单',
  counted: false,
  createdAt: '2026-11-24T01:00:00Z',
});

describe(CallbackCard.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('is not there for the handler of a concern awaiting its rating', () => {
    renderCard(fixtureDetail('handler', 'awaiting_rating'));
    expect(screen.queryByText('回访')).toBeNull();
  });

  it('shows the street the calls so far, the attempts of this round and which rating counted', () => {
    renderCard(
      fixtureDetail('dispatcher', 'closed', {
        ratingChannel: 'callback',
        // Closed by the reached call: the earlier attempt no longer counts toward 未回访.
        unreachedCallbacks: 1,
        callbacks: [
          unreached(1),
          { ...unreached(2), reached: true, solved: true, satisfaction: 'basic', words: '垃圾房现在干净了', counted: true },
        ],
      }),
    );
    expect(screen.getByText('评价渠道：回访')).toBeTruthy();
    expect(screen.queryByText(/本轮未接通/)).toBeNull();
    const rows = within(screen.getByRole('list', { name: '回访记录' })).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('未接通')).toBeTruthy();
    expect(within(rows[1]!).getByText('接通 · 已解决 · 基本满意')).toBeTruthy();
    expect(within(rows[1]!).getByText('计为评价')).toBeTruthy();
    expect(within(rows[1]!).getByText('居民：垃圾房现在干净了')).toBeTruthy();
  });

  it('records a reached call with the resident’s answers and words', async () => {
    const callback = vi.spyOn(followUpApi, 'callback').mockResolvedValue({} as never);
    const changed = renderCard(fixtureDetail('dispatcher', 'awaiting_rating', { unreachedCallbacks: 1, callbacks: [unreached(1)] }));
    expect(screen.getByText('本轮未接通 1 次')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '记录回访' }));
    fireEvent.click(screen.getByLabelText('已接通'));
    fireEvent.click(await screen.findByLabelText('未解决'));
    fireEvent.click(screen.getByLabelText('不满意'));
    fireEvent.change(screen.getByLabelText('居民原话（仅工作人员可见）'), { target: { value: '还是每天都堆着' } });
    fireEvent.click(screen.getByRole('button', { name: '保存回访记录' }));
    await waitFor(() =>
      expect(callback).toHaveBeenCalledWith(7, { reached: true, solved: false, satisfaction: 'unsatisfied', words: '还是每天都堆着' }),
    );
    await waitFor(() => expect(changed).toHaveBeenCalled());
  });

  it('asks for the answers of a reached call in Chinese and sends nothing without them', async () => {
    const callback = vi.spyOn(followUpApi, 'callback').mockResolvedValue({} as never);
    renderCard(fixtureDetail('supervisor', 'awaiting_rating'));
    fireEvent.click(screen.getByRole('button', { name: '记录回访' }));
    fireEvent.click(screen.getByRole('button', { name: '保存回访记录' }));
    expect(await screen.findByText('请选择是否联系上居民')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('已接通'));
    fireEvent.click(screen.getByRole('button', { name: '保存回访记录' }));
    expect(await screen.findByText('联系上居民时请填写是否解决和满意程度')).toBeTruthy();
    expect(callback).not.toHaveBeenCalled();
  });

  it('records an unreached call without answers, saying what the limit does', async () => {
    const callback = vi.spyOn(followUpApi, 'callback').mockResolvedValue({} as never);
    renderCard(fixtureDetail('dispatcher', 'awaiting_rating', { unreachedCallbacks: 2 }));
    fireEvent.click(screen.getByRole('button', { name: '记录回访' }));
    fireEvent.click(screen.getByLabelText('未接通'));
    expect(await screen.findByText(/已未接通 2 次/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '保存回访记录' }));
    await waitFor(() => expect(callback).toHaveBeenCalledWith(7, { reached: false }));
  });

  it('words a call', () => {
    expect(callbackSummary({ reached: false, solved: null, satisfaction: null })).toBe('未接通');
    expect(callbackSummary({ reached: true, solved: false, satisfaction: 'unsatisfied' })).toBe('接通 · 未解决 · 不满意');
  });
});
