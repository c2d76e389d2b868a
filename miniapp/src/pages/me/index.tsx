import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

import { LoginGate } from '../../components/login-gate';
import { MyConcerns } from '../../components/my-concerns';
import { MyVisits } from '../../components/my-visits';
import { Screen } from '../../components/screen';
import { VerifyPhone } from '../../components/verify-phone';
import { useAuth } from '../../hooks/use-auth';
import { useUnreadBadgeOnShow, useUnreadCount } from '../../hooks/use-unread-count';
import { ROUTES } from '../../routes';
import { badgeText } from '../../services/unread-badge';
import { a11y } from '../../utils/a11y';

import '../../components/forms.scss';

export default function MePage() {
  // A verified phone number brings concerns staff filed for it (代录): the list is read again.
  const [claims, setClaims] = useState(0);
  // 我的消息's unread count: on the 我的 tab (setTabBarBadge) and on the entry below, read on every show.
  useUnreadBadgeOnShow();
  const unread = useUnreadCount();
  const { loggedIn } = useAuth();
  return (
    <Screen>
      <Text className="page__title">我的</Text>
      <Text className="page__intro">查看我反映的诉求和报名的走访，管理个人信息与隐私设置。</Text>
      <View className="card" {...a11y('list', { 'aria-label': '设置' })}>
        <LinkRow
          label="我的消息"
          hint={loggedIn ? '受理、答复、办结和走访提醒' : '登录后查看办理进度的通知'}
          url={ROUTES.messages}
          badge={loggedIn ? unread : 0}
        />
        <LinkRow label="街道已办结" hint="我所在街道的三率和公开的办结案例" url={ROUTES.board()} />
        <LinkRow label="设置与长者模式" hint="字号、数据下载、注销账号" url={ROUTES.settings} />
        <LinkRow label="隐私指引" hint="我们收集什么、为什么、保存多久" url={ROUTES.privacyGuide} />
      </View>
      <LoginGate purpose="查看我反映的诉求">
        <VerifyPhone onClaimed={() => setClaims((n) => n + 1)} />
        <Text className="section-title">我反映的诉求</Text>
        <MyConcerns key={claims} />
        <Text className="section-title">我的报名</Text>
        <MyVisits />
      </LoginGate>
    </Screen>
  );
}

function LinkRow({ label, hint, url, badge = 0 }: { label: string; hint: string; url: string; badge?: number }) {
  return (
    <View className="field__row" onClick={() => void Taro.navigateTo({ url })} {...a11y('link', { 'aria-label': label })}>
      <View>
        <Text className="settings__label">{label}</Text>
        <Text className="settings__hint">{hint}</Text>
      </View>
      <View className="link-row__end">
        {badge > 0 && (
          <Text className="unread-badge" {...a11y('status', { 'aria-label': `${badge} 条未读` })}>
            {badgeText(badge)}
          </Text>
        )}
        <Text className="settings__hint">›</Text>
      </View>
    </View>
  );
}
