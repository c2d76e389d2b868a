import { Text } from '@tarojs/components';
import { act, fireEvent, render, screen } from '@testing-library/react';

import { answerWith, sentRequest } from '../../test/taro-request';
import { clearToken, getToken } from '../services/token-store';
import { getClientConfig, resetClientConfig } from '../services/wechat.api';
import { LoginGate } from './login-gate';

const session = { token: 'demo-token', expiresIn: 3600, resident: { id: 7, nickname: '演示居民' } };

describe(LoginGate.name, () => {
  beforeEach(() => {
    resetClientConfig();
    clearToken('logout');
  });

  it('offers 演示居民 when the service runs the demo district, and signs in as them', async () => {
    answerWith(200, { login: 'preview', subscribeTemplates: { submit: [], rating: [] }, demoResident: true });
    answerWith(200, session);

    render(
      <LoginGate purpose="查看我的诉求">
        <Text>我的诉求</Text>
      </LoginGate>,
    );
    fireEvent.click(await screen.findByRole('button', { name: '演示居民' }));

    expect(await screen.findByText('我的诉求')).toBeTruthy();
    expect(sentRequest(1)).toMatchObject({ url: '/api/v1/auth/preview/demo-resident', method: 'POST' });
    expect(getToken()).toBe('demo-token');
  });

  it('offers only the nickname login when the service has no demo district', async () => {
    answerWith(200, { login: 'preview', subscribeTemplates: { submit: [], rating: [] }, demoResident: false });

    render(
      <LoginGate purpose="查看我的诉求">
        <Text>我的诉求</Text>
      </LoginGate>,
    );

    expect(await screen.findByRole('button', { name: '预览登录' })).toBeTruthy();
    // Once the service's answer is in (the same promise the panel waits on), it still offers no 演示居民.
    await act(async () => {
      await getClientConfig();
    });
    expect(sentRequest(0).url).toBe('/api/v1/client-config');
    expect(screen.queryByRole('button', { name: '演示居民' })).toBeNull();
  });
});
