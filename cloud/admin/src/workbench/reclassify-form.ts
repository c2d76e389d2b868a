import { reclassifyConcernSchema, type ConcernDetailView, type ReclassifyConcernInput, type RequestType } from '@manyi/shared';
import { schemaErrors } from '../common/form-errors';

/** 更正分类's form values: every field starts at the concern's current value. */
export interface ReclassifyFormValues {
  streetCode?: string;
  compoundId?: number;
  categoryId?: number;
  /** Empty: the (new) category's own request type. */
  requestType?: RequestType;
  reason?: string;
}

export type ReclassifyFormCheck =
  { ok: true; body: ReclassifyConcernInput } | { ok: false; errors: Array<{ name: string; errors: string[] }> };

/**
 * The body of 更正分类: only what differs from the concern now, checked with the shared schema. Nothing
 * changed is the schema's "请至少更正…" on the category field.
 */
export function reclassifyBody(
  detail: Pick<ConcernDetailView, 'categoryId' | 'compoundId' | 'requestType'>,
  values: ReclassifyFormValues,
): ReclassifyFormCheck {
  const body: Record<string, unknown> = { reason: values.reason ?? '' };
  if (values.categoryId !== undefined && values.categoryId !== detail.categoryId) body.categoryId = values.categoryId;
  if (values.compoundId !== undefined && values.compoundId !== detail.compoundId) body.compoundId = values.compoundId;
  if (values.requestType !== undefined && values.requestType !== detail.requestType) body.requestType = values.requestType;
  const result = reclassifyConcernSchema.safeParse(body);
  if (result.success) return { ok: true, body: result.data };
  return { ok: false, errors: schemaErrors(result.error.issues, 'categoryId') };
}
