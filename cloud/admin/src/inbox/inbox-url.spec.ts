import { describe, expect, it } from 'vitest';
import { filtersFromSearch, searchFromFilters } from './inbox-url';
import type { InboxFilters } from '../api/endpoints';
import { findInboxView } from './inbox-views';

const SUBMITTED = findInboxView('dispatcher', 'submitted')!.filters;
const ALL = findInboxView('dispatcher', 'all')!.filters;

describe('the inbox filters in the address', () => {
  it('leaves the address bare for a saved view’s own filters, and reads a bare address as the view', () => {
    expect(searchFromFilters({ status: ['submitted'] }, SUBMITTED)).toBe('');
    expect(filtersFromSearch('', SUBMITTED)).toEqual({ status: ['submitted'] });
    expect(filtersFromSearch('?utm=x', SUBMITTED)).toEqual({ status: ['submitted'] });
  });

  it('writes every filter out and reads the same filters back', () => {
    const filters = {
      status: ['dispatched', 'in_progress'] as const,
      street: 'xietu',
      department: 11,
      category: 9,
      overdue: true,
      q: '电梯',
    };
    const search = searchFromFilters({ ...filters, status: [...filters.status] }, SUBMITTED);
    expect(search).toBe('?status=dispatched%2Cin_progress&street=xietu&department=11&category=9&overdue=1&q=%E7%94%B5%E6%A2%AF');
    expect(filtersFromSearch(search, SUBMITTED)).toEqual({ ...filters, status: ['dispatched', 'in_progress'] });
  });

  it('keeps the source (来源) in the address, and drops one it does not know', () => {
    const search = searchFromFilters({ status: ['submitted'], source: 'hotline' }, SUBMITTED);
    expect(search).toBe('?status=submitted&source=hotline');
    expect(filtersFromSearch(search, SUBMITTED)).toEqual({ status: ['submitted'], source: 'hotline' });
    expect(filtersFromSearch('?status=submitted&source=fax', SUBMITTED)).toEqual({ status: ['submitted'] });
  });

  it('keeps 待协办 (coHandling) as the view’s own filter, and in the address when searched within', () => {
    const CO: InboxFilters = { coHandling: true };
    expect(searchFromFilters(CO, CO)).toBe('');
    const search = searchFromFilters({ coHandling: true, q: '电梯' }, CO);
    expect(search).toBe('?status=&q=%E7%94%B5%E6%A2%AF&coHandling=1');
    expect(filtersFromSearch(search, CO)).toEqual({ coHandling: true, q: '电梯' });
    expect(filtersFromSearch('?status=&coHandling=0', CO)).toEqual({});
  });

  it('keeps a cleared status apart from the view’s default', () => {
    const search = searchFromFilters({ q: '噪音' }, SUBMITTED);
    expect(search).toBe('?status=&q=%E5%99%AA%E9%9F%B3');
    expect(filtersFromSearch(search, SUBMITTED)).toEqual({ q: '噪音' });
    // On 全部诉求 the same text needs no status key to mean "all statuses"… but writes one all the same.
    expect(filtersFromSearch(searchFromFilters({ q: '噪音' }, ALL), ALL)).toEqual({ q: '噪音' });
  });

  it('treats the same filters in another order or with empty values as unchanged', () => {
    expect(searchFromFilters({ status: ['submitted'], q: '  ', street: '' }, SUBMITTED)).toBe('');
    const twoStatuses = findInboxView('dispatcher', 'to-dispatch')!.filters;
    expect(searchFromFilters({ status: ['returned', 'accepted'] }, twoStatuses)).toBe('');
  });

  it('drops what a hand-edited address gets wrong instead of sending it to the service', () => {
    expect(filtersFromSearch('?status=submitted,nonsense&department=abc&category=-3&street=XieTu!&overdue=maybe&q=%20', SUBMITTED)).toEqual(
      {
        status: ['submitted'],
      },
    );
    expect(filtersFromSearch('?status=&overdue=0', SUBMITTED)).toEqual({ overdue: false });
  });

  it('keeps 多人反映 and the followers sort in the address, and drops a sort it does not know', () => {
    const search = searchFromFilters({ status: ['submitted'], multi: true, sort: 'followers' }, SUBMITTED);
    expect(search).toBe('?status=submitted&multi=1&sort=followers');
    expect(filtersFromSearch(search, SUBMITTED)).toEqual({ status: ['submitted'], multi: true, sort: 'followers' });
    expect(filtersFromSearch('?status=submitted&sort=loudest', SUBMITTED)).toEqual({ status: ['submitted'] });
  });
});
