import { TAB_PAGES } from './routes';

export default defineAppConfig({
  pages: TAB_PAGES.map((tab) => tab.path),
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
