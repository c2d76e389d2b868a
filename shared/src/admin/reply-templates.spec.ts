import { fillReplyTemplate, replyTemplateSchema, templatePlaceholders } from './reply-templates.js';

describe(fillReplyTemplate.name, () => {
  it('replaces every placeholder with the concern’s value, each time it occurs', () => {
    const sut = fillReplyTemplate('关于{小区}的诉求（{诉求编号}），{部门}已于{今天}处理。{小区}物业已整改。', {
      compound: '徐汇新村',
      code: 'XH20261207-0001',
      department: '市容所',
      today: '2026-12-07',
    });

    expect(sut).toEqual({
      text: '关于徐汇新村的诉求（XH20261207-0001），市容所已于2026-12-07处理。徐汇新村物业已整改。',
      missing: [],
    });
  });

  it('leaves a placeholder without a value as written and lists it as missing', () => {
    const sut = fillReplyTemplate('预计{办结期限}前完成，{街道}跟进。', { street: '', resolveDueDate: null });

    expect(sut).toEqual({ text: '预计{办结期限}前完成，{街道}跟进。', missing: ['resolveDueDate', 'street'] });
  });

  it('leaves braces that name no placeholder alone', () => {
    const sut = fillReplyTemplate('见{附件一}，{类别}', { category: '绿化' });

    expect(sut).toEqual({ text: '见{附件一}，绿化', missing: [] });
  });

  it('does not read a value as a pattern ($& stays as typed)', () => {
    const sut = fillReplyTemplate('{小区}', { compound: '$&小区' });

    expect(sut.text).toBe('$&小区');
  });
});

describe(templatePlaceholders.name, () => {
  it('lists the known placeholders in order of first use and the unknown ones apart', () => {
    expect(templatePlaceholders('{部门}{小区}{部门}{地址}')).toEqual({ used: ['department', 'compound'], unknown: ['地址'] });
  });
});

describe('replyTemplateSchema', () => {
  it('refuses a template with an unknown placeholder, naming the allowed ones in Chinese', () => {
    const result = replyTemplateSchema.safeParse({ categoryId: 3, kind: 'reply', title: '模板', text: '请联系{联系人}' });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('{小区}');
  });

  it('accepts a template for every category (categoryId null)', () => {
    const result = replyTemplateSchema.safeParse({ categoryId: null, kind: 'rejection', title: '非本区', text: '{小区}不属于徐汇区' });

    expect(result.success).toBe(true);
  });
});
