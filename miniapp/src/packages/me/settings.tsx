import Cell from '@nutui/nutui-react-taro/dist/es/packages/cell';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import Dialog from '@nutui/nutui-react-taro/dist/es/packages/dialog';
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';
import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch';
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

import '../../components/forms.scss';
import { Screen } from '../../components/screen';
import { useAuth } from '../../hooks/use-auth';
import { useElderlyMode } from '../../hooks/use-elderly-mode';
import { toApiError } from '../../services/api-error';
import { logout } from '../../services/auth';
import { downloadMyData } from '../../services/data-export';
import { deleteMyAccount } from '../../services/me.api';
import { ROUTES } from '../../routes';
import { a11y } from '../../utils/a11y';

/** 我的 → 设置: 长者模式, download my data, delete my account, log out, the privacy guide. */
export function Settings() {
  const [elderly, setElderly] = useElderlyMode();
  const auth = useAuth();
  const [busy, setBusy] = useState<'export' | 'delete'>();
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const exportData = async () => {
    setBusy('export');
    setMessage(undefined);
    try {
      const saved = await downloadMyData();
      setMessage({ text: `已导出我的数据（${saved.concerns} 条诉求）`, error: false });
    } catch (error) {
      setMessage({ text: toApiError(error).message, error: true });
    } finally {
      setBusy(undefined);
    }
  };

  const deleteAccount = async () => {
    setConfirmingDelete(false);
    setBusy('delete');
    setMessage(undefined);
    try {
      await deleteMyAccount();
      setMessage({ text: '账号已注销，您的个人信息已删除。', error: false });
    } catch (error) {
      setMessage({ text: toApiError(error).message, error: true });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Screen>
      <Text className="page__title">设置</Text>
      <Cell.Group>
        <Cell
          title={<Text className="settings__label">长者模式</Text>}
          description={<Text className="settings__hint">字号放大 1.5 倍，对比更强，页面更简洁</Text>}
          align="center"
          extra={
            <Switch
              checked={elderly}
              onChange={(on) => setElderly(on)}
              ariaLabel="长者模式"
              {...a11y('switch', { 'aria-label': '长者模式', 'aria-checked': elderly })}
            />
          }
        />
        <Cell
          title={<Text className="settings__label">隐私指引</Text>}
          clickable
          onClick={() => void Taro.navigateTo({ url: ROUTES.privacyGuide })}
          {...a11y('link', { 'aria-label': '隐私指引' })}
        />
      </Cell.Group>

      {message && (
        <Text className={message.error ? 'form-error' : 'field__hint'} {...a11y(message.error ? 'alert' : 'status')}>
          {message.text}
        </Text>
      )}

      {auth.loggedIn && (
        <View>
          <Text className="section-title">我的数据</Text>
          <Text className="field__hint">下载我们保存的关于您的全部数据（JSON 文件）。</Text>
          <Button
            {...a11y('button')}
            className="secondary-button"
            loading={busy === 'export'}
            disabled={busy !== undefined}
            onClick={() => void exportData()}
          >
            下载我的数据
          </Button>
          <Button {...a11y('button')} className="secondary-button" disabled={busy !== undefined} onClick={logout}>
            退出登录
          </Button>
          <Button
            {...a11y('button')}
            className="secondary-button settings__danger"
            loading={busy === 'delete'}
            disabled={busy !== undefined}
            onClick={() => setConfirmingDelete(true)}
          >
            注销账号
          </Button>
        </View>
      )}

      <Dialog
        visible={confirmingDelete}
        title="确定注销账号？"
        content={
          <View {...a11y('alertdialog', { 'aria-label': '确定注销账号？' })}>
            <Text className="timeline__text">注销后：</Text>
            <Text className="timeline__text">· 您的昵称、手机号、地点和照片将被永久删除，无法恢复；</Text>
            <Text className="timeline__text">· 已反映的诉求仅以匿名形式保留，您将无法再查看或评价；</Text>
            <Text className="timeline__text">· 所有登录随即失效。</Text>
          </View>
        }
        confirmText="确认注销"
        cancelText="暂不注销"
        onConfirm={() => void deleteAccount()}
        onCancel={() => setConfirmingDelete(false)}
        onClose={() => setConfirmingDelete(false)}
      />
    </Screen>
  );
}
