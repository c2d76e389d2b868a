import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CONCERN_STATUS_LABELS,
  VISIT_PARTICIPANT_ROLE_LABELS,
  VISIT_QUESTION_STATUS_LABELS,
  VISIT_SIGNUP_STATUS_LABELS,
  shanghaiDateTime,
  type VisitExportPart,
} from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { StaffActor } from '../../common/actor.js';
import { toCsv } from './csv.js';
import { loadLinkedConcerns } from './visit-links.js';
import { VisitQuestion } from './visit-question.entity.js';
import { assertManagesStreet } from './visit-scope.js';
import { nicknamesOf, signupsInOrder, VisitsService } from './visits.service.js';

export interface VisitExport {
  /** ASCII, for clients that ignore `filename*`. */
  filename: string;
  /** With the visit's title, for those that read it. */
  displayName: string;
  body: Buffer;
}

/**
 * 导出: the sign-up list and the question list of a visit as CSV for the organisers. Residents appear by
 * nickname only — the service holds no resident phone number for visits and none is ever exported.
 * An export reveals who signed up, so it is written to the audit log.
 */
@Injectable()
export class VisitExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly visits: VisitsService,
    private readonly audit: AuditService,
  ) {}

  async export(actor: StaffActor, visitId: number, part: VisitExportPart): Promise<VisitExport> {
    const em = this.dataSource.manager;
    const visit = await this.visits.findVisit(em, visitId);
    assertManagesStreet(actor, visit.streetId);
    let body: Buffer;
    if (part === 'signups') {
      const signups = await signupsInOrder(em, visitId);
      const nicknames = await nicknamesOf(
        em,
        signups.map((s) => s.residentId),
      );
      let waiting = 0;
      body = toCsv(
        ['序号', '昵称', '状态', '候补顺位', '报名时间', '取消时间'],
        signups.map((s, i) => [
          i + 1,
          nicknames.get(s.residentId) ?? '',
          VISIT_SIGNUP_STATUS_LABELS[s.status],
          s.status === 'waiting' ? ++waiting : null,
          shanghaiDateTime(s.updatedAt),
          s.cancelledAt ? shanghaiDateTime(s.cancelledAt) : null,
        ]),
      );
    } else {
      const questions = await em.find(VisitQuestion, { where: { visitId }, order: { id: 'ASC' } });
      const nicknames = await nicknamesOf(
        em,
        questions.map((q) => q.residentId),
      );
      const links = await loadLinkedConcerns(
        em,
        questions.flatMap((q) => (q.concernId === null ? [] : [q.concernId])),
      );
      body = toCsv(
        ['序号', '提问人昵称', '提问对象', '问题', '状态', '答复', '关联诉求编号', '诉求状态', '提问时间'],
        questions.map((q, i) => {
          const concern = q.concernId === null ? undefined : links.get(q.concernId);
          return [
            i + 1,
            nicknames.get(q.residentId) ?? '',
            VISIT_PARTICIPANT_ROLE_LABELS[q.addressedTo],
            q.text,
            VISIT_QUESTION_STATUS_LABELS[q.status],
            q.answer,
            concern?.code ?? null,
            concern ? CONCERN_STATUS_LABELS[concern.status] : null,
            shanghaiDateTime(q.createdAt),
          ];
        }),
      );
    }
    await this.audit.record(em, actor, 'visit.export', { type: 'visit', id: visitId }, { part });
    const label = part === 'signups' ? '报名名单' : '提前提问';
    return { filename: `visit-${visitId}-${part}.csv`, displayName: `${visit.title}-${label}.csv`, body };
  }
}
