import type { CategoryView, ConcernSummaryView, StaffIntakeInput, StaffActor } from '@manyi/shared';
import { ApiError } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/endpoints';
import { buildDirectory, DirectoryContext } from '../app/directory';
import { AdminProviders } from '../app/providers';
import { intakeFormBody } from './intake-form';
import { IntakePage } from './intake-page';

const DISPATCHER: StaffActor = {
  kind: 'staff',
  staffId: 3,
  username: 'dispatcher.xietu',
  role: 'dispatcher',
  streetId: 2,
  departmentId: null,
};
const EDITOR: StaffActor = { ...DISPATCHER, staffId: 4, username: 'editor.xietu', role: 'editor' };
const SHESHI: CategoryView = { id: 9, code: 'wuye-sheshi', name: '公共设施维修', parentId: 8, requestType: 'help', children: [] };
const directory = buildDirectory(
  [{ id: 2, code: 'xietu', name: '斜土路街道', kind: 'street' }],
  [],
  [{ id: 8, code: 'wuye', name: '物业管理', parentId: null, requestType: null, children: [SHESHI] }],
);

const PHONE_INTAKE = {
  channel: 'phone',
  contactName: '张阿姨',
  phone: '138 1234 5678',
  compoundId: 5,
  categoryId: 9,
  title: '楼道灯坏了',
  description: '三号楼二单元楼道灯坏了一周。',
} as const;

describe(intakeFormBody.name, () => {
  it('sends the phone intake in the shared schema’s form: the number as 11 digits, nothing accepted unless asked', () => {
    expect(intakeFormBody({ ...PHONE_INTAKE, streetCode: 'xietu' })).toEqual({
      ok: true,
      body: {
        channel: 'phone',
        contactName: '张阿姨',
        phone: '13812345678',
        compoundId: 5,
        categoryId: 9,
        title: '楼道灯坏了',
        description: '三号楼二单元楼道灯坏了一周。',
        photoIds: [],
        confidential: false,
        acceptNow: false,
      },
    });
  });

  it('leaves out what the channel does not use, so switching channels sends no stale field', () => {
    const sut = intakeFormBody({ ...PHONE_INTAKE, visitId: 3, orderNumber: 'SH202611230012' });
    expect(sut.ok && sut.body).not.toHaveProperty('visitId');
    expect(sut.ok && sut.body).not.toHaveProperty('orderNumber');
  });

  it('asks for the order number of a 12345 transfer and the visit of a visit’s problem, on their fields', () => {
    expect(intakeFormBody({ ...PHONE_INTAKE, channel: 'hotline' })).toEqual({
      ok: false,
      errors: [{ name: 'orderNumber', errors: ['请填写 12345 工单号'] }],
    });
    expect(intakeFormBody({ ...PHONE_INTAKE, channel: 'visit', phone: undefined })).toEqual({
      ok: false,
      errors: [{ name: 'visitId', errors: ['请选择提出问题的走访活动'] }],
    });
  });

  it('asks to choose a compound and a category rather than calling them invalid', () => {
    const sut = intakeFormBody({ ...PHONE_INTAKE, compoundId: undefined, categoryId: undefined });
    expect(sut).toEqual({
      ok: false,
      errors: [
        { name: 'categoryId', errors: ['请选择诉求类别'] },
        { name: 'compoundId', errors: ['请选择小区'] },
      ],
    });
  });
});

