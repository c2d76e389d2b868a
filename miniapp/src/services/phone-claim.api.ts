import type { PhoneClaimView } from '@manyi/shared';

import { request } from './request';

// 验证手机号: concerns staff filed for a resident (代录: on the phone, at the counter, at a visit) carry
// the number they gave; verifying that number takes them into 我的诉求. weapp proves the number with
// WeChat's phone-number button; the h5 preview build (no WeChat) types it in, where the service allows it.

/** weapp: the getPhoneNumber button's one-time code. */
export function verifyPhoneWithWechat(code: string): Promise<PhoneClaimView> {
  return request<PhoneClaimView>('/api/v1/me/phone', { method: 'POST', body: { code } });
}

/** h5 preview: the number as typed (the service answers 404 unless its preview login is on). */
export function verifyPhoneInPreview(phone: string): Promise<PhoneClaimView> {
  return request<PhoneClaimView>('/api/v1/auth/preview/phone', { method: 'POST', body: { phone } });
}
