// Runs before any module is loaded: the components under test are the h5 ones, so the app
// code should see the h5 platform too (services/config.ts reads TARO_ENV at import time).
process.env.TARO_ENV = 'h5';
delete process.env.TARO_APP_API_BASE;
