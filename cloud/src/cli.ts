import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { createApp } from './create-app.js';
import { createStaffSchema } from '@manyi/shared';
import { applyMigrations, pendingMigrations, withDataSource } from './database/migrate.js';
import { AuditService } from './modules/audit/audit.service.js';
import { LoginThrottleService } from './modules/auth/login-throttle.service.js';
import { PasswordHasher } from './modules/auth/password-hasher.js';
import { StaffAdminService } from './modules/staff/staff-admin.service.js';
import { DemoPasswordInUseError } from './demo/demo.seeder.js';
import { startWorker } from './worker.js';
import { assertRedisReachable } from './common/redis/redis-reachable.js';

/**
 * What `manyi` (node cloud/dist/main.js) does:
 *
 * - `manyi` (or `manyi serve`): start in the role MANYI_ROLE names — `all` (the default) migrates and
 *   serves everything, `api` serves HTTP, `worker` runs the jobs and answers only the health probes;
 * - `manyi migrate`: apply the pending migrations and exit;
 * - `manyi create-admin <username> [display name]`: the first admin account of a deployment (demo mode
 *   seeds its own), with a temporary password printed once that must be changed at the first sign-in.
 *
 * Lines for the operator go to `write`; a failure is thrown, and main.ts prints it as one line.
 */
export async function runCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  write: (text: string) => unknown = (text) => process.stdout.write(text),
): Promise<void> {
  const [command = 'serve', ...rest] = args;
  const known = (command === 'serve' || command === 'migrate') && rest.length === 0;
  if (!known && !(command === 'create-admin' && rest.length >= 1 && rest.length <= 2))
    throw new ConfigError(
      `unknown command "${args.join(' ')}": expected \`manyi\` (serve, in the role MANYI_ROLE names), \`manyi migrate\` ` +
        `or \`manyi create-admin <username> [display name]\``,
    );
  const config = loadConfig(env);
  if (command === 'migrate') return migrate(config, write);
  if (command === 'create-admin') return createAdmin(config, rest[0]!, rest[1], write);
  if (config.redisUrl) await assertRedisReachable(config.redisUrl);
  if (config.role === 'worker') {
    const worker = await startWorker(config);
    write(
      [
        `Manyi worker is running on ${databaseLabel(config)}: deadline sweep, reminders, notification delivery and photos through Redis`,
        `  health       http://localhost:${worker.port}/api/v1/health/ready (and /live; nothing else answers)`,
      ].join('\n') + '\n',
    );
    return;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${config.port}`;
  const lines = [
    `Manyi${config.role === 'api' ? ' api (no jobs: a worker runs them)' : ''} is running on ${databaseLabel(config)}${config.demo ? ' with demo data' : ''}`,
    `  API          ${base}/api/v1/health`,
    `  API docs     ${base}/api/docs`,
    `  mini-program ${base}/h5/`,
    `  admin page   ${base}/admin/`,
  ];
  if (config.demo)
    lines.push(`  demo staff   admin, supervisor, dispatcher.xietu, editor.xietu, handler.xietu-guanli … (password: see README)`);
  write(lines.join('\n') + '\n');
}

async function migrate(config: AppConfig, write: (text: string) => unknown): Promise<void> {
  const applied = await withDataSource(config.database, applyMigrations);
  write(
    applied.length === 0
      ? `no migrations pending on ${databaseLabel(config)}\n`
      : `applied ${applied.length} migration${applied.length === 1 ? '' : 's'} on ${databaseLabel(config)}:\n${applied.map((name) => `  ${name}\n`).join('')}`,
  );
}

/**
 * The first admin of a deployment, through the same StaffAdminService (and so the same rules, password
 * generator and audit record, by `system`) as the admin page's 新建账号. On a schema that is not
 * migrated yet it refuses: the account table may not exist, or not be the one this build writes.
 */
async function createAdmin(
  config: AppConfig,
  username: string,
  displayName: string | undefined,
  write: (text: string) => unknown,
): Promise<void> {
  const input = createStaffSchema.safeParse({ username, displayName: displayName ?? '系统管理员', role: 'admin' });
  if (!input.success) throw new ConfigError(`create-admin: ${input.error.issues.map((issue) => issue.message).join('；')}`);
  const created = await withDataSource(config.database, async (dataSource) => {
    const pending = await pendingMigrations(dataSource);
    if (pending.length > 0) throw new ConfigError(`${pending.length} database migrations are pending: run \`manyi migrate\` first`);
    const staff = new StaffAdminService(dataSource, new PasswordHasher(), new AuditService(), new LoginThrottleService(dataSource));
    return staff.create('system', input.data);
  });
  write(
    `created the admin account ${created.account.username} on ${databaseLabel(config)}\n` +
      `  temporary password: ${created.temporaryPassword}\n` +
      `  (shown once; it must be changed at the first sign-in at /admin/)\n`,
  );
}

function databaseLabel(config: AppConfig): string {
  const db = config.database;
  return db.kind === 'sqlite' ? `SQLite (${db.path})` : `MySQL/MariaDB (${db.host}:${db.port}/${db.database})`;
}

/** The one line for a failed start or migration: what went wrong and what to do, never a stack trace. */
export function failureMessage(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DemoPasswordInUseError) return error.message;
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    if (code === 'ECONNREFUSED') return `the database refused the connection (${error.message}); is it running, and is DATABASE_URL right?`;
    if (code === 'ER_ACCESS_DENIED_ERROR') return `the database refused the user or password in DATABASE_URL`;
    if (code === 'ER_BAD_DB_ERROR') return `the database named in DATABASE_URL does not exist (${error.message})`;
    if (code === 'EADDRINUSE') return `port already in use (${error.message}); set PORT to another one`;
    if (code === 'ENOTFOUND') return `the database host in DATABASE_URL cannot be found (${error.message})`;
    return error.message.split('\n')[0] ?? String(error);
  }
  return String(error);
}
