import type { AdminStreetView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manageApi } from '../../api/manage-endpoints';
import { AdminProviders } from '../../app/providers';
import { directoryFormBody } from './directory-form';
import { DirectoryForm } from './directory-page';

describe(directoryFormBody.name, () => {
  it('names the field a shared schema refuses, in its own words', () => {
    expect(directoryFormBody('streets', 'create', { code: 'XieTu', name: '斜土', kind: 'street' })).toEqual({
      ok: false,
      errors: [{ name: 'code', errors: ['街道代码无效'] }],
    });
    expect(directoryFormBody('departments', 'create', { code: 'xietu-new', name: '新科室', kind: 'street_office' })).toEqual({
      ok: false,
      errors: [{ name: 'streetId', errors: ['街道科室必须选择所属街道'] }],
    });
    expect(directoryFormBody('categories', 'create', { code: 'shirong-new', name: '新类别', parentId: 3 })).toEqual({
      ok: false,
      errors: [{ name: 'requestType', errors: ['下级类别必须选择诉求性质'] }],
    });
  });

  it('sends an emptied select as null, never leaves the code in an edit, nor the row’s own id and state', () => {
    expect(
      directoryFormBody('departments', 'update', {
        id: 4,
        code: 'fanggj',
        name: '区房管局',
        kind: 'district_unit',
        streetId: undefined,
        disabled: false,
      }),
    ).toEqual({
      ok: true,
      body: { name: '区房管局', kind: 'district_unit', streetId: null },
    });
  });

  it('keeps the group robot as it is when its field is left empty, replaces it with a new address, removes it on request', () => {
    const row = { id: 4, code: 'xietu-guanli', name: '社区管理办', kind: 'street_office', streetId: 2, disabled: false };
    const masked = { ...row, alertWebhook: 'https://qyapi.weixin.qq.com/…****a1b2' };
    expect(directoryFormBody('departments', 'update', { ...masked, alertWebhookUrl: '' })).toEqual({
      ok: true,
      body: { name: '社区管理办', kind: 'street_office', streetId: 2 },
    });
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=0000-a1b2';
    expect(directoryFormBody('departments', 'update', { ...masked, alertWebhookUrl: url })).toMatchObject({
      ok: true,
      body: { alertWebhookUrl: url },
    });
    expect(
      directoryFormBody('streets', 'update', {
        id: 2,
        code: 'xietu',
        name: '斜土',
        kind: 'street',
        sortOrder: 1,
        removeAlertWebhook: true,
      }),
    ).toEqual({
      ok: true,
      body: { name: '斜土', kind: 'street', sortOrder: 1, alertWebhookUrl: null },
    });
    expect(directoryFormBody('departments', 'update', { ...row, alertWebhookUrl: 'qyapi.weixin.qq.com' })).toEqual({
      ok: false,
      errors: [{ name: 'alertWebhookUrl', errors: ['群机器人地址应以 https:// 开头'] }],
    });
  });

  it('gives a routing rule no co-handlers when none are picked, and refuses its lead as one', () => {
    expect(directoryFormBody('routing-rules', 'create', { categoryId: 5, leadDepartmentId: 7 })).toEqual({
      ok: true,
      body: { categoryId: 5, streetId: null, compoundId: null, leadDepartmentId: 7, coHandlerIds: [] },
    });
    const refused = directoryFormBody('routing-rules', 'create', { categoryId: 5, leadDepartmentId: 7, coHandlerIds: [7] });
    expect(refused).toEqual({ ok: false, errors: [{ name: 'coHandlerIds', errors: ['协办部门不能重复，也不能与主办部门相同'] }] });
  });
});

const streets: AdminStreetView[] = [
  { id: 2, code: 'xietu', name: '斜土路街道', kind: 'street', sortOrder: 1, disabled: false, alertWebhook: null },
];
const lists = { streets, compounds: [], departments: [], categories: [], 'routing-rules': [] };

describe(DirectoryForm.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows what is wrong under the field and sends nothing', async () => {
    const create = vi.spyOn(manageApi, 'directoryCreate');
    render(
      <AdminProviders>
        <DirectoryForm kind="compounds" mode="create" lists={lists} onClose={() => undefined} onSaved={() => undefined} />
      </AdminProviders>,
    );
    fireEvent.change(screen.getByLabelText('代码'), { target: { value: 'Xietu Xin' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('居民区代码无效')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
  });

  it('sends a valid form and shows the service’s refusal on its field', async () => {
    const { ApiError } = await import('@manyi/shared');
    const create = vi.spyOn(manageApi, 'directoryCreate').mockRejectedValue(
      new ApiError({
        code: 'DIRECTORY_CODE_TAKEN',
        status: 409,
        message: '代码「xinqiao」已被使用，请换一个',
        details: [{ path: 'code', message: '代码已被使用' }],
      }),
    );
    const saved = vi.fn();
    render(
      <AdminProviders>
        <DirectoryForm kind="streets" mode="create" lists={lists} onClose={() => undefined} onSaved={saved} />
      </AdminProviders>,
    );
    fireEvent.change(screen.getByLabelText('代码'), { target: { value: 'xinqiao' } });
    fireEvent.change(screen.getByLabelText('名称'), { target: { value: '新桥街道' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(create).toHaveBeenCalledWith('streets', { code: 'xinqiao', name: '新桥街道', kind: 'street', sortOrder: 0 }),
    );
    expect(await screen.findByText('代码已被使用')).toBeTruthy();
    expect(screen.getByText('代码「xinqiao」已被使用，请换一个')).toBeTruthy();
    expect(saved).not.toHaveBeenCalled();
  });
});
