/**
 * ESM jest, the same approach as shared/ and cloud/: swc compiles the TypeScript, relative imports carry
 * .js suffixes that map back to the .ts sources. Run through `node --experimental-vm-modules` (npm test).
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['<rootDir>/**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  // Every suite starts the built service (and the browser suites Chromium): allow for a slow start on
  // two cores, and run the files one at a time so they do not compete for them.
  testTimeout: 90000,
  maxWorkers: 1,
};
