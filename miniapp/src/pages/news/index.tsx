import type { StreetView } from '@manyi/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';

import { RequestView } from '../../components/request-view';
import { StreetPicker } from '../../components/street-picker';
import { useStreets } from '../../hooks/use-streets';

export default function NewsPage() {
  const streets = useStreets();
  const [street, setStreet] = useState<StreetView>();

  return (
    <View className="page">
      <Text className="page__title">资讯</Text>
      <Text className="page__intro">选择您所在的街道，查看社区新闻和通知公告。</Text>

      <Text className="section-title">{street ? `当前街道：${street.name}` : '选择街道'}</Text>
      <RequestView result={streets} isEmpty={(items) => items.length === 0} loadingText="正在加载街道…" emptyText="暂无街道信息">
        {(items) => <StreetPicker streets={items} value={street?.code} onChange={setStreet} />}
      </RequestView>
    </View>
  );
}
