import { useSyncExternalStore } from 'react';

import { isElderlyMode, onElderlyModeChange, setElderlyMode } from '../services/elderly-mode';

const subscribe = (notify: () => void) => onElderlyModeChange(() => notify());

/** 长者模式 as a page sees it: the stored setting (or the system font size), following every change made anywhere. */
export function useElderlyMode(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, isElderlyMode, isElderlyMode);
  return [on, setElderlyMode];
}
