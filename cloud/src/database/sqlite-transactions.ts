import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';
import { EntityPersistExecutor } from 'typeorm/persistence/EntityPersistExecutor.js';

/**
 * TypeORM's better-sqlite3 driver hands every caller the same query runner on its one connection, so
 * work of two requests interleaves on it: a transaction running while another one is open nests as a
 * savepoint of it, and a plain write lands inside it — a rollback of one could undo the other's
 * acknowledged write. On SQLite this makes them take turns: a transaction (`dataSource.transaction`)
 * or a `save()`/`remove()` (which opens its own) holds the connection until it ends, and a lone query
 * from elsewhere waits for that; calls from inside the holder's own async flow go straight through.
 * MariaDB has a pool and real isolation and is left alone.
 */
type Serialized = <T>(work: () => Promise<T>) => Promise<T>;

const serializedBy = new WeakMap<DataSource, Serialized>();

export function serializeSqliteTransactions(dataSource: DataSource): DataSource {
  if (dataSource.options.type !== 'better-sqlite3' || serializedBy.has(dataSource)) return dataSource;
  const flow = new AsyncLocalStorage<symbol>();
  let owner: symbol | null = null;
  let tail: Promise<void> = Promise.resolve();
  const ownsConnection = () => owner !== null && flow.getStore() === owner;

  const serialized: Serialized = async (work) => {
    if (ownsConnection()) return work();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = tail;
    tail = previous.then(() => held);
    await previous;
    const token = Symbol('sqlite-turn');
    owner = token;
    try {
      return await flow.run(token, work);
    } finally {
      owner = null;
      release();
    }
  };
  serializedBy.set(dataSource, serialized);

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as { transaction: unknown }).transaction = (...args: unknown[]) => serialized(() => transaction(...args));

  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  (runner as { query: unknown }).query = (...args: unknown[]) => serialized(() => query(...args));
  return dataSource;
}

// save(), remove() … run through EntityPersistExecutor, which opens its own transaction on the shared runner.
const execute = EntityPersistExecutor.prototype.execute;
EntityPersistExecutor.prototype.execute = function (this: EntityPersistExecutor & { dataSource: DataSource }) {
  const serialized = serializedBy.get(this.dataSource);
  return serialized ? serialized(() => execute.call(this)) : execute.call(this);
};
