import type {
  AdminNewsView,
  AdminVisitDetailView,
  BulkDispatchInput,
  BulkDispatchResultView,
  CategoryView,
  CompoundView,
  ConcernDetailView,
  ConcernSource,
  ConcernStatus,
  InboxSort,
  ConcernSummaryView,
  DepartmentView,
  DuplicateCandidateView,
  InboxCountsView,
  NewsDraftView,
  NewsStatus,
  Page,
  ReclassifyConcernInput,
  ReclassifyResultView,
  StaffConcernAction,
  StaffIntakeInput,
  StaffLoginInput,
  StaffSessionView,
  ChangePasswordInput,
  TotpDisableInput,
  TotpEnableInput,
  TotpSetupView,
  TotpStatusView,
  StreetView,
  VisitExportPart,
  VisitQuestionView,
  VisitSummaryView,
  StaffActor,
  RevealedContactView,
  PhotoView,
  Items,
} from '@manyi/shared';
import { request, requestBlob } from './request';

// The admin page's endpoint table: one typed function per route it calls, typed from @manyi/shared.

/** The inbox filters as the page holds them (GET /api/v1/admin/concerns). */
export interface InboxFilters {
  status?: readonly ConcernStatus[];
  street?: string;
  department?: number;
  category?: number;
  overdue?: boolean;
  escalated?: boolean;
  q?: string;
  /** 来源 */
  source?: ConcernSource;
  /** 待协办: concerns whose co-handling (协办) is outstanding — for a handler, their department's part. */
  coHandling?: boolean;
  /** 多人反映: at least one resident follows it (2 people or more). */
  multi?: boolean;
  /** Most urgent first (the default), or most followed first. */
  sort?: InboxSort;
}

