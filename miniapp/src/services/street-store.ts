import type { StreetView } from '@manyi/shared';
import Taro from '@tarojs/taro';

import { STREET_STORAGE_KEY } from './config';

// The resident's street, picked on 资讯 (or on the report form) and remembered across launches.

export type SavedStreet = Pick<StreetView, 'code' | 'name'>;

export function getSavedStreet(): SavedStreet | undefined {
  const stored: unknown = Taro.getStorageSync(STREET_STORAGE_KEY);
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { code, name } = stored as Record<string, unknown>;
  return typeof code === 'string' && typeof name === 'string' ? { code, name } : undefined;
}

export function saveStreet(street: SavedStreet): void {
  Taro.setStorageSync(STREET_STORAGE_KEY, { code: street.code, name: street.name });
}
