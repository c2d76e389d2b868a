import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { act, render, renderHook, screen } from '@testing-library/react';

import { Screen } from '../components/screen';
import { useElderlyMode } from '../hooks/use-elderly-mode';
import { ELDERLY_MODE_STORAGE_KEY } from './config';
import { isElderlyMode, resetSystemFontScale, setElderlyMode, systemFontScale } from './elderly-mode';

const getAppBaseInfo = Taro.getAppBaseInfo as unknown as jest.Mock;

function onWeapp(fontSizeScaleFactor: number, run: () => void) {
  const before = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  getAppBaseInfo.mockReturnValue({ fontSizeScaleFactor });
  resetSystemFontScale();
  try {
    run();
  } finally {
    process.env.TARO_ENV = before;
    resetSystemFontScale();
  }
}

describe('长者模式 store', () => {
  afterEach(() => resetSystemFontScale());

  it('is off by default at the normal system font size, and the choice is stored across launches', () => {
    expect(isElderlyMode()).toBe(false);

    setElderlyMode(true);

    expect(Taro.getStorageSync(ELDERLY_MODE_STORAGE_KEY)).toBe('on');
    expect(isElderlyMode()).toBe(true);
  });

  it('follows a large WeChat font size until the resident chooses, and then keeps the choice', () => {
    onWeapp(1.4, () => {
      expect(systemFontScale()).toBe(1.4);
      expect(isElderlyMode()).toBe(true);
      setElderlyMode(false);
      expect(isElderlyMode()).toBe(false);
    });
    onWeapp(1.1, () => expect(isElderlyMode()).toBe(false));
  });

  it('switches every mounted page at once, and the page frame carries the elderly class', () => {
    const { result } = renderHook(() => useElderlyMode());
    render(
      <Screen>
        <Text>资讯</Text>
      </Screen>,
    );
    const frame = () => screen.getByText('资讯').closest('.page');
    expect(frame()?.classList.contains('elderly')).toBe(false);

    act(() => result.current[1](true));

    expect(result.current[0]).toBe(true);
    expect(frame()?.classList.contains('elderly')).toBe(true);
    expect(document.documentElement.classList.contains('elderly')).toBe(true);

    act(() => setElderlyMode(false));
    expect(frame()?.classList.contains('elderly')).toBe(false);
  });
});
