import { charCount } from '@manyi/shared';
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';

import { useCategories, useCompounds } from '../hooks/use-directory';
import { useReportDraft } from '../hooks/use-report-draft';
import { useStreets } from '../hooks/use-streets';
import { ROUTES } from '../routes';
import { checkDraft } from '../services/report-draft';
import { exchangePhoneCode } from '../services/wechat.api';
import { saveStreet } from '../services/street-store';
import { a11y } from '../utils/a11y';
import { CategoryPicker } from './category-picker';
import { ChipGroup } from './chip-group';
import { PhotoPicker } from './photo-picker';
import { RequestView } from './request-view';
import { StreetPicker } from './street-picker';

import './forms.scss';

/** The counters' limits; createConcernSchema (in @manyi/shared) is what enforces them. */
const TITLE_MAX = 50;
const DESCRIPTION_MAX = 2000;

/** 我要反映: every field is saved to the draft as it is typed; 下一步 checks it and opens the preview. */
export function ReportForm() {
  const { draft, photos, update, addPhotos, retryPhoto, removePhoto, reload } = useReportDraft();
  const categories = useCategories();
  const compounds = useCompounds(draft.streetCode);
  const [choosingStreet, setChoosingStreet] = useState(false);
  const [invalid, setInvalid] = useState<string>();
  const [phoneHint, setPhoneHint] = useState<string>();

  // Back from the preview (which may have sent and cleared the draft) or from another tab.
  useDidShow(reload);

  const descriptionLength = charCount(draft.description);
  const showStreets = choosingStreet || !draft.streetCode;

  const chooseLocation = async () => {
    try {
      const place = await Taro.chooseLocation({});
      update({ address: place.address || place.name, latitude: place.latitude, longitude: place.longitude });
    } catch {
      // Cancelled or not authorised: the typed address still works.
    }
  };

  // weapp: the getPhoneNumber button gives a one-time code; the service swaps it for the number.
  const fillPhone = async (code: string | undefined) => {
    if (!code) return; // Refused, or the privacy guide was declined: the field stays as typed.
    setPhoneHint(undefined);
    try {
      update({ phone: await exchangePhoneCode(code) });
    } catch {
      setPhoneHint('暂时无法获取微信手机号，请直接填写');
    }
  };

  const next = () => {
    const check = checkDraft(draft);
    if (!check.ok) {
      setInvalid(check.message);
      return;
    }
    setInvalid(undefined);
    void Taro.navigateTo({ url: ROUTES.reportPreview });
  };

  return (
    <View className="report-form">
      <Text className="field__label">诉求类别</Text>
      <RequestView result={categories} isEmpty={(items) => items.length === 0} loadingText="正在加载类别…" emptyText="暂无诉求类别">
        {(items) => (
          <CategoryPicker
            categories={items}
            value={draft.categoryId}
            onChange={(leaf) => update({ categoryId: leaf.id, categoryName: leaf.name })}
          />
        )}
      </RequestView>

      <Text className="field__label">所在小区</Text>
      {draft.streetName && !showStreets && (
        <View className="field__row">
          <Text className="field__hint">{draft.streetName}</Text>
          <Button {...a11y('button')} size="mini" onClick={() => setChoosingStreet(true)}>
            更换街道
          </Button>
        </View>
      )}
      {showStreets && (
        <StreetChooser
          value={draft.streetCode}
          onChange={(street) => {
            saveStreet(street);
            setChoosingStreet(false);
            update({ streetCode: street.code, streetName: street.name, compoundId: undefined, compoundName: undefined });
          }}
        />
      )}
      {draft.streetCode && (
        <RequestView result={compounds} isEmpty={(items) => items.length === 0} loadingText="正在加载小区…" emptyText="该街道暂无小区信息">
          {(items) => (
            <ChipGroup
              label="选择小区"
              options={items.map((c) => ({ id: c.id, label: c.name }))}
              value={draft.compoundId}
              onChange={(id) => update({ compoundId: id, compoundName: items.find((c) => c.id === id)?.name })}
            />
          )}
        </RequestView>
      )}

      <Text className="field__label">标题</Text>
      <Input
        className="field__input"
        value={draft.title}
        placeholder="一句话说明问题，如：楼道灯坏了"
        maxlength={TITLE_MAX * 2}
        onInput={(e) => update({ title: e.detail.value })}
        {...a11y('textbox', { 'aria-label': '标题' })}
      />

      <Text className="field__label">问题描述</Text>
      <Textarea
        className="field__textarea"
        value={draft.description}
        placeholder="发生了什么、在哪里、持续多久了"
        maxlength={DESCRIPTION_MAX * 2}
        onInput={(e) => update({ description: e.detail.value })}
        {...a11y('textbox', { 'aria-label': '问题描述' })}
      />
      <Text className={`field__counter${descriptionLength > DESCRIPTION_MAX ? ' field__counter--over' : ''}`}>
        {descriptionLength}/{DESCRIPTION_MAX}
      </Text>

      <Text className="field__label">照片（选填，最多 9 张）</Text>
      <PhotoPicker photos={photos} onAdd={addPhotos} onRetry={retryPhoto} onRemove={removePhoto} />

      <Text className="field__label">地点</Text>
      <Input
        className="field__input"
        value={draft.address}
        placeholder="如：xx路xx弄3号楼门口"
        maxlength={200}
        onInput={(e) => update({ address: e.detail.value })}
        {...a11y('textbox', { 'aria-label': '地点' })}
      />
      {process.env.TARO_ENV === 'weapp' && (
        <Button {...a11y('button')} className="secondary-button" size="mini" onClick={() => void chooseLocation()}>
          {draft.latitude === undefined ? '在地图上选择' : '已选定位置，重新选择'}
        </Button>
      )}

      <Text className="field__label">联系电话（选填）</Text>
      <Input
        className="field__input"
        type="number"
        value={draft.phone}
        placeholder="方便工作人员联系您"
        maxlength={11}
        onInput={(e) => update({ phone: e.detail.value })}
        {...a11y('textbox', { 'aria-label': '联系电话' })}
      />
      {process.env.TARO_ENV === 'weapp' && (
        <Button
          className="secondary-button"
          size="mini"
          openType="getPhoneNumber"
          onGetPhoneNumber={(e) => void fillPhone((e.detail as { code?: string }).code)}
        >
          使用微信绑定的手机号
        </Button>
      )}
      {phoneHint && <Text className="field__hint">{phoneHint}</Text>}

      <View className="field__row">
        <View>
          <Text className="field__label">保密</Text>
          <Text className="field__hint">开启后，诉求不会出现在公开的列表中</Text>
        </View>
        <Switch
          checked={draft.confidential}
          color="#c8161d"
          onChange={(e) => update({ confidential: e.detail.value })}
          {...a11y('switch', { 'aria-label': '保密' })}
        />
      </View>

      {invalid && (
        <Text className="form-error" {...a11y('alert')}>
          {invalid}
        </Text>
      )}
      <Button {...a11y('button')} className="primary-button" onClick={next}>
        下一步：预览
      </Button>
    </View>
  );
}

function StreetChooser({ value, onChange }: { value?: string; onChange: (street: { code: string; name: string }) => void }) {
  const streets = useStreets();
  return (
    <RequestView result={streets} isEmpty={(items) => items.length === 0} loadingText="正在加载街道…" emptyText="暂无街道信息">
      {(items) => <StreetPicker streets={items} value={value} onChange={onChange} />}
    </RequestView>
  );
}
