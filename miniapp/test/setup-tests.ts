import Taro from '@tarojs/taro';
import { cleanup } from '@testing-library/react';

afterEach(() => {
  cleanup();
  Taro.clearStorageSync();
});
