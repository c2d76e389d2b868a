import { SUBPACKAGES, TAB_PAGES } from './routes';

export default defineAppConfig({
  pages: TAB_PAGES.map((tab) => tab.path),
  subPackages: SUBPACKAGES.map(({ root, pages }) => ({ root, pages: [...pages] })),
  // Fetch a flow's subpackage while the resident is still on the tab that leads to it.
  preloadRule: {
    'pages/report/index': { network: 'all', packages: ['packages/report'] },
    'pages/me/index': { network: 'all', packages: ['packages/concerns'] },
  },
  // "Where is the problem" is chosen on a map, never read from the device's position.
  requiredPrivateInfos: ['chooseLocation'],
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
