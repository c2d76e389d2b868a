import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  MAX_QUESTIONS_PER_RESIDENT,
  VISIT_PARTICIPANT_ROLE_LABELS,
  type AnswerVisitQuestionInput,
  type AskVisitQuestionInput,
  type VisitQuestionToConcernInput,
  type VisitQuestionView,
} from '@manyi/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { ResidentActor, StaffActor } from '../../common/actor.js';
import { Concern } from '../concerns/concern.entity.js';
import { ConcernsService } from '../concerns/concerns.service.js';
import { ContentCheckService } from '../content-check/content-check.service.js';
import { loadLinkedConcerns } from './visit-links.js';
import { VisitQuestion } from './visit-question.entity.js';
import { assertManagesStreet } from './visit-scope.js';
import { isOpenForResidents } from './visit-signups.service.js';
import { lockVisit } from './visit-transaction.js';
import { Visit } from './visit.entity.js';
import { mapQuestion } from './visits.mapper.js';

/** 提前提问: residents ask ahead; staff answer publicly, or file the question as a concern that the visit page then follows. */
@Injectable()
export class VisitQuestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly concerns: ConcernsService,
    private readonly audit: AuditService,
    private readonly contentCheck: ContentCheckService,
  ) {}

  async ask(actor: ResidentActor, visitId: number, input: AskVisitQuestionInput, now = new Date()): Promise<VisitQuestionView> {
    // WeChat's text check (内容安全) before anything is stored: risky text is refused, doubtful text flagged.
    const contentReview = await this.contentCheck.checkResidentText(actor.residentId, input.text);
    return this.dataSource.transaction(async (em) => {
      // Under the visit's lock, so that two quick taps cannot both slip under the per-resident limit.
      await lockVisit(em, visitId);
      const visit = await em.findOneByOrFail(Visit, { id: visitId });
      if (!isOpenForResidents(visit, now)) throw new AppException('VISIT_CLOSED');
      if (!visit.participants.some((p) => p.role === input.addressedTo)) {
        throw new AppException(
          'VISIT_PARTICIPANT_ABSENT',
          `本次走访没有${VISIT_PARTICIPANT_ROLE_LABELS[input.addressedTo]}参加，请选择其他参加人员`,
        );
      }
      if ((await em.countBy(VisitQuestion, { visitId, residentId: actor.residentId })) >= MAX_QUESTIONS_PER_RESIDENT) {
        throw new AppException('VISIT_QUESTION_LIMIT', `每次走访最多提 ${MAX_QUESTIONS_PER_RESIDENT} 个问题`);
      }
      const question = await em.save(
        em.create(VisitQuestion, {
          visitId,
          residentId: actor.residentId,
          addressedTo: input.addressedTo,
          text: input.text,
          status: 'open',
          answer: null,
          answeredAt: null,
          handledById: null,
          concernId: null,
          contentReview,
        }),
      );
      return mapQuestion(question, null, true);
    });
  }

  /** A public answer, shown on the visit page. Answering again corrects it; a question filed as a concern is followed there instead. */
  async answer(actor: StaffActor, visitId: number, questionId: number, input: AnswerVisitQuestionInput, now = new Date()) {
    return this.dataSource.transaction(async (em) => {
      const question = await this.findQuestion(em, actor, visitId, questionId);
      const claimed = await em
        .createQueryBuilder()
        .update(VisitQuestion)
        .set({ status: 'answered', answer: input.answer, answeredAt: now, handledById: actor.staffId })
        .where('id = :id AND status <> :concern', { id: question.id, concern: 'concern' })
        .execute();
      if (claimed.affected !== 1) throw new AppException('VISIT_QUESTION_HANDLED');
      await this.audit.record(em, actor, 'visit.question.answer', { type: 'visit_question', id: question.id }, { visitId });
      return this.view(em, question.id);
    });
  }

  /**
   * Files the question as a concern for the resident who asked (`source = visit`), with the category
   * and compound staff chose; it then enters the street's triage like any other concern, and the visit
   * page shows its live status. The claim, the concern and the link commit together.
   */
  async toConcern(actor: StaffActor, visitId: number, questionId: number, input: VisitQuestionToConcernInput, now = new Date()) {
    return this.dataSource.transaction(async (em) => {
      const question = await this.findQuestion(em, actor, visitId, questionId);
      const claimed = await em
        .createQueryBuilder()
        .update(VisitQuestion)
        .set({ status: 'concern', handledById: actor.staffId })
        .where('id = :id AND status <> :concern', { id: question.id, concern: 'concern' })
        .execute();
      if (claimed.affected !== 1) throw new AppException('VISIT_QUESTION_HANDLED');
      const concern = await this.concerns.submitFromVisit(
        em,
        question.residentId,
        {
          categoryId: input.categoryId,
          compoundId: input.compoundId,
          title: input.title ?? titleFrom(question.text),
          description: question.text,
          photoIds: [],
          confidential: false,
        },
        now,
      );
      await em.update(VisitQuestion, { id: question.id }, { concernId: concern.id });
      if (question.contentReview) await em.update(Concern, { id: concern.id }, { contentReview: question.contentReview });
      await this.audit.record(
        em,
        actor,
        'visit.question.concern',
        { type: 'visit_question', id: question.id },
        { visitId, concernId: concern.id },
      );
      return this.view(em, question.id);
    });
  }

  private async findQuestion(em: EntityManager, actor: StaffActor, visitId: number, questionId: number): Promise<VisitQuestion> {
    const visit = await em.findOneBy(Visit, { id: visitId });
    if (!visit) throw new AppException('VISIT_NOT_FOUND');
    assertManagesStreet(actor, visit.streetId);
    const question = await em.findOneBy(VisitQuestion, { id: questionId, visitId });
    if (!question) throw new AppException('VISIT_QUESTION_NOT_FOUND');
    return question;
  }

  private async view(em: EntityManager, questionId: number): Promise<VisitQuestionView> {
    const question = await em.findOneByOrFail(VisitQuestion, { id: questionId });
    const links = await loadLinkedConcerns(em, question.concernId === null ? [] : [question.concernId]);
    return mapQuestion(question, question.concernId === null ? null : (links.get(question.concernId) ?? null), false);
  }
}

/** A concern's title (2–50 characters) from the start of the question, cut at a code point. */
function titleFrom(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= 50 ? chars.join('') : `${chars.slice(0, 49).join('')}…`;
}
