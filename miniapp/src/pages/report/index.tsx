import { Text } from '@tarojs/components';

import { LoginGate } from '../../components/login-gate';
import { PrivacyPopup } from '../../components/privacy-popup';
import { ReportForm } from '../../components/report-form';
import { Screen } from '../../components/screen';
import { useUnreadBadgeOnShow } from '../../hooks/use-unread-count';

export default function ReportPage() {
  // The 我的 tab's unread badge (我的消息) is read again whenever a tab is shown.
  useUnreadBadgeOnShow();
  return (
    <Screen>
      <Text className="page__title">我要反映</Text>
      <Text className="page__intro">反映身边的问题，附上照片和位置，随时查看办理进度并评价结果。</Text>
      <LoginGate purpose="反映问题">
        <ReportForm />
      </LoginGate>
      <PrivacyPopup />
    </Screen>
  );
}
