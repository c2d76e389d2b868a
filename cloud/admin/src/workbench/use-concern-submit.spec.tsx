import { act, fireEvent, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@manyi/shared';
import { AdminProviders } from '../app/providers';
import { CONFLICT_MESSAGE, useConcernSubmit } from './use-concern-submit';

function renderSubmit() {
  const onChanged = vi.fn();
  const { result } = renderHook(() => useConcernSubmit(onChanged), {
    wrapper: ({ children }: { children: ReactNode }) => <AdminProviders>{children}</AdminProviders>,
  });
  return { result, onChanged };
}

describe(useConcernSubmit.name, () => {
  it('is saving while the request is on its way; on success says so, runs onSuccess, then reloads', async () => {
    const { result, onChanged } = renderSubmit();
    let answer!: () => void;
    const send = () => new Promise<void>((resolve) => (answer = resolve));
    const order: string[] = [];
    onChanged.mockImplementation(() => order.push('reload'));
    let done!: Promise<boolean>;
    act(() => {
      done = result.current.submit({ send, success: '已记录联系', onSuccess: () => order.push('close form') });
    });
    expect(result.current.saving).toBe(true);
    await act(async () => {
      answer();
      expect(await done).toBe(true);
    });
    expect(result.current.saving).toBe(false);
    expect(order).toEqual(['close form', 'reload']);
    expect(await screen.findByText('已记录联系')).toBeTruthy();
  });

  it('on a conflict (someone else acted first) reloads at once and explains; 重新加载 reloads again', async () => {
    const { result, onChanged } = renderSubmit();
    const onSuccess = vi.fn();
    const conflict = new ApiError({ code: 'CONCERN_CHANGED', status: 409, message: '诉求已被他人处理，请刷新后再试' });
    await act(async () => {
      expect(await result.current.submit({ send: () => Promise.reject(conflict), success: '已受理', onSuccess })).toBe(false);
    });
    expect(result.current.saving).toBe(false);
    expect(onSuccess).not.toHaveBeenCalled();
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect((await screen.findAllByText('其他人已先处理')).length).toBeGreaterThan(0);
    expect(screen.getAllByText(`${CONFLICT_MESSAGE}（诉求已被他人处理，请刷新后再试）`).length).toBeGreaterThan(0);
    fireEvent.click(screen.getAllByRole('button', { name: '重新加载' })[0]!);
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
  });

  it('says any other refusal in the service words and leaves the concern as it is', async () => {
    const { result, onChanged } = renderSubmit();
    const onSuccess = vi.fn();
    const refusal = new ApiError({ code: 'VALIDATION_FAILED', status: 400, message: '联系时间不能早于签收时间' });
    await act(async () => {
      expect(await result.current.submit({ send: () => Promise.reject(refusal), success: '已记录联系', onSuccess })).toBe(false);
    });
    expect(result.current.saving).toBe(false);
    expect(await screen.findByText('联系时间不能早于签收时间')).toBeTruthy();
    expect(screen.queryByText('其他人已先处理')).toBeNull();
    expect(onChanged).not.toHaveBeenCalled();
    expect(onSuccess).not.toHaveBeenCalled();
  });
});
