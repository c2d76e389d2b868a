import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_KEY_RULE, TOKEN_SECRET_RULE } from '../../config/app-config.js';
import { configuredOrLocalSecret } from './local-secret.js';

describe(configuredOrLocalSecret.name, () => {
  let root: string;
  let dataDir: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'manyi-secret-'));
    dataDir = join(root, 'data');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('makes a key once, in an owner-only file of an owner-only folder, and reads the same one back', () => {
    const sut = configuredOrLocalSecret(null, dataDir, 'token-secret', TOKEN_SECRET_RULE);

    expect(TOKEN_SECRET_RULE.valid(sut) && DATA_KEY_RULE.valid(sut)).toBe(true);
    expect(configuredOrLocalSecret(null, dataDir, 'token-secret', TOKEN_SECRET_RULE)).toBe(sut);
    expect(statSync(join(dataDir, 'token-secret')).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it.each([
    ['token-secret', TOKEN_SECRET_RULE, ''],
    ['token-secret', TOKEN_SECRET_RULE, 'short'],
    ['data-key', DATA_KEY_RULE, ''],
    ['data-key', DATA_KEY_RULE, Buffer.alloc(16, 1).toString('base64')],
  ])('refuses a %s file holding %j rather than signing or encrypting with it', (file, rule, content) => {
    configuredOrLocalSecret(null, dataDir, 'other', TOKEN_SECRET_RULE); // makes the folder
    writeFileSync(join(dataDir, file), content);

    expect(() => configuredOrLocalSecret(null, dataDir, file, rule)).toThrow(/does not hold a valid key/);
    expect(readFileSync(join(dataDir, file), 'utf8')).toBe(content); // and leaves it for the operator to restore
  });

  it('takes the configured key without touching the data folder', () => {
    expect(configuredOrLocalSecret('x'.repeat(40), dataDir, 'token-secret', TOKEN_SECRET_RULE)).toBe('x'.repeat(40));
    expect(() => statSync(dataDir)).toThrow();
  });
});
