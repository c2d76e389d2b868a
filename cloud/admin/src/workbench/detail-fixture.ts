import { allowedActions, type CategoryView, type ConcernDetailView, type DepartmentView, type StaffRole } from '@manyi/shared';
import { buildDirectory } from '../app/directory';

// A concern as the service answers it to staff, and the directory that names its parts: for the workbench's component tests.

export const GUANLI: DepartmentView = { id: 11, code: 'xietu-guanli', name: '斜土社区管理办', kind: 'street_office', streetCode: 'xietu' };
export const LAJI: CategoryView = {
  id: 9,
  code: 'shirong-laji',
  name: '垃圾分类与清运',
  parentId: null,
  requestType: 'complaint',
  children: [],
};
export const fixtureDirectory = buildDirectory([{ id: 2, code: 'xietu', name: '斜土路街道', kind: 'street' }], [GUANLI], [LAJI]);
export const FIXTURE_NOW = Date.parse('2026-11-24T03:00:00Z');

/** The detail of concern 7 in `status`, with the actions the state machine gives `role` there. */
export function fixtureDetail(
  role: StaffRole,
  status: ConcernDetailView['status'],
  extra: Partial<ConcernDetailView> = {},
): ConcernDetailView {
  return {
    id: 7,
    code: 'XH20261124-0007',
    status,
    title: '垃圾房门口垃圾堆积',
    streetId: 2,
    compoundId: 5,
    categoryId: LAJI.id,
    departmentId: GUANLI.id,
    confidential: false,
    escalated: false,
    dueAt: null,
    dueKind: null,
    dueProvisional: false,
    overdue: false,
    createdAt: '2026-11-23T01:00:00Z',
    updatedAt: '2026-11-24T01:00:00Z',
    description: '垃圾房门口堆满垃圾袋',
    requestType: 'complaint',
    source: 'phone',
    photoIds: [],
    latitude: null,
    longitude: null,
    address: null,
    phone: '139****1111',
    coHandlerIds: [],
    reopenCount: 0,
    returnCount: 0,
    resolveDueAt: '2026-11-30T09:00:00Z',
    resolveDueProvisional: false,
    mergedIntoId: null,
    solved: null,
    satisfaction: null,
    ratingComment: null,
    timeline: [],
    allowedActions: allowedActions(status, role),
    contacts: [],
    callbacks: [],
    ratingChannel: null,
    unreachedCallbacks: 0,
    callbackUnreached: false,
    ...extra,
  };
}
