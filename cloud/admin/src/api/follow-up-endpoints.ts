import type {
  CallbackConcernInput,
  CallbackQueueQuery,
  CallbackQueueView,
  ConcernSummaryView,
  ContactConcernInput,
  EscalationsQuery,
  EscalationsView,
  KnowledgeEntryInput,
  KnowledgeEntryView,
  KnowledgeListView,
  ReplyTemplateInput,
  ReplyTemplateKind,
  ReplyTemplateView,
  Items,
} from '@manyi/shared';
import { request } from './request';

// 双先联、双回访 and what the reply box offers: 先联系 and 回访 on a concern, the street's 回访 queue, the
// reply templates (答复模板) and the policy knowledge base (政策知识库).

export const followUpApi = {
  /** 先联系: the handler's call or visit to the resident, after signing and before the reply. */
  contact: (id: number, body: ContactConcernInput) =>
    request<ConcernSummaryView>(`/admin/concerns/${id}/contact`, { method: 'POST', body }),
  /** 回访: the street's call after the reply was published; a reached one is the rating (channel 回访). */
  callback: (id: number, body: CallbackConcernInput) =>
    request<ConcernSummaryView>(`/admin/concerns/${id}/callback`, { method: 'POST', body }),
  /** 回访队列: the concerns waiting for a call, in the order they became due. */
  callbacks: (query: Omit<CallbackQueueQuery, 'cursor' | 'limit'>, cursor?: string | null, signal?: AbortSignal) =>
    request<CallbackQueueView>('/admin/callbacks', { query: { ...query, cursor: cursor ?? undefined }, signal }),

  /** 督办清单: concerns returned three times or reopened twice, newest first, with the reason. */
  escalations: (query: Omit<EscalationsQuery, 'cursor' | 'limit'>, cursor?: string | null, signal?: AbortSignal) =>
    request<EscalationsView>('/admin/escalations', { query: { ...query, cursor: cursor ?? undefined }, signal }),

  /** A category's templates (with those for every category), of one kind when given. */
  replyTemplates: (query: { categoryId?: number; kind?: ReplyTemplateKind }, signal?: AbortSignal) =>
    request<Items<ReplyTemplateView>>('/admin/reply-templates', { query, signal }),
  replyTemplateCreate: (body: ReplyTemplateInput) => request<ReplyTemplateView>('/admin/reply-templates', { method: 'POST', body }),
  replyTemplateUpdate: (id: number, body: ReplyTemplateInput) =>
    request<ReplyTemplateView>(`/admin/reply-templates/${id}`, { method: 'PUT', body }),
  replyTemplateDelete: (id: number) => request<unknown>(`/admin/reply-templates/${id}`, { method: 'DELETE' }),

  /** The knowledge base, newest first or matching `q` (简繁 alike); expired entries only when asked. */
  knowledge: (query: { q?: string; expired?: boolean }, cursor?: string | null, signal?: AbortSignal) =>
    request<KnowledgeListView>('/admin/knowledge', {
      query: { q: query.q?.trim() || undefined, expired: query.expired || undefined, cursor: cursor ?? undefined },
      signal,
    }),
  knowledgeCreate: (body: KnowledgeEntryInput) => request<KnowledgeEntryView>('/admin/knowledge', { method: 'POST', body }),
  knowledgeUpdate: (id: number, body: KnowledgeEntryInput) =>
    request<KnowledgeEntryView>(`/admin/knowledge/${id}`, { method: 'PUT', body }),
  knowledgeDelete: (id: number) => request<unknown>(`/admin/knowledge/${id}`, { method: 'DELETE' }),
};
