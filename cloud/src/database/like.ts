/**
 * Substring search with LIKE. `!` escapes the wildcards and itself: a backslash is written '\\' in a
 * MySQL literal but '\' in SQLite's, so no one spelling of it works on both databases.
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

/** The LIKE pattern that finds `term` literally anywhere (use with LIKE_ESCAPE). */
export function likeContains(term: string): string {
  return `%${term.replace(/[!%_]/g, (ch) => `!${ch}`)}%`;
}
