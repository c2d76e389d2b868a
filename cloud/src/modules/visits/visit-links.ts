import type { LinkedConcernView } from '@manyi/shared';
import { In, type EntityManager } from 'typeorm';
import { Concern } from '../concerns/concern.entity.js';

/** A merge chain longer than this is a data error; the status shown stops there. */
const MAX_MERGE_HOPS = 5;

/**
 * The live status of the concerns a visit page links to (questions filed as concerns, the issues
 * raised). A merged concern shows the status of the concern it was merged into — that is the one the
 * resident follows. Nothing about who reported it or what they wrote leaves this function, and a
 * confidential concern shows its status only.
 */
export async function loadLinkedConcerns(em: EntityManager, ids: readonly number[]): Promise<Map<number, LinkedConcernView>> {
  const links = new Map<number, LinkedConcernView>();
  if (ids.length === 0) return links;
  const select = { id: true, code: true, status: true, confidential: true, mergedIntoId: true } as const;
  const known = new Map<number, Concern>();
  let wanted = [...new Set(ids)];
  for (let hop = 0; hop <= MAX_MERGE_HOPS && wanted.length > 0; hop++) {
    for (const row of await em.find(Concern, { where: { id: In(wanted) }, select })) known.set(row.id, row);
    wanted = [...known.values()]
      .map((c) => (c.status === 'merged' ? c.mergedIntoId : null))
      .filter((id): id is number => id !== null && !known.has(id));
  }
  for (const id of new Set(ids)) {
    const concern = known.get(id);
    if (!concern) continue;
    let current = concern;
    for (let hop = 0; hop < MAX_MERGE_HOPS && current.status === 'merged' && current.mergedIntoId !== null; hop++) {
      const master = known.get(current.mergedIntoId);
      if (!master) break;
      current = master;
    }
    links.set(id, { id, code: concern.confidential ? null : concern.code, status: current.status });
  }
  return links;
}
