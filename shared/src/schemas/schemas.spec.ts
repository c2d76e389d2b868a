import type { z } from 'zod';
import { staffLoginSchema, previewLoginSchema, wechatLoginSchema } from './auth.schemas.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, codeSchema, pageQuerySchema } from './common.schemas.js';
import {
  MAX_CONCERN_PHOTOS,
  createConcernSchema,
  dispatchConcernSchema,
  extendConcernSchema,
  mergeConcernSchema,
  noteConcernSchema,
  rateConcernSchema,
  rejectConcernSchema,
  replyConcernSchema,
  returnConcernSchema,
  sendBackReplySchema,
} from './concern.schemas.js';
import { charCount, hasLoneSurrogate } from './text.js';

const CJK = /[\u4e00-\u9fff]/;
const LEAF = '🍂'; // one code point, two UTF-16 units

/** The issues of a failed parse (empty when the parse succeeded). */
function issues(result: z.ZodSafeParseResult<unknown>): { path: string; code: string; message: string }[] {
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
}

/** The distinct paths of the issues, sorted. */
function paths(result: z.ZodSafeParseResult<unknown>): string[] {
  return [...new Set(issues(result).map((i) => i.path))].sort();
}

/** Fails with the offending issues when any message is not Chinese. */
function expectChineseMessages(result: z.ZodSafeParseResult<unknown>): void {
  expect(result.success).toBe(false);
  expect(issues(result).filter((i) => !CJK.test(i.message))).toEqual([]);
}

const minimalConcern = { categoryId: 3, compoundId: 12, title: '路灯坏了', description: '小区门口的路灯已经坏了三天' };

