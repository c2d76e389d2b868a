import type { AskVisitQuestionInput, VisitDetailView, ApiError } from '@manyi/shared';
import { askVisitQuestion, cancelVisitSignup, fetchVisit, signUpForVisit } from '../services/visits.api';
import { offerVisitConsent } from '../services/wechat.api';
import { useAuth } from './use-auth';
import { useAction } from './use-action';
import { useRequest, type UseRequestResult } from './use-request';

export interface UseVisitResult {
  result: UseRequestResult<VisitDetailView>;
  loggedIn: boolean;
  acting: boolean;
  actionError: ApiError | undefined;
  signUp: () => Promise<boolean>;
  cancel: () => Promise<boolean>;
  ask: (input: AskVisitQuestionInput) => Promise<boolean>;
}

/** One visit as I see it (my own sign-up and questions once I am logged in), and what I can do on it. */
export function useVisit(id: number): UseVisitResult {
  const { loggedIn } = useAuth();
  // Logging in or out changes what the service tells me (mySignup, my questions): ask again.
  const result = useRequest(() => fetchVisit(id), `${id}|${loggedIn}`);
  const { acting, actionError, act } = useAction(result.reload);

  return {
    result,
    loggedIn,
    acting,
    actionError,
    signUp: () =>
      act(async () => {
        const answer = await signUpForVisit(id);
        // 订阅消息 for the visit's reminders, budgeted like a concern's (weapp only).
        offerVisitConsent(answer.subscribeTemplates ?? []);
      }),
    cancel: () => act(() => cancelVisitSignup(id)),
    ask: (input) => act(() => askVisitQuestion(id, input)),
  };
}
