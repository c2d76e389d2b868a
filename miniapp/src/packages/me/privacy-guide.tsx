import { Text, View } from '@tarojs/components';

import '../../components/forms.scss';
import { Screen } from '../../components/screen';
import { a11y } from '../../utils/a11y';

/**
 * 隐私指引 as the resident reads it. It must say the same as the guide registered for the mini-program
 * in WeChat's console (privacy items: location chosen on a map, photos from album or camera, phone number).
 */
const SECTIONS: { title: string; text: string[] }[] = [
  {
    title: '谁在处理您的信息',
    text: ['“满意在徐汇”由徐汇区相关部门运营，依据法定职责受理居民反映的问题、组织“满意在徐汇”走访。'],
  },
  {
    title: '我们收集什么、为什么',
    text: [
      '微信身份标识（openid）：识别您本人，让您查看自己反映的问题和报名的走访。',
      '您反映的内容：标题、描述、类别、小区，用于派给负责的部门办理。',
      '位置：仅当您在地图上选择问题地点时获取所选位置，我们不读取您的实时定位。',
      '照片：仅当您从相册选择或用相机拍摄时获取，用于说明问题；保存前会去除照片中的位置信息。',
      '手机号（选填）：仅在您填写或授权时获取，方便工作人员联系您；加密保存，工作人员界面只显示部分号码。',
    ],
  },
  {
    title: '保存多久',
    text: ['诉求及办理记录按政务档案要求保存；注销账号后，您的姓名、手机号、地点和照片会被删除，诉求仅以匿名形式留作统计。'],
  },
  {
    title: '您的权利',
    text: [
      '您可以在“我的 → 设置”中下载我们保存的关于您的全部数据，或注销账号。',
      '开启“保密”的诉求不会出现在任何公开列表中。',
      '如对个人信息处理有疑问，可在“我要反映”中选择相关类别提出。',
    ],
  },
];

export function PrivacyGuide() {
  return (
    <Screen>
      <Text className="page__title" {...a11y('heading')}>
        隐私指引
      </Text>
      {SECTIONS.map((section) => (
        <View key={section.title} className="card" {...a11y('region', { 'aria-label': section.title })}>
          <Text className="section-title">{section.title}</Text>
          {section.text.map((line) => (
            <Text key={line} className="privacy__text timeline__text">
              {line}
            </Text>
          ))}
        </View>
      ))}
    </Screen>
  );
}
