import type { ConcernIntakeView, StaffIntakeChannel } from '@manyi/shared';
import type { EntityManager } from 'typeorm';
import { readRaw } from '../../database/plain-rows.js';
import type { Concern } from './concern.entity.js';

/** Staff only: how a concern filed by staff (代录) came in — filer, visit, order, masked name, claimed — or null. */
export async function intakeViewOf(em: EntityManager, concern: Pick<Concern, 'id' | 'source'>): Promise<ConcernIntakeView | null> {
  // One plain query with the filer's name and the visit's title: the staff detail asks it on every open (plain-rows.ts).
  const [intake] = await readRaw<{
    staff_name: string | null;
    visit_id: number | null;
    visit_title: string | null;
    order_number: string | null;
    contact_name_masked: string | null;
    claimed_at: unknown;
  }>(
    em,
    `SELECT s.display_name AS staff_name, i.visit_id AS visit_id, v.title AS visit_title, i.order_number AS order_number,
            i.contact_name_masked AS contact_name_masked, i.claimed_at AS claimed_at
     FROM concern_intake i
     LEFT JOIN staff_account s ON s.id = i.staff_id
     LEFT JOIN visit v ON v.id = i.visit_id
     WHERE i.concern_id = :concernId`,
    { concernId: concern.id },
  );
  if (!intake) return null;
  return {
    channel: concern.source as StaffIntakeChannel,
    staffName: intake.staff_name ?? null,
    visitId: intake.visit_id === null ? null : Number(intake.visit_id),
    visitTitle: intake.visit_title ?? null,
    orderNumber: intake.order_number ?? null,
    contactName: intake.contact_name_masked ?? null,
    claimed: intake.claimed_at !== null,
  };
}
