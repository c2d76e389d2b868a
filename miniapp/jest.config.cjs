// Component and service tests for the mini-program. They render the real h5 components
// (@tarojs/components-react) in jsdom with @tarojs/taro replaced by test/mocks/taro.ts,
// because @tarojs/test-utils-react only supports Taro 3.6 (see /work/shared/TOOLCHAIN.md).

const swc = (syntax) => [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: syntax === 'typescript' ? { syntax, tsx: true } : { syntax, jsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2020',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'miniapp',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-tests.ts'],
  transform: {
    '^.+\\.tsx?$': swc('typescript'),
    '^.+\\.(js|jsx|mjs)$': swc('ecmascript'),
  },
  // Taro's h5 components, tslib's ES build and swiper ship ES modules only. @tarojs/components
  // also carries its own pnpm-style copy of tslib (node_modules/.pnpm/<pkg>/node_modules/tslib).
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(@tarojs|@stencil|tslib|swiper)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/mocks/taro.ts',
    '\\.(css|scss|sass)$': '<rootDir>/test/mocks/style.cjs',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/test/mocks/file.cjs',
  },
  resolver: '<rootDir>/test/resolver.cjs',
  // Compile-time constants that Taro's bundler defines and its runtime reads as globals
  // (values as in the webpack5 runner's defaults).
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: false,
    ENABLE_SIZE_APIS: false,
    ENABLE_TEMPLATE_CONTENT: false,
    ENABLE_CLONE_NODE: false,
    ENABLE_CONTAINS: false,
    ENABLE_MUTATION_OBSERVER: false,
    DEPRECATED_ADAPTER_COMPONENT: false,
  },
  clearMocks: true,
};