describe('createConcernSchema', () => {
  const sut = createConcernSchema;

  it('accepts a minimal concern and fills the defaults (publishing the closed case is off unless asked)', () => {
    const result = sut.safeParse(minimalConcern);

    expect(result.success).toBe(true);
    expect(result.data).toEqual({ ...minimalConcern, photoIds: [], confidential: false, publishConsent: false });
  });

  it('accepts a full concern with a place, photos, phone and the confidential flag', () => {
    const input = {
      ...minimalConcern,
      photoIds: [1, 2, 3],
      latitude: 31.1886,
      longitude: 121.4375,
      address: '徐汇区斜土路 1 号',
      phone: '13812345678',
      confidential: true,
    };

    const result = sut.safeParse(input);

    expect(result.success).toBe(true);
    expect(result.data).toEqual({ ...input, publishConsent: false });
  });

  it('keeps the consent to publish the closed case when the resident ticks it', () => {
    const result = sut.safeParse({ ...minimalConcern, publishConsent: true });

    expect(result.data).toMatchObject({ publishConsent: true });
  });

  it('coerces string ids to numbers (form posts)', () => {
    const result = sut.safeParse({ ...minimalConcern, categoryId: '3', compoundId: '12', photoIds: ['7', '8'] });

    expect(result.data).toMatchObject({ categoryId: 3, compoundId: 12, photoIds: [7, 8] });
  });

  it.each([0, -1, 1.5, 'abc', '', null, Number.MAX_SAFE_INTEGER + 2])('rejects the category id %p', (categoryId) => {
    const result = sut.safeParse({ ...minimalConcern, categoryId });

    expect(paths(result)).toEqual(['categoryId']);
    expectChineseMessages(result);
  });

  // BUG (reported): z.coerce.number() turns `true` into 1 and `[3]` into 3, so a client bug that sends a
  // boolean or an array files the concern under category 1 / 3. The id comment promises "a number or a
  // numeric string". Change `it.failing` to `it` once `id()` accepts only numbers and digit strings.
  it('rejects an id that is neither a number nor a numeric string (true, [3])', () => {
    expect(sut.safeParse({ ...minimalConcern, categoryId: true }).success).toBe(false);
    expect(sut.safeParse({ ...minimalConcern, compoundId: [3] }).success).toBe(false);
  });

  it('trims the title and description', () => {
    const result = sut.safeParse({ ...minimalConcern, title: '  路灯坏了 \n', description: '\t小区门口的路灯已经坏了三天  ' });

    expect(result.data).toMatchObject({ title: '路灯坏了', description: '小区门口的路灯已经坏了三天' });
  });

  it('accepts a title of 50 emoji, counting each as one character', () => {
    const result = sut.safeParse({ ...minimalConcern, title: LEAF.repeat(50) });

    expect(result.success).toBe(true);
  });

  it('rejects a title of 51 emoji', () => {
    const result = sut.safeParse({ ...minimalConcern, title: LEAF.repeat(51) });

    expect(paths(result)).toEqual(['title']);
    expectChineseMessages(result);
  });

  it('rejects a title that is only whitespace or one character', () => {
    expectChineseMessages(sut.safeParse({ ...minimalConcern, title: '    ' }));
    expectChineseMessages(sut.safeParse({ ...minimalConcern, title: '灯' }));
  });

  it('rejects a title with a lone surrogate', () => {
    const result = sut.safeParse({ ...minimalConcern, title: '路灯\ud83c坏了' });

    expect(paths(result)).toEqual(['title']);
    expectChineseMessages(result);
  });

  it('accepts a description of 2000 characters and rejects 2001', () => {
    expect(sut.safeParse({ ...minimalConcern, description: '字'.repeat(2000) }).success).toBe(true);
    expectChineseMessages(sut.safeParse({ ...minimalConcern, description: '字'.repeat(2001) }));
  });

  it('rejects a description shorter than 5 characters', () => {
    expectChineseMessages(sut.safeParse({ ...minimalConcern, description: '路灯坏了' }));
  });

  it('rejects a latitude without a longitude', () => {
    const result = sut.safeParse({ ...minimalConcern, latitude: 31.19 });

    expect(paths(result)).toEqual(['latitude']);
    expectChineseMessages(result);
  });

  it('rejects a longitude without a latitude', () => {
    const result = sut.safeParse({ ...minimalConcern, longitude: 121.44 });

    expect(result.success).toBe(false);
    expectChineseMessages(result);
  });

  it.each([
    [91, 121.44],
    [31.19, 181],
    [Number.NaN, 121.44],
    ['31.19', 121.44],
  ])('rejects the place (%p, %p)', (latitude, longitude) => {
    expectChineseMessages(sut.safeParse({ ...minimalConcern, latitude, longitude }));
  });

  it(`accepts ${MAX_CONCERN_PHOTOS} photos and rejects 10`, () => {
    const photos = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

    expect(sut.safeParse({ ...minimalConcern, photoIds: photos(9) }).success).toBe(true);
    const result = sut.safeParse({ ...minimalConcern, photoIds: photos(10) });
    expect(paths(result)).toEqual(['photoIds']);
    expectChineseMessages(result);
  });

  it('rejects photo ids that are not a list', () => {
    expectChineseMessages(sut.safeParse({ ...minimalConcern, photoIds: '1,2' }));
  });

  it.each(['12345678901', '1381234567', '138123456789', '+8613812345678', '138-1234-5678', 13812345678])(
    'rejects the phone %p',
    (phone) => {
      const result = sut.safeParse({ ...minimalConcern, phone });

      expect(paths(result)).toEqual(['phone']);
      expectChineseMessages(result);
    },
  );

  it('trims the phone before checking it', () => {
    const result = sut.safeParse({ ...minimalConcern, phone: ' 13812345678 ' });

    expect(result.data?.phone).toBe('13812345678');
  });

  it('rejects an address over 200 characters and accepts an empty one', () => {
    expectChineseMessages(sut.safeParse({ ...minimalConcern, address: '路'.repeat(201) }));
    expect(sut.safeParse({ ...minimalConcern, address: '' }).success).toBe(true);
  });

  it('rejects a confidential flag that is not a boolean', () => {
    expectChineseMessages(sut.safeParse({ ...minimalConcern, confidential: 'true' }));
  });

  it('drops fields the resident may not set', () => {
    const result = sut.safeParse({ ...minimalConcern, status: 'closed', streetId: 9 });

    expect(result.data).not.toHaveProperty('status');
    expect(result.data).not.toHaveProperty('streetId');
  });

  it('reports every missing field in Chinese', () => {
    const result = sut.safeParse({});

    expect(paths(result)).toEqual(['categoryId', 'compoundId', 'description', 'title']);
    expectChineseMessages(result);
  });
});

describe('rateConcernSchema', () => {
  const sut = rateConcernSchema;

  it.each(['satisfied', 'basic', 'unsatisfied'])('accepts the satisfaction %s', (satisfaction) => {
    expect(sut.safeParse({ solved: true, satisfaction }).success).toBe(true);
  });

  it('accepts and trims a comment', () => {
    const result = sut.safeParse({ solved: false, satisfaction: 'unsatisfied', comment: '  还是很吵 ' });

    expect(result.data).toEqual({ solved: false, satisfaction: 'unsatisfied', comment: '还是很吵' });
  });

  it('rejects a missing solved answer', () => {
    const result = sut.safeParse({ satisfaction: 'basic' });

    expect(paths(result)).toEqual(['solved']);
    expectChineseMessages(result);
  });

  it('rejects a solved answer given as a string', () => {
    expectChineseMessages(sut.safeParse({ solved: 'true', satisfaction: 'basic' }));
  });

  it('rejects an unknown satisfaction', () => {
    const result = sut.safeParse({ solved: true, satisfaction: 'happy' });

    expect(paths(result)).toEqual(['satisfaction']);
    expectChineseMessages(result);
  });

  it('rejects a comment over 500 characters', () => {
    expectChineseMessages(sut.safeParse({ solved: true, satisfaction: 'basic', comment: '好'.repeat(501) }));
  });
});

