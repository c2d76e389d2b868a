export default definePageConfig({
  navigationBarTitleText: '资讯',
  // Pull down to load the newest articles (useListPage stops the spinner once they are in).
  enablePullDownRefresh: true,
  onReachBottomDistance: 100,
});
