import type { MostFollowedConcernView, PublicCaseAdminView, PublishCaseInput, Items } from '@manyi/shared';
import { request } from './request';

// Issue 17's staff side: 公开案例 (the street's public board) and the dashboard's 多人反映.

export const communityApi = {
  /** 公开: a closed, agreed, non-confidential concern to the street's board (texts masked by the service). */
  publishCase: (id: number, body: PublishCaseInput) =>
    request<PublicCaseAdminView>(`/admin/concerns/${id}/publish-case`, { method: 'POST', body }),
  /** 撤回: off the board at once. */
  unpublishCase: (id: number) => request<PublicCaseAdminView>(`/admin/concerns/${id}/unpublish-case`, { method: 'POST', body: {} }),
  /** The most-followed open concerns in the caller's scope. */
  mostFollowed: (signal?: AbortSignal) => request<Items<MostFollowedConcernView>>('/admin/stats/most-followed', { signal }),
};
