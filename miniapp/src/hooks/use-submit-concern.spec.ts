import { act, renderHook } from '@testing-library/react';

import { answerWith, failWith, sentRequest } from '../../test/taro-request';
import { loadDraft, newDraft, saveDraft, type ReportDraft } from '../services/report-draft';
import { useSubmitConcern } from './use-submit-concern';

function completeDraft(): ReportDraft {
  return {
    ...newDraft({ code: 'xujiahui', name: '徐家汇街道' }),
    categoryId: 11,
    compoundId: 3,
    title: '楼道灯坏了',
    description: '3号楼二楼楼道灯坏了一周，晚上看不见台阶。',
    photos: [{ localPath: 'blob:1', id: 41 }],
  };
}

describe(useSubmitConcern.name, () => {
  it('sends the same Idempotency-Key on the retry after a network failure, and clears the draft after success', async () => {
    const draft = completeDraft();
    saveDraft(draft);
    failWith('request:fail timeout');
    answerWith(201, { id: 7, code: 'XH20261123-0007', status: 'submitted' });
    const { result } = renderHook(() => useSubmitConcern());

    const first = await act(() => result.current.submit());
    expect(first).toBeUndefined();
    expect(result.current.error).toBe('网络请求超时，请稍后重试');
    expect(loadDraft()?.idempotencyKey).toBe(draft.idempotencyKey);

    const sut = await act(() => result.current.submit());

    expect(sut).toEqual({ id: 7, code: 'XH20261123-0007', status: 'submitted' });
    expect(sentRequest(0).header).toMatchObject({ 'Idempotency-Key': draft.idempotencyKey });
    expect(sentRequest(1).header).toMatchObject({ 'Idempotency-Key': draft.idempotencyKey });
    expect(sentRequest(1)).toMatchObject({
      url: '/api/v1/concerns',
      method: 'POST',
      data: { categoryId: 11, compoundId: 3, photoIds: [41], confidential: false },
    });
    expect(loadDraft()).toBeUndefined();
    expect(result.current.error).toBeUndefined();
  });

  it('keeps the draft when the service refuses it', async () => {
    saveDraft(completeDraft());
    answerWith(400, { error: { code: 'CATEGORY_NOT_LEAF', message: '请选择具体的诉求类别' } });
    const { result } = renderHook(() => useSubmitConcern());

    await act(() => result.current.submit());

    expect(result.current.error).toBe('请选择具体的诉求类别');
    expect(loadDraft()).toBeDefined();
  });

  it('sends nothing and shows the shared schema message when the draft is invalid', async () => {
    saveDraft({ ...completeDraft(), description: '太短' });
    const { result } = renderHook(() => useSubmitConcern());

    await act(() => result.current.submit());

    expect(result.current.error).toBe('问题描述至少 5 个字');
    expect(() => sentRequest()).toThrow();
  });
});
