import {
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  ClusterOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  ScheduleOutlined,
  TeamOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { mayUseArea, type AdminArea, type StaffRole, type StaffActor } from '@manyi/shared';
import { Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import type { ManageRoute } from '../app/router';
import { AuditPage } from './audit/audit-page';
import { CalendarPage } from './calendar/calendar-page';
import { DeadlineSettingsPage } from './deadlines/deadline-settings-page';
import { DirectoryPage } from './directory/directory-page';
import { Open311KeysPage } from './integrations/open311-keys-page';
import { KnowledgePage } from './knowledge/knowledge-page';
import { ReplyTemplatesPage } from './knowledge/reply-templates-page';
import { WechatStatusPage } from './integrations/wechat-status-page';
import { StaffPage } from './staff/staff-page';

// ECharts is only fetched when the dashboard is opened: the inbox never pays for it.
const DashboardPage = lazy(() => import('./dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage })));

interface ManageEntry {
  area: AdminArea;
  route: ManageRoute;
  label: string;
  icon: ReactNode;
}

const ENTRIES: ManageEntry[] = [
  { area: 'dashboard', route: { name: 'dashboard' }, label: '数据看板', icon: <BarChartOutlined /> },
  // 答复模板 and 政策知识库: supervisors and the editors an admin assigns (ADMIN_AREA_ROLES.knowledge).
  { area: 'knowledge', route: { name: 'reply-templates' }, label: '答复模板', icon: <FileTextOutlined /> },
  { area: 'knowledge', route: { name: 'knowledge' }, label: '政策知识库', icon: <BookOutlined /> },
  { area: 'directory', route: { name: 'directory', kind: 'streets' }, label: '目录管理', icon: <ClusterOutlined /> },
  { area: 'staff', route: { name: 'staff' }, label: '账号管理', icon: <TeamOutlined /> },
  { area: 'calendar', route: { name: 'calendar', year: null }, label: '工作日历', icon: <ScheduleOutlined /> },
  { area: 'deadlines', route: { name: 'deadlines' }, label: '时限设置', icon: <FieldTimeOutlined /> },
  { area: 'audit', route: { name: 'audit' }, label: '操作日志', icon: <AuditOutlined /> },
  { area: 'open311Keys', route: { name: 'open311-keys' }, label: '接口密钥', icon: <ApiOutlined /> },
  { area: 'wechat', route: { name: 'wechat' }, label: '微信配置', icon: <WechatOutlined /> },
];

/** The management pages a role may open, in menu order (the shared ADMIN_AREA_ROLES table decides). */
export function manageEntriesFor(role: StaffRole): ManageEntry[] {
  return ENTRIES.filter((e) => mayUseArea(role, e.area));
}

export function isManageRoute(route: { name: string }): route is ManageRoute {
  return ENTRIES.some((e) => e.route.name === route.name);
}

/** The page of a management route, or a refusal when the role may not use it (the service refuses too). */
export function ManagePage({ route, who }: { route: ManageRoute; who: StaffActor }) {
  const entry = ENTRIES.find((e) => e.route.name === route.name)!;
  if (!mayUseArea(who.role, entry.area)) return <Result status="403" title="没有权限访问此页面" />;
  switch (route.name) {
    case 'dashboard':
      return (
        <Suspense fallback={<Spin size="large" />}>
          <DashboardPage role={who.role} />
        </Suspense>
      );
    case 'directory':
      return <DirectoryPage kind={route.kind} />;
    case 'staff':
      return <StaffPage who={who} />;
    case 'audit':
      return <AuditPage />;
    case 'calendar':
      return <CalendarPage year={route.year} />;
    case 'deadlines':
      return <DeadlineSettingsPage />;
    case 'open311-keys':
      return <Open311KeysPage />;
    case 'wechat':
      return <WechatStatusPage />;
    case 'reply-templates':
      return <ReplyTemplatesPage />;
    case 'knowledge':
      return <KnowledgePage />;
  }
}
