import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type WebpackChain from 'webpack-chain';

import { resolve } from 'node:path';

import { readConfig } from '@tarojs/helper';

import devConfig from './dev';
import prodConfig from './prod';

// One config for both targets. TARO_ENV is set by `taro build --type <weapp|h5>`, so the two
// builds land in dist/weapp and dist/h5 and never overwrite each other; the root
// project.config.json points WeChat devtools at dist/weapp, the cloud serves dist/h5 at /h5/.
/**
 * @manyi/shared's working-day calendar imports `chinese-days`, whose package says "type": "commonjs"
 * while its `module` build is ES: webpack then refuses its `export`. Parsing that one file as
 * auto-detected JavaScript lets webpack see it as the ES module it is (and tree-shake it).
 */
function parseChineseDaysAsModule(chain: WebpackChain): void {
  chain.module
    .rule('chinese-days-esm')
    .test(/[\\/]chinese-days[\\/]dist[\\/]index\.es\.js$/)
    .type('javascript/auto');
}

/**
 * Taro's h5 router loads every page with import(), so the page a resident lands on (the first tab)
 * would wait for the app bundle to run before its own chunk is even requested, and only then ask for
 * its data. Putting that one page in the app's entry lets it arrive with the app; the router's
 * import() of it then resolves without a request. The other pages stay lazy.
 */
function bundleFirstPageWithApp(chain: WebpackChain): void {
  // The app config as Taro itself reads it (src/routes.ts is TypeScript this config cannot import).
  const app = readConfig(resolve(__dirname, '../src/app.config.ts')) as { entryPagePath?: string; pages: string[] };
  const firstPage = app.entryPagePath ?? app.pages[0];
  if (firstPage) chain.entry('app').add(resolve(__dirname, '../src', firstPage));
}

/**
 * The h5 build runs in today's phone browsers and WeChat's built-in one, not in the Android 4 and
 * iOS 8 WebViews that package.json's browserslist keeps the weapp build compatible with: compiled for
 * those, Taro's runtime and our code carried ES5 classes, regenerator and helpers that a phone then
 * had to parse and run before the first page. Only the h5 build's Babel targets change. (Chrome 64
 * still covers the Chromium 66 of WeChat's older X5 engine.)
 */
const H5_BROWSERS = ['chrome >= 64', 'ios >= 12', 'safari >= 12', 'and_uc >= 12', 'and_qq >= 10'];

function compileForPhoneBrowsers(chain: WebpackChain): void {
  chain.module
    .rule('script')
    .use('babelLoader')
    .tap((options: Record<string, unknown>) => ({ ...options, targets: H5_BROWSERS }));
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'manyi',
    date: '2026-11-23',
    // Our styles are drawn on the 750-wide design; NutUI's own stylesheets on a 375-wide one.
    designWidth(input) {
      const file = typeof input === 'object' && input !== null && 'file' in input ? String((input as { file?: unknown }).file) : '';
      return file.replace(/\\+/g, '/').includes('@nutui/') ? 375 : 750;
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // The API base is baked in at build time: from the shell (TARO_APP_API_BASE=https://… npm run
    // build:weapp) or from a miniapp/.env.<mode> file, which the Taro CLI merges over this value.
    // Always defined (possibly empty) so the bundle never reads a bare `process.env` at run time.
    env: {
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
    },
    defineConstants: {},
    copy: {
      patterns: [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false,
    },
    mini: {
      webpackChain(chain) {
        parseChineseDaysAsModule(chain);
      },
      // The stylesheets do not depend on their order (长者模式 overrides are more specific), as on h5.
      miniCssExtractPluginOption: {
        ignoreOrder: true,
      },
      // Modules used only by subpackages stay out of the main package (2 MB limit).
      optimizeMainPackage: {
        enable: true,
      },
      postcss: {
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
    h5: {
      // Served by the cloud as static files under /h5/; hash routing means the server never
      // has to know the app's routes (a reload of /h5/#/pages/me/index still finds index.html).
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: {
        mode: 'hash',
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // Taro's runtime alone is over webpack's 244 KB advice, so the warning says nothing
      // about our code; the weapp build (the real product) has WeChat's own 2 MB limit.
      webpackChain(chain) {
        chain.performance.hints(false);
        parseChineseDaysAsModule(chain);
        bundleFirstPageWithApp(chain);
        compileForPhoneBrowsers(chain);
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
