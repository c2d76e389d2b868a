import { allowedActions, type CategoryView, type ConcernDetailView, type ConcernStatus } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/endpoints';
import { buildDirectory, DirectoryContext } from '../app/directory';
import { AdminProviders } from '../app/providers';
import { ReclassifyButton } from './reclassify-dialog';
import { reclassifyBody } from './reclassify-form';

const LAJI: CategoryView = { id: 9, code: 'shirong-laji', name: '垃圾分类与清运', parentId: 8, requestType: 'complaint', children: [] };
const TINGCHE: CategoryView = { id: 19, code: 'wuye-tingche', name: '小区停车', parentId: 18, requestType: 'complaint', children: [] };
const directory = buildDirectory(
  [
    { id: 2, code: 'xietu', name: '斜土路街道', kind: 'street' },
    { id: 3, code: 'fenglin', name: '枫林路街道', kind: 'street' },
  ],
  [],
  [
    { id: 8, code: 'shirong', name: '市容环境', parentId: null, requestType: null, children: [LAJI] },
    { id: 18, code: 'wuye', name: '物业管理', parentId: null, requestType: null, children: [TINGCHE] },
  ],
);

function detail(status: ConcernStatus): ConcernDetailView {
  return {
    id: 7,
    code: 'XH20261124-0007',
    status,
    title: '垃圾房满溢',
    streetId: 2,
    compoundId: 5,
    categoryId: 9,
    departmentId: null,
    source: 'phone',
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
    allowedActions: allowedActions(status, 'dispatcher'),
  };
}

describe(reclassifyBody.name, () => {
  it('sends only what differs from the concern now', () => {
    expect(reclassifyBody(detail('submitted'), { categoryId: 9, compoundId: 6, requestType: 'complaint', reason: '小区选错了' })).toEqual({
      ok: true,
      body: { compoundId: 6, reason: '小区选错了' },
    });
  });

  it('says so when nothing changed, and asks for a reason', () => {
    expect(reclassifyBody(detail('submitted'), { categoryId: 9, compoundId: 5 })).toEqual({
      ok: false,
      errors: [
        { name: 'reason', errors: ['更正理由至少 2 个字'] },
        { name: 'categoryId', errors: ['请至少更正类别、小区或诉求性质中的一项'] },
      ],
    });
  });
});

describe(ReclassifyButton.name, { timeout: 60_000 }, () => {
  beforeEach(() => {
    vi.spyOn(api, 'compounds').mockImplementation(async (street) => ({
      items:
        street === 'xietu'
          ? [{ id: 5, code: 'xietu-hengyi', name: '恒益', streetCode: 'xietu' }]
          : [{ id: 31, code: 'fenglin-shuangfeng', name: '双峰', streetCode: 'fenglin' }],
    }));
  });
  afterEach(() => vi.restoreAllMocks());

  const renderButton = (status: ConcernStatus) => {
    const onChanged = vi.fn();
    const onHandedOver = vi.fn();
    render(
      <AdminProviders>
        <DirectoryContext.Provider value={directory}>
          <ReclassifyButton detail={detail(status)} onChanged={onChanged} onHandedOver={onHandedOver} />
        </DirectoryContext.Provider>
      </AdminProviders>,
    );
    return { onChanged, onHandedOver };
  };

  it('is offered only before dispatch, as the state machine says', () => {
    renderButton('dispatched');
    expect(screen.queryByTestId('reclassify')).toBeNull();
  });

  it('moves the concern to another street’s compound and goes back to the list after the hand-over', async () => {
    const reclassify = vi.spyOn(api, 'reclassify').mockResolvedValue({
      concern: { ...detail('submitted'), streetId: 3, compoundId: 31 },
      handedOver: true,
      suggestedDepartmentId: null,
      suggestedCoHandlerIds: [],
    });
    const { onHandedOver, onChanged } = renderButton('submitted');
    fireEvent.click(screen.getByTestId('reclassify'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('街道'));
    fireEvent.click(await screen.findByTitle('枫林路街道'));
    fireEvent.mouseDown(within(dialog).getByLabelText('小区'));
    fireEvent.click(await screen.findByTitle('双峰'));
    fireEvent.change(within(dialog).getByLabelText('更正理由（内部）'), { target: { value: '居民实际住在枫林双峰' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认更正' }));

    await waitFor(() => expect(reclassify).toHaveBeenCalledWith(7, { compoundId: 31, reason: '居民实际住在枫林双峰' }));
    await waitFor(() => expect(onHandedOver).toHaveBeenCalled());
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('shows what is wrong and sends nothing', async () => {
    const reclassify = vi.spyOn(api, 'reclassify');
    renderButton('accepted');
    fireEvent.click(screen.getByTestId('reclassify'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '确认更正' }));
    expect(await within(dialog).findByText('请至少更正类别、小区或诉求性质中的一项')).toBeTruthy();
    expect(reclassify).not.toHaveBeenCalled();
  });
});
