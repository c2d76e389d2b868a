import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyRule } from '../../config/app-config.js';

/** The data folder holds the embedded database, photos and keys: its owner alone reads it. */
export const DATA_DIR_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;

/**
 * A secret configured in the environment, or else one generated once and kept in the data folder
 * (mode 0600) so that it survives restarts of a single instance. A key file that does not hold a valid
 * key (empty, cut short, edited by hand) stops the service: an empty HMAC key would make every session
 * token forgeable, and a new key would make what the old one encrypted unreadable.
 */
export function configuredOrLocalSecret(configured: string | null, dataDir: string, fileName: string, rule: KeyRule): string {
  if (configured) return configured;
  const path = join(dataDir, fileName);
  const checked = (secret: string) => {
    if (!rule.valid(secret))
      throw new Error(`${path} does not hold a valid key (${rule.message}): restore it from a backup, or set the key in the environment`);
    return secret;
  };
  try {
    return checked(readFileSync(path, 'utf8').trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  const secret = randomBytes(32).toString('base64');
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    writeFileSync(path, secret + '\n', { mode: DATA_FILE_MODE, flag: 'wx' });
    return secret;
  } catch {
    return checked(readFileSync(path, 'utf8').trim());
  }
}
