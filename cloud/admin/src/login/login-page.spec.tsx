import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error';
import { api } from '../api/endpoints';
import { readSession } from '../api/session';
import { AdminProviders } from '../app/providers';
import { LoginPage } from './login-page';

function logIn(username: string, password: string) {
  render(
    <AdminProviders>
      <LoginPage />
    </AdminProviders>,
  );
  fireEvent.change(screen.getByLabelText('用户名'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: '登录' }));
}

describe(LoginPage.name, () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.restoreAllMocks());

  it('keeps the token in sessionStorage after a successful login', async () => {
    const user = {
      id: 1,
      username: 'dispatcher.xietu',
      displayName: '派单员',
      role: 'dispatcher' as const,
      streetId: 2,
      departmentId: null,
    };
    const login = vi.spyOn(api, 'login').mockResolvedValue({ token: 'tok', expiresIn: 28800, user });
    logIn(' Dispatcher.Xietu ', 'manyi-demo-2026');
    await waitFor(() => expect(readSession()).toEqual({ token: 'tok', user }));
    // The shared schema trims and lower-cases the username before it is sent.
    expect(login).toHaveBeenCalledWith({ username: 'dispatcher.xietu', password: 'manyi-demo-2026' });
  });

  it('says the account is locked, with the service message', async () => {
    vi.spyOn(api, 'login').mockRejectedValue(
      new ApiError({
        code: 'ACCOUNT_LOCKED',
        status: 423,
        message: '登录失败次数过多，请于 15 分钟后再试',
        details: { lockedUntil: '2026-11-24T02:15:00Z' },
      }),
    );
    logIn('dispatcher.xietu', 'wrong');
    expect(await screen.findByText('账号已暂时锁定')).toBeTruthy();
    expect(screen.getByText(/登录失败次数过多，请于 15 分钟后再试（解锁时间 (\d{4}-)?11-24 10:15）/)).toBeTruthy();
    expect(readSession()).toBeNull();
  });

  it('shows the message of a wrong password as the service words it', async () => {
    vi.spyOn(api, 'login').mockRejectedValue(new ApiError({ code: 'INVALID_CREDENTIALS', status: 401, message: '用户名或密码错误' }));
    logIn('dispatcher.xietu', 'wrong');
    expect(await screen.findByText('用户名或密码错误')).toBeTruthy();
  });
});
