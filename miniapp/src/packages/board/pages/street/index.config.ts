export default definePageConfig({
  navigationBarTitleText: '已办结',
  // Pull down for the newest published cases (useListPage stops the spinner once they are in).
  enablePullDownRefresh: true,
  onReachBottomDistance: 100,
});
