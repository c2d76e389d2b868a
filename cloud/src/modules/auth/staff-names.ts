import type { EntityManager } from 'typeorm';
import { readRaw } from '../../database/plain-rows.js';

/** The display names of staff accounts by id, as timelines and follow-up records show who wrote them. */
export async function staffNames(em: EntityManager, ids: Iterable<number | null>): Promise<Map<number, string>> {
  const wanted = [...new Set([...ids].filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await readRaw<{ id: number; display_name: string }>(
    em,
    'SELECT s.id AS id, s.display_name AS display_name FROM staff_account s WHERE s.id IN (:...ids)',
    { ids: wanted },
  );
  return new Map(rows.map((r) => [Number(r.id), r.display_name]));
}
