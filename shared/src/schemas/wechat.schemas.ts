import { z } from 'zod';

/**
 * The contract between the mini-program and the cloud for what WeChat hands the client: the subscribe-
 * message consents (订阅消息授权) and the phone-number button's code. The cloud validates with these;
 * the mini-program builds its requests from the same types.
 */

/** What `wx.requestSubscribeMessage` answers per template id. Only 'accept' grants one message. */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number];

/** The moments the mini-program asks for consent; each has its own list of template ids. */
export const SUBSCRIBE_MOMENTS = ['submit', 'rating'] as const;
export type SubscribeMoment = (typeof SUBSCRIBE_MOMENTS)[number];

// Template ids are opaque strings of WeChat's (about 43 characters); bound them, never parse them.
const templateId = z.string().trim().min(1).max(64);

/** `POST /api/v1/me/subscribe-consents`: the results object exactly as requestSubscribeMessage returned it. */
export const subscribeConsentsSchema = z.object({
  results: z
    .record(templateId, z.enum(SUBSCRIBE_RESULTS, { error: '订阅结果无效' }), { error: '缺少订阅结果' })
    .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 10, { message: '订阅结果数量无效' }),
});
export type SubscribeConsentsInput = z.infer<typeof subscribeConsentsSchema>;

/** Answer of `POST /api/v1/me/subscribe-consents`: messages left per template id for this resident. */
export interface SubscribeConsentsView {
  remaining: Record<string, number>;
}

/** `POST /api/v1/auth/wechat/phone`: the code from `<Button openType="getPhoneNumber">`. */
export const wechatPhoneSchema = z.object({
  code: z
    .string({ error: '缺少手机号授权凭证' })
    .trim()
    .min(1, { message: '缺少手机号授权凭证' })
    .max(128, { message: '手机号授权凭证无效' }),
});
export type WechatPhoneInput = z.infer<typeof wechatPhoneSchema>;
export interface WechatPhoneView {
  /** The resident's own number, for the report form's phone field; stored only on a concern they send. */
  phoneNumber: string;
}

/** `GET /api/v1/client-config`: what the mini-program needs to know about this deployment before login. */
export interface ClientConfigView {
  /** 'preview': the h5 build's development login is on (in-app messages only); 'none': nobody can sign in as a resident yet. */
  login: 'wechat' | 'preview' | 'none';
  /** Template ids to ask consent for at each moment; empty in preview mode. */
  subscribeTemplates: Record<SubscribeMoment, string[]>;
  /** Demo and preview mode: the h5 login offers 演示居民, the demo district's resident. */
  demoResident: boolean;
}
