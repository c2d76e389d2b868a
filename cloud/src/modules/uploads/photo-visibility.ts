import { In, type EntityManager } from 'typeorm';
import { Photo } from './photo.entity.js';

/** Those of `ids` that WeChat's image check hid (risky): staff still see them, nobody else does. */
export async function hiddenPhotoIds(manager: EntityManager, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await manager.getRepository(Photo).find({ where: { id: In([...ids]), hidden: true }, select: { id: true } });
  return rows.map((p) => p.id);
}
