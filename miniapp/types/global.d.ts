/// <reference types="@tarojs/taro" />

// Asset and style imports are turned into URLs / side effects by the bundler.
declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.jpg' {
  const src: string;
  export default src;
}
declare module '*.svg' {
  const src: string;
  export default src;
}
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built, replaced at build time by Taro. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
    /** API origin baked in at build time (see config/index.ts); '' means "the default for this platform". */
    TARO_APP_API_BASE?: string;
  }
}
