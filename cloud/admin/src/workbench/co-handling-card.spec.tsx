import {
  allowedActions,
  coHandlerActionsFor,
  type CoHandlerView,
  type ConcernDetailView,
  type DepartmentView,
  type StaffRole,
} from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workApi } from '../api/work-endpoints';
import { buildDirectory, DirectoryContext } from '../app/directory';
import { AdminProviders } from '../app/providers';
import { initialValues } from './action-fields';
import { CoHandlingCard } from './co-handling-card';

const GUANLI: DepartmentView = { id: 11, code: 'xietu-guanli', name: '斜土社区管理办', kind: 'street_office', streetCode: 'xietu' };
const CHENGGUAN: DepartmentView = { id: 12, code: 'xietu-chengguan', name: '城管斜土中队', kind: 'street_office', streetCode: 'xietu' };
const FANGGUANJU: DepartmentView = { id: 30, code: 'fangguanju', name: '区房管局', kind: 'district_unit', streetCode: null };
const directory = buildDirectory([{ id: 2, code: 'xietu', name: '斜土路街道', kind: 'street' }], [GUANLI, CHENGGUAN, FANGGUANJU], []);
const NOW = Date.parse('2026-11-24T03:00:00Z');

/** A co-handler row as the service answers it to `role` (of `departmentId` when a handler). */
function row(
  departmentId: number,
  status: CoHandlerView['status'],
  role: StaffRole,
  own = false,
  extra: Partial<CoHandlerView> = {},
): CoHandlerView {
  return {
    departmentId,
    status,
    askedAt: '2026-11-24T01:00:00Z',
    signDueAt: '2026-11-24T05:00:00Z',
    signedAt: status === 'pending' ? null : '2026-11-24T02:00:00Z',
    submittedAt: null,
    partText: null,
    partVisibility: null,
    partPhotoIds: [],
    declinedAt: null,
    declineReason: null,
    waivedAt: null,
    waiveReason: null,
    actions: coHandlerActionsFor(role, own, 'in_progress', status),
    ...extra,
  };
}

function detail(role: StaffRole, coHandlers: CoHandlerView[], lead = true): ConcernDetailView {
  return {
    id: 7,
    code: 'XH20261124-0007',
    status: 'in_progress',
    title: '楼道堆物',
    streetId: 2,
    compoundId: 5,
    categoryId: 9,
    departmentId: GUANLI.id,
    confidential: false,
    escalated: false,
    dueAt: null,
    dueKind: null,
    dueProvisional: false,
    overdue: false,
    createdAt: '2026-11-24T01:00:00Z',
    updatedAt: '2026-11-24T01:00:00Z',
    description: '楼道里堆满杂物',
    requestType: 'complaint',
    source: 'phone',
    photoIds: [],
    latitude: null,
    longitude: null,
    address: null,
    phone: null,
    coHandlerIds: coHandlers.map((h) => h.departmentId),
    reopenCount: 0,
    returnCount: 0,
    resolveDueAt: null,
    resolveDueProvisional: false,
    mergedIntoId: null,
    solved: null,
    satisfaction: null,
    ratingComment: null,
    timeline: [],
    allowedActions: lead ? allowedActions('in_progress', role) : [],
    coHandlers,
  };
}

function renderCard(d: ConcernDetailView, onChanged = vi.fn()) {
  render(
    <AdminProviders>
      <DirectoryContext.Provider value={directory}>
        <CoHandlingCard detail={d} now={NOW} onChanged={onChanged} />
      </DirectoryContext.Provider>
    </AdminProviders>,
  );
  return onChanged;
}

const rowOf = (departmentId: number) => document.querySelector(`.co-handler[data-department-id="${departmentId}"]`) as HTMLElement;
const buttonsOf = (departmentId: number) =>
  within(rowOf(departmentId))
    .queryAllByRole('button')
    .map((b) => b.textContent);

