import { z } from 'zod';

// Messages a resident may read are Chinese: where a schema names no message of its own, zod's
// Simplified Chinese locale speaks (every schema of Manyi imports this module).
z.config(z.locales.zhCN());

/** Length in Unicode code points: what a person counts, and what MariaDB's utf8mb4 varchar limits. */
export function charCount(value: string): number {
  return [...value].length;
}

/**
 * A trimmed text field bounded in code points (not UTF-16 units: 🍂 is one character), with Chinese
 * messages naming the field, because residents read them.
 */
export function text(label: string, min: number, max: number) {
  return z
    .string({ error: `${label}必须是文字` })
    .trim()
    .refine((s) => charCount(s) >= min, { message: min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字` })
    .refine((s) => charCount(s) <= max, { message: `${label}最多 ${max} 个字` })
    .refine((s) => !hasLoneSurrogate(s), { message: `${label}包含无法识别的字符` });
}

/** A lone UTF-16 surrogate cannot be stored as utf8mb4 and is never typed by a person. (Written out
 * rather than String#isWellFormed, which older WeChat clients lack.) */
export function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return true;
    }
  }
  return false;
}

export function optionalText(label: string, max: number) {
  return text(label, 0, max).optional();
}

/**
 * A positive integer id, accepted as a number or a string of digits (query strings and form posts) —
 * nothing else: not `true`, not `[3]`, not `1e3`.
 */
export function id(label: string) {
  const message = `${label}无效`;
  return z.union(
    [
      // Each check names the field too: a union reports the failing branch's own issue when one type matched.
      z.number().int({ message }).positive({ message }).max(Number.MAX_SAFE_INTEGER, { message }),
      z
        .string()
        .regex(/^[1-9]\d{0,15}$/, { message })
        .transform(Number)
        .refine((n) => n <= Number.MAX_SAFE_INTEGER, { message }),
    ],
    { error: message },
  );
}
