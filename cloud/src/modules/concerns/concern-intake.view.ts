import type { ConcernIntakeView, StaffIntakeChannel } from '@manyi/shared';
import type { EntityManager } from 'typeorm';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { Visit } from '../visits/visit.entity.js';
import { ConcernIntake } from './concern-intake.entity.js';
import type { Concern } from './concern.entity.js';

/** Staff only: how a concern filed by staff (代录) came in — filer, visit, order, masked name, claimed — or null. */
export async function intakeViewOf(em: EntityManager, concern: Pick<Concern, 'id' | 'source'>): Promise<ConcernIntakeView | null> {
  const intake = await em.findOneBy(ConcernIntake, { concernId: concern.id });
  if (!intake) return null;
  const [staff, visit] = await Promise.all([
    em.findOne(StaffAccount, { where: { id: intake.staffId }, select: { id: true, displayName: true } }),
    intake.visitId === null ? null : em.findOne(Visit, { where: { id: intake.visitId }, select: { id: true, title: true } }),
  ]);
  return {
    channel: concern.source as StaffIntakeChannel,
    staffName: staff?.displayName ?? null,
    visitId: intake.visitId,
    visitTitle: visit?.title ?? null,
    orderNumber: intake.orderNumber,
    contactName: intake.contactNameMasked,
    claimed: intake.claimedAt !== null,
  };
}
