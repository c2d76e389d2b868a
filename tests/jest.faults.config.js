import base from './jest.config.js';

/**
 * `npm run test:faults`: the long fault tests (a private MariaDB stopped, frozen and restarted, the
 * service killed mid-load). They run the built service, one file at a time.
 */
export default {
  ...base,
  testMatch: ['<rootDir>/reliability/**/*.faults.ts'],
  testTimeout: 300000,
};
