import { ConfigError, loadConfig } from './config/app-config.js';
import { createApp } from './create-app.js';
import { DemoPasswordInUseError } from './demo/demo.seeder.js';

/**
 * `npm start`: validate the environment, migrate, seed demo content when demo mode is on, serve.
 * A bad setting or an unreachable database stops start-up with one clear line, not a stack trace.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${config.port}`;
  const lines = [
    `Manyi is running on ${config.database.kind === 'sqlite' ? `SQLite (${config.database.path})` : `MySQL/MariaDB (${config.database.host}:${config.database.port}/${config.database.database})`}${config.demo ? ' with demo data' : ''}`,
    `  API          ${base}/api/v1/health`,
    `  API docs     ${base}/api/docs`,
    `  mini-program ${base}/h5/`,
    `  admin page   ${base}/admin/`,
  ];
  if (config.demo)
    lines.push(`  demo staff   admin, supervisor, dispatcher.xietu, editor.xietu, handler.xietu-guanli … (password: see README)`);
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`manyi: cannot start: ${startupMessage(error)}\n`);
  process.exit(1);
});

function startupMessage(error: unknown): string {
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
