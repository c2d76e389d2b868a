import { z } from 'zod';
import { text } from '../schemas/text.js';

/*
 * The admin's pages for what Manyi connects to: the Open311 partners' API keys (接口密钥管理) and the
 * WeChat settings check (微信配置检查).
 */

/** `POST /api/v1/admin/open311-keys`: a key for one partner system. */
export const createOpen311KeySchema = z.object({ partner: text('合作方名称', 2, 60) });
export type CreateOpen311KeyInput = z.infer<typeof createOpen311KeySchema>;

/** A partner's key as the list shows it: never the key itself, only its first characters. */
export interface Open311KeyView {
  id: number;
  partner: string;
  /** The key's first characters, to tell keys apart; the key itself is never shown again. */
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The answer to a new key: the only time anyone sees it. */
export interface Open311KeyCreatedView {
  id: number;
  key: string;
}

/** `GET /api/v1/admin/wechat/status`: which mode the service runs in, what is configured, and whether WeChat accepts it. */
export interface WechatSettingsCheck {
  mode: 'wechat' | 'preview';
  appId: string | null;
  apiBase: string | null;
  /** 'ok' when WeChat handed out an access token for the AppID and secret; otherwise why not. */
  accessToken: 'ok' | 'not configured' | string;
  templates: { replyPublished: string | null; progress: string | null; visit: string | null };
  miniprogramState: string | null;
  messagePushToken: 'set' | 'not set';
  /** Where WeChat downloads photos for the image check; null: the image check is skipped. */
  publicUrl: string | null;
}
