import { DIRECTORY_SCHEMAS, type DirectoryKind } from '@manyi/shared';
import { schemaErrors } from '../../common/form-errors';

/** The fields of each kind that may be emptied: an empty select means "none" (null), never "unchanged". */
export const NULLABLE_FIELDS: Record<DirectoryKind, readonly string[]> = {
  streets: [],
  compounds: [],
  departments: ['streetId'],
  categories: ['parentId', 'requestType'],
  'routing-rules': ['streetId', 'compoundId'],
};

export type FormCheck = { ok: true; body: Record<string, unknown> } | { ok: false; errors: Array<{ name: string; errors: string[] }> };

/**
 * The request body of a directory form, checked with the same shared schema the service validates
 * with. An edit sends every field but the code (codes are set once).
 */
export function directoryFormBody(kind: DirectoryKind, mode: 'create' | 'update', values: Record<string, unknown>): FormCheck {
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    // The row's own id and state are not the form's to send; a code is set once; the robot's masked address is only shown.
    if (field === 'id' || field === 'disabled' || field === 'alertWebhook' || (mode === 'update' && field === 'code')) continue;
    if (field === 'alertWebhookUrl' || field === 'removeAlertWebhook') continue;
    body[field] = value === undefined || value === '' ? (NULLABLE_FIELDS[kind].includes(field) ? null : undefined) : value;
  }
  for (const field of NULLABLE_FIELDS[kind]) if (!(field in body)) body[field] = null;
  // 企业微信群机器人: a new address replaces it, 移除 removes it (''), an empty field leaves it as it is.
  if (kind === 'streets' || kind === 'departments') {
    if (values.removeAlertWebhook === true) body.alertWebhookUrl = '';
    else if (typeof values.alertWebhookUrl === 'string' && values.alertWebhookUrl.trim() !== '')
      body.alertWebhookUrl = values.alertWebhookUrl;
  }
  if (kind === 'routing-rules' && body.coHandlerIds === undefined) body.coHandlerIds = [];
  const result = DIRECTORY_SCHEMAS[kind][mode].safeParse(body);
  if (result.success) return { ok: true, body: result.data as Record<string, unknown> };
  return { ok: false, errors: schemaErrors(result.error.issues, 'name') };
}