export const api = {
  login: (body: StaffLoginInput) => request<StaffSessionView>('/auth/staff/login', { method: 'POST', body }),
  changePassword: (body: ChangePasswordInput) => request<StaffSessionView>('/auth/staff/password', { method: 'POST', body }),
  totpStatus: () => request<TotpStatusView>('/auth/staff/totp'),
  totpSetup: () => request<TotpSetupView>('/auth/staff/totp/setup', { method: 'POST', body: {} }),
  totpEnable: (body: TotpEnableInput) => request<TotpStatusView>('/auth/staff/totp/enable', { method: 'POST', body }),
  totpDisable: (body: TotpDisableInput) => request<TotpStatusView>('/auth/staff/totp/disable', { method: 'POST', body }),
  whoami: (signal?: AbortSignal) => request<StaffActor>('/admin/whoami', { signal }),

  streets: () => request<Items<StreetView>>('/streets'),
  compounds: (streetCode: string) => request<Items<CompoundView>>(`/streets/${encodeURIComponent(streetCode)}/compounds`),
  departments: () => request<Items<DepartmentView>>('/departments'),
  categories: () => request<Items<CategoryView>>('/categories'),

  inbox: (filters: InboxFilters, cursor?: string | null, signal?: AbortSignal, limit?: number) =>
    request<Page<ConcernSummaryView>>('/admin/concerns', {
      query: {
        status: filters.status && filters.status.length > 0 ? filters.status.join(',') : undefined,
        street: filters.street,
        department: filters.department,
        category: filters.category,
        overdue: filters.overdue,
        escalated: filters.escalated,
        q: filters.q?.trim() || undefined,
        source: filters.source,
        coHandling: filters.coHandling || undefined,
        multi: filters.multi || undefined,
        sort: filters.sort === 'followers' ? 'followers' : undefined,
        cursor: cursor ?? undefined,
        limit,
      },
      signal,
    }),
  /** The saved views' counts and the change token the inbox polls. */
  inboxCounts: (signal?: AbortSignal) => request<InboxCountsView>('/admin/concerns/counts', { signal }),
  bulkDispatch: (body: BulkDispatchInput) => request<BulkDispatchResultView>('/admin/concerns/bulk-dispatch', { method: 'POST', body }),
  duplicates: (id: number, signal?: AbortSignal) => request<Items<DuplicateCandidateView>>(`/admin/concerns/${id}/duplicates`, { signal }),
  concern: (id: number, signal?: AbortSignal) => request<ConcernDetailView>(`/admin/concerns/${id}`, { signal }),
  act: (id: number, action: StaffConcernAction, body: unknown) =>
    request<ConcernSummaryView>(`/admin/concerns/${id}/${action}`, { method: 'POST', body }),
  revealPhone: (id: number) => request<RevealedContactView>(`/admin/concerns/${id}/reveal-phone`, { method: 'POST', body: {} }),
  /** 代录: a concern filed for a resident (the body as the shared schema parsed it). */
  intake: (body: StaffIntakeInput) => request<ConcernSummaryView>('/admin/concerns', { method: 'POST', body }),
  /** 更正分类, before dispatch. */
  reclassify: (id: number, body: ReclassifyConcernInput) =>
    request<ReclassifyResultView>(`/admin/concerns/${id}/reclassify`, { method: 'POST', body }),

  /** POST /uploads: one photo (multipart field `file`) → its id, to attach to a reply. */
  upload: (file: Blob, name: string) => {
    const form = new FormData();
    form.append('file', file, name);
    return request<PhotoView>('/uploads', { method: 'POST', body: form });
  },
  thumbnail: (photoId: number, signal?: AbortSignal) => requestBlob(`/uploads/${photoId}/thumbnail`, signal),
  photo: (photoId: number, signal?: AbortSignal) => requestBlob(`/uploads/${photoId}`, signal),

  // 内容管理: news (editor, supervisor, admin) and visits (editor, dispatcher, supervisor, admin).
  newsList: (query: { status?: NewsStatus; q?: string; street?: string }, cursor?: string | null, signal?: AbortSignal) =>
    request<Page<AdminNewsView>>('/admin/news', { query: { ...query, cursor: cursor ?? undefined }, signal }),
  newsDetail: (id: number, signal?: AbortSignal) => request<AdminNewsView>(`/admin/news/${id}`, { signal }),
  newsCreate: (body: unknown) => request<AdminNewsView>('/admin/news', { method: 'POST', body }),
  newsUpdate: (id: number, body: unknown) => request<AdminNewsView>(`/admin/news/${id}`, { method: 'PATCH', body }),
  newsPublish: (id: number, body: { publishedAt?: string }) =>
    request<AdminNewsView>(`/admin/news/${id}/publish`, { method: 'POST', body }),
  newsUnpublish: (id: number) => request<AdminNewsView>(`/admin/news/${id}/unpublish`, { method: 'POST', body: {} }),
  newsImport: (body: { text: string; street: string }) => request<Items<NewsDraftView>>('/admin/news/import', { method: 'POST', body }),

  visitList: (query: { status?: 'planned' | 'held' | 'cancelled' }, cursor?: string | null, signal?: AbortSignal) =>
    request<Page<VisitSummaryView>>('/admin/visits', { query: { ...query, cursor: cursor ?? undefined }, signal }),
  visitDetail: (id: number, signal?: AbortSignal) => request<AdminVisitDetailView>(`/admin/visits/${id}`, { signal }),
  visitCreate: (body: unknown) => request<AdminVisitDetailView>('/admin/visits', { method: 'POST', body }),
  visitHeld: (id: number, body: unknown) => request<AdminVisitDetailView>(`/admin/visits/${id}/held`, { method: 'POST', body }),
  visitIssues: (id: number, body: unknown) => request<AdminVisitDetailView>(`/admin/visits/${id}/issues`, { method: 'PUT', body }),
  visitCancel: (id: number, body: unknown) => request<AdminVisitDetailView>(`/admin/visits/${id}/cancel`, { method: 'POST', body }),
  visitAnswer: (id: number, questionId: number, body: unknown) =>
    request<VisitQuestionView>(`/admin/visits/${id}/questions/${questionId}/answer`, { method: 'POST', body }),
  visitToConcern: (id: number, questionId: number, body: unknown) =>
    request<VisitQuestionView>(`/admin/visits/${id}/questions/${questionId}/concern`, { method: 'POST', body }),
  visitExport: (id: number, part: VisitExportPart) =>
    requestBlob(`/admin/visits/${id}/export`, undefined, { query: { part }, accept: 'text/csv' }),
};
