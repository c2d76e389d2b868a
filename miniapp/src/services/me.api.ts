import { request } from './request';
import { clearToken } from './token-store';

// 我的 → my rights over my data (cloud MeController). The export is shown to the resident as the
// service wrote it; its shape belongs to the service, so the app treats it as a JSON document.

export function fetchMyDataExport(): Promise<unknown> {
  return request<unknown>('/api/v1/me/export');
}

/**
 * 注销账号: the service keeps concerns for the record without name, phone, place or photos and ends
 * every session. Only after its answer is the local session cleared too.
 */
export async function deleteMyAccount(): Promise<void> {
  await request<null>('/api/v1/me', { method: 'DELETE' });
  clearToken('logout');
}
