// The part of @tarojs/taro that app code and @tarojs/components-react touch, as jest mocks.
// Storage is a real in-memory map so a test can store a token and see the request wrapper use it.

const storage = new Map<string, unknown>();

/** Page lifecycle hooks: a rendered component is "shown" once, when it mounts. */
export const useDidShow = jest.fn();
export const useRouter = jest.fn(() => ({ params: {} as Record<string, string> }));
/** Page events a test fires by calling the registered callback (see test/page-events.ts). */
export const usePullDownRefresh = jest.fn();
export const useReachBottom = jest.fn();

const Taro = {
  request: jest.fn(),
  uploadFile: jest.fn(),
  login: jest.fn(),
  chooseMedia: jest.fn(),
  chooseLocation: jest.fn(),
  compressImage: jest.fn(),
  previewImage: jest.fn(() => Promise.resolve()),
  stopPullDownRefresh: jest.fn(() => Promise.resolve()),
  setTabBarBadge: jest.fn(() => Promise.resolve()),
  removeTabBarBadge: jest.fn(() => Promise.resolve()),
  requestSubscribeMessage: jest.fn(),
  getAppBaseInfo: jest.fn(() => ({ fontSizeScaleFactor: 1 })),
  navigateTo: jest.fn(() => Promise.resolve()),
  redirectTo: jest.fn(() => Promise.resolve()),
  navigateBack: jest.fn(() => Promise.resolve()),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
  getStorageSync: jest.fn((key: string): unknown => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown): void => {
    storage.set(key, value);
  }),
  removeStorageSync: jest.fn((key: string): void => {
    storage.delete(key);
  }),
  clearStorageSync: jest.fn((): void => {
    storage.clear();
  }),
  eventCenter: { on: jest.fn(), off: jest.fn(), trigger: jest.fn() },
  getEnv: jest.fn(() => 'WEB'),
  ENV_TYPE: { WEAPP: 'WEAPP', WEB: 'WEB' },
};

export default Taro;