describe(IntakePage.name, { timeout: 60_000 }, () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/admin/concerns/new');
    vi.spyOn(api, 'compounds').mockResolvedValue({ items: [{ id: 5, code: 'xietu-hengyi', name: '恒益', streetCode: 'xietu' }] });
    vi.spyOn(api, 'visitList').mockResolvedValue({ items: [], nextCursor: null });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    window.history.replaceState(null, '', '/');
  });

  const renderPage = (who: StaffActor) =>
    render(
      <AdminProviders>
        <DirectoryContext.Provider value={directory}>
          <IntakePage who={who} />
        </DirectoryContext.Provider>
      </AdminProviders>,
    );
  const choose = async (label: string, option: string) => {
    fireEvent.mouseDown(screen.getByLabelText(label));
    fireEvent.click(await screen.findByTitle(option));
  };

  it('shows what is missing under each field and sends nothing', async () => {
    const intake = vi.spyOn(api, 'intake');
    renderPage(DISPATCHER);
    fireEvent.click(screen.getByTestId('intake-submit'));
    expect(await screen.findByText('请填写居民的联系电话（手机或座机）')).toBeTruthy();
    expect(screen.getByText('请选择小区')).toBeTruthy();
    expect(screen.getByText('请选择诉求类别')).toBeTruthy();
    expect(screen.getByText('标题至少 2 个字')).toBeTruthy();
    expect(intake).not.toHaveBeenCalled();
  });

  it('asks a 12345 transfer for its order number', async () => {
    renderPage(DISPATCHER);
    fireEvent.click(screen.getByRole('radio', { name: '12345 热线转办' }));
    fireEvent.change(await screen.findByLabelText('12345 工单号'), { target: { value: '12345' } });
    fireEvent.click(screen.getByTestId('intake-submit'));
    expect(await screen.findByText(/12345 工单号格式不正确/)).toBeTruthy();
  });

  it('files a phone call, accepted at once, and opens the new concern’s workbench', async () => {
    const created = { id: 41, code: 'XH20261124-0041', status: 'accepted' } as ConcernSummaryView;
    const intake = vi.spyOn(api, 'intake').mockResolvedValue(created);
    renderPage(DISPATCHER);
    fireEvent.change(screen.getByLabelText('居民姓名'), { target: { value: '张阿姨' } });
    fireEvent.change(screen.getByLabelText('联系电话'), { target: { value: '138-1234-5678' } });
    await choose('小区', '恒益');
    await choose('诉求类别', '物业管理 / 公共设施维修');
    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '楼道灯坏了' } });
    fireEvent.change(screen.getByLabelText('问题描述'), { target: { value: '三号楼二单元楼道灯坏了一周。' } });
    fireEvent.click(screen.getByTestId('intake-accept-now'));
    fireEvent.click(screen.getByTestId('intake-submit'));

    await waitFor(() =>
      expect(intake).toHaveBeenCalledWith({
        channel: 'phone',
        contactName: '张阿姨',
        phone: '13812345678',
        compoundId: 5,
        categoryId: 9,
        title: '楼道灯坏了',
        description: '三号楼二单元楼道灯坏了一周。',
        photoIds: [],
        confidential: false,
        acceptNow: true,
      } satisfies StaffIntakeInput),
    );
    await waitFor(() => expect(window.location.pathname).toBe('/admin/concerns/41'));
  });

  it('shows the service’s refusal and stays on the form', async () => {
    vi.spyOn(api, 'intake').mockRejectedValue(
      new ApiError({ code: 'HOTLINE_ORDER_TAKEN', status: 409, message: '该 12345 工单号已经登记过诉求' }),
    );
    renderPage(DISPATCHER);
    fireEvent.click(screen.getByRole('radio', { name: '12345 热线转办' }));
    fireEvent.change(await screen.findByLabelText('12345 工单号'), { target: { value: 'SH202611230012' } });
    fireEvent.change(screen.getByLabelText('联系电话'), { target: { value: '13812345678' } });
    await choose('小区', '恒益');
    await choose('诉求类别', '物业管理 / 公共设施维修');
    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '转办：路灯不亮' } });
    fireEvent.change(screen.getByLabelText('问题描述'), { target: { value: '12345 转来：小区路灯不亮。' } });
    fireEvent.click(screen.getByTestId('intake-submit'));
    expect((await screen.findAllByText('该 12345 工单号已经登记过诉求')).length).toBeGreaterThan(0);
    expect(window.location.pathname).toBe('/admin/concerns/new');
  });

  it('offers a visit organiser the visit channel only, on the visit asked for, and no immediate acceptance', async () => {
    window.history.replaceState(null, '', '/admin/concerns/new?visit=12');
    vi.spyOn(api, 'visitDetail').mockResolvedValue({
      id: 12,
      title: '满意在徐汇 · 座谈会',
      status: 'held',
      street: { id: 2, code: 'xietu', name: '斜土路街道' },
      compound: { id: 5, code: 'xietu-hengyi', name: '恒益' },
      startsAt: '2026-11-20T06:00:00Z',
    } as never);
    renderPage(EDITOR);
    const channels = screen.getAllByRole('radio').map((r) => r.closest('label')?.textContent);
    expect(channels).toEqual(['走访/座谈会']);
    expect(await within(screen.getByTestId('intake-form')).findByText(/满意在徐汇 · 座谈会/)).toBeTruthy();
    expect(screen.queryByTestId('intake-accept-now')).toBeNull();
  });
});
