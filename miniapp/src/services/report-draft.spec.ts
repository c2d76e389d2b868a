import { checkDraft, newDraft, newIdempotencyKey } from './report-draft';

describe(checkDraft.name, () => {
  const valid = { ...newDraft(), categoryId: 1, compoundId: 2, title: '路灯不亮', description: '小区门口路灯坏了三天' };

  it('builds the service body, leaving empty address and phone out', () => {
    const sut = checkDraft(valid);

    expect(sut).toEqual({ ok: true, input: expect.objectContaining({ categoryId: 1, compoundId: 2, photoIds: [], confidential: false }) });
    expect(sut.ok && 'phone' in sut.input && sut.input.phone !== undefined).toBe(false);
  });

  it('answers with the Chinese message of the shared schema', () => {
    expect(checkDraft({ ...valid, title: '灯' })).toEqual({ ok: false, message: '标题至少 2 个字' });
    expect(checkDraft({ ...valid, phone: '12345' })).toEqual({ ok: false, message: '手机号码格式不正确' });
  });

  it('sends 同意公开 only when ticked, and never for a confidential report', () => {
    const consent = (draft: typeof valid) => {
      const sut = checkDraft(draft);
      return sut.ok ? sut.input.publishConsent : undefined;
    };
    expect(consent(valid)).toBe(false);
    expect(consent({ ...valid, publishConsent: true })).toBe(true);
    expect(consent({ ...valid, publishConsent: true, confidential: true })).toBe(false);
    // A draft saved before the choice existed.
    const { publishConsent: _unset, ...older } = { ...valid, publishConsent: undefined };
    expect(consent(older)).toBe(false);
  });

  it('refuses while a photo has not been uploaded', () => {
    expect(checkDraft({ ...valid, photos: [{ localPath: 'blob:1' }] })).toEqual({
      ok: false,
      message: '还有照片没有上传成功，请重试或删除',
    });
  });

  it('makes keys the service accepts', () => {
    expect(newIdempotencyKey()).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
