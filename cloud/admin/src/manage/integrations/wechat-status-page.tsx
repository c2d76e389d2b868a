import { ReloadOutlined, WechatOutlined } from '@ant-design/icons';
import type { WechatSettingsCheck } from '@manyi/shared';
import { Alert, Button, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { manageApi } from '../../api/manage-endpoints';

type Loaded = { version: number; check: WechatSettingsCheck } | { version: number; error: string };

const unset = <Typography.Text type="secondary">未设置</Typography.Text>;

/**
 * 微信配置: what the service runs with — WeChat or preview mode, the AppID, the subscribe-message
 * templates, the message-push token, the public address — and whether WeChat accepts the AppID and
 * secret (the service asks it for an access token each time this page is opened or checked again).
 */
export function WechatStatusPage() {
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    manageApi
      .wechatStatus(controller.signal)
      .then((check) => setLoaded({ version, check }))
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setLoaded({ version, error: errorMessage(cause) });
      });
    return () => controller.abort();
  }, [version]);

  const checking = loaded === null || loaded.version !== version;
  return (
    <section aria-label="微信配置">
      <div className="page-heading">
        <Typography.Title level={4}>
          <WechatOutlined /> 微信配置检查
        </Typography.Title>
        <Button icon={<ReloadOutlined />} loading={checking} onClick={() => setVersion((v) => v + 1)}>
          重新检查
        </Button>
      </div>
      {loaded === null ? (
        <Skeleton active />
      ) : 'error' in loaded ? (
        <Alert type="error" showIcon title={loaded.error} />
      ) : (
        <WechatFacts check={loaded.check} />
      )}
    </section>
  );
}

function WechatFacts({ check }: { check: WechatSettingsCheck }) {
  const token =
    check.accessToken === 'ok' ? (
      <Tag color="green">正常（已取得访问令牌）</Tag>
    ) : check.accessToken === 'not configured' ? (
      <Tag>未配置</Tag>
    ) : (
      <>
        <Tag color="red">失败</Tag>
        <Typography.Text type="danger">{check.accessToken}</Typography.Text>
      </>
    );
  const template = (id: string | null) => (id ? <span className="mono">{id}</span> : unset);
  return (
    <>
      {check.mode === 'preview' && (
        <Alert
          className="inbox-error"
          type="info"
          showIcon
          title="当前为预览模式：未配置 AppID，居民使用预览登录，消息只在小程序内显示。"
        />
      )}
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'mode', label: '运行模式', children: check.mode === 'wechat' ? <Tag color="green">微信</Tag> : <Tag>预览</Tag> },
          { key: 'appId', label: 'AppID', children: check.appId ? <span className="mono">{check.appId}</span> : unset },
          { key: 'apiBase', label: '接口地址', children: check.apiBase ?? unset },
          { key: 'token', label: 'AppID 与密钥', children: token },
          { key: 'replyPublished', label: '答复通知模板', children: template(check.templates.replyPublished) },
          { key: 'progress', label: '办理进度模板', children: template(check.templates.progress) },
          { key: 'visit', label: '走访提醒模板', children: template(check.templates.visit) },
          { key: 'state', label: '小程序版本', children: check.miniprogramState ?? unset },
          { key: 'push', label: '消息推送 Token', children: check.messagePushToken === 'set' ? '已设置' : unset },
          {
            key: 'publicUrl',
            label: '公网地址',
            children: check.publicUrl ?? <Typography.Text type="secondary">未设置（图片安全检测跳过）</Typography.Text>,
          },
        ]}
      />
    </>
  );
}
