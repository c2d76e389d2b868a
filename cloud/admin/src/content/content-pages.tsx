import { CalendarOutlined, ReadOutlined } from '@ant-design/icons';
import { NEWS_STAFF_ROLES, VISIT_STAFF_ROLES, type StaffRole, type StaffActor } from '@manyi/shared';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import type { ContentRoute } from '../app/router';
import { NewsEditorPage } from './news-editor-page';
import { NewsListPage } from './news-list-page';
import { VisitPage } from './visit-page';
import { VisitsPage } from './visits-page';
import './content.css';

interface ContentEntry {
  /** The menu's route; the routes of the same area (an article, a visit) select the same entry. */
  route: ContentRoute;
  label: string;
  icon: ReactNode;
  roles: readonly StaffRole[];
  routes: readonly ContentRoute['name'][];
}

// Who may use each page is the service's own rule (NEWS_STAFF_ROLES, VISIT_STAFF_ROLES in @manyi/shared).
const ENTRIES: ContentEntry[] = [
  { route: { name: 'news' }, label: '资讯管理', icon: <ReadOutlined />, roles: NEWS_STAFF_ROLES, routes: ['news', 'news-edit'] },
  { route: { name: 'visits' }, label: '走访管理', icon: <CalendarOutlined />, roles: VISIT_STAFF_ROLES, routes: ['visits', 'visit'] },
];

/** 内容管理: the content pages a role may open, in menu order. */
export function contentEntriesFor(role: StaffRole): ContentEntry[] {
  return ENTRIES.filter((e) => e.roles.includes(role));
}

export function isContentRoute(route: { name: string }): route is ContentRoute {
  return ENTRIES.some((e) => (e.routes as readonly string[]).includes(route.name));
}

/** The menu entry a content route belongs to. */
export function contentEntryOf(route: ContentRoute): ContentEntry {
  return ENTRIES.find((e) => e.routes.includes(route.name))!;
}

/** The page of a content route, or a refusal when the role may not use it (the service refuses too). */
export function ContentPage({ route, who }: { route: ContentRoute; who: StaffActor }) {
  if (!contentEntryOf(route).roles.includes(who.role)) return <Result status="403" title="没有权限访问此页面" />;
  switch (route.name) {
    case 'news':
      return <NewsListPage />;
    case 'news-edit':
      return <NewsEditorPage key={String(route.id)} id={route.id} who={who} />;
    case 'visits':
      return <VisitsPage who={who} />;
    case 'visit':
      return <VisitPage key={route.id} id={route.id} />;
  }
}
