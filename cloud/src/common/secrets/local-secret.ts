import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A secret configured in the environment, or else one generated once and kept in the data folder
 * (mode 0600) so that it survives restarts of a single instance.
 */
export function configuredOrLocalSecret(configured: string | null, dataDir: string, fileName: string): string {
  if (configured) return configured;
  const path = join(dataDir, fileName);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64');
    // 'wx' fails if another process created it meanwhile; then read theirs.
    try {
      writeFileSync(path, secret + '\n', { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return readFileSync(path, 'utf8').trim();
    }
  }
}
