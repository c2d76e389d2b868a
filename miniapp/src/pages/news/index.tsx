import type { StreetView } from '@manyi/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';

import { RequestView } from '../../components/request-view';
import { StreetPicker } from '../../components/street-picker';
import { useStreets } from '../../hooks/use-streets';
import { getSavedStreet, saveStreet, type SavedStreet } from '../../services/street-store';

export default function NewsPage() {
  const streets = useStreets();
  // Remembered across launches; the report form offers this street's compounds.
  const [street, setStreet] = useState<SavedStreet | undefined>(getSavedStreet);

  const choose = (picked: StreetView) => {
    saveStreet(picked);
    setStreet(picked);
  };

  return (
    <View className="page">
      <Text className="page__title">资讯</Text>
      <Text className="page__intro">选择您所在的街道，查看社区新闻和通知公告。</Text>

      <Text className="section-title">{street ? `当前街道：${street.name}` : '选择街道'}</Text>
      <RequestView result={streets} isEmpty={(items) => items.length === 0} loadingText="正在加载街道…" emptyText="暂无街道信息">
        {(items) => <StreetPicker streets={items} value={street?.code} onChange={choose} />}
      </RequestView>
    </View>
  );
}
