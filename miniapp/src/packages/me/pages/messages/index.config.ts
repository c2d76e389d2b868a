export default definePageConfig({
  navigationBarTitleText: '我的消息',
  // Pull down for the newest messages (useListPage stops the spinner once they are in).
  enablePullDownRefresh: true,
  onReachBottomDistance: 100,
});
