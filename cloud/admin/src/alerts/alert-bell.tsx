import { BellOutlined } from '@ant-design/icons';
import { STAFF_ALERT_ROLES, STAFF_ALERT_RULES, type StaffAlertView, type StaffRole } from '@manyi/shared';
import { App, Badge, Button, Empty, List, Popover, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { workApi } from '../api/work-endpoints';
import { navigate } from '../app/router';
import { LoadMore } from '../common/load-more';
import { useCursorList } from '../common/use-cursor-list';
import { formatTime } from '../inbox/due';
import './alert-bell.css';

/** How often the bell asks for the unread count while the tab is visible. */
export const ALERT_POLL_MS = 30_000;

const RED_KINDS = new Set<StaffAlertView['kind']>(['deadline_passed', 'chased', 'sent_back', 'co_handling_declined']);

/** Whether a role receives alerts (STAFF_ALERT_ROLES): editors and admins get none, and no bell. */
export function hasAlerts(role: StaffRole): boolean {
  return (STAFF_ALERT_ROLES as readonly StaffRole[]).includes(role);
}

/**
 * 工作提醒: the bell in the header with the unread count, asked for every 30 s while the tab is visible
 * and at once when it becomes visible again; a click opens the list, newest first. Opening an alert
 * marks it read and goes to its concern's workbench; 全部已读 marks them all.
 */
export function AlertBell({ role, pollMs = ALERT_POLL_MS }: { role: StaffRole; pollMs?: number }) {
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  const refresh = useCallback((signal?: AbortSignal) => {
    workApi
      .alerts({ limit: 1 }, null, signal)
      .then((page) => setUnread(page.unread))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!hasAlerts(role)) return;
    let controller: AbortController | null = null;
    const poll = () => {
      if (document.visibilityState !== 'visible') return;
      controller?.abort();
      controller = new AbortController();
      refresh(controller.signal);
    };
    poll();
    const timer = window.setInterval(poll, pollMs);
    document.addEventListener('visibilitychange', poll);
    return () => {
      controller?.abort();
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [role, pollMs, refresh]);

  if (!hasAlerts(role)) return null;
  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) refresh();
      }}
      trigger="click"
      placement="bottomRight"
      title="工作提醒"
      content={open ? <AlertList onUnread={setUnread} onClose={() => setOpen(false)} /> : null}
      destroyOnHidden
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <Button icon={<BellOutlined />} aria-label={unread > 0 ? `工作提醒（${unread} 条未读）` : '工作提醒'} data-testid="alert-bell" />
      </Badge>
    </Popover>
  );
}

const ALERTS_QUERY = { limit: 20 };

function AlertList({ onUnread, onClose }: { onUnread: (n: number) => void; onClose: () => void }) {
  const { message } = App.useApp();
  const [query] = useState(ALERTS_QUERY);
  const list = useCursorList(query, workApi.alerts);
  const reload = list.reload;
  const items = list.items;

  const markRead = async (body: { ids: number[] } | { all: true }) => {
    try {
      onUnread((await workApi.markAlertsRead(body)).unread);
      reload();
    } catch (cause) {
      void message.error(errorMessage(cause));
    }
  };
  const openAlert = (alert: StaffAlertView) => {
    if (!alert.readAt) void markRead({ ids: [alert.id] });
    onClose();
    if (alert.concernId !== null) navigate({ name: 'concern', id: alert.concernId });
  };

  return (
    <div className="alert-list" aria-label="工作提醒列表">
      <Space className="alert-list-tools">
        <Button size="small" onClick={() => void markRead({ all: true })} disabled={!items.some((a) => !a.readAt)}>
          全部已读
        </Button>
      </Space>
      {list.error && <Typography.Text type="danger">{list.error}</Typography.Text>}
      <List<StaffAlertView>
        size="small"
        loading={list.loading}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无提醒" /> }}
        renderItem={(alert) => (
          <List.Item
            className={alert.readAt ? 'alert-item' : 'alert-item alert-unread'}
            data-kind={alert.kind}
            onClick={() => openAlert(alert)}
            role="button"
            tabIndex={0}
            onKeyDown={(e) => {
              if (e.key === 'Enter') openAlert(alert);
            }}
          >
            <List.Item.Meta
              title={
                <Space size={4}>
                  <Tag color={RED_KINDS.has(alert.kind) ? 'red' : 'blue'}>{STAFF_ALERT_RULES[alert.kind].label}</Tag>
                  <span className="alert-title">{alert.title.replace(/^【[^】]*】/, '')}</span>
                </Space>
              }
              description={
                <>
                  <div>{alert.body}</div>
                  <Typography.Text type="secondary">{formatTime(alert.createdAt)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      <LoadMore list={list} />
    </div>
  );
}
