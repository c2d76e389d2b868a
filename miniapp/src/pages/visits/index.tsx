import { Text, View } from '@tarojs/components';

export default function VisitsPage() {
  return (
    <View className="page">
      <Text className="page__title">走访</Text>
      <Text className="page__intro">查看“满意在徐汇”走访安排，报名参加，或提前提出想问的问题。</Text>
    </View>
  );
}
