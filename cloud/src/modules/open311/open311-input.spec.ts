import { Open311Error } from './open311.error.js';
import { MAX_SPAN_DAYS, parseRequestQuery, parseServiceRequest, titleFrom } from './open311-input.js';
import { statusNotes } from './open311.mapper.js';

const now = new Date('2026-11-29T08:00:00Z');

function refusal(fn: () => unknown): { status: number; description: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof Open311Error) return { status: error.status, description: error.description };
    throw error;
  }
  throw new Error('expected an Open311Error');
}

describe('parseServiceRequest', () => {
  const base = { service_code: 'shirong-laji', description: '垃圾房满溢三天了' };

  it('reads each location form, attributes and contact fields', () => {
    expect(parseServiceRequest({ ...base, lat: '31.19', long: '121.45' }).location).toEqual({
      kind: 'coordinates',
      lat: 31.19,
      long: 121.45,
    });
    expect(parseServiceRequest({ ...base, address_string: '斜土路 1 号' }).location).toEqual({
      kind: 'address_string',
      address: '斜土路 1 号',
    });
    const sut = parseServiceRequest({
      ...base,
      address_id: 'xietu-hengyi',
      'attribute[compound]': 'xietu-hengyi',
      email: 'a@b.cn',
      phone: '13800000000',
    });
    expect(sut.location).toEqual({ kind: 'address_id', addressId: 'xietu-hengyi' });
    expect(sut.attributes).toEqual({ compound: 'xietu-hengyi' });
    expect(sut.contact).toEqual({ firstName: null, lastName: null, email: 'a@b.cn', phone: '13800000000' });
  });

  it('treats empty fields as absent', () => {
    expect(refusal(() => parseServiceRequest({ ...base, lat: '', long: ' ', address_string: '' })).status).toBe(400);
  });

  it('refuses more than one location form, a repeated parameter and half a coordinate', () => {
    expect(refusal(() => parseServiceRequest({ ...base, lat: '31', long: '121', address_id: 'x' })).description).toMatch(/一种/);
    expect(refusal(() => parseServiceRequest({ ...base, address_string: ['a', 'b'] })).description).toMatch(/address_string/);
    expect(refusal(() => parseServiceRequest({ ...base, lat: '31' })).description).toMatch(/同时/);
  });
});

describe('parseRequestQuery', () => {
  it('defaults to the last 90 days, first page', () => {
    const sut = parseRequestQuery({}, now);
    expect(sut.to).toEqual(now);
    expect(now.getTime() - sut.from.getTime()).toBe(MAX_SPAN_DAYS * 86_400_000);
    expect(sut).toMatchObject({ ids: null, serviceCodes: null, status: null, page: 1 });
  });

  it('takes a date without time as that day in Shanghai, and one date as the 90 days from it', () => {
    const sut = parseRequestQuery({ start_date: '2026-11-01' }, now);
    expect(sut.from.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(sut.to.getTime() - sut.from.getTime()).toBe(MAX_SPAN_DAYS * 86_400_000);
  });

  it('reads comma lists, and both statuses as no status filter', () => {
    expect(parseRequestQuery({ service_request_id: 'A,B,A', status: 'open,closed' }, now)).toMatchObject({ ids: ['A', 'B'], status: null });
  });

  it('refuses a span of 90 days and one millisecond', () => {
    const end = new Date(Date.parse('2026-01-01T00:00:00Z') + MAX_SPAN_DAYS * 86_400_000 + 1).toISOString();
    expect(refusal(() => parseRequestQuery({ start_date: '2026-01-01T00:00:00Z', end_date: end }, now)).status).toBe(400);
  });
});

describe('status notes and titles', () => {
  it('carry the detailed status and the published text', () => {
    expect(statusNotes('dispatched', null)).toBe('已派单');
    expect(statusNotes('awaiting_rating', { action: 'approve-reply', text: '已清运' })).toBe('待评价；已发布答复：已清运');
    expect(statusNotes('rejected', { action: 'reject', text: '不属于本街道' })).toBe('不予受理；理由：不属于本街道');
  });

  it('take a title from the first line of the description, bounded, or the service name', () => {
    expect(titleFrom('楼道堆物\n三号楼一楼', '楼道')).toBe('楼道堆物');
    expect(titleFrom('臭', '垃圾分类与清运')).toBe('垃圾分类与清运');
    expect([...titleFrom('很'.repeat(80), 'x')]).toHaveLength(50);
  });
});
