/** ESM jest (NestJS 12 is ESM-only): swc compiles TypeScript with legacy decorators and their metadata. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // @fastify/static (CommonJS) requires content-disposition 3, which is ESM-only: Node 20.19 loads that
  // natively, jest's module loader does not, so jest compiles it to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  transform: {
    '/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
        },
        module: { type: 'es6' },
      },
    ],
  },
  // Each database suite starts its own service; MariaDB suites share one server, so run files one at a time there.
  testTimeout: 60000,
};
