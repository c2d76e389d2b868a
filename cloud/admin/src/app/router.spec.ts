import { describe, expect, it } from 'vitest';
import { parseRoute, routePath, type Route } from './router';

describe(parseRoute.name, () => {
  it.each<[string, Route]>([
    ['/admin/calendar', { name: 'calendar', year: null }],
    ['/admin/calendar/2027', { name: 'calendar', year: 2027 }],
    ['/admin/settings/deadlines', { name: 'deadlines' }],
    ['/admin/calendar/next', { name: 'not-found' }],
    ['/admin/settings', { name: 'not-found' }],
    ['/admin/concerns/new', { name: 'intake' }],
    ['/admin/concerns/42', { name: 'concern', id: 42 }],
    ['/admin/callbacks', { name: 'callbacks' }],
    ['/admin/reply-templates', { name: 'reply-templates' }],
    ['/admin/knowledge', { name: 'knowledge' }],
  ])('reads %s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('writes back the paths it reads', () => {
    for (const path of [
      '/admin/calendar',
      '/admin/calendar/2027',
      '/admin/settings/deadlines',
      '/admin/concerns/new',
      '/admin/callbacks',
      '/admin/knowledge',
    ])
      expect(routePath(parseRoute(path))).toBe(path);
  });
});
