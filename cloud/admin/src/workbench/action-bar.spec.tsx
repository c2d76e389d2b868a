import {
  allowedActions,
  CONCERN_STATUSES,
  STAFF_CONCERN_ACTIONS,
  ApiError,
  type ConcernDetailView,
  type ConcernStatus,
  type DepartmentView,
  type StaffRole,
} from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/endpoints';
import { buildDirectory, DirectoryContext } from '../app/directory';
import { AdminProviders } from '../app/providers';
import { ActionBar } from './action-bar';

const GUANLI: DepartmentView = { id: 11, code: 'xietu-guanli', name: '斜土社区管理办', kind: 'street_office', streetCode: 'xietu' };
const CHENGGUAN: DepartmentView = { id: 12, code: 'xietu-chengguan', name: '城管斜土中队', kind: 'street_office', streetCode: 'xietu' };
const FANGGUANJU: DepartmentView = { id: 30, code: 'fangguanju', name: '区房管局', kind: 'district_unit', streetCode: null };
const directory = buildDirectory([{ id: 2, code: 'xietu', name: '斜土路街道', kind: 'street' }], [GUANLI, CHENGGUAN, FANGGUANJU], []);

/** A concern as the service's detail route answers it for `role`: allowedActions from the shared state machine. */
function detailFor(status: ConcernStatus, role: StaffRole, extra: Partial<ConcernDetailView> = {}): ConcernDetailView {
  return {
    id: 7,
    code: 'XH20261124-0007',
    status,
    title: '垃圾房满溢',
    streetId: 2,
    compoundId: 5,
    categoryId: 9,
    departmentId: null,
    confidential: false,
    escalated: false,
    dueAt: null,
    dueKind: null,
    dueProvisional: false,
    overdue: false,
    createdAt: '2026-11-24T01:00:00Z',
    updatedAt: '2026-11-24T01:00:00Z',
    description: '垃圾房连续三天没有清运',
    requestType: 'complaint',
    source: 'miniapp',
    photoIds: [],
    latitude: null,
    longitude: null,
    address: null,
    phone: null,
    coHandlerIds: [],
    reopenCount: 0,
    returnCount: 0,
    resolveDueAt: null,
    resolveDueProvisional: false,
    mergedIntoId: null,
    solved: null,
    satisfaction: null,
    ratingComment: null,
    timeline: [],
    allowedActions: allowedActions(status, role),
    suggestedDepartmentId: null,
    suggestedCoHandlerIds: [],
    pendingExtensionDays: null,
    ...extra,
  };
}

function renderBar(detail: ConcernDetailView, onChanged = vi.fn()) {
  render(
    <AdminProviders>
      <DirectoryContext.Provider value={directory}>
        <ActionBar detail={detail} onChanged={onChanged} />
      </DirectoryContext.Provider>
    </AdminProviders>,
  );
  return onChanged;
}

const buttons = () =>
  screen.queryByRole('toolbar', { name: '办理操作' })
    ? within(screen.getByRole('toolbar', { name: '办理操作' }))
        .getAllByRole('button')
        .map((b) => b.textContent)
    : [];

const CASES = CONCERN_STATUSES.flatMap((status) =>
  (['dispatcher', 'handler', 'supervisor'] as const).map((role) => [status, role] as const),
);

describe(ActionBar.name, () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(CASES)('offers on a %s concern to a %s exactly the staff actions of the shared state machine', (status, role) => {
    renderBar(detailFor(status, role));
    // 先联系 and 回访 are the workbench's cards (contact-card, callback-card), not buttons of the bar.
    const expected = allowedActions(status, role).filter(
      (a) => (STAFF_CONCERN_ACTIONS as readonly string[]).includes(a) && a !== 'contact' && a !== 'callback',
    );
    const shown = screen.queryAllByRole('button').map((b) => b.getAttribute('data-action'));
    expect(shown).toEqual(expected);
  });

  it('gives a handler 签收 and 退单 on a dispatch, never a dispatcher button', () => {
    renderBar(detailFor('dispatched', 'handler'));
    expect(buttons()).toEqual(['签收', '退单', '内部备注']);
  });

  it('gives a dispatcher the triage buttons on a new concern, and 改派 before the department signs', () => {
    renderBar(detailFor('submitted', 'dispatcher'));
    expect(buttons()).toEqual(['受理', '不予受理', '并单', '内部备注', '催办']);
  });

  it('checks the body with the shared schema and sends nothing while it is wrong', async () => {
    const act = vi.spyOn(api, 'act');
    renderBar(detailFor('submitted', 'dispatcher'));
    fireEvent.click(screen.getByRole('button', { name: '不予受理' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('不予受理理由（居民可见）'), { target: { value: '否' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认不予受理' }));
    expect(await within(dialog).findByText('不予受理理由至少 2 个字')).toBeTruthy();
    expect(act).not.toHaveBeenCalled();
  });

  it('dispatches to the suggested department, preselected', async () => {
    const act = vi.spyOn(api, 'act').mockResolvedValue(detailFor('dispatched', 'dispatcher'));
    const onChanged = renderBar(
      detailFor('accepted', 'dispatcher', { suggestedDepartmentId: GUANLI.id, suggestedCoHandlerIds: [CHENGGUAN.id] }),
    );
    fireEvent.click(screen.getByRole('button', { name: '派单' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTitle('斜土社区管理办（建议）')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '确认派单' }));
    await waitFor(() => expect(act).toHaveBeenCalledWith(7, 'dispatch', { departmentId: GUANLI.id, coHandlerIds: [CHENGGUAN.id] }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('explains a conflict (someone else acted first) and reloads the concern', async () => {
    vi.spyOn(api, 'act').mockRejectedValue(
      new ApiError({ code: 'CONCERN_CHANGED', status: 409, message: '诉求已被他人处理，请刷新后再试' }),
    );
    const onChanged = renderBar(detailFor('submitted', 'dispatcher'));
    fireEvent.click(screen.getByRole('button', { name: '受理' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '确认受理' }));
    expect((await screen.findAllByText('其他人已先处理')).length).toBeGreaterThan(0);
    expect(onChanged).toHaveBeenCalled();
  });
});
