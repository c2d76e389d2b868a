import type { z } from 'zod';
import {
  askVisitQuestionSchema,
  createVisitSchema,
  listVisitsQuerySchema,
  publishVisitIssuesSchema,
  visitExportQuerySchema,
} from './visit.schemas.js';

const CJK = /[\u4e00-\u9fff]/;

function messages(result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

const visit = {
  title: '满意在徐汇 · 恒益居民区面对面',
  compoundId: 12,
  place: '恒益居民区活动室',
  startsAt: '2026-12-01T14:00:00+08:00',
  endsAt: '2026-12-01T16:00:00+08:00',
  participants: [{ name: '陈律师', role: 'lawyer', title: '社区法律顾问' }],
  capacity: 30,
};

describe('createVisitSchema', () => {
  const sut = createVisitSchema;

  it('reads the times with their offset as instants and fills the defaults', () => {
    const result = sut.safeParse(visit);

    expect(result.success).toBe(true);
    expect(result.data?.startsAt.toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(result.data?.topics).toEqual([]);
  });

  it.each([
    [{ endsAt: '2026-12-01T13:00:00+08:00' }, '结束时间必须晚于开始时间'],
    [{ endsAt: '2026-12-02T14:00:00+08:00' }, '一次走访不能超过 12 小时'],
    [{ startsAt: '2026-12-01 14:00' }, '开始时间格式不正确，应为带时区的 ISO 时间'],
    [{ startsAt: '明天下午' }, '开始时间格式不正确，应为带时区的 ISO 时间'],
    [{ capacity: 0 }, '报名人数上限至少为 1'],
    [{ capacity: 2.5 }, '报名人数上限必须是整数'],
    [{ participants: [] }, '请至少填写一位参加人员'],
    [{ participants: [{ name: '某人', role: 'mayor' }] }, '请选择参加人员的身份'],
    [{ topics: ['好'] }, '议题至少 2 个字'],
    [{ street: 'XieTu' }, '街道无效'],
  ])('refuses %p with a Chinese message', (change, message) => {
    const result = sut.safeParse({ ...visit, ...change });

    expect(result.success).toBe(false);
    expect(messages(result)).toContain(message);
    expect(messages(result).every((m) => CJK.test(m))).toBe(true);
  });
});

describe('askVisitQuestionSchema', () => {
  it('trims the question and addresses it to one kind of participant', () => {
    expect(askVisitQuestionSchema.parse({ addressedTo: 'lawyer', text: '  租房押金不退怎么办？ ' })).toEqual({
      addressedTo: 'lawyer',
      text: '租房押金不退怎么办？',
    });
  });

  it('refuses an unknown participant and a question too short to act on', () => {
    expect(messages(askVisitQuestionSchema.safeParse({ addressedTo: 'mayor', text: '租房押金不退怎么办？' }))).toEqual([
      '请选择参加人员的身份',
    ]);
    expect(messages(askVisitQuestionSchema.safeParse({ addressedTo: 'lawyer', text: '押金' }))).toEqual(['问题至少 5 个字']);
  });
});

describe('listVisitsQuerySchema', () => {
  it('takes a compound by id or by code, and `from` as an instant', () => {
    expect(listVisitsQuerySchema.parse({ compound: '12' }).compound).toBe(12);
    expect(listVisitsQuerySchema.parse({ compound: 'xietu-hengyi' }).compound).toBe('xietu-hengyi');
    expect(listVisitsQuerySchema.parse({ from: '2026-12-01T00:00:00Z' }).from?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(listVisitsQuerySchema.safeParse({ compound: '恒益' }).success).toBe(false);
  });
});

describe('publishVisitIssuesSchema', () => {
  it('needs at least one issue, each linked to a concern', () => {
    expect(messages(publishVisitIssuesSchema.safeParse({ items: [] }))).toEqual(['问题清单至少要有一项']);
    expect(messages(publishVisitIssuesSchema.safeParse({ items: [{ text: '加装电梯' }] }))).toEqual(['关联诉求无效']);
  });
});

describe('visitExportQuerySchema', () => {
  it('exports the sign-ups unless asked for the questions', () => {
    expect(visitExportQuerySchema.parse({})).toEqual({ part: 'signups' });
    expect(visitExportQuerySchema.parse({ part: 'questions' })).toEqual({ part: 'questions' });
  });
});
