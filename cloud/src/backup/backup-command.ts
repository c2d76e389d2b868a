import { parseArgs } from 'node:util';
import { loadConfig } from '../config/app-config.js';
import { backup, restore } from './backup.js';
import { BackupError } from './manifest.js';
import { configuredPhotoStorage } from './photo-store.js';

export const BACKUP_USAGE = `usage: npm run backup -- <new or empty folder>
       npm run restore -- <backup folder> [--force]
(node cloud/dist/backup/cli.js backup|restore …); the settings are the service's own environment`;

/**
 * `backup <folder>` or `restore <folder> [--force]` with the service's settings (DATABASE_URL or the
 * SQLite file in the data folder, the photo store, the keys in the data folder): one line per step to
 * `write`; a refusal or failure is thrown (BackupError, ConfigError) for the caller to print as one line.
 */
export async function runBackupCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  write: (text: string) => unknown = (text) => process.stdout.write(text),
): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  } catch (error) {
    throw new BackupError(`${(error as Error).message}\n${BACKUP_USAGE}`);
  }
  const [command, folder, ...rest] = parsed.positionals;
  if ((command !== 'backup' && command !== 'restore') || !folder || rest.length > 0 || (command === 'backup' && parsed.values.force))
    throw new BackupError(`expected "backup <folder>" or "restore <folder> [--force]"\n${BACKUP_USAGE}`);
  const config = loadConfig(env);
  const { storage, name } = configuredPhotoStorage(config);
  const log = (line: string) => write(`manyi ${command}: ${line}\n`);
  try {
    if (command === 'backup') await backup(config, folder, { storage, storeName: name, log });
    else await restore(config, folder, { storage, storeName: name, log, force: parsed.values.force });
  } finally {
    await storage.close();
  }
}
