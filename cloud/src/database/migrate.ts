import { DataSource, MigrationExecutor } from 'typeorm';
import { ConfigError, type AppRole, type DatabaseConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

/**
 * Migrations outside `npm start`. In the api and worker roles several instances start at once, and
 * instances that migrated at start would race each other; `manyi migrate` (one Job, one container)
 * applies them once before the instances roll, and those refuse to start while any is pending.
 */

/** Opens a connection of its own to `database` for `work`, closed afterwards whatever happens. */
export async function withDataSource<T>(database: DatabaseConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await new DataSource(dataSourceOptions(database)).initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Applies the pending migrations, each in its own transaction; answers their names in order (none:
 * nothing was pending). On MySQL/MariaDB a named lock serialises two `manyi migrate` started at once
 * (a Job retried while the first still runs, a 云托管 version started twice): the second waits, then
 * finds nothing pending. SQLite is one file on one machine, locked by SQLite itself.
 */
export async function applyMigrations(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type === 'better-sqlite3') return run(dataSource);
  const runner = dataSource.createQueryRunner();
  const lock = `manyi_migrate:${String(dataSource.options.database)}`.slice(0, 64);
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [lock, MIGRATE_LOCK_WAIT_SECONDS])) as Array<{ got: number | null }>;
    if (Number(row?.got) !== 1)
      throw new ConfigError(
        `another \`manyi migrate\` has held the migration lock for ${MIGRATE_LOCK_WAIT_SECONDS} s; is one still running?`,
      );
    try {
      return await run(dataSource);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await runner.release();
  }
}

/** How long a second `manyi migrate` waits for the first: longer than any migration's backfill at district scale. */
const MIGRATE_LOCK_WAIT_SECONDS = 600;

async function run(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** The names of the migrations this build has and the database has not run. Reads only; creates nothing. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  return pending.map((migration) => migration.name);
}

/** For the roles that never migrate at start: one line telling the operator to run `manyi migrate` first. */
export async function assertMigrated(dataSource: DataSource, role: Exclude<AppRole, 'all'>): Promise<void> {
  const pending = await pendingMigrations(dataSource);
  if (pending.length === 0) return;
  throw new ConfigError(
    `${pending.length} database migration${pending.length === 1 ? ' is' : 's are'} pending (${pending[0]}${pending.length > 1 ? ' …' : ''}): ` +
      `run \`manyi migrate\` first — MANYI_ROLE=${role} never migrates at start`,
  );
}
