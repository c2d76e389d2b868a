import type {
  CategoryView,
  CompoundView,
  ConcernDetailView,
  ConcernStatus,
  ConcernSummaryView,
  DepartmentView,
  Page,
  StaffConcernAction,
  StaffLoginInput,
  StaffRole,
  StreetView,
} from '@manyi/shared';
import { request, requestBlob } from './request';
import type { StaffUser } from './session';

// The admin page's endpoint table: one typed function per route it calls, typed from @manyi/shared.

/** GET /api/v1/admin/whoami: the signed-in staff member as the service sees them now. */
export interface WhoAmI {
  kind: 'staff';
  staffId: number;
  username: string;
  role: StaffRole;
  streetId: number | null;
  departmentId: number | null;
}

/** The inbox filters as the page holds them (GET /api/v1/admin/concerns). */
export interface InboxFilters {
  status?: readonly ConcernStatus[];
  street?: string;
  department?: number;
  category?: number;
  overdue?: boolean;
  escalated?: boolean;
  q?: string;
}

export const api = {
  login: (body: StaffLoginInput) =>
    request<{ token: string; expiresIn: number; user: StaffUser }>('/auth/staff/login', { method: 'POST', body }),
  whoami: (signal?: AbortSignal) => request<WhoAmI>('/admin/whoami', { signal }),

  streets: () => request<{ items: StreetView[] }>('/streets'),
  compounds: (streetCode: string) => request<{ items: CompoundView[] }>(`/streets/${encodeURIComponent(streetCode)}/compounds`),
  departments: () => request<{ items: DepartmentView[] }>('/departments'),
  categories: () => request<{ items: CategoryView[] }>('/categories'),

  inbox: (filters: InboxFilters, cursor?: string | null, signal?: AbortSignal) =>
    request<Page<ConcernSummaryView>>('/admin/concerns', {
      query: {
        status: filters.status && filters.status.length > 0 ? filters.status.join(',') : undefined,
        street: filters.street,
        department: filters.department,
        category: filters.category,
        overdue: filters.overdue,
        escalated: filters.escalated,
        q: filters.q?.trim() || undefined,
        cursor: cursor ?? undefined,
      },
      signal,
    }),
  concern: (id: number, signal?: AbortSignal) => request<ConcernDetailView>(`/admin/concerns/${id}`, { signal }),
  act: (id: number, action: StaffConcernAction, body: unknown) =>
    request<ConcernSummaryView>(`/admin/concerns/${id}/${action}`, { method: 'POST', body }),
  revealPhone: (id: number) => request<{ phone: string | null }>(`/admin/concerns/${id}/reveal-phone`, { method: 'POST', body: {} }),

  thumbnail: (photoId: number, signal?: AbortSignal) => requestBlob(`/uploads/${photoId}/thumbnail`, signal),
  photo: (photoId: number, signal?: AbortSignal) => requestBlob(`/uploads/${photoId}`, signal),
};
