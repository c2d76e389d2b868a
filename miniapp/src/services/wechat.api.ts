import type { ClientConfigView, SubscribeConsentsInput, SubscribeConsentsView, SubscribeMoment, WechatPhoneView } from '@manyi/shared';
import { SUBSCRIBE_RESULTS } from '@manyi/shared';
import Taro from '@tarojs/taro';

import { isApiError } from './api-error';
import { request } from './request';

// What the mini-program asks WeChat for and tells the service about: subscribe-message consent
// (订阅消息) at the moments it matters, and the phone number from the getPhoneNumber button.
// A service that does not have these routes yet answers 404: consent is then simply not asked, so
// the app works against an older service as well as a newer one.

let configPromise: Promise<ClientConfigView | undefined> | undefined;
/** The answer once it has arrived: consent must be asked straight from the tap, without waiting for the network. */
let loadedConfig: ClientConfigView | undefined;

/** GET /api/v1/client-config once per launch; undefined when the service does not offer it (404) or cannot be reached. */
export function getClientConfig(): Promise<ClientConfigView | undefined> {
  configPromise ??= request<ClientConfigView>('/api/v1/client-config').then(
    (config) => {
      loadedConfig = config;
      return config;
    },
    () => {
      // Try again next time instead of remembering a failure for the whole launch.
      configPromise = undefined;
      return undefined;
    },
  );
  return configPromise;
}

/** For tests: forget the cached client config. */
export function resetClientConfig(): void {
  configPromise = undefined;
  loadedConfig = undefined;
}

/** Keeps only the answers the contract knows (requestSubscribeMessage also returns `errMsg`). */
export function consentResults(answer: Record<string, unknown>, templateIds: readonly string[]): SubscribeConsentsInput['results'] {
  const results: SubscribeConsentsInput['results'] = {};
  for (const id of templateIds) {
    const value = answer[id];
    if ((SUBSCRIBE_RESULTS as readonly unknown[]).includes(value)) results[id] = value as (typeof SUBSCRIBE_RESULTS)[number];
  }
  return results;
}

/** Loads the client config ahead of the tap that will need it (weapp only: h5 never asks for consent). */
export function preloadSubscribeConsent(): void {
  if (process.env.TARO_ENV === 'weapp') void getClientConfig();
}

/**
 * Asks for consent to the templates of `moment` (weapp only; h5 has no subscribe messages) and records
 * the answer. Never throws: a refused, unavailable or 404 consent must not stop a report or a rating.
 * Must be called straight from a tap, as WeChat requires: requestSubscribeMessage starts before any
 * await, with the config preloaded by preloadSubscribeConsent(); without it, nothing is asked.
 */
export async function askSubscribeConsent(moment: SubscribeMoment): Promise<SubscribeConsentsView | undefined> {
  if (process.env.TARO_ENV !== 'weapp') return undefined;
  const config = loadedConfig;
  const templateIds = config?.login === 'wechat' ? config.subscribeTemplates[moment] : [];
  if (!templateIds || templateIds.length === 0) return undefined;
  try {
    const asked = Taro.requestSubscribeMessage({ tmplIds: [...templateIds], entityIds: [] });
    const answer = (await asked) as unknown as Record<string, unknown>;
    const results = consentResults(answer, templateIds);
    if (Object.keys(results).length === 0) return undefined;
    return await request<SubscribeConsentsView>('/api/v1/me/subscribe-consents', { method: 'POST', body: { results } });
  } catch (error) {
    if (isApiError(error) && error.status !== 404) console.warn('subscribe consent not recorded', error.code);
    return undefined;
  }
}

/** The code of `<Button openType="getPhoneNumber">` → the resident's number, through the service. */
export async function exchangePhoneCode(code: string): Promise<string> {
  const { phoneNumber } = await request<WechatPhoneView>('/api/v1/auth/wechat/phone', { method: 'POST', body: { code } });
  return phoneNumber;
}
