import { Injectable } from '@nestjs/common';
import {
  CO_HANDLER_PART_VISIBILITY_LABELS,
  type CoHandlerDeclineInput,
  type CoHandlerPartInput,
  type WaiveCoHandlerInput,
} from '@manyi/shared';
import type { EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { StaffActor } from '../../common/actor.js';
import { Department } from '../directory/department.entity.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { ConcernPhoto } from './concern-photo.entity.js';
import { ConcernWorkflow } from './concern-workflow.service.js';
import type { Concern } from './concern.entity.js';

/**
 * 协办: what a co-handling department's handler does on a concern (sign for it, add its part, or
 * decline), and the dispatcher's or supervisor's waiver of a co-handler still outstanding. Each is one
 * co-handling step of the workflow; the rules are shared (CO_HANDLER_TRANSITIONS).
 */
@Injectable()
export class ConcernCoHandlingService {
  constructor(
    private readonly workflow: ConcernWorkflow,
    private readonly uploads: UploadsService,
  ) {}

  /** 协办签收: the handler's department signs for its part. */
  async sign(actor: StaffActor, id: number, at?: Date): Promise<Concern> {
    const now = at ?? new Date();
    const { concern } = await this.workflow.coHandlingStep(
      id,
      actor,
      'co-handler-sign',
      ownDepartment(actor),
      (row) => {
        row.signedAt = now;
        return { data: { onTime: now.getTime() <= row.signDueAt.getTime() } };
      },
      at,
    );
    return concern;
  }

  /** 提交协办意见: text and photos, for the staff alone or for the reply. */
  async part(actor: StaffActor, id: number, body: CoHandlerPartInput, at?: Date): Promise<Concern> {
    const now = at ?? new Date();
    const departmentId = ownDepartment(actor);
    const { concern } = await this.workflow.coHandlingStep(
      id,
      actor,
      'co-handler-part',
      departmentId,
      async (row, c, em) => {
        const photos = await this.uploads.assertOwned(body.photoIds, actor, em);
        // The part's photos are read by whoever may see the concern; by the resident once a reply publishes them.
        for (const photo of photos) {
          if (!(await em.existsBy(ConcernPhoto, { concernId: c.id, photoId: photo.id })))
            await em.insert(ConcernPhoto, { concernId: c.id, photoId: photo.id });
        }
        row.submittedAt = now;
        row.partText = body.text;
        row.partVisibility = body.visibility;
        row.partPhotoIds = photos.map((p) => p.id);
        const name = await departmentName(em, departmentId);
        return {
          internalText: body.text,
          data: { visibility: body.visibility, photoIds: row.partPhotoIds },
          alerts: [
            {
              kind: 'co_handler_part',
              detail: `${name}已提交协办意见（${CO_HANDLER_PART_VISIBILITY_LABELS[body.visibility]}）：${body.text}`,
            },
          ],
        };
      },
      at,
    );
    return concern;
  }

  /** 拒绝协办: with a reason the dispatcher reads; the lead's reply still waits until the dispatcher waives it. */
  async decline(actor: StaffActor, id: number, body: CoHandlerDeclineInput, at?: Date): Promise<Concern> {
    const now = at ?? new Date();
    const departmentId = ownDepartment(actor);
    const { concern } = await this.workflow.coHandlingStep(
      id,
      actor,
      'co-handler-decline',
      departmentId,
      async (row, _c, em) => {
        row.declinedAt = now;
        row.declineReason = body.reason;
        const name = await departmentName(em, departmentId);
        return {
          internalText: body.reason,
          audit: { reason: body.reason },
          alerts: [{ kind: 'co_handling_declined', departmentId, detail: `${name}拒绝协办：${body.reason}` }],
        };
      },
      at,
    );
    return concern;
  }

  /** 免除协办: the dispatcher or supervisor stops waiting for one co-handler (audited with the reason). */
  async waive(actor: StaffActor, id: number, body: WaiveCoHandlerInput, at?: Date): Promise<Concern> {
    const now = at ?? new Date();
    const { concern } = await this.workflow.coHandlingStep(
      id,
      actor,
      'waive-co-handler',
      body.departmentId,
      (row) => {
        row.waivedAt = now;
        row.waiveReason = body.reason;
        return { internalText: body.reason, audit: { reason: body.reason } };
      },
      at,
    );
    return concern;
  }
}

/** A handler acts for their own department; an account without one has nothing to co-handle. */
function ownDepartment(actor: StaffActor): number {
  if (actor.departmentId === null) throw new AppException('NOT_A_CO_HANDLER', '您的账号没有所属部门');
  return actor.departmentId;
}

async function departmentName(em: EntityManager, id: number): Promise<string> {
  return (await em.findOneBy(Department, { id }))?.name ?? String(id);
}
