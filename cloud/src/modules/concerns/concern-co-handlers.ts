import {
  coHandlerActionsFor,
  coHandlerSignDueAt,
  isOutstandingCoHandler,
  type CoHandlerView,
  type ConcernStatus,
  type DeadlineRules,
} from '@manyi/shared';
import { In, type EntityManager } from 'typeorm';
import type { StaffActor } from '../../common/actor.js';
import { entityRows, readRaw } from '../../database/plain-rows.js';
import { ConcernCoHandler } from './concern-co-handler.entity.js';

/** A concern's co-handling departments (协办), in the order they were first asked. */
export function coHandlersOf(em: EntityManager, concernId: number): Promise<ConcernCoHandler[]> {
  // Plain SQL: the staff detail reads it on every open (plain-rows.ts).
  const rows = entityRows(em, ConcernCoHandler);
  return rows.read(`SELECT ${rows.columns('h')} FROM concern_co_handler h WHERE h.concern_id = :concernId ORDER BY h.id ASC`, {
    concernId,
  });
}

/** The ids of the departments co-handling each concern now (a released one no longer does). */
export async function coHandlerIdsOf(em: EntityManager, concernIds: readonly number[]): Promise<Map<number, number[]>> {
  const byConcern = new Map<number, number[]>(concernIds.map((id) => [id, []]));
  if (concernIds.length === 0) return byConcern;
  const rows = await readRaw<{ concern_id: number; department_id: number }>(
    em,
    `SELECT h.concern_id AS concern_id, h.department_id AS department_id FROM concern_co_handler h
     WHERE h.concern_id IN (:...concernIds) AND h.status <> 'released' ORDER BY h.id ASC`,
    { concernIds: [...concernIds] },
  );
  for (const row of rows) byConcern.get(Number(row.concern_id))?.push(Number(row.department_id));
  return byConcern;
}

/**
 * A dispatch (派单 or 改派) names the co-handlers: a department named again keeps its row as it is (what
 * it signed and wrote stays); one newly named — or named again after it declined, was waived or
 * released — is asked now, with a fresh sign-for deadline; one no longer named is released (已解除),
 * its part, if it gave one, kept. Answers who was asked now and who was released.
 */
export async function coHandlersAtDispatch(
  em: EntityManager,
  concernId: number,
  departmentIds: readonly number[],
  now: Date,
  rules: DeadlineRules,
): Promise<{ asked: number[]; released: number[] }> {
  const rows = await coHandlersOf(em, concernId);
  const byDepartment = new Map(rows.map((r) => [r.departmentId, r]));
  const asked: number[] = [];
  const released: number[] = [];
  const fresh = {
    status: 'pending' as const,
    askedAt: now,
    signDueAt: coHandlerSignDueAt(now, rules),
    signedAt: null,
    signWarnedAt: null,
    signChasedAt: null,
    submittedAt: null,
    partText: null,
    partVisibility: null,
    partPhotoIds: [],
    declinedAt: null,
    declineReason: null,
    waivedAt: null,
    waiveReason: null,
  };
  for (const departmentId of departmentIds) {
    const row = byDepartment.get(departmentId);
    if (!row) {
      await em.insert(ConcernCoHandler, { concernId, departmentId, ...fresh });
      asked.push(departmentId);
    } else if (row.status === 'declined' || row.status === 'waived' || row.status === 'released') {
      await em.update(ConcernCoHandler, { id: row.id }, fresh);
      asked.push(departmentId);
    }
  }
  for (const row of rows) {
    if (departmentIds.includes(row.departmentId) || row.status === 'released' || row.status === 'submitted') continue;
    await em.update(ConcernCoHandler, { id: row.id }, { status: 'released' });
    released.push(row.departmentId);
  }
  return { asked, released };
}

/** A return (退单) ends the dispatch and its co-handling: those who have not given their part are released. */
export async function releaseOutstandingCoHandlers(em: EntityManager, concernId: number): Promise<number[]> {
  const rows = await coHandlersOf(em, concernId);
  const released = rows.filter((r) => isOutstandingCoHandler(r.status));
  if (released.length) await em.update(ConcernCoHandler, { id: In(released.map((r) => r.id)) }, { status: 'released' });
  return released.map((r) => r.departmentId);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The workbench's view of a concern's co-handlers (released ones left out), with what `reader` may do on each. */
export function mapCoHandlers(rows: readonly ConcernCoHandler[], concernStatus: ConcernStatus, reader: StaffActor): CoHandlerView[] {
  return rows
    .filter((r) => r.status !== 'released')
    .map((r) => ({
      departmentId: r.departmentId,
      status: r.status,
      askedAt: r.askedAt.toISOString(),
      signDueAt: r.signDueAt.toISOString(),
      signedAt: iso(r.signedAt),
      submittedAt: iso(r.submittedAt),
      partText: r.partText,
      partVisibility: r.partVisibility,
      partPhotoIds: r.partPhotoIds,
      declinedAt: iso(r.declinedAt),
      declineReason: r.declineReason,
      waivedAt: iso(r.waivedAt),
      waiveReason: r.waiveReason,
      actions: coHandlerActionsFor(reader.role, reader.departmentId === r.departmentId, concernStatus, r.status),
    }));
}
