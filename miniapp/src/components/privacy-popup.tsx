import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

import { ROUTES } from '../routes';
import {
  installPrivacyHandler,
  onPrivacyRequest,
  openPrivacyContract,
  PRIVACY_AGREE_BUTTON_ID,
  type PrivacyRequest,
} from '../services/privacy';
import { a11y } from '../utils/a11y';

import './privacy-popup.scss';

/**
 * Shown when WeChat holds a privacy API (location on a map, photos, camera, phone number) until the
 * resident agrees to the privacy guide. Placed on the pages that use those APIs; renders nothing on h5.
 */
export function PrivacyPopup() {
  const [request, setRequest] = useState<PrivacyRequest>();

  useEffect(() => {
    installPrivacyHandler();
    return onPrivacyRequest((next) => setRequest(() => next));
  }, []);

  if (process.env.TARO_ENV !== 'weapp' || !request) return null;
  return (
    <View className="privacy-popup" {...a11y('dialog', { 'aria-label': '隐私保护指引' })}>
      <View className="privacy-popup__panel">
        <Text className="privacy-popup__title">隐私保护指引</Text>
        <Text className="privacy-popup__text">
          为了在地图上选择问题地点、从相册选择或拍摄照片、填写您的手机号，需要您同意《满意在徐汇隐私保护指引》。我们只在您使用这些功能时获取相应信息。
        </Text>
        <Text className="privacy-popup__link" onClick={openPrivacyContract}>
          查看《隐私保护指引》
        </Text>
        <Text className="privacy-popup__link" onClick={() => void Taro.navigateTo({ url: ROUTES.privacyGuide })}>
          我们如何使用您的信息
        </Text>
        <View className="privacy-popup__actions">
          <Button className="privacy-popup__button" onClick={() => request('disagree')}>
            拒绝
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="privacy-popup__button privacy-popup__button--agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => request('agree')}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