describe('staff action bodies', () => {
  it('rejectConcernSchema needs a reason of at least 2 characters', () => {
    expect(rejectConcernSchema.safeParse({ reason: '重复' }).success).toBe(true);
    expectChineseMessages(rejectConcernSchema.safeParse({ reason: '否' }));
    expectChineseMessages(rejectConcernSchema.safeParse({}));
  });

  it('mergeConcernSchema coerces the target id', () => {
    expect(mergeConcernSchema.safeParse({ intoId: '42' }).data).toEqual({ intoId: 42 });
    expectChineseMessages(mergeConcernSchema.safeParse({ intoId: 'XH20261123-0042' }));
  });

  it('dispatchConcernSchema defaults the co-handlers to none and allows at most 5', () => {
    expect(dispatchConcernSchema.safeParse({ departmentId: 7 }).data).toEqual({ departmentId: 7, coHandlerIds: [] });
    expect(dispatchConcernSchema.safeParse({ departmentId: 7, coHandlerIds: [1, 2, 3, 4, 5] }).success).toBe(true);
    expectChineseMessages(dispatchConcernSchema.safeParse({ departmentId: 7, coHandlerIds: [1, 2, 3, 4, 5, 6] }));
    expectChineseMessages(dispatchConcernSchema.safeParse({ departmentId: 7, coHandlerIds: [1, 'x'] }));
    expectChineseMessages(dispatchConcernSchema.safeParse({}));
  });

  it('returnConcernSchema needs a known reason and a note', () => {
    expect(returnConcernSchema.safeParse({ reason: 'not_our_remit', note: '应由房管局办理' }).success).toBe(true);
    const result = returnConcernSchema.safeParse({ reason: 'lazy', note: '' });
    expect(paths(result)).toEqual(['note', 'reason']);
    expectChineseMessages(result);
  });

  it('extendConcernSchema needs a whole number of days and a reason', () => {
    expect(extendConcernSchema.safeParse({ workingDays: 2, reason: '需要协调物业' }).success).toBe(true);
    expectChineseMessages(extendConcernSchema.safeParse({ workingDays: 1.5, reason: '需要协调物业' }));
    expectChineseMessages(extendConcernSchema.safeParse({ workingDays: '2', reason: '需要协调物业' }));
    expectChineseMessages(extendConcernSchema.safeParse({ workingDays: 2, reason: '' }));
  });

  it('replyConcernSchema needs at least 5 characters and allows at most 9 photos', () => {
    expect(replyConcernSchema.safeParse({ text: '已安排维修。' }).data).toEqual({ text: '已安排维修。', photoIds: [] });
    expectChineseMessages(replyConcernSchema.safeParse({ text: '已维修' }));
    expectChineseMessages(replyConcernSchema.safeParse({ text: '已安排维修。', photoIds: Array.from({ length: 10 }, (_, i) => i + 1) }));
    expectChineseMessages(replyConcernSchema.safeParse({ text: '已安排维修。', internalNote: '注'.repeat(1001) }));
  });

  it('sendBackReplySchema needs a reason', () => {
    expect(sendBackReplySchema.safeParse({ reason: '答复不完整' }).success).toBe(true);
    expectChineseMessages(sendBackReplySchema.safeParse({ reason: ' ' }));
  });

  it('noteConcernSchema accepts one character and rejects an empty note', () => {
    expect(noteConcernSchema.safeParse({ text: '阅' }).success).toBe(true);
    expectChineseMessages(noteConcernSchema.safeParse({ text: '' }));
    expectChineseMessages(noteConcernSchema.safeParse({ text: '注'.repeat(1001) }));
  });
});

describe('pageQuerySchema', () => {
  const sut = pageQuerySchema;

  it(`defaults the limit to ${DEFAULT_PAGE_SIZE} and the cursor to none`, () => {
    expect(sut.safeParse({}).data).toEqual({ limit: DEFAULT_PAGE_SIZE });
  });

  it('coerces the limit from the query string', () => {
    expect(sut.safeParse({ limit: '50', cursor: 'abc' }).data).toEqual({ limit: 50, cursor: 'abc' });
  });

  it(`accepts limits 1 and ${MAX_PAGE_SIZE}`, () => {
    expect(sut.safeParse({ limit: '1' }).data?.limit).toBe(1);
    expect(sut.safeParse({ limit: String(MAX_PAGE_SIZE) }).data?.limit).toBe(MAX_PAGE_SIZE);
  });

  it.each(['0', '101', '2.5', 'abc', '-1'])('rejects the limit %p', (limit) => {
    const result = sut.safeParse({ limit });

    expect(paths(result)).toEqual(['limit']);
    expectChineseMessages(result);
  });

  it('rejects a cursor over 200 characters', () => {
    expectChineseMessages(sut.safeParse({ cursor: 'c'.repeat(201) }));
  });
});

