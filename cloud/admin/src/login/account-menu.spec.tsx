import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@manyi/shared';
import { api } from '../api/endpoints';
import { AdminProviders } from '../app/providers';
import { AccountMenu } from './account-menu';

function show(role: 'admin' | 'dispatcher') {
  render(
    <AdminProviders>
      <AccountMenu username="admin" role={role} />
    </AdminProviders>,
  );
}

describe(AccountMenu.name, () => {
  afterEach(() => vi.restoreAllMocks());

  it('offers the second factor only to admin and supervisor', () => {
    show('dispatcher');
    expect(screen.getByRole('button', { name: /修改密码/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /动态验证码/ })).toBeNull();
  });

  it('sets TOTP up: shows the secret and otpauth URI, enables with a code, shows a wrong code on the field', async () => {
    vi.spyOn(api, 'totpStatus').mockResolvedValue({ enabled: false, available: true });
    vi.spyOn(api, 'totpSetup').mockResolvedValue({
      secret: 'JBSWY3DPEHPK3PXP',
      otpauthUri: 'otpauth://totp/%E6%BB%A1%E6%84%8F:admin?secret=JBSWY3DPEHPK3PXP',
    });
    const enable = vi
      .spyOn(api, 'totpEnable')
      .mockRejectedValueOnce(
        new ApiError({
          code: 'TOTP_INVALID',
          status: 400,
          message: '动态验证码错误',
          details: [{ path: 'code', message: '动态验证码错误' }],
        }),
      )
      .mockResolvedValueOnce({ enabled: true, available: true });
    show('admin');
    fireEvent.click(screen.getByRole('button', { name: /动态验证码/ }));
    fireEvent.click(await screen.findByRole('button', { name: '生成密钥' }));
    expect((await screen.findByTestId('totp-secret')).textContent).toContain('JBSWY3DPEHPK3PXP');
    expect(screen.getByTestId('totp-uri').textContent).toContain('otpauth://totp/');
    fireEvent.change(screen.getByLabelText('动态验证码'), { target: { value: '12345' } });
    fireEvent.click(screen.getByRole('button', { name: '开启' }));
    expect(await screen.findByText('动态验证码应为 6 位数字')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('动态验证码'), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: '开启' }));
    expect(await screen.findByText('动态验证码错误')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('动态验证码'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: '开启' }));
    expect(await screen.findByText(/已开启/)).toBeTruthy();
    await waitFor(() => expect(enable).toHaveBeenLastCalledWith({ code: '123456' }));
  });
});
