import Taro from '@tarojs/taro';

// WeChat's privacy-authorisation flow (weapp, base library ≥ 2.32.3 with `__usePrivacyCheck__`): the
// first time a privacy API runs (chooseLocation, chooseMedia with album or camera, the phone-number
// button) WeChat calls onNeedPrivacyAuthorization and holds the API until we answer. The popup shows
// the guide's summary; its 同意 button has open-type="agreePrivacyAuthorization", which is the only
// way WeChat accepts as "the resident agreed". Declining lets the API fail; the caller treats that as
// cancelled (a typed address, no photo).

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

export type PrivacyRequest = (answer: 'agree' | 'disagree') => void;

type Listener = (request: PrivacyRequest | undefined) => void;

let pending: PrivacyRequest | undefined;
const listeners = new Set<Listener>();
let installed = false;

function show(request: PrivacyRequest | undefined): void {
  pending = request;
  listeners.forEach((listener) => listener(request));
}

/** Registers the one app-wide handler (weapp only; h5 has no privacy APIs to hold). */
export function installPrivacyHandler(): void {
  if (installed || process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  installed = true;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    resolve({ event: 'exposureAuthorization' });
    show((answer) => {
      resolve(answer === 'agree' ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' });
      show(undefined);
    });
  });
}

/** The popup listens here; returns the unsubscribe function. Called at once with a request already waiting. */
export function onPrivacyRequest(listener: Listener): () => void {
  listeners.add(listener);
  listener(pending);
  return () => {
    listeners.delete(listener);
  };
}

/** Opens the full guide registered in WeChat's console. */
export function openPrivacyContract(): void {
  if (process.env.TARO_ENV === 'weapp' && typeof Taro.openPrivacyContract === 'function') void Taro.openPrivacyContract({});
}
