import type {
  AskVisitQuestionInput,
  MyVisitView,
  Page,
  VisitDetailView,
  VisitListView,
  VisitQuestionView,
  VisitSignupAnswer,
  VisitSignupView,
} from '@manyi/shared';

import { request } from './request';

// "满意在徐汇" visits as residents use them (cloud VisitsController).

export function fetchVisits(street: string | undefined, cursor?: string): Promise<VisitListView> {
  return request<VisitListView>('/api/v1/visits', { query: { street, cursor } });
}

export function fetchVisit(id: number): Promise<VisitDetailView> {
  return request<VisitDetailView>(`/api/v1/visits/${id}`);
}

/** 我的报名: visits I have a place on or am waiting for, soonest first. */
export function fetchMyVisits(cursor?: string): Promise<Page<MyVisitView>> {
  return request<Page<MyVisitView>>('/api/v1/visits/mine', { query: { cursor } });
}

/** A place, or a place on the waiting list when the visit is full; signing up twice answers the same. */
/** The answer names the visit's subscribe templates to offer (none in preview mode or from an older service). */
export function signUpForVisit(id: number): Promise<VisitSignupAnswer> {
  return request<VisitSignupAnswer>(`/api/v1/visits/${id}/signups`, { method: 'POST' });
}

export function cancelVisitSignup(id: number): Promise<VisitSignupView> {
  return request<VisitSignupView>(`/api/v1/visits/${id}/signups/mine`, { method: 'DELETE' });
}

export function askVisitQuestion(id: number, input: AskVisitQuestionInput): Promise<VisitQuestionView> {
  return request<VisitQuestionView>(`/api/v1/visits/${id}/questions`, { method: 'POST', body: input });
}
