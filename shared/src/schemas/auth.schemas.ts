import { z } from 'zod';
import { USERNAME_PATTERN } from '../directory/directory.js';
import type { StaffRole } from '../roles.js';
import { text } from './text.js';

export const staffLoginSchema = z.object({
  username: z.string({ error: '请填写用户名' }).trim().toLowerCase().regex(USERNAME_PATTERN, { message: '用户名格式不正确' }),
  password: z.string({ error: '请填写密码' }).min(1, { message: '请填写密码' }).max(200, { message: '密码过长' }),
});
export type StaffLoginInput = z.infer<typeof staffLoginSchema>;

/** The signed-in staff member: what POST /api/v1/auth/staff/login answers with under `user`. */
export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  streetId: number | null;
  departmentId: number | null;
}

export const previewLoginSchema = z.object({
  nickname: text('昵称', 1, 20),
});
export type PreviewLoginInput = z.infer<typeof previewLoginSchema>;

export const wechatLoginSchema = z.object({
  // wx.login codes are short opaque strings; bound the size, never interpret them.
  code: z.string({ error: '缺少登录凭证' }).trim().min(1, { message: '缺少登录凭证' }).max(128, { message: '登录凭证无效' }),
});
export type WechatLoginInput = z.infer<typeof wechatLoginSchema>;
