import type { WechatSettingsCheck } from '@manyi/shared';
import { ApiError } from '@manyi/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manageApi } from '../../api/manage-endpoints';
import { AdminProviders } from '../../app/providers';
import { parseRoute } from '../../app/router';
import { WechatStatusPage } from './wechat-status-page';

const CONFIGURED: WechatSettingsCheck = {
  mode: 'wechat',
  appId: 'wx0123456789abcdef',
  apiBase: 'https://api.weixin.qq.com',
  accessToken: 'ok',
  templates: { replyPublished: 'TPL-REPLY', progress: null, visit: 'TPL-VISIT' },
  miniprogramState: 'formal',
  messagePushToken: 'set',
  publicUrl: null,
};
const PREVIEW: WechatSettingsCheck = {
  mode: 'preview',
  appId: null,
  apiBase: null,
  accessToken: 'not configured',
  templates: { replyPublished: null, progress: null, visit: null },
  miniprogramState: null,
  messagePushToken: 'not set',
  publicUrl: null,
};

function renderPage() {
  render(
    <AdminProviders>
      <WechatStatusPage />
    </AdminProviders>,
  );
}

const fact = (label: string) => screen.getByText(label).closest('tr')!.textContent;

describe(WechatStatusPage.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('has its address under /admin/settings/', () => {
    expect(parseRoute('/admin/settings/wechat')).toEqual({ name: 'wechat' });
  });

  it('shows what the service runs with and that WeChat accepted the AppID and secret', async () => {
    vi.spyOn(manageApi, 'wechatStatus').mockResolvedValue(CONFIGURED);
    renderPage();
    await screen.findByText('wx0123456789abcdef');
    expect(fact('运行模式')).toContain('微信');
    expect(fact('AppID 与密钥')).toContain('正常（已取得访问令牌）');
    expect(fact('答复通知模板')).toContain('TPL-REPLY');
    expect(fact('办理进度模板')).toContain('未设置');
    expect(fact('消息推送 Token')).toContain('已设置');
    expect(fact('公网地址')).toContain('未设置（图片安全检测跳过）');
  });

  it('shows WeChat’s refusal, and checks again on request', async () => {
    const status = vi
      .spyOn(manageApi, 'wechatStatus')
      .mockResolvedValueOnce({ ...CONFIGURED, accessToken: 'WeChat answered 40125 invalid appsecret' })
      .mockResolvedValueOnce(CONFIGURED);
    renderPage();
    expect(await screen.findByText('WeChat answered 40125 invalid appsecret')).toBeTruthy();
    expect(fact('AppID 与密钥')).toContain('失败');
    fireEvent.click(screen.getByText('重新检查'));
    expect(await screen.findByText('正常（已取得访问令牌）')).toBeTruthy();
    expect(status).toHaveBeenCalledTimes(2);
  });

  it('says when the service runs in preview mode, and when the check itself fails', async () => {
    vi.spyOn(manageApi, 'wechatStatus')
      .mockResolvedValueOnce(PREVIEW)
      .mockRejectedValueOnce(new ApiError({ status: 403, code: 'FORBIDDEN', message: '没有权限进行此操作' }));
    renderPage();
    expect(await screen.findByText('当前为预览模式：未配置 AppID，居民使用预览登录，消息只在小程序内显示。')).toBeTruthy();
    expect(fact('AppID 与密钥')).toContain('未配置');
    fireEvent.click(screen.getByText('重新检查'));
    expect(await screen.findByText('没有权限进行此操作')).toBeTruthy();
  });
});
