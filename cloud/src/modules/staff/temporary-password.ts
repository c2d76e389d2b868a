import { randomInt } from 'node:crypto';
import { TEMPORARY_PASSWORD_LENGTH } from '@manyi/shared';

// Letters and digits a person can read aloud without confusion: no 0/O, 1/l/I.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALL = LOWER + UPPER + DIGITS;

/**
 * A temporary password from the operating system's CSPRNG: 14 characters (about 80 bits) with at least
 * one lower-case letter, one capital and one digit, so it meets 等保二级's complexity rule as issued.
 */
export function temporaryPassword(length = TEMPORARY_PASSWORD_LENGTH): string {
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)]!;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), ...Array.from({ length: length - 3 }, () => pick(ALL))];
  // Fisher–Yates, so the guaranteed classes are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
