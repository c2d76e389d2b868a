import { Text, View } from '@tarojs/components';

import { LoginGate } from '../../components/login-gate';
import { MyConcerns } from '../../components/my-concerns';

export default function MePage() {
  return (
    <View className="page">
      <Text className="page__title">我的</Text>
      <Text className="page__intro">查看我反映的诉求和报名的走访，管理个人信息与隐私设置。</Text>
      <LoginGate purpose="查看我反映的诉求">
        <Text className="section-title">我反映的诉求</Text>
        <MyConcerns />
      </LoginGate>
    </View>
  );
}
