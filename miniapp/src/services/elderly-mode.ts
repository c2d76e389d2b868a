import Taro from '@tarojs/taro';

import { ELDERLY_MODE_STORAGE_KEY } from './config';

// 长者模式: larger type, higher contrast, a simpler layout of the same pages. One switch in 我的 → 设置,
// kept in storage so it holds across launches; every page frame listens and changes at once. Until the
// resident chooses, it follows the phone: a large system font size (WeChat's font setting on weapp,
// the browser's default size on h5) turns it on.

type Listener = (on: boolean) => void;
const listeners = new Set<Listener>();

/** The system font at or above this multiple of the normal size counts as "asked for large type". */
export const LARGE_SYSTEM_FONT_FACTOR = 1.25;

export function isElderlyMode(): boolean {
  const stored: unknown = Taro.getStorageSync(ELDERLY_MODE_STORAGE_KEY);
  if (stored === 'on') return true;
  if (stored === 'off') return false;
  return systemFontScale() >= LARGE_SYSTEM_FONT_FACTOR;
}

/** The resident's choice; it wins over the system font size from then on. */
export function setElderlyMode(on: boolean): void {
  Taro.setStorageSync(ELDERLY_MODE_STORAGE_KEY, on ? 'on' : 'off');
  listeners.forEach((listener) => listener(on));
}

/** Calls `listener` on every change; returns the unsubscribe function. */
export function onElderlyModeChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

let measuredScale: number | undefined;

/** How much larger than normal the system's text is (1 = normal); measured once per launch. */
export function systemFontScale(): number {
  measuredScale ??= measureSystemFontScale();
  return measuredScale;
}

/** For tests: measure the system font size again. */
export function resetSystemFontScale(): void {
  measuredScale = undefined;
}

function measureSystemFontScale(): number {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const info = Taro.getAppBaseInfo() as { fontSizeScaleFactor?: number };
      return typeof info.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor > 0 ? info.fontSizeScaleFactor : 1;
    }
    if (typeof document !== 'undefined' && typeof getComputedStyle === 'function') {
      // `medium` is the browser's default text size, which the phone's or browser's font setting changes.
      const probe = document.createElement('div');
      probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
      document.body.appendChild(probe);
      const size = parseFloat(getComputedStyle(probe).fontSize);
      probe.remove();
      return size > 0 ? size / 16 : 1;
    }
  } catch {
    // No system information: normal size.
  }
  return 1;
}
