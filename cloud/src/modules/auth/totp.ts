import { generateSecret, generateURI, verify } from 'otplib';
import type { StaffRole } from '@manyi/shared';

/** The roles that may turn on a second factor: the accounts that see the whole district. */
export const TOTP_ROLES: readonly StaffRole[] = ['admin', 'supervisor'];
export const TOTP_ISSUER = '满意';

export function newTotpSecret(): string {
  // 20 random bytes (160 bits), RFC 4226's recommended length, base32 for the authenticator apps.
  return generateSecret();
}

export function totpUri(username: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret });
}

/**
 * The 30-second step of a valid code, or null. One step either side is accepted for a phone's clock
 * drift; a code of a step at or before `lastStep` is refused, so a code seen over a shoulder is used once.
 */
export async function verifyTotp(secret: string, code: string, lastStep: number | null, now = new Date()): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
