import { describe, expect, it } from 'vitest';
import type { InboxCountsView } from '@manyi/shared';
import { findInboxView, inboxViewsFor, viewCount } from './inbox-views';

describe('the inbox views of each role', () => {
  it('gives a dispatcher the triage views, 待受理 first', () => {
    expect(inboxViewsFor('dispatcher').map((v) => v.label)).toEqual(['待受理', '待派单', '待审核', '已超期', '全部诉求']);
    expect(findInboxView('dispatcher', 'to-dispatch')?.filters).toEqual({ status: ['accepted', 'returned'] });
    expect(findInboxView('dispatcher', 'overdue')?.filters).toEqual({ overdue: true });
  });

  it('adds 督办 (escalated) for the supervisor only', () => {
    expect(inboxViewsFor('supervisor').map((v) => v.key)).toContain('escalated');
    expect(findInboxView('supervisor', 'escalated')?.filters).toEqual({ escalated: true });
    expect(findInboxView('dispatcher', 'escalated')).toBeUndefined();
  });

  it('gives a handler the department views and none of the dispatcher ones', () => {
    expect(inboxViewsFor('handler').map((v) => v.label)).toEqual(['待签收', '待协办', '办理中', '已超期', '全部诉求']);
    // 待协办: what the department co-handles for another department's lead.
    expect(findInboxView('handler', 'co-handling')?.filters).toEqual({ coHandling: true });
    expect(findInboxView('handler', 'in-progress')?.filters).toEqual({ status: ['in_progress', 'reopened'] });
    expect(findInboxView('handler', 'submitted')).toBeUndefined();
  });

  it('gives editors and admins no inbox (the service refuses them the concern routes)', () => {
    expect(inboxViewsFor('editor')).toEqual([]);
    expect(inboxViewsFor('admin')).toEqual([]);
  });

  it('counts each saved view from the service’s counts: its statuses summed, overdue and escalated as counted, all as the total', () => {
    const counts: InboxCountsView = {
      total: 40,
      byStatus: {
        submitted: 3,
        accepted: 2,
        dispatched: 5,
        returned: 1,
        in_progress: 7,
        replied: 4,
        awaiting_rating: 6,
        reopened: 2,
        closed: 8,
        rejected: 1,
        merged: 0,
        withdrawn: 1,
      },
      overdue: 9,
      escalated: 2,
      coHandling: 3,
      changeToken: '40.1.1',
    };
    const count = (role: 'dispatcher' | 'handler' | 'supervisor', key: string) => viewCount(findInboxView(role, key)!, counts);
    expect(count('dispatcher', 'submitted')).toBe(3);
    expect(count('dispatcher', 'to-dispatch')).toBe(3);
    expect(count('dispatcher', 'to-review')).toBe(4);
    expect(count('dispatcher', 'overdue')).toBe(9);
    expect(count('dispatcher', 'all')).toBe(40);
    expect(count('supervisor', 'escalated')).toBe(2);
    expect(count('handler', 'to-sign')).toBe(5);
    expect(count('handler', 'in-progress')).toBe(9);
    expect(count('handler', 'co-handling')).toBe(3);
  });
});