describe(CoHandlingCard.name, { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows nothing for a concern without co-handlers', () => {
    renderCard(detail('handler', []));
    expect(screen.queryByText(/协办（/)).toBeNull();
  });

  it('tells the lead whose part the reply waits for, and gives the lead nothing to do on the rows', () => {
    renderCard(
      detail('handler', [
        row(CHENGGUAN.id, 'pending', 'handler'),
        row(FANGGUANJU.id, 'submitted', 'handler', false, { partText: '已核查房屋安全', partVisibility: 'reply' }),
      ]),
    );
    expect(screen.getByText('答复前需协办部门提交协办意见，或由派单员免除：城管斜土中队（待签收）')).toBeTruthy();
    expect(buttonsOf(CHENGGUAN.id)).toEqual([]);
    expect(within(rowOf(FANGGUANJU.id)).getByText('已核查房屋安全')).toBeTruthy();
    expect(within(rowOf(FANGGUANJU.id)).getByText('用于答复')).toBeTruthy();
  });

  it('lets the co-handling department sign, then add its part checked with the shared schema', async () => {
    const coHandle = vi.spyOn(workApi, 'coHandle').mockResolvedValue({} as never);
    const changed = renderCard(detail('handler', [row(CHENGGUAN.id, 'pending', 'handler', true)], false));
    expect(screen.queryByText(/答复前需/)).toBeNull();
    expect(buttonsOf(CHENGGUAN.id)).toEqual(['协办签收', '拒绝协办']);
    fireEvent.click(within(rowOf(CHENGGUAN.id)).getByText('协办签收'));
    fireEvent.click(await screen.findByText('确认协办签收'));
    await waitFor(() => expect(coHandle).toHaveBeenCalledWith(7, 'co-handler-sign', {}));
    expect(changed).toHaveBeenCalled();
  });

  it('refuses a part without text or purpose in Chinese and sends nothing; then sends it', async () => {
    const coHandle = vi.spyOn(workApi, 'coHandle').mockResolvedValue({} as never);
    renderCard(detail('handler', [row(CHENGGUAN.id, 'signed', 'handler', true)], false));
    expect(buttonsOf(CHENGGUAN.id)).toEqual(['提交协办意见', '拒绝协办']);
    fireEvent.click(within(rowOf(CHENGGUAN.id)).getByText('提交协办意见'));
    fireEvent.click(await screen.findByText('确认提交协办意见'));
    expect(await screen.findByText('协办意见至少 5 个字')).toBeTruthy();
    expect(screen.getByText('请选择协办意见仅内部可见还是用于答复')).toBeTruthy();
    expect(coHandle).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('协办意见'), { target: { value: '城管中队已到现场责令清理。' } });
    fireEvent.click(screen.getByLabelText('用于答复（照片随答复公开）'));
    fireEvent.click(screen.getByText('确认提交协办意见'));
    await waitFor(() =>
      expect(coHandle).toHaveBeenCalledWith(7, 'co-handler-part', {
        text: '城管中队已到现场责令清理。',
        photoIds: [],
        visibility: 'reply',
      }),
    );
  });

  it('lets the dispatcher waive a declined co-handler, with the decline reason in view and a reason of its own', async () => {
    const coHandle = vi.spyOn(workApi, 'coHandle').mockResolvedValue({} as never);
    renderCard(detail('dispatcher', [row(CHENGGUAN.id, 'declined', 'dispatcher', false, { declineReason: '不属于城管职责' })]));
    expect(within(rowOf(CHENGGUAN.id)).getByText('拒绝理由：不属于城管职责')).toBeTruthy();
    fireEvent.click(within(rowOf(CHENGGUAN.id)).getByText('免除协办'));
    fireEvent.change(await screen.findByLabelText('免除理由（记入操作日志）'), { target: { value: '由主办部门单独办理' } });
    fireEvent.click(screen.getByText('确认免除协办'));
    await waitFor(() =>
      expect(coHandle).toHaveBeenCalledWith(7, 'waive-co-handler', { departmentId: CHENGGUAN.id, reason: '由主办部门单独办理' }),
    );
  });

  it('starts the lead’s reply with the parts given for the reply', () => {
    const d = detail('handler', [
      row(CHENGGUAN.id, 'submitted', 'handler', false, { partText: '城管已清理堆物。', partVisibility: 'reply' }),
      row(FANGGUANJU.id, 'submitted', 'handler', false, { partText: '内部情况说明', partVisibility: 'internal' }),
    ]);
    expect(initialValues('reply', d)).toEqual({ text: '城管已清理堆物。' });
    expect(initialValues('reply', detail('handler', []))).toEqual({});
  });
});
