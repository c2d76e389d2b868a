import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@manyi/shared';
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
    const login = vi.spyOn(api, 'login').mockResolvedValue({ token: 'tok', expiresIn: 28800, user, passwordChange: null });
    logIn(' Dispatcher.Xietu ', 'manyi-demo-2026');
    await waitFor(() => expect(readSession()).toEqual({ token: 'tok', user, passwordChange: null }));
    // The shared schema trims and lower-cases the username before it is sent.
    expect(login).toHaveBeenCalledWith({ username: 'dispatcher.xietu', password: 'manyi-demo-2026' });
  });

  it('says to wait when the service throttles the login, with its message', async () => {
    vi.spyOn(api, 'login').mockRejectedValue(
      new ApiError({ code: 'LOGIN_THROTTLED', status: 429, message: '登录失败次数过多，请稍后再试（15 秒后）' }),
    );
    logIn('dispatcher.xietu', 'wrong');
    expect(await screen.findByText('登录失败次数过多')).toBeTruthy();
    expect(screen.getByText('登录失败次数过多，请稍后再试（15 秒后）')).toBeTruthy();
    expect(readSession()).toBeNull();
  });

  it('asks for the authenticator code when the account has TOTP, and sends it with the password', async () => {
    const user = { id: 3, username: 'admin', displayName: '管理员', role: 'admin' as const, streetId: null, departmentId: null };
    const login = vi
      .spyOn(api, 'login')
      .mockRejectedValueOnce(new ApiError({ code: 'TOTP_REQUIRED', status: 401, message: '请输入身份验证器中的 6 位动态验证码' }))
      .mockResolvedValueOnce({ token: 'tok-2', expiresIn: 28800, user, passwordChange: null });
    logIn('admin', 'Right-Password-2026');
    const code = await screen.findByLabelText('动态验证码');
    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await waitFor(() => expect(readSession()?.token).toBe('tok-2'));
    expect(login).toHaveBeenLastCalledWith({ username: 'admin', password: 'Right-Password-2026', totp: '123456' });
  });

  it('keeps the reason when the login is with a temporary password, for the forced change screen', async () => {
    const user = { id: 4, username: 'new.staff', displayName: '新同事', role: 'editor' as const, streetId: 2, departmentId: null };
    vi.spyOn(api, 'login').mockResolvedValue({ token: 'tok-3', expiresIn: 28800, user, passwordChange: 'temporary' });
    logIn('new.staff', 'Tmp-Password-14');
    await waitFor(() => expect(readSession()?.passwordChange).toBe('temporary'));
  });

  it('shows the message of a wrong password as the service words it', async () => {
    vi.spyOn(api, 'login').mockRejectedValue(new ApiError({ code: 'INVALID_CREDENTIALS', status: 401, message: '用户名或密码错误' }));
    logIn('dispatcher.xietu', 'wrong');
    expect(await screen.findByText('用户名或密码错误')).toBeTruthy();
  });
});
