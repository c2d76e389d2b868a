import { z } from 'zod';
import { USERNAME_PATTERN } from '../directory/directory.js';
import type { StaffRole } from '../roles.js';
import { text } from './text.js';

export const staffLoginSchema = z.object({
  username: z.string({ error: '请填写用户名' }).trim().toLowerCase().regex(USERNAME_PATTERN, { message: '用户名格式不正确' }),
  password: z.string({ error: '请填写密码' }).min(1, { message: '请填写密码' }).max(200, { message: '密码过长' }),
  /** The authenticator app's 6-digit code, for an account with TOTP on (asked for after a TOTP_REQUIRED answer). */
  totp: z
    .string({ error: '动态验证码应为 6 位数字' })
    .trim()
    .regex(/^\d{6}$/, { message: '动态验证码应为 6 位数字' })
    .optional(),
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

/** Why a signed-in staff member must change their password before anything else. */
export type PasswordChangeReason = 'temporary' | 'expired';

/** What POST /api/v1/auth/staff/login (and a password change) answers with. */
/**
 * Who is calling, as the service established it from a staff bearer token; `GET /api/v1/admin/whoami`
 * answers it as it is (the admin page builds its menus from it).
 */
export interface StaffActor {
  kind: 'staff';
  staffId: number;
  username: string;
  role: StaffRole;
  /** A dispatcher's or editor's street; a street unit's handler's street. */
  streetId: number | null;
  /** A handler's department. */
  departmentId: number | null;
}

/** What the resident logins answer (`POST /api/v1/auth/wechat/login`, `…/preview/login`, `…/preview/demo-resident`). */
export interface ResidentSession {
  token: string;
  expiresIn: number;
  resident: { id: number; nickname: string };
}

export interface StaffSessionView {
  token: string;
  expiresIn: number;
  user: StaffUser;
  /** Set when the session may do nothing but change the password (PASSWORD_CHANGE_REQUIRED otherwise). */
  passwordChange: PasswordChangeReason | null;
}

/** Staff password rules (等保二级 complexity): checked by the service and by the admin page's form alike. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** A new password may not be the current one nor one of the this many before it. */
export const PASSWORD_HISTORY_SIZE = 5;

const PASSWORD_CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/];

/** How many of lower-case, capital, digit and symbol the password has. */
export function passwordClassCount(password: string): number {
  return PASSWORD_CLASSES.filter((re) => re.test(password)).length;
}

/** A new password's own rules; `username` adds "does not contain the username" (case-insensitive). */
export function newPasswordSchema(username?: string) {
  return z
    .string({ error: '请填写新密码' })
    .min(PASSWORD_MIN_LENGTH, { message: `新密码至少 ${PASSWORD_MIN_LENGTH} 位` })
    .max(PASSWORD_MAX_LENGTH, { message: '新密码过长' })
    .refine((v) => passwordClassCount(v) >= 3, { message: '新密码须包含小写字母、大写字母、数字、符号中的至少三类' })
    .refine((v) => !username || !v.toLowerCase().includes(username.toLowerCase()), { message: '新密码不能包含用户名' });
}

/** `POST /api/v1/auth/staff/password`: the service adds the username rule once it knows who is asking. */
export function changePasswordSchema(username?: string) {
  return z.strictObject({
    currentPassword: z
      .string({ error: '请填写当前密码' })
      .min(1, { message: '请填写当前密码' })
      .max(PASSWORD_MAX_LENGTH, { message: '密码过长' }),
    newPassword: newPasswordSchema(username),
  });
}
export const changeOwnPasswordSchema = changePasswordSchema();
export type ChangePasswordInput = z.infer<typeof changeOwnPasswordSchema>;

const totpCode = z
  .string({ error: '请填写动态验证码' })
  .trim()
  .regex(/^\d{6}$/, { message: '动态验证码应为 6 位数字' });

/** `POST /api/v1/auth/staff/totp/enable`: a code from the app, proving it holds the secret setup gave. */
export const totpEnableSchema = z.strictObject({ code: totpCode });
export type TotpEnableInput = z.infer<typeof totpEnableSchema>;

/** `POST /api/v1/auth/staff/totp/disable`: the password and a current code. */
export const totpDisableSchema = z.strictObject({
  password: z.string({ error: '请填写密码' }).min(1, { message: '请填写密码' }).max(PASSWORD_MAX_LENGTH, { message: '密码过长' }),
  code: totpCode,
});
export type TotpDisableInput = z.infer<typeof totpDisableSchema>;

/** The answer of `POST /api/v1/auth/staff/totp/setup`: shown once, for the authenticator app. */
export interface TotpSetupView {
  secret: string;
  otpauthUri: string;
}

/** `GET /api/v1/auth/staff/totp`: whether the caller's account asks for a code at login. */
export interface TotpStatusView {
  enabled: boolean;
  /** Only admin and supervisor accounts may turn it on. */
  available: boolean;
}
