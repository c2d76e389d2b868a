import { SUBPACKAGES, TAB_PAGES } from './routes';

export default defineAppConfig({
  pages: TAB_PAGES.map((tab) => tab.path),
  subPackages: SUBPACKAGES.map(({ root, pages }) => ({ root, pages: [...pages] })),
  // Fetch a flow's subpackage while the resident is still on the tab that leads to it.
  preloadRule: {
    'pages/report/index': { network: 'all', packages: ['packages/report'] },
    'pages/me/index': { network: 'all', packages: ['packages/concerns', 'packages/me'] },
    'pages/news/index': { network: 'all', packages: ['packages/news', 'packages/board'] },
    'pages/visits/index': { network: 'all', packages: ['packages/visits'] },
  },
  // "Where is the problem" is chosen on a map, never read from the device's position.
  requiredPrivateInfos: ['chooseLocation'],
  // Privacy APIs (chooseLocation, chooseMedia, the phone-number button) wait for the resident to agree
  // to the privacy guide; components/privacy-popup.tsx asks (wx.onNeedPrivacyAuthorization).
  __usePrivacyCheck__: true,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '满意在徐汇',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TAB_PAGES.map((tab) => ({
      pagePath: tab.path,
      text: tab.text,
      iconPath: tab.icon,
      selectedIconPath: tab.selectedIcon,
    })),
  },
});
