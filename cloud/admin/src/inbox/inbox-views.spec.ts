import { describe, expect, it } from 'vitest';
import { findInboxView, inboxViewsFor } from './inbox-views';

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
    expect(inboxViewsFor('handler').map((v) => v.label)).toEqual(['待签收', '办理中', '已超期', '全部诉求']);
    expect(findInboxView('handler', 'in-progress')?.filters).toEqual({ status: ['in_progress', 'reopened'] });
    expect(findInboxView('handler', 'submitted')).toBeUndefined();
  });

  it('gives editors and admins no inbox (the service refuses them the concern routes)', () => {
    expect(inboxViewsFor('editor')).toEqual([]);
    expect(inboxViewsFor('admin')).toEqual([]);
  });
});
