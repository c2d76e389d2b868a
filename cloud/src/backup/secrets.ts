import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_DIR_MODE, DATA_FILE_MODE } from '../common/secrets/local-secret.js';
import type { AppConfig } from '../config/app-config.js';
import { BackupError, type BackupManifest, type BackupSecret } from './manifest.js';

export const SECRETS_FOLDER = 'secrets';

/** The keys the data needs: phone numbers are encrypted with the data key; sessions are signed with the token secret. */
export const SECRETS = [
  { id: 'dataKey', file: 'data-key', variable: 'MANYI_DATA_KEY', configured: (c: AppConfig) => c.dataKey },
  { id: 'tokenSecret', file: 'token-secret', variable: 'MANYI_TOKEN_SECRET', configured: (c: AppConfig) => c.tokenSecret },
] as const;

export type SecretId = (typeof SECRETS)[number]['id'];

/** Names a key without revealing anything about it (the key itself is 32 random bytes). */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(`manyi-key-fingerprint\n${secret.trim()}`).digest('hex').slice(0, 16);
}

/**
 * Copies the keys kept in the data folder into `<backup>/secrets/` (mode 0600); for a key set in the
 * environment only its fingerprint is kept, and the operator's secret store is its backup.
 */
export async function backupSecrets(config: AppConfig, folder: string): Promise<BackupManifest['secrets']> {
  const result = {} as Record<SecretId, BackupSecret>;
  for (const secret of SECRETS) {
    const configured = secret.configured(config);
    if (configured) {
      result[secret.id] = { source: 'environment', fingerprint: fingerprint(configured) };
      continue;
    }
    const value = await readKeyFile(join(config.dataDir, secret.file));
    if (value === null) {
      result[secret.id] = { source: 'none' };
      continue;
    }
    await mkdir(join(folder, SECRETS_FOLDER), { recursive: true, mode: DATA_DIR_MODE });
    await writeFile(join(folder, SECRETS_FOLDER, secret.file), value + '\n', { mode: DATA_FILE_MODE });
    result[secret.id] = { source: 'file', file: `${SECRETS_FOLDER}/${secret.file}`, fingerprint: fingerprint(value) };
  }
  return result;
}

export interface SecretPlan {
  /** Key files to write into the data folder. */
  writes: Array<{ path: string; value: string }>;
  /** Differences that --force may override, each a sentence. */
  conflicts: string[];
  /** Things the operator should know, each a sentence. */
  notes: string[];
}

/**
 * What restoring the keys means for this configuration, checked before anything changes: a key file in
 * the backup goes back into the data folder unless the environment sets that key; a key the environment
 * sets must be the one the backup's data was made with, or phone numbers could not be decrypted.
 */
export async function planSecrets(config: AppConfig, manifest: BackupManifest, folder: string): Promise<SecretPlan> {
  const plan: SecretPlan = { writes: [], conflicts: [], notes: [] };
  for (const secret of SECRETS) {
    const saved = manifest.secrets[secret.id];
    const configured = secret.configured(config);
    const target = join(config.dataDir, secret.file);
    const consequence = secret.id === 'dataKey' ? 'phone numbers in the backup could not be decrypted' : 'every session would end';
    let wanted: string | null = null;
    if (saved.source === 'file') {
      wanted = await readKeyFile(join(folder, saved.file ?? ''));
      if (wanted === null || fingerprint(wanted) !== saved.fingerprint)
        throw new BackupError(`the backup is damaged: ${saved.file ?? secret.file} is missing or does not match its fingerprint`);
    }
    if (configured) {
      if (saved.source !== 'none' && fingerprint(configured) !== saved.fingerprint) {
        const message = `${secret.variable} is not the key the backup was made with: ${consequence}`;
        if (secret.id === 'dataKey') plan.conflicts.push(message);
        else plan.notes.push(message);
      }
      continue;
    }
    if (saved.source === 'environment') {
      const message = `the backup was made with ${secret.variable} set in the environment: set the same key before starting the service, or ${consequence}`;
      if (secret.id === 'dataKey') plan.conflicts.push(message);
      else plan.notes.push(message);
      continue;
    }
    if (wanted === null) continue;
    const present = await readKeyFile(target);
    if (present !== null && present !== wanted)
      plan.conflicts.push(`${target} holds another key than the backup's (restoring replaces it; the data made with it would be lost)`);
    if (present !== wanted) plan.writes.push({ path: target, value: wanted });
  }
  return plan;
}

export async function writeSecrets(config: AppConfig, plan: SecretPlan): Promise<void> {
  if (plan.writes.length === 0) return;
  await mkdir(config.dataDir, { recursive: true, mode: DATA_DIR_MODE });
  for (const { path, value } of plan.writes) {
    const staged = `${path}.restoring`;
    await writeFile(staged, value + '\n', { mode: DATA_FILE_MODE });
    await rename(staged, path);
  }
}

async function readKeyFile(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
