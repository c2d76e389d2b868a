import type {
  AdminVisitSignupView,
  LinkedConcernView,
  VisitIssueView,
  VisitParticipantView,
  VisitQuestionView,
  VisitSignupView,
  VisitSummaryView,
} from '@manyi/shared';
import type { VisitIssue } from './visit-issue.entity.js';
import type { VisitQuestion } from './visit-question.entity.js';
import type { VisitSignup } from './visit-signup.entity.js';
import type { Visit } from './visit.entity.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A visit loaded with its street and compound, and how many wait for a place. */
export function mapVisitSummary(visit: Visit, waitingCount: number): VisitSummaryView {
  const street = visit.street!;
  const compound = visit.compound ?? null;
  return {
    id: visit.id,
    title: visit.title,
    status: visit.status,
    street: { id: street.id, code: street.code, name: street.name },
    compound: compound ? { id: compound.id, code: compound.code, name: compound.name } : null,
    place: visit.place,
    startsAt: visit.startsAt.toISOString(),
    endsAt: visit.endsAt.toISOString(),
    participants: visit.participants.map((p): VisitParticipantView => ({ name: p.name, role: p.role, title: p.title ?? null })),
    topics: visit.topics,
    capacity: visit.capacity,
    remaining: Math.max(0, visit.capacity - visit.confirmedCount),
    waitingCount,
  };
}

export function mapSignup(signup: VisitSignup, position: number | null): VisitSignupView {
  return { status: signup.status, position: signup.status === 'waiting' ? position : null };
}

export function mapAdminSignup(signup: VisitSignup, nickname: string, position: number | null): AdminVisitSignupView {
  return {
    residentId: signup.residentId,
    nickname,
    status: signup.status,
    position: signup.status === 'waiting' ? position : null,
    signedUpAt: signup.updatedAt.toISOString(),
  };
}

export function mapQuestion(q: VisitQuestion, concern: LinkedConcernView | null, mine: boolean): VisitQuestionView {
  return {
    id: q.id,
    addressedTo: q.addressedTo,
    text: q.text,
    status: q.status,
    answer: q.answer,
    answeredAt: iso(q.answeredAt),
    concern,
    mine,
    createdAt: q.createdAt.toISOString(),
  };
}

export function mapIssues(issues: VisitIssue[], concerns: ReadonlyMap<number, LinkedConcernView>): VisitIssueView[] {
  return issues.flatMap((issue) => {
    const concern = concerns.get(issue.concernId);
    return concern ? [{ text: issue.text, concern }] : [];
  });
}
