import { App } from 'antd';
import { useState } from 'react';
import { isApiError } from '@manyi/shared';
import { errorMessage } from '../api/api-error';

/** Someone else moved the concern on between our read and our action (optimistic version, or a new status). */
export function isConflict(error: unknown): boolean {
  return isApiError(error, 'CONCERN_CHANGED') || isApiError(error, 'CONCERN_ACTION_NOT_ALLOWED');
}

export const CONFLICT_MESSAGE = '这条诉求刚刚已被其他人处理，页面已刷新为最新状态，请确认后再操作。';

export interface ConcernSubmit {
  /** The request, already checked against the shared schema. */
  send: () => Promise<unknown>;
  /** Said on success, e.g. 已记录联系. */
  success: string;
  /** Run on success before the concern reloads (close the form, reset it). */
  onSuccess?: () => void;
}

/**
 * One way every workbench form sends a change to the concern: `saving` while it is on its way; on success
 * the message and a reload; when someone else acted first (409) the page reloads at once and a modal says so
 * (重新加载 asks again, for anything newer still); any other refusal is said in the service's words.
 */
export function useConcernSubmit(onChanged: () => void) {
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);

  const submit = async ({ send, success, onSuccess }: ConcernSubmit): Promise<boolean> => {
    setSaving(true);
    try {
      await send();
      void message.success(success);
      onSuccess?.();
      onChanged();
      return true;
    } catch (error) {
      if (isConflict(error)) {
        modal.warning({
          title: '其他人已先处理',
          content: `${CONFLICT_MESSAGE}（${errorMessage(error)}）`,
          okText: '重新加载',
          onOk: onChanged,
        });
        onChanged();
      } else void message.error(errorMessage(error));
      return false;
    } finally {
      setSaving(false);
    }
  };

  return { saving, submit };
}
