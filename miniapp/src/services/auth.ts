import Taro from '@tarojs/taro';
import { ApiError, type ResidentSession } from '@manyi/shared';

import { request } from './request';
import { clearToken, setToken } from './token-store';

// Resident login. weapp: wx.login's one-time code goes to the service, which asks WeChat who this
// is (503 WECHAT_NOT_CONFIGURED until the AppID is set up; its message says so). h5: the service's
// preview login with a nickname, only while it runs without a WeChat AppID (404 otherwise).

/** Which login this build offers. */
export type LoginMethod = 'wechat' | 'preview';

export function loginMethod(): LoginMethod {
  return process.env.TARO_ENV === 'weapp' ? 'wechat' : 'preview';
}

export async function previewLogin(nickname: string): Promise<ResidentSession> {
  const session = await request<ResidentSession>('/api/v1/auth/preview/login', { method: 'POST', body: { nickname } });
  setToken(session.token);
  return session;
}

/** 演示居民: the demo district's resident, offered by a service in demo and preview mode (client-config's demoResident). */
export async function demoResidentLogin(): Promise<ResidentSession> {
  const session = await request<ResidentSession>('/api/v1/auth/preview/demo-resident', { method: 'POST' });
  setToken(session.token);
  return session;
}

export async function wechatLogin(): Promise<ResidentSession> {
  let code: string;
  try {
    ({ code } = await Taro.login());
  } catch {
    throw new ApiError({ code: 'WECHAT_LOGIN_FAILED', status: 0, message: '微信登录失败，请稍后重试' });
  }
  const session = await request<ResidentSession>('/api/v1/auth/wechat/login', { method: 'POST', body: { code } });
  setToken(session.token);
  return session;
}

export function logout(): void {
  clearToken('logout');
}
