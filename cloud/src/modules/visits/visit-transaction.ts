import type { DataSource, EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { Visit } from './visit.entity.js';

/**
 * TypeORM's better-sqlite3 driver runs every transaction on its one connection, so two concurrent
 * `transaction()` calls nest as savepoints of each other and see each other's half-done work. On
 * SQLite the visits' transactions therefore run one after another (one process owns an SQLite file);
 * on MariaDB they run side by side and `lockVisit` serialises those that touch the same visit.
 * Never call it from inside `work`: on SQLite the inner call would wait for the outer one for ever.
 */
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

export function visitTransaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(() => dataSource.transaction(work));
  sqliteQueues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

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
