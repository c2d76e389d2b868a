// The part of @tarojs/taro that app code and @tarojs/components-react touch, as jest mocks.
// Storage is a real in-memory map so a test can store a token and see the request wrapper use it.

const storage = new Map<string, unknown>();

const Taro = {
  request: jest.fn(),
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
