import { staffIntakeSchema, type StaffIntakeChannel, type StaffIntakeInput } from '@manyi/shared';
import { schemaErrors } from '../common/form-errors';

/** The 新建代录 form's values as antd holds them (`streetCode` only narrows the compounds offered). */
export interface IntakeFormValues {
  channel?: StaffIntakeChannel;
  visitId?: number;
  orderNumber?: string;
  contactName?: string;
  phone?: string;
  streetCode?: string;
  compoundId?: number;
  categoryId?: number;
  title?: string;
  description?: string;
  address?: string;
  photoIds?: number[];
  confidential?: boolean;
  acceptNow?: boolean;
}

export type IntakeFormCheck = { ok: true; body: StaffIntakeInput } | { ok: false; errors: Array<{ name: string; errors: string[] }> };

/**
 * The body of 新建代录, checked with the shared schema the service validates with. What the chosen
 * channel does not use (a visit unless 走访/座谈会, an order number unless 12345) is left out, so
 * switching the channel never sends a stale field.
 */
export function intakeFormBody(values: IntakeFormValues): IntakeFormCheck {
  const body: Record<string, unknown> = {
    channel: values.channel,
    contactName: values.contactName,
    phone: values.phone,
    categoryId: values.categoryId,
    compoundId: values.compoundId,
    title: values.title ?? '',
    description: values.description ?? '',
    address: values.address,
    photoIds: values.photoIds ?? [],
    confidential: values.confidential ?? false,
    acceptNow: values.acceptNow ?? false,
  };
  if (values.channel === 'visit') body.visitId = values.visitId;
  if (values.channel === 'hotline') body.orderNumber = values.orderNumber;
  const result = staffIntakeSchema.safeParse(body);
  if (result.success) return { ok: true, body: result.data };
  // A missing category or compound is reported by the id schema as 无效; the form asks for it instead.
  const errors = schemaErrors<string>(result.error.issues, 'title').map((e) =>
    e.name === 'categoryId' && values.categoryId === undefined
      ? { ...e, errors: ['请选择诉求类别'] }
      : e.name === 'compoundId' && values.compoundId === undefined
        ? { ...e, errors: ['请选择小区'] }
        : e,
  );
  return { ok: false, errors };
}
