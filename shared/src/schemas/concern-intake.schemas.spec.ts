import { HOTLINE_ORDER_PATTERN, intakeChannelsFor, mayAcceptAtIntake, normaliseHotlineOrderNumber } from '../concern/concern-intake.js';
import { reclassifyConcernSchema, staffIntakeSchema } from './concern-intake.schemas.js';

const CJK = /[\u4e00-\u9fff]/;
const base = { categoryId: 3, compoundId: 7, title: '楼道灯不亮', description: '三号楼二单元楼道灯坏了一周。' };

function messages(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('staffIntakeSchema', () => {
  it('reads a phone intake with the number in any usual spelling, kept as 11 digits', () => {
    const sut = staffIntakeSchema.parse({ ...base, channel: 'phone', contactName: ' 张阿姨 ', phone: '+86 138-1234-5678' });

    expect(sut).toMatchObject({ channel: 'phone', contactName: '张阿姨', phone: '13812345678', acceptNow: false, photoIds: [] });
  });

  it('takes a 12345 transfer with its order number in normal form', () => {
    const sut = staffIntakeSchema.parse({ ...base, channel: 'hotline', orderNumber: 'sh 20261123-0012', phone: '13812345678' });

    expect(sut.orderNumber).toBe('SH202611230012');
  });

  it('takes a visit problem without a phone number, naming the visit', () => {
    const sut = staffIntakeSchema.parse({ ...base, channel: 'visit', visitId: '12', phone: '' });

    expect(sut).toMatchObject({ visitId: 12, phone: undefined });
  });

  it('takes a landline for an elderly caller without a mobile, in its normal form', () => {
    expect(staffIntakeSchema.parse({ ...base, channel: 'phone', phone: '6487 1234' }).phone).toBe('021-64871234');
  });

  it.each([
    ['a visit problem without its visit', { channel: 'visit' }, 'visitId'],
    ['a 12345 transfer without its order number', { channel: 'hotline', phone: '13812345678' }, 'orderNumber'],
    ['an order number on a phone intake', { channel: 'phone', phone: '13812345678', orderNumber: 'SH202611230012' }, 'orderNumber'],
    ['a visit on a walk-in', { channel: 'walk_in', phone: '13812345678', visitId: 3 }, 'visitId'],
    ['a phone intake without the number', { channel: 'phone' }, 'phone'],
    ['a number that is neither a mobile nor a landline', { channel: 'walk_in', phone: '12345' }, 'phone'],
    ['a malformed order number', { channel: 'hotline', phone: '13812345678', orderNumber: '12345' }, 'orderNumber'],
    ['an order dated in a 13th month', { channel: 'hotline', phone: '13812345678', orderNumber: '202613010001' }, 'orderNumber'],
    ['an unknown channel', { channel: 'wechat' }, 'channel'],
  ])('refuses %s with a Chinese message on the field', (_name, fields, path) => {
    const result = staffIntakeSchema.safeParse({ ...base, ...fields });

    expect(result.success).toBe(false);
    expect(messages(result)[path]).toMatch(CJK);
  });
});

describe('the intake rules', () => {
  it('lets dispatchers and supervisors file through every channel, visit organisers through visits only, handlers not at all', () => {
    expect(intakeChannelsFor('dispatcher')).toEqual(['phone', 'walk_in', 'visit', 'hotline']);
    expect(intakeChannelsFor('supervisor')).toEqual(['phone', 'walk_in', 'visit', 'hotline']);
    expect(intakeChannelsFor('editor')).toEqual(['visit']);
    expect(intakeChannelsFor('admin')).toEqual(['visit']);
    expect(intakeChannelsFor('handler')).toEqual([]);
  });

  it('lets only triage accept its own intake at once', () => {
    expect(mayAcceptAtIntake('dispatcher')).toBe(true);
    expect(mayAcceptAtIntake('supervisor')).toBe(true);
    expect(mayAcceptAtIntake('editor')).toBe(false);
  });

  it('normalises order numbers before the pattern decides', () => {
    expect(HOTLINE_ORDER_PATTERN.test(normaliseHotlineOrderNumber(' 2026-1123-00123 '))).toBe(true);
    expect(HOTLINE_ORDER_PATTERN.test(normaliseHotlineOrderNumber('SHXH202611230012'))).toBe(true);
    expect(HOTLINE_ORDER_PATTERN.test(normaliseHotlineOrderNumber('ABCDE202611230012'))).toBe(false);
  });
});

describe('reclassifyConcernSchema', () => {
  it('needs a reason and at least one change', () => {
    expect(messages(reclassifyConcernSchema.safeParse({ reason: '类别选错了' })).categoryId).toBe('请至少更正类别、小区或诉求性质中的一项');
    expect(messages(reclassifyConcernSchema.safeParse({ compoundId: 3 })).reason).toMatch(CJK);
    expect(reclassifyConcernSchema.parse({ requestType: 'complaint', reason: '属于投诉' })).toEqual({
      requestType: 'complaint',
      reason: '属于投诉',
    });
  });
});