describe('codeSchema', () => {
  const sut = codeSchema('街道代码');

  it('accepts a pinyin code', () => {
    expect(sut.safeParse('xietu').success).toBe(true);
    expect(sut.safeParse('caohejing-2').success).toBe(true);
  });

  it.each(['Xietu', 'x', '1xietu', '斜土', 'xie tu'])('rejects %p', (code) => {
    expectChineseMessages(sut.safeParse(code));
  });
});

describe('staffLoginSchema', () => {
  const sut = staffLoginSchema;

  it('lowercases and trims the username', () => {
    const result = sut.safeParse({ username: ' Dispatcher.Xietu ', password: 'secret' });

    expect(result.data).toEqual({ username: 'dispatcher.xietu', password: 'secret' });
  });

  it('keeps the password exactly as typed', () => {
    expect(sut.safeParse({ username: 'admin', password: ' Pa ss ' }).data?.password).toBe(' Pa ss ');
  });

  it.each(['ab', '1admin', 'admin user', 'ädmin', 'a'.repeat(41)])('rejects the username %p', (username) => {
    const result = sut.safeParse({ username, password: 'secret' });

    expect(paths(result)).toEqual(['username']);
    expectChineseMessages(result);
  });

  it('rejects an empty or over-long password', () => {
    expectChineseMessages(sut.safeParse({ username: 'admin', password: '' }));
    expectChineseMessages(sut.safeParse({ username: 'admin', password: 'p'.repeat(201) }));
  });

  it('reports missing fields in Chinese', () => {
    expectChineseMessages(sut.safeParse({}));
  });
});

describe('wechatLoginSchema and previewLoginSchema', () => {
  it('accepts a wx.login code and rejects an empty or over-long one', () => {
    expect(wechatLoginSchema.safeParse({ code: '0a1b2c' }).success).toBe(true);
    expectChineseMessages(wechatLoginSchema.safeParse({ code: '  ' }));
    expectChineseMessages(wechatLoginSchema.safeParse({ code: 'c'.repeat(129) }));
  });

  it('accepts a nickname of 20 emoji and rejects 21 or none', () => {
    expect(previewLoginSchema.safeParse({ nickname: LEAF.repeat(20) }).success).toBe(true);
    expectChineseMessages(previewLoginSchema.safeParse({ nickname: LEAF.repeat(21) }));
    expectChineseMessages(previewLoginSchema.safeParse({ nickname: '' }));
  });
});

describe('messages for inputs of the wrong shape', () => {
  // BUG (reported): where a schema gives no Chinese `error` of its own, zod's default English message
  // comes through: a body that is not an object ("Invalid input: expected object, received null"), a list
  // field that is not a list, a cursor repeated in the query string (?cursor=a&cursor=b parses to an array).
  // Messages a resident may read are meant to be Chinese. Change `it.failing` to `it` once the schemas
  // (or a shared zod locale) answer these in Chinese.
  it.each([
    ['createConcernSchema with a null body', createConcernSchema, null],
    ['rateConcernSchema with an array body', rateConcernSchema, []],
    ['staffLoginSchema with a string body', staffLoginSchema, 'admin'],
    ['dispatchConcernSchema with co-handlers that are not a list', dispatchConcernSchema, { departmentId: 7, coHandlerIds: '1,2' }],
    ['replyConcernSchema with photos that are not a list', replyConcernSchema, { text: '已安排维修。', photoIds: 3 }],
    ['pageQuerySchema with a repeated cursor', pageQuerySchema, { cursor: ['a', 'b'] }],
  ] as const)('answers %s in Chinese', (_case, schema, input) => {
    expectChineseMessages(schema.safeParse(input));
  });
});

describe(hasLoneSurrogate.name, () => {
  it.each([
    ['', false],
    ['满意在徐汇', false],
    [LEAF, false],
    [`${LEAF}${LEAF}路灯`, false],
    ['\ud83c', true],
    ['\udf42', true],
    ['路\ud83c灯', true],
    ['\udf42\ud83c', true],
    [`${LEAF}\ud83c`, true],
  ])('returns the right answer for %j', (value, expected) => {
    expect(hasLoneSurrogate(value)).toBe(expected);
  });
});

describe(charCount.name, () => {
  it('counts code points, not UTF-16 units', () => {
    expect(charCount(LEAF.repeat(3))).toBe(3);
    expect(LEAF.repeat(3)).toHaveLength(6);
    expect(charCount('徐汇')).toBe(2);
  });
});
