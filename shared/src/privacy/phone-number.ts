import { MOBILE_PATTERN } from '../directory/directory.js';

/**
 * A mainland mobile number as staff type it or WeChat hands it over — full-width digits, spaces, dashes,
 * dots or brackets between groups, a +86 / 0086 / 86 in front — reduced to its 11 digits, or null when
 * what is left is not a mobile number. One normal form, so the number a dispatcher typed for a resident
 * and the one WeChat verified for them compare equal (代录诉求 claimed by phone).
 */
export function normaliseMobile(raw: string): string | null {
  const folded = raw.replace(/[\uff10-\uff19\uff0b]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  let digits = folded.trim().replace(/[\s\u3000\-\u2010-\u2015.·()（）]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return MOBILE_PATTERN.test(digits) ? digits : null;
}
