import {
  AlertOutlined,
  AuditOutlined,
  ClockCircleOutlined,
  CustomerServiceOutlined,
  EditOutlined,
  InboxOutlined,
  LogoutOutlined,
  SendOutlined,
  SyncOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { mayUseArea, ROLE_LABELS, type StaffActor } from '@manyi/shared';
import { Button, Layout, Menu, Result, Space, Tag, Typography, type MenuProps } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { clearSession, type StaffUser } from '../api/session';
import { AlertBell } from '../alerts/alert-bell';
import { CallbackQueuePage } from '../callbacks/callback-queue-page';
import { InboxPage } from '../inbox/inbox-page';
import { IntakePage } from '../intake/intake-page';
import { AccountMenu } from '../login/account-menu';
import { findInboxView, inboxViewsFor, type InboxViewKey } from '../inbox/inbox-views';
import { WorkbenchPage } from '../workbench/workbench-page';
import { ContentPage, contentEntriesFor, contentEntryOf, isContentRoute } from '../content/content-pages';
import { CalendarBanner } from '../manage/calendar/calendar-banner';
import { isManageRoute, ManagePage, manageEntriesFor } from '../manage/manage-pages';
import { nameOf, useDirectory } from './directory';
import { navigate, type Route } from './router';

const LAST_VIEW_KEY = 'manyi.admin.lastView';
const CALLBACKS_KEY = 'work:callbacks';

const VIEW_ICONS: Record<InboxViewKey, ReactNode> = {
  submitted: <InboxOutlined />,
  'to-dispatch': <SendOutlined />,
  'to-review': <AuditOutlined />,
  overdue: <ClockCircleOutlined />,
  escalated: <AlertOutlined />,
  'to-sign': <EditOutlined />,
  'co-handling': <TeamOutlined />,
  'in-progress': <SyncOutlined />,
  all: <UnorderedListOutlined />,
};

/** The signed-in frame: the header with who is working, the role's menu, and the page of the route. */
export function AdminShell({ who, user, route }: { who: StaffActor; user: StaffUser; route: Route }) {
  const directory = useDirectory();
  const views = inboxViewsFor(who.role);
  const firstView = views[0];
  const content = contentEntriesFor(who.role);
  const manage = manageEntriesFor(who.role);
  const mayCallBack = mayUseArea(who.role, 'callbacks');

  // "/admin/" lands on the role's first view.
  useEffect(() => {
    if (route.name === 'home' && firstView) navigate({ name: 'inbox', view: firstView.key }, { replace: true });
    else if (route.name === 'home' && who.role === 'editor' && content[0]) navigate(content[0].route, { replace: true });
    else if (route.name === 'home' && manage[0]) navigate(manage[0].route, { replace: true });
  }, [route.name, firstView, content, manage, who.role]);

  useEffect(() => {
    if (route.name === 'inbox') sessionStorage.setItem(LAST_VIEW_KEY, route.view);
  }, [route]);

  const menuItems: MenuProps['items'] =
    views.length > 0
      ? [
          {
            key: 'inbox',
            type: 'group',
            label: '诉求办理',
            children: [
              ...views.map((v) => ({ key: `inbox:${v.key}`, icon: VIEW_ICONS[v.key], label: v.label })),
              // 回访队列: the street's callbacks (the roles ADMIN_AREA_ROLES.callbacks names).
              ...(mayCallBack ? [{ key: CALLBACKS_KEY, icon: <CustomerServiceOutlined />, label: '回访队列' }] : []),
            ],
          },
        ]
      : [];
  if (manage.length > 0)
    menuItems.push({
      key: 'manage',
      type: 'group',
      label: '管理',
      children: manage.map((e) => ({ key: `manage:${e.route.name}`, icon: e.icon, label: e.label })),
    });
  if (content.length > 0)
    menuItems.push({
      key: 'content',
      type: 'group',
      label: '内容管理',
      children: content.map((e) => ({ key: `content:${e.route.name}`, icon: e.icon, label: e.label })),
    });
  const selected = isContentRoute(route)
    ? [`content:${contentEntryOf(route).route.name}`]
    : route.name === 'callbacks'
      ? [CALLBACKS_KEY]
      : route.name === 'inbox'
        ? [`inbox:${route.view}`]
        : isManageRoute(route)
          ? [`manage:${route.name}`]
          : [];
  const scope =
    who.departmentId !== null
      ? nameOf(directory.departmentById, who.departmentId)
      : who.streetId !== null
        ? nameOf(directory.streetById, who.streetId)
        : '全区';

  const backToInbox = () => navigate({ name: 'inbox', view: sessionStorage.getItem(LAST_VIEW_KEY) ?? firstView?.key ?? 'all' });

  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Typography.Text className="shell-brand" strong>
          满意 · 徐汇区诉求工作台
        </Typography.Text>
        <Space size="middle">
          <span data-testid="current-user">
            {user.displayName || who.username}
            <Tag className="shell-role" color="red">
              {ROLE_LABELS[who.role]}
            </Tag>
            <Typography.Text type="secondary">{scope}</Typography.Text>
          </span>
          <AlertBell role={who.role} />
          <AccountMenu username={who.username} role={who.role} />
          <Button icon={<LogoutOutlined />} onClick={clearSession}>
            退出登录
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {menuItems.length > 0 && (
          <Layout.Sider width={200} theme="light" className="shell-sider">
            <Menu
              mode="inline"
              items={menuItems}
              selectedKeys={selected}
              onClick={({ key }) => {
                if (key === CALLBACKS_KEY) return navigate({ name: 'callbacks' });
                const page = content.find((e) => `content:${e.route.name}` === key);
                if (page) return navigate(page.route);
                const entry = manage.find((e) => `manage:${e.route.name}` === key);
                if (entry) navigate(entry.route);
                else navigate({ name: 'inbox', view: String(key).replace(/^inbox:/, '') });
              }}
            />
          </Layout.Sider>
        )}
        <Layout.Content className="shell-content">
          <CalendarBanner who={who} />
          {page()}
        </Layout.Content>
      </Layout>
    </Layout>
  );

  function page() {
    if (isContentRoute(route)) return <ContentPage route={route} who={who} />;
    // 新建代录: triage from the inbox, visit organisers (editors too, who have no inbox) from a visit's page.
    if (route.name === 'intake') return <IntakePage who={who} />;
    if (isManageRoute(route)) return <ManagePage route={route} who={who} />;
    if (route.name === 'callbacks')
      return mayCallBack ? <CallbackQueuePage role={who.role} /> : <Result status="403" title="没有权限访问此页面" />;
    if (views.length === 0)
      return <Result status="info" title={`${ROLE_LABELS[who.role]}的功能即将上线`} subTitle="资讯、走访与目录管理将在后续版本中提供。" />;
    switch (route.name) {
      case 'inbox': {
        const view = findInboxView(who.role, route.view);
        if (!view) return <Result status="404" title="没有这个列表" extra={<Button onClick={backToInbox}>返回</Button>} />;
        return <InboxPage key={view.key} view={view} who={who} />;
      }
      case 'concern':
        return <WorkbenchPage key={route.id} id={route.id} onBack={backToInbox} />;
      case 'home':
        return null;
      default:
        return <Result status="404" title="页面不存在" extra={<Button onClick={backToInbox}>返回列表</Button>} />;
    }
  }
}
