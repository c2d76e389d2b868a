import type { ConcernIntakeView, StaffIntakeChannel } from '@manyi/shared';
import type { EntityManager } from 'typeorm';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { ConcernIntake } from './concern-intake.entity.js';
import type { Concern } from './concern.entity.js';

/** Staff only: how a concern filed by staff (代录) came in — filer, visit, order, masked name, claimed — or null. */
export async function intakeViewOf(em: EntityManager, concern: Pick<Concern, 'id' | 'source'>): Promise<ConcernIntakeView | null> {
  // The visit through the intake's relation: visits sit above concerns.
  const intake = await em.findOne(ConcernIntake, { where: { concernId: concern.id }, relations: { visit: true } });
  if (!intake) return null;
  const staff = await em.findOne(StaffAccount, { where: { id: intake.staffId }, select: { id: true, displayName: true } });
  const visit = intake.visit ?? null;
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
