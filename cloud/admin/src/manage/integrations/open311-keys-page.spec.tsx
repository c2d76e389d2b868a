import type { Open311KeyView } from '@manyi/shared';
import { ApiError } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manageApi } from '../../api/manage-endpoints';
import { AdminProviders } from '../../app/providers';
import { parseRoute, routePath } from '../../app/router';
import { Open311KeysPage } from './open311-keys-page';

const KEY = 'a1b2c3d4'.repeat(8);
const LIVE: Open311KeyView = {
  id: 2,
  partner: '徐汇区 12345 热线',
  keyPrefix: 'f00dbabe',
  createdAt: '2026-11-02T02:00:00.000Z',
  revokedAt: null,
};
const REVOKED: Open311KeyView = {
  id: 1,
  partner: '旧网格平台',
  keyPrefix: '0badc0de',
  createdAt: '2026-10-01T02:00:00.000Z',
  revokedAt: '2026-10-20T02:00:00.000Z',
};

function renderPage() {
  render(
    <AdminProviders>
      <Open311KeysPage />
    </AdminProviders>,
  );
}

describe(Open311KeysPage.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('has its address under /admin/settings/', () => {
    expect(parseRoute('/admin/settings/open311-keys')).toEqual({ name: 'open311-keys' });
    expect(routePath({ name: 'open311-keys' })).toBe('/admin/settings/open311-keys');
  });

  it('lists the partners’ keys by their first characters, live or revoked, and never the key', async () => {
    vi.spyOn(manageApi, 'open311Keys').mockResolvedValue({ items: [LIVE, REVOKED] });
    renderPage();
    const live = (await screen.findByText('徐汇区 12345 热线')).closest('tr')!;
    expect(within(live).getByText('f00dbabe…')).toBeTruthy();
    expect(within(live).getByText('有效')).toBeTruthy();
    const revoked = screen.getByText('旧网格平台').closest('tr')!;
    expect(within(revoked).getByText(/^已吊销/)).toBeTruthy();
    // A revoked key has nothing left to revoke.
    expect(within(revoked).queryByText('吊销')).toBeNull();
  });

  it('issues a key and shows it once, checking the partner’s name with the shared schema first', async () => {
    const list = vi.spyOn(manageApi, 'open311Keys').mockResolvedValue({ items: [] });
    const create = vi.spyOn(manageApi, 'open311KeyCreate').mockResolvedValue({ id: 3, key: KEY });
    renderPage();
    fireEvent.click(await screen.findByText('发放密钥'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByText('发放'));
    expect(await within(dialog).findByText('合作方名称至少 2 个字')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('合作方名称'), { target: { value: '徐汇区 12345 热线' } });
    fireEvent.click(within(dialog).getByText('发放'));
    await waitFor(() => expect(create).toHaveBeenCalledWith({ partner: '徐汇区 12345 热线' }));
    expect((await screen.findByTestId('issued-key')).textContent).toContain(KEY);
    expect(screen.getByText('密钥只显示这一次，关闭后无法再查看。请通过安全渠道交给合作方。')).toBeTruthy();
    // The list is asked for again, with the new key in it.
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
  });

  it('revokes a key after a confirmation, and says so when the service refuses', async () => {
    vi.spyOn(manageApi, 'open311Keys').mockResolvedValue({ items: [LIVE] });
    const revoke = vi
      .spyOn(manageApi, 'open311KeyRevoke')
      .mockRejectedValueOnce(new ApiError({ status: 404, code: 'NOT_FOUND', message: '接口密钥不存在' }))
      .mockResolvedValueOnce({ ...LIVE, revokedAt: '2026-11-03T02:00:00.000Z' });
    renderPage();
    const row = (await screen.findByText('徐汇区 12345 热线')).closest('tr')!;
    // The row's button opens the confirmation; its own 吊销 is the last one on the page.
    const confirm = async () => {
      fireEvent.click(within(row).getByText('吊销'));
      await screen.findByText(/立即不能再通过接口提交诉求/);
      fireEvent.click((await screen.findAllByRole('button', { name: '吊销' })).at(-1)!);
    };
    await confirm();
    expect(await screen.findByText('接口密钥不存在')).toBeTruthy();
    await confirm();
    expect(await screen.findByText('已吊销「徐汇区 12345 热线」的密钥')).toBeTruthy();
    expect(revoke).toHaveBeenCalledWith(2);
  });
});
