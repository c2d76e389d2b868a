import type { StreetView } from '@manyi/shared';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';

import { useStreets } from '../hooks/use-streets';
import { getSavedStreet, saveStreet, type SavedStreet } from '../services/street-store';
import { a11y } from '../utils/a11y';
import { RequestView } from './request-view';
import { StreetPicker } from './street-picker';

import './lists.scss';

/** The resident's street, remembered across launches and shared by 资讯, 走访 and the report form. */
export function useSavedStreet(): [SavedStreet | undefined, (street: StreetView) => void] {
  const [street, setStreet] = useState<SavedStreet | undefined>(getSavedStreet);
  const choose = (picked: StreetView) => {
    saveStreet(picked);
    setStreet(picked);
  };
  return [street, choose];
}

export interface StreetChoiceProps {
  street: SavedStreet | undefined;
  onChange: (street: StreetView) => void;
}

/** 当前街道 with 更换, or all streets as chips until one is picked. */
export function StreetChoice({ street, onChange }: StreetChoiceProps) {
  const [choosing, setChoosing] = useState(false);

  if (street && !choosing) {
    return (
      <View className="street-bar">
        <Text className="section-title">当前街道：{street.name}</Text>
        <Button {...a11y('button', { 'aria-label': '更换街道' })} size="mini" onClick={() => setChoosing(true)}>
          更换
        </Button>
      </View>
    );
  }
  return (
    <View>
      <Text className="section-title">{street ? `当前街道：${street.name}` : '选择您所在的街道'}</Text>
      <StreetList
        value={street?.code}
        onChange={(picked) => {
          setChoosing(false);
          onChange(picked);
        }}
      />
    </View>
  );
}

/** Asks for the streets only while the list is shown: a remembered street costs no request. */
function StreetList({ value, onChange }: { value?: string; onChange: (street: StreetView) => void }) {
  const streets = useStreets();
  return (
    <RequestView result={streets} isEmpty={(items) => items.length === 0} loadingText="正在加载街道…" emptyText="暂无街道信息">
      {(items) => <StreetPicker streets={items} value={value} onChange={onChange} />}
    </RequestView>
  );
}
