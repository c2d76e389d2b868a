import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@manyi/shared';
import { api } from '../api/endpoints';
import { readSession, saveSession } from '../api/session';
import { AdminProviders } from '../app/providers';
import { ChangePasswordForm } from './change-password-form';

const USER = { id: 7, username: 'editor.xietu', displayName: '编辑', role: 'editor' as const, streetId: 2, departmentId: null };

function fill(current: string, next: string, again = next) {
  render(
    <AdminProviders>
      <ChangePasswordForm username={USER.username} reason="temporary" />
    </AdminProviders>,
  );
  fireEvent.change(screen.getByLabelText('当前密码'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('新密码'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('再次输入新密码'), { target: { value: again } });
  fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
}

describe(ChangePasswordForm.name, () => {
  beforeEach(() => {
    sessionStorage.clear();
    saveSession('old-token', USER, 'temporary');
  });
  afterEach(() => vi.restoreAllMocks());

  it('says why the change is forced', () => {
    fill('', '');
    expect(screen.getByText('您正在使用管理员发放的临时密码，请先设置自己的密码。')).toBeTruthy();
  });

  it('checks the shared rules before sending: length, classes, the username, the repeat', async () => {
    const change = vi.spyOn(api, 'changePassword');
    fill('Tmp-Password-14', 'short');
    expect(await screen.findByText('新密码至少 12 位')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('新密码'), { target: { value: 'my-editor.xietu-Pass1' } });
    fireEvent.change(screen.getByLabelText('再次输入新密码'), { target: { value: 'my-editor.xietu-Pass1' } });
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('新密码不能包含用户名')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('新密码'), { target: { value: 'Quiet-River-2026' } });
    fireEvent.change(screen.getByLabelText('再次输入新密码'), { target: { value: 'Quiet-River-2027' } });
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('两次输入的新密码不一致')).toBeTruthy();
    expect(change).not.toHaveBeenCalled();
  });

  it('puts the service answer on the field it names', async () => {
    vi.spyOn(api, 'changePassword').mockRejectedValue(
      new ApiError({
        code: 'CURRENT_PASSWORD_WRONG',
        status: 400,
        message: '当前密码错误',
        details: [{ path: 'currentPassword', message: '当前密码错误' }],
      }),
    );
    fill('wrong-one', 'Quiet-River-2026');
    expect(await screen.findByText('当前密码错误')).toBeTruthy();
    expect(readSession()?.token).toBe('old-token');
  });

  it('replaces the session with the fresh one the service answers, ending the forced change', async () => {
    const change = vi
      .spyOn(api, 'changePassword')
      .mockResolvedValue({ token: 'new-token', expiresIn: 28800, user: USER, passwordChange: null });
    fill('Tmp-Password-14', 'Quiet-River-2026');
    await waitFor(() => expect(readSession()).toEqual({ token: 'new-token', user: USER, passwordChange: null }));
    expect(change).toHaveBeenCalledWith({ currentPassword: 'Tmp-Password-14', newPassword: 'Quiet-River-2026' });
  });
});
