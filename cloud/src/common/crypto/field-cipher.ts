import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import { DATA_KEY_RULE, type AppConfig } from '../../config/app-config.js';
import { configuredOrLocalSecret } from '../secrets/local-secret.js';

/**
 * Encrypts personal fields at rest (the phone number) with AES-256-GCM. The stored form is
 * `v1:<iv>:<tag>:<ciphertext>` in base64, so a later key rotation can tell versions apart.
 */
@Injectable()
export class FieldCipher {
  private readonly key: Buffer;
  /** A key of its own for lookup hashes, derived from the data key: the encryption key is never used twice. */
  private readonly lookupKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = Buffer.from(configuredOrLocalSecret(config.dataKey, config.dataDir, 'data-key', DATA_KEY_RULE), 'base64');
    this.lookupKey = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), 'manyi lookup hash v1', 32));
  }

  /**
   * A keyed hash (HMAC-SHA256, hex) of a personal value in its normal form, to find rows by it without
   * storing it readable: the same value always gives the same hash, and without the data key the hash
   * cannot be recomputed from a guessed value (a plain hash of a phone number could be, in minutes).
   * `purpose` keeps hashes of different kinds apart.
   */
  lookupHash(purpose: 'phone', normalised: string): string {
    return createHmac('sha256', this.lookupKey).update(`${purpose}:${normalised}`).digest('hex');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  decrypt(stored: string): string {
    const [version, iv, tag, data] = stored.split(':');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown cipher text format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }
}

/** 138****1234: what staff screens show (GB/T 35273 display limits). */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 张*, 欧阳**: a name as staff screens show it — its first character, the rest starred. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 10))}`;
}
