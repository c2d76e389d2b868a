import { useSyncExternalStore } from 'react';

// A router the size of this page's needs: a few paths under /admin/ on the History API. The service
// answers every extension-less path under /admin/ with index.html, so a deep link or a reload works.

export const BASE_PATH = '/admin';

export type Route =
  | { name: 'login' }
  | { name: 'home' }
  | { name: 'inbox'; view: string }
  | { name: 'concern'; id: number }
  /** 新建代录: a concern filed for a resident (`?visit=` picks the visit it was raised at). */
  | { name: 'intake' }
  /** 回访队列: the street's callbacks to make (each row opens the workbench). */
  | { name: 'callbacks' }
  | ManageRoute
  | ContentRoute
  | { name: 'not-found' };

/** 内容管理: the news list and editor (`id` 'new' for a new article), visits and one visit. */
export type ContentRoute =
  { name: 'news' } | { name: 'news-edit'; id: number | 'new' } | { name: 'visits' } | { name: 'visit'; id: number };

/**
 * 数据看板, 目录管理 (one tab per kind), 账号管理, 操作日志, 工作日历 (a year, or the page picks one), 时限设置,
 * 接口密钥 (Open311), 微信配置, 答复模板 and 政策知识库.
 */
export type ManageRoute =
  | { name: 'dashboard' }
  | { name: 'directory'; kind: string }
  | { name: 'staff' }
  | { name: 'audit' }
  | { name: 'calendar'; year: number | null }
  | { name: 'deadlines' }
  | { name: 'open311-keys' }
  | { name: 'wechat' }
  | { name: 'reply-templates' }
  | { name: 'knowledge' };

export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname;
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'home' };
  if (parts.length === 1 && parts[0] === 'login') return { name: 'login' };
  if (parts.length === 2 && parts[0] === 'inbox') return { name: 'inbox', view: decodeURIComponent(parts[1]!) };
  if (parts.length === 2 && parts[0] === 'concerns' && parts[1] === 'new') return { name: 'intake' };
  if (parts.length === 2 && parts[0] === 'concerns' && /^[1-9]\d{0,15}$/.test(parts[1]!)) return { name: 'concern', id: Number(parts[1]) };
  if (parts.length === 1 && parts[0] === 'callbacks') return { name: 'callbacks' };
  if (parts.length === 1 && parts[0] === 'reply-templates') return { name: 'reply-templates' };
  if (parts.length === 1 && parts[0] === 'knowledge') return { name: 'knowledge' };
  if (parts.length === 1 && parts[0] === 'news') return { name: 'news' };
  if (parts.length === 2 && parts[0] === 'news' && (parts[1] === 'new' || /^[1-9]\d{0,15}$/.test(parts[1]!)))
    return { name: 'news-edit', id: parts[1] === 'new' ? 'new' : Number(parts[1]) };
  if (parts.length === 1 && parts[0] === 'visits') return { name: 'visits' };
  if (parts.length === 2 && parts[0] === 'visits' && /^[1-9]\d{0,15}$/.test(parts[1]!)) return { name: 'visit', id: Number(parts[1]) };
  if (parts.length === 1 && parts[0] === 'dashboard') return { name: 'dashboard' };
  if (parts.length === 1 && parts[0] === 'staff') return { name: 'staff' };
  if (parts.length === 1 && parts[0] === 'audit') return { name: 'audit' };
  if (parts.length === 1 && parts[0] === 'calendar') return { name: 'calendar', year: null };
  if (parts.length === 2 && parts[0] === 'calendar' && /^\d{4}$/.test(parts[1]!)) return { name: 'calendar', year: Number(parts[1]) };
  if (parts.length === 2 && parts[0] === 'settings' && parts[1] === 'deadlines') return { name: 'deadlines' };
  if (parts.length === 2 && parts[0] === 'settings' && parts[1] === 'open311-keys') return { name: 'open311-keys' };
  if (parts.length === 2 && parts[0] === 'settings' && parts[1] === 'wechat') return { name: 'wechat' };
  if (parts.length <= 2 && parts[0] === 'directory') return { name: 'directory', kind: decodeURIComponent(parts[1] ?? 'streets') };
  return { name: 'not-found' };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'login':
      return `${BASE_PATH}/login`;
    case 'inbox':
      return `${BASE_PATH}/inbox/${encodeURIComponent(route.view)}`;
    case 'concern':
      return `${BASE_PATH}/concerns/${route.id}`;
    case 'intake':
      return `${BASE_PATH}/concerns/new`;
    case 'news':
    case 'visits':
      return `${BASE_PATH}/${route.name}`;
    case 'news-edit':
      return `${BASE_PATH}/news/${route.id}`;
    case 'visit':
      return `${BASE_PATH}/visits/${route.id}`;
    case 'dashboard':
    case 'staff':
    case 'audit':
    case 'callbacks':
    case 'reply-templates':
    case 'knowledge':
      return `${BASE_PATH}/${route.name}`;
    case 'directory':
      return `${BASE_PATH}/directory/${encodeURIComponent(route.kind)}`;
    case 'calendar':
      return `${BASE_PATH}/calendar${route.year === null ? '' : `/${route.year}`}`;
    case 'deadlines':
      return `${BASE_PATH}/settings/deadlines`;
    case 'open311-keys':
    case 'wechat':
      return `${BASE_PATH}/settings/${route.name}`;
    default:
      return `${BASE_PATH}/`;
  }
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** Goes to a route (with a query string when given); `replace` keeps it out of the back button's history (redirects). */
export function navigate(route: Route, { replace = false, search = '' }: { replace?: boolean; search?: string } = {}): void {
  const path = routePath(route) + search;
  if (path === window.location.pathname) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The query string as React state (the inbox keeps its filters there). */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

/** Writes a new query string for the current path; each filter change is a step of the back button. */
export function setSearch(search: string): void {
  if (search === window.location.search || (search === '' && window.location.search === '')) return;
  window.history.pushState(null, '', `${window.location.pathname}${search}`);
  for (const listener of listeners) listener();
}
