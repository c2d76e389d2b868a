import type { ClientConfigView, SubscribeConsentsInput, SubscribeConsentsView, SubscribeMoment, WechatPhoneView } from '@manyi/shared';
import { SUBSCRIBE_RESULTS, isApiError } from '@manyi/shared';
import Taro from '@tarojs/taro';

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
  return askSubscribeConsentFor(templateIds ?? []);
}

/**
 * The budgeting itself, for any templates: asks WeChat, then records each accept with the service
 * (one accept pays for one message). Never throws. Must run from a tap, before any await.
 */
export async function askSubscribeConsentFor(templateIds: readonly string[]): Promise<SubscribeConsentsView | undefined> {
  if (process.env.TARO_ENV !== 'weapp' || templateIds.length === 0) return undefined;
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

/**
 * After signing up for a visit, when the service's answer names the visit template (reminders, a place
 * freed, a cancellation): the sign-up's tap is spent on the network by then, so a dialog asks first and
 * its 接收 tap asks WeChat — from the dialog's own callback, which WeChat counts as a tap. Whatever the
 * answer, the messages also land in 我的消息.
 */
export function offerVisitConsent(templateIds: readonly string[]): void {
  if (process.env.TARO_ENV !== 'weapp' || templateIds.length === 0) return;
  void Taro.showModal({
    title: '走访提醒',
    content: '是否通过微信接收走访前的提醒、候补转正和取消通知？不接收也可在“我的消息”中查看。',
    confirmText: '接收',
    cancelText: '不用了',
    success: (result) => {
      if (result.confirm) void askSubscribeConsentFor(templateIds);
    },
  }).catch(() => undefined);
}

/** The code of `<Button openType="getPhoneNumber">` → the resident's number, through the service. */
export async function exchangePhoneCode(code: string): Promise<string> {
  const { phoneNumber } = await request<WechatPhoneView>('/api/v1/auth/wechat/phone', { method: 'POST', body: { code } });
  return phoneNumber;
}
