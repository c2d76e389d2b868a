import { dataFor, fitField, pageFor, templateFor } from './subscribe-message.js';

describe(fitField.name, () => {
  it.each([
    ['thing2', '三号楼一楼楼道里长期堆放杂物影响通行和消防安全请尽快处理', 20],
    ['name1', '欧阳一二三四五六七八九十', 10],
    ['phone_number3', '+86 138 1234 5678 转 1234', 17],
  ])('cuts %s to WeChat’s limit', (key, value, limit) => {
    const fitted = fitField(key, value);
    expect([...fitted].length).toBeLessThanOrEqual(limit);
    expect(value.replace(/\s+/g, ' ').startsWith(fitted.replace(/…$/, ''))).toBe(true);
  });

  it('marks a cut text with an ellipsis but leaves a short one alone', () => {
    expect(fitField('thing4', 'x'.repeat(25))).toBe(`${'x'.repeat(19)}…`);
    expect(fitField('thing4', '路灯已修好')).toBe('路灯已修好');
  });

  it('keeps only Chinese characters in a phrase (at most 5) and only printable ASCII in a code (at most 32)', () => {
    expect(fitField('phrase3', '不予受理!')).toBe('不予受理');
    expect(fitField('phrase3', '已经受理完毕了')).toBe('已经受理完');
    expect(fitField('character_string1', 'XH20261129-0042 编号')).toBe('XH20261129-0042');
    expect(fitField('character_string1', 'A'.repeat(40))).toHaveLength(32);
  });

  it('turns line breaks into spaces, which no field may contain', () => {
    expect(fitField('thing4', '第一行\n第二行')).toBe('第一行 第二行');
  });
});

describe('subscribe message layout', () => {
  const templates = { replyPublished: 'tpl-reply', progress: 'tpl-progress', visit: null };

  it('announces the reply with its own template, other concern steps with the progress one, and visits not at all without a template', () => {
    expect(templateFor('reply_published', templates)).toBe('tpl-reply');
    expect(['accepted', 'rejected', 'closed'].map((k) => templateFor(k as 'accepted', templates))).toEqual(Array(3).fill('tpl-progress'));
    expect(templateFor('visit_reminder', templates)).toBeNull();
  });

  it('opens the concern page and fills every field within its limit', () => {
    const subject = {
      kind: 'reply_published' as const,
      title: '您的诉求已有答复',
      body: '已联系物业清理楼道堆物，并张贴提示，今后每周巡查一次，如有问题请再反映。',
      createdAt: new Date('2026-11-29T06:05:00Z'),
      concern: { id: 42, code: 'XH20261129-0042', title: '三号楼一楼楼道里长期堆放杂物严重影响居民通行' },
      visit: null,
    };
    expect(pageFor(subject)).toBe('packages/concerns/pages/detail/index?id=42');
    const data = dataFor(subject);
    expect(data).toEqual({
      character_string1: { value: 'XH20261129-0042' },
      thing2: { value: expect.stringMatching(/…$/) },
      phrase3: { value: '已答复' },
      thing4: { value: expect.stringMatching(/…$/) },
      time5: { value: '2026-11-29 14:05' },
    });
    expect([...data.thing2!.value].length).toBe(20);
  });
});
