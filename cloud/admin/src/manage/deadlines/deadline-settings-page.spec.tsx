import { DEFAULT_DEADLINE_SETTINGS, ApiError, type DeadlineSettingsView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manageApi } from '../../api/manage-endpoints';
import { AdminProviders } from '../../app/providers';
import { checkDeadlineForm } from './deadline-form';
import { DeadlineSettingsPage } from './deadline-settings-page';

const VIEW: DeadlineSettingsView = {
  settings: {
    ...DEFAULT_DEADLINE_SETTINGS,
    triageWorkingHours: 2,
    resolveWorkingDays: { ...DEFAULT_DEADLINE_SETTINGS.resolveWorkingDays, help: 4 },
  },
  defaults: DEFAULT_DEADLINE_SETTINGS,
  updatedAt: null,
  updatedBy: null,
};

function renderPage() {
  render(
    <AdminProviders>
      <DeadlineSettingsPage />
    </AdminProviders>,
  );
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const saveButton = () => screen.getByText('保存').closest('button')!;

describe(checkDeadlineForm.name, () => {
  it('puts each problem on its field, the 办理时限 by request type on theirs', () => {
    const sut = checkDeadlineForm({
      ...DEFAULT_DEADLINE_SETTINGS,
      triageWorkingHours: 4.25,
      resolveWorkingDays: { ...DEFAULT_DEADLINE_SETTINGS.resolveWorkingDays, complex: 0 },
    });
    expect(sut).toEqual({
      ok: false,
      errors: [
        { name: ['triageWorkingHours'], errors: ['受理时限为 0.5 至 40 个工作小时（以半小时计）'] },
        { name: ['resolveWorkingDays', 'complex'], errors: ['疑难办理时限为 1 至 60 的整数'] },
      ],
    });
    expect(checkDeadlineForm(DEFAULT_DEADLINE_SETTINGS)).toEqual({ ok: true, body: DEFAULT_DEADLINE_SETTINGS });
  });
});

describe(DeadlineSettingsPage.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows every rule in force beside its default, and that the defaults were never changed', async () => {
    vi.spyOn(manageApi, 'deadlineSettings').mockResolvedValue(VIEW);
    renderPage();
    await screen.findByLabelText('受理时限');
    expect(input('受理时限').value).toBe('2.0');
    expect(screen.getByTestId('default-triageWorkingHours').textContent).toBe('默认 4');
    expect(input('求助办理时限').value).toBe('4');
    expect(screen.getByTestId('default-resolveWorkingDays.help').textContent).toBe('默认 5');
    expect(screen.getByTestId('default-resolveWorkingDays.complex').textContent).toBe('默认 15');
    expect(input('评价期').value).toBe('7');
    // Calendar days: the rating window and the wait before the 回访 queue.
    expect(screen.getAllByText('自然日', { selector: '.ant-input-number-suffix' })).toHaveLength(2);
    expect(screen.getByTestId('deadline-updated').textContent).toBe('使用默认值');
    expect(screen.getByText('修改只对之后设定的期限生效，已在计时的期限不变。')).toBeTruthy();
  });

  it('refuses an out-of-range value under its field, in Chinese, and sends nothing', async () => {
    vi.spyOn(manageApi, 'deadlineSettings').mockResolvedValue(VIEW);
    const save = vi.spyOn(manageApi, 'deadlineSettingsSave');
    renderPage();
    await screen.findByLabelText('受理时限');
    fireEvent.change(input('受理时限'), { target: { value: '100' } });
    fireEvent.change(input('重办次数'), { target: { value: '5' } });
    fireEvent.click(saveButton());
    expect(await screen.findByText('受理时限为 0.5 至 40 个工作小时（以半小时计）')).toBeTruthy();
    expect(screen.getByText('重办次数为 0 至 3 的整数')).toBeTruthy();
    expect(save).not.toHaveBeenCalled();
  });

  it('sends the whole record, puts the service’s field errors on their fields, and shows who changed it once saved', async () => {
    vi.spyOn(manageApi, 'deadlineSettings').mockResolvedValue(VIEW);
    const save = vi
      .spyOn(manageApi, 'deadlineSettingsSave')
      .mockRejectedValueOnce(
        new ApiError({
          code: 'VALIDATION_FAILED',
          status: 400,
          message: '疑难办理时限为 1 至 60 的整数',
          details: [{ path: 'resolveWorkingDays.complex', message: '疑难办理时限为 1 至 60 的整数' }],
        }),
      )
      .mockImplementationOnce(async (settings) => ({ ...VIEW, settings, updatedAt: '2026-12-06T08:30:00Z', updatedBy: 'admin' }));
    renderPage();
    await screen.findByLabelText('审核时限');
    fireEvent.change(input('审核时限'), { target: { value: '2' } });
    fireEvent.click(saveButton());

    await waitFor(() => expect(save).toHaveBeenCalledWith({ ...VIEW.settings, reviewWorkingDays: 2 }));
    // The alert and the field's own message.
    await waitFor(() => expect(screen.getAllByText('疑难办理时限为 1 至 60 的整数')).toHaveLength(2));
    expect(input('疑难办理时限').closest('.ant-input-number-status-error')).not.toBeNull();

    fireEvent.click(saveButton());
    expect(await screen.findByText('最近修改：admin 于 12-06 16:30')).toBeTruthy();
    expect(save).toHaveBeenCalledTimes(2);
  });
});
