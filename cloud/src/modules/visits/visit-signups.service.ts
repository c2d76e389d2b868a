import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { shanghaiDateTime, type VisitSignupView } from '@manyi/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { ResidentActor } from '../../common/actor.js';
import { NotificationOutbox } from '../notifications/notification-outbox.js';
import { VisitSignup } from './visit-signup.entity.js';
import { lockVisit } from './visit-transaction.js';
import { Visit } from './visit.entity.js';
import { mapSignup } from './visits.mapper.js';
import { waitingPosition } from './visits.service.js';

export interface SignupResult {
  signup: VisitSignupView;
  /** False when the resident had already signed up (or was already waiting): nothing changed. */
  created: boolean;
}

/** Sign-ups and cancellations may change only before the visit starts. */
export function isOpenForResidents(visit: Visit, now: Date): boolean {
  return visit.status === 'planned' && visit.startsAt.getTime() > now.getTime();
}

/**
 * 报名: a place while there is one, the waiting list after that; a cancellation hands the place to the
 * first waiting. Every change runs under the visit's row lock (`lockVisit`), and a place is taken by one
 * conditional UPDATE of `confirmed_count`, so two residents racing for the last place cannot both get it.
 */
@Injectable()
export class VisitSignupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: NotificationOutbox,
  ) {}

  async signUp(actor: ResidentActor, visitId: number, now = new Date()): Promise<SignupResult> {
    return this.dataSource.transaction(async (em) => {
      const seq = await lockVisit(em, visitId);
      const visit = await em.findOneByOrFail(Visit, { id: visitId });
      if (!isOpenForResidents(visit, now)) throw new AppException('VISIT_CLOSED');
      const existing = await em.findOneBy(VisitSignup, { visitId, residentId: actor.residentId });
      if (existing && existing.status !== 'cancelled') {
        return { signup: mapSignup(existing, await waitingPosition(em, existing)), created: false };
      }
      const confirmed = await takePlace(em, visitId);
      // Signing up again after a cancellation reuses the row, at the back of the queue.
      const signup = existing ?? em.create(VisitSignup, { visitId, residentId: actor.residentId });
      Object.assign(signup, {
        status: confirmed ? 'confirmed' : 'waiting',
        queueSeq: seq,
        confirmedAt: confirmed ? now : null,
        cancelledAt: null,
        remindedAt: null,
      } satisfies Partial<VisitSignup>);
      const saved = await em.save(signup);
      return { signup: mapSignup(saved, await waitingPosition(em, saved)), created: true };
    });
  }

  async cancel(actor: ResidentActor, visitId: number, now = new Date()): Promise<VisitSignupView> {
    return this.dataSource.transaction(async (em) => {
      await lockVisit(em, visitId);
      const visit = await em.findOneByOrFail(Visit, { id: visitId });
      if (!isOpenForResidents(visit, now)) throw new AppException('VISIT_CLOSED');
      const signup = await em.findOneBy(VisitSignup, {
        visitId,
        residentId: actor.residentId,
        status: In(['confirmed', 'waiting']),
      });
      if (!signup) throw new AppException('VISIT_SIGNUP_NOT_FOUND');
      const hadPlace = signup.status === 'confirmed';
      signup.status = 'cancelled';
      signup.cancelledAt = now;
      await em.save(signup);
      if (hadPlace) {
        await em
          .createQueryBuilder()
          .update(Visit)
          .set({ confirmedCount: () => 'confirmed_count - 1' })
          .where('id = :id AND confirmed_count > 0', { id: visitId })
          .execute();
        await this.promoteWaiting(em, visit, now);
      }
      return mapSignup(signup, null);
    });
  }

  /**
   * Cancels every place the resident holds or waits for at a visit still to come (account deletion):
   * each through `cancel`, under that visit's own lock, so freed places go to the waiting list. Returns
   * how many were cancelled. Visits already started keep their sign-ups as the record of who came.
   */
  async cancelAllUpcoming(actor: ResidentActor, now = new Date()): Promise<number> {
    const active = await this.dataSource.getRepository(VisitSignup).find({
      where: { residentId: actor.residentId, status: In(['confirmed', 'waiting']) },
      relations: { visit: true },
    });
    let cancelled = 0;
    for (const signup of active) {
      if (!signup.visit || !isOpenForResidents(signup.visit, now)) continue;
      try {
        await this.cancel(actor, signup.visitId, now);
        cancelled++;
      } catch (error) {
        // Started or cancelled meanwhile (another tab, the visit's own start): nothing left to give back.
        const gone = error instanceof AppException && (error.code === 'VISIT_CLOSED' || error.code === 'VISIT_SIGNUP_NOT_FOUND');
        if (!gone) throw error;
      }
    }
    return cancelled;
  }

  /** Free places go to the waiting list in its order; each promoted resident is told (outbox). */
  private async promoteWaiting(em: EntityManager, visit: Visit, now: Date): Promise<void> {
    for (;;) {
      const next = await em.findOne(VisitSignup, {
        where: { visitId: visit.id, status: 'waiting' },
        order: { queueSeq: 'ASC', id: 'ASC' },
      });
      if (!next || !(await takePlace(em, visit.id))) return;
      next.status = 'confirmed';
      next.confirmedAt = now;
      await em.save(next);
      await this.outbox.enqueue(em, {
        residentId: next.residentId,
        concernId: null,
        visitId: visit.id,
        kind: 'visit_promoted',
        title: '候补报名成功',
        body: `您候补的「${visit.title}」有了空位，您已报名成功。时间：${shanghaiDateTime(visit.startsAt)}，地点：${visit.place}。`.slice(
          0,
          500,
        ),
      });
    }
  }
}

/** Takes one place if there is one: the condition and the increment are one statement. */
async function takePlace(em: EntityManager, visitId: number): Promise<boolean> {
  const result = await em
    .createQueryBuilder()
    .update(Visit)
    .set({ confirmedCount: () => 'confirmed_count + 1' })
    .where('id = :id AND confirmed_count < capacity', { id: visitId })
    .execute();
  return result.affected === 1;
}
