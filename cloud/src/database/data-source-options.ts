import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { DATA_DIR_MODE, DATA_FILE_MODE } from '../common/secrets/local-secret.js';
import type { DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** TypeORM options for the configured database. Schema changes only ever come from migrations. */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (database.kind === 'sqlite') {
    if (database.path !== ':memory:') {
      mkdirSync(dirname(database.path), { recursive: true, mode: DATA_DIR_MODE });
      // Created here, owner-only, before SQLite opens it: its -wal and -shm files take the same mode.
      closeSync(openSync(database.path, 'a', DATA_FILE_MODE));
    }
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      // WAL lets the API read while a write commits; foreign keys are off by default in SQLite.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    type: 'mariadb',
    host: database.host,
    port: database.port,
    username: database.username,
    password: database.password,
    database: database.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    // Without this mysql2 returns DATETIME as local time strings on some servers.
    dateStrings: false,
    // A database that is down or hanging fails fast (→ 503 with Retry-After) instead of queueing without end:
    // connecting gives up after 5 s, and the queue is bounded — high enough that a burst of residents
    // opening the mini-program at once waits its turn (the request deadline ends a hang), low enough
    // that memory cannot pile up behind a dead database.
    extra: { connectionLimit: 10, queueLimit: 1000, connectTimeout: 5000 },
  };
}
