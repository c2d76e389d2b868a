import type { EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { Visit } from './visit.entity.js';

/**
 * Takes the visit's row lock for the rest of the transaction: an UPDATE (bumping `signup_seq`) is a
 * locking write on MariaDB and on SQLite alike, where a SELECT … FOR UPDATE exists only on one.
 * It must be the transaction's first statement, so that everything read after it is read under the lock
 * (MariaDB's snapshot starts at the first plain read). Returns the new sequence number.
 */
export async function lockVisit(em: EntityManager, visitId: number): Promise<number> {
  const result = await em
    .createQueryBuilder()
    .update(Visit)
    .set({ signupSeq: () => 'signup_seq + 1' })
    .where('id = :id', { id: visitId })
    .execute();
  if (!result.affected) throw new AppException('VISIT_NOT_FOUND');
  const { signupSeq } = await em.findOneOrFail(Visit, { where: { id: visitId }, select: { id: true, signupSeq: true } });
  return signupSeq;
}
