import type { EntityManager } from 'typeorm';
import { readRaw } from '../../database/plain-rows.js';

/** Those of `ids` that WeChat's image check hid (risky): staff still see them, nobody else does. */
export async function hiddenPhotoIds(manager: EntityManager, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  // Plain SQL: both concern details ask this on every read (plain-rows.ts).
  const rows = await readRaw<{ id: number }>(manager, 'SELECT p.id AS id FROM photo p WHERE p.id IN (:...ids) AND p.hidden = 1', {
    ids: [...ids],
  });
  return rows.map((p) => Number(p.id));
}
