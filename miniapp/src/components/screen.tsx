import { View } from '@tarojs/components';
import { useEffect, type ReactNode } from 'react';

import { useElderlyMode } from '../hooks/use-elderly-mode';

import './screen.scss';

export interface ScreenProps {
  children: ReactNode;
  className?: string;
}

/**
 * The frame of every page: `.page`, plus `.elderly` in 长者模式 so that screen.scss can enlarge the type,
 * raise the contrast and drop decoration for all pages from one place.
 */
export function Screen({ children, className }: ScreenProps) {
  const [elderly] = useElderlyMode();

  useEffect(() => {
    // h5: the tab bar and dialogs live outside the page, so the document carries the mode as well.
    if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.classList.toggle('elderly', elderly);
  }, [elderly]);

  return <View className={['page', elderly ? 'elderly' : '', className ?? ''].filter(Boolean).join(' ')}>{children}</View>;
}
