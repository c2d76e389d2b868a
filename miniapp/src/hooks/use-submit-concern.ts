import { useCallback, useState } from 'react';
import type { ConcernRef } from '@manyi/shared';

import { toApiError } from '../services/api-error';
import { submitConcern } from '../services/concerns.api';
import { checkDraft, clearDraft, loadDraft } from '../services/report-draft';

export interface UseSubmitConcernResult {
  submitting: boolean;
  /** Why the last attempt did not go through: the schema's first message, or the service's. */
  error: string | undefined;
  /** Validates and sends the stored draft; resolves with the new concern, or undefined on failure. */
  submit: () => Promise<ConcernRef | undefined>;
}

/**
 * Sends the stored draft. The draft — and its Idempotency-Key — stays in storage until the service
 * has answered 201, so 重试 after a timeout sends the very same key and the service hands back the
 * concern it may already have made. Only then is the draft cleared.
 */
export function useSubmitConcern(): UseSubmitConcernResult {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  const submit = useCallback(async () => {
    const draft = loadDraft();
    if (!draft) {
      setError('没有待提交的内容，请先填写');
      return undefined;
    }
    const check = checkDraft(draft);
    if (!check.ok) {
      setError(check.message);
      return undefined;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const concern = await submitConcern(check.input, draft.idempotencyKey);
      clearDraft();
      return concern;
    } catch (cause) {
      setError(toApiError(cause).message);
      return undefined;
    } finally {
      setSubmitting(false);
    }
  }, []);

  return { submitting, error, submit };
}
