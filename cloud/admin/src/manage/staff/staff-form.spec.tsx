import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manageApi } from '../../api/manage-endpoints';
import { AdminProviders } from '../../app/providers';
import { scopeFieldOf, staffFormBody } from './staff-form';
import { StaffForm } from './staff-page';

describe(staffFormBody.name, () => {
  it('asks a street of dispatchers and editors, a department of handlers, nothing of the district roles', () => {
    expect([
      scopeFieldOf('dispatcher'),
      scopeFieldOf('editor'),
      scopeFieldOf('handler'),
      scopeFieldOf('supervisor'),
      scopeFieldOf('admin'),
    ]).toEqual(['streetId', 'streetId', 'departmentId', null, null]);
  });

  it('refuses a dispatcher without a street, on the street field', () => {
    expect(staffFormBody('create', { username: 'dispatcher.a', displayName: '王', role: 'dispatcher' })).toEqual({
      ok: false,
      errors: [{ name: 'streetId', errors: ['该角色必须选择所属街道'] }],
    });
  });

  it('drops the street a role no longer uses when the role changes', () => {
    expect(staffFormBody('update', { displayName: '王', role: 'supervisor', streetId: 2, departmentId: null })).toEqual({
      ok: true,
      body: { displayName: '王', role: 'supervisor', streetId: null, departmentId: null },
    });
  });

  it('lower-cases the username as the service stores it', () => {
    const sut = staffFormBody('create', { username: 'Editor.XieTu', displayName: '赵', role: 'editor', streetId: 2 });
    expect(sut).toEqual({
      ok: true,
      body: { username: 'editor.xietu', displayName: '赵', role: 'editor', streetId: 2, departmentId: null },
    });
  });
});

describe(StaffForm.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the missing name and username under their fields and creates nothing', async () => {
    const create = vi.spyOn(manageApi, 'staffCreate');
    render(
      <AdminProviders>
        <StaffForm mode="create" onClose={() => undefined} onSaved={() => undefined} />
      </AdminProviders>,
    );
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('请填写姓名')).toBeTruthy();
    expect(screen.getByText('用户名为 3 至 40 位小写字母、数字、点、横线或下划线，以字母开头')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
  });

  it('hands the temporary password of a new account to the page once created', async () => {
    const result = {
      account: {
        id: 9,
        username: 'supervisor.new',
        displayName: '新督办',
        role: 'supervisor' as const,
        streetId: null,
        departmentId: null,
        disabled: false,
        lockedUntil: null,
        passwordChangedAt: '2026-11-29T08:00:00Z',
        createdAt: '2026-11-29T08:00:00Z',
      },
      temporaryPassword: 'Ab3defGh5jkLmn',
    };
    const create = vi.spyOn(manageApi, 'staffCreate').mockResolvedValue(result);
    const saved = vi.fn();
    render(
      <AdminProviders>
        <StaffForm mode="create" account={{ ...result.account, username: '', displayName: '' }} onClose={() => undefined} onSaved={saved} />
      </AdminProviders>,
    );
    fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'supervisor.new' } });
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '新督办' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(create).toHaveBeenCalledWith({
        username: 'supervisor.new',
        displayName: '新督办',
        role: 'supervisor',
        streetId: null,
        departmentId: null,
      }),
    );
    expect(saved).toHaveBeenCalledWith(result);
  });
});
