/** The part of a zod issue the forms read (kept structural, so the page needs no zod import of its own). */
export interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * Turns a shared schema's issues into antd `form.setFields` entries: one message per field, the first
 * one zod reports. Issues about the whole object land on `fallbackField`.
 */
export function schemaErrors<Name extends string = string>(
  issues: readonly SchemaIssue[],
  fallbackField?: Name,
): { name: Name; errors: string[] }[] {
  const byField = new Map<Name, string>();
  for (const issue of issues) {
    const head = issue.path[0];
    // The schema's field names are the form's (both come from the same shared schema).
    const field = typeof head === 'string' ? (head as Name) : fallbackField;
    if (field !== undefined && !byField.has(field)) byField.set(field, issue.message);
  }
  return [...byField].map(([name, message]) => ({ name, errors: [message] }));
}

/**
 * Like `schemaErrors`, for a form with nested fields (时限设置's 办理时限 by request type): the whole path
 * is the field's antd name. The service's VALIDATION_FAILED details give the path as "a.b", zod as keys.
 */
export function fieldPathErrors(
  issues: ReadonlyArray<{ path?: string | readonly PropertyKey[]; message: string }>,
): { name: (string | number)[]; errors: string[] }[] {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of issues) {
    const raw = typeof issue.path === 'string' ? issue.path.split('.').filter(Boolean) : (issue.path ?? []);
    const name = raw.map((part) => (typeof part === 'number' ? part : String(part)));
    if (name.length === 0) continue;
    const key = name.join('.');
    if (!byField.has(key)) byField.set(key, { name, errors: [issue.message] });
  }
  return [...byField.values()];
}
