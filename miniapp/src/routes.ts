// The route table: app.config.ts builds `pages` and the tab bar from it, and pages that
// navigate use these paths instead of spelling strings. Tab pages live in the main package;
// later flows (concern detail, visit sign-up …) go into subpackages under packages/<domain>/.
// Icon paths are relative to src/ because that is how Taro resolves tabBar icons.

export interface TabPage {
  path: string;
  text: string;
  icon: string;
  selectedIcon: string;
}

export const TAB_PAGES: readonly TabPage[] = [
  {
    path: 'pages/news/index',
    text: '资讯',
    icon: 'assets/tab/news.png',
    selectedIcon: 'assets/tab/news-active.png',
  },
  {
    path: 'pages/visits/index',
    text: '走访',
    icon: 'assets/tab/visits.png',
    selectedIcon: 'assets/tab/visits-active.png',
  },
  {
    path: 'pages/report/index',
    text: '我要反映',
    icon: 'assets/tab/report.png',
    selectedIcon: 'assets/tab/report-active.png',
  },
  {
    path: 'pages/me/index',
    text: '我的',
    icon: 'assets/tab/me.png',
    selectedIcon: 'assets/tab/me-active.png',
  },
];

/**
 * Flows that are not tabs, one subpackage per domain, so the main package holds only the tabs.
 * `root` plus a page path is the page's full path.
 */
export const SUBPACKAGES = [
  { root: 'packages/report', pages: ['pages/preview/index'] },
  { root: 'packages/concerns', pages: ['pages/detail/index'] },
  { root: 'packages/news', pages: ['pages/article/index'] },
  { root: 'packages/visits', pages: ['pages/detail/index'] },
  { root: 'packages/board', pages: ['pages/street/index'] },
  { root: 'packages/me', pages: ['pages/settings/index', 'pages/privacy/index', 'pages/messages/index'] },
] as const;

/** Where navigateTo / redirectTo go (absolute paths, as Taro wants them). */
export const ROUTES = {
  reportPreview: '/packages/report/pages/preview/index',
  concernDetail: (id: number) => `/packages/concerns/pages/detail/index?id=${id}`,
  newsArticle: (id: number) => `/packages/news/pages/article/index?id=${id}`,
  visitDetail: (id: number) => `/packages/visits/pages/detail/index?id=${id}`,
  settings: '/packages/me/pages/settings/index',
  privacyGuide: '/packages/me/pages/privacy/index',
  messages: '/packages/me/pages/messages/index',
  /** 已办结 of a street; without one, of the street chosen last. */
  board: (street?: string) => `/packages/board/pages/street/index${street ? `?street=${street}` : ''}`,
} as const;
