import { MOBILE_PATTERN } from '../directory/directory.js';

/**
 * A mainland mobile number as staff type it or WeChat hands it over — full-width digits, spaces, dashes,
 * dots or brackets between groups, a +86 / 0086 / 86 in front — reduced to its 11 digits, or null when
 * what is left is not a mobile number. One normal form, so the number a dispatcher typed for a resident
 * and the one WeChat verified for them compare equal (代录诉求 claimed by phone).
 */
export function normaliseMobile(raw: string): string | null {
  let digits = digitsOf(raw);
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return MOBILE_PATTERN.test(digits) ? digits : null;
}

/**
 * A landline (座机) — what many elderly residents give when they phone the street — as `021-64871234`:
 * an area code (010, 02x, or 0 and three digits) and 7 or 8 digits, or 8 digits alone, which in Xuhui
 * are a Shanghai number (021). Null when it is not one.
 */
export function normaliseLandline(raw: string): string | null {
  const digits = digitsOf(raw);
  if (/^[2-9]\d{7}$/.test(digits)) return `021-${digits}`;
  const parts = /^(0(?:10|2\d|[3-9]\d{2}))([2-9]\d{6,7})$/.exec(digits);
  return parts ? `${parts[1]}-${parts[2]}` : null;
}

/** A number to call the resident back on: a mobile (11 digits) or a landline (`021-64871234`), or null. */
export function normaliseContactNumber(raw: string): string | null {
  return normaliseMobile(raw) ?? normaliseLandline(raw);
}

/** Whether a normalised contact number is a mobile: only those can be claimed with WeChat's phone-number button. */
export function isMobileNumber(phone: string): boolean {
  return MOBILE_PATTERN.test(phone);
}

/** Full-width digits folded, and the spaces, dashes, dots and brackets people write between groups dropped. */
function digitsOf(raw: string): string {
  const folded = raw.replace(/[\uff10-\uff19\uff0b]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return folded.trim().replace(/[\s\u3000\-\u2010-\u2015.·()（）]/g, '');
}
