import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';

/** Ant Design in Chinese with the page's theme, and the App context that messages and dialogs use. */
export function AdminProviders({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { colorPrimary: '#c8102e', borderRadius: 6 } }}
      // "受理", not "受 理": the button says what the timeline and the tests say.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
