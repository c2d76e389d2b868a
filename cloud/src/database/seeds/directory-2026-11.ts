import type { RequestType } from '@manyi/shared';

/**
 * The directory as first seeded (November 2026): reference data every database gets, demo or not.
 * Admins maintain it from then on, so this snapshot is frozen — a later change is a new migration.
 *
 * Streets: Xuhui's 12 streets and 1 town with their pinyin codes. Compounds: the ones the street news
 * names (恒益, 交大新村, 日晖六村, 肇清, 江南新村 …) and several more per street; the list is a starting
 * point for each street office to correct, not an official register.
 */
export interface StreetSeed {
  code: string;
  name: string;
  kind: 'street' | 'town';
  /** Short name used in unit names (城管斜土中队). */
  short: string;
  compounds: Array<[code: string, name: string]>;
}

export const STREETS: StreetSeed[] = [
  {
    code: 'xujiahui',
    name: '徐家汇街道',
    kind: 'street',
    short: '徐家汇',
    compounds: [
      ['huizhan', '汇站'],
      ['nandan', '南丹'],
      ['leshan', '乐山新村'],
      ['tianyaoqiao', '天钥桥'],
    ],
  },
  {
    code: 'xietu',
    name: '斜土路街道',
    kind: 'street',
    short: '斜土',
    compounds: [
      ['hengyi', '恒益'],
      ['jiaodaxincun', '交大新村'],
      ['rihuiliucun', '日晖六村'],
      ['rihuiercun', '日晖二村'],
      ['zhaoqing', '肇清'],
      ['jiangnanxincun', '江南新村'],
    ],
  },
  {
    code: 'fenglin',
    name: '枫林路街道',
    kind: 'street',
    short: '枫林',
    compounds: [
      ['wannanliucun', '宛南六村'],
      ['dongan-yicun', '东安一村'],
      ['dongan-sancun', '东安三村'],
      ['shuangfeng', '双峰'],
    ],
  },
  {
    code: 'tianping',
    name: '天平路街道',
    kind: 'street',
    short: '天平',
    compounds: [
      ['wukang', '武康'],
      ['gaoan', '高安'],
      ['wanping', '宛平'],
      ['jianxiang', '建襄'],
    ],
  },
  {
    code: 'hunan',
    name: '湖南路街道',
    kind: 'street',
    short: '湖南',
    compounds: [
      ['hunan', '湖南'],
      ['fuzhong', '复中'],
      ['yongjia', '永嘉'],
      ['huaihai', '淮海'],
    ],
  },
  {
    code: 'changqiao',
    name: '长桥街道',
    kind: 'street',
    short: '长桥',
    compounds: [
      ['changqiao-yicun', '长桥一村'],
      ['changqiao-sancun', '长桥三村'],
      ['huaqin', '华沁'],
      ['luoxiu', '罗秀'],
    ],
  },
  {
    code: 'tianlin',
    name: '田林街道',
    kind: 'street',
    short: '田林',
    compounds: [
      ['tianlin-shiercun', '田林十二村'],
      ['tianlin-shicun', '田林十村'],
      ['tianlin-sicun', '田林四村'],
      ['yishan', '宜山'],
    ],
  },
  {
    code: 'kangjian',
    name: '康健新村街道',
    kind: 'street',
    short: '康健',
    compounds: [
      ['kangjian', '康健'],
      ['chaling', '茶陵'],
      ['shengda', '盛大花园'],
      ['shouxiang', '寿祥'],
    ],
  },
  {
    code: 'hongmei',
    name: '虹梅路街道',
    kind: 'street',
    short: '虹梅',
    compounds: [
      ['hongmei', '虹梅'],
      ['hongkang', '虹康'],
      ['hongxing', '虹星'],
      ['huayue', '华悦'],
    ],
  },
  {
    code: 'caohejing',
    name: '漕河泾街道',
    kind: 'street',
    short: '漕河泾',
    compounds: [
      ['caohejing', '漕河泾'],
      ['caodong', '漕东'],
      ['guanshengyuan', '冠生园'],
      ['xiqin', '习勤'],
    ],
  },
  {
    code: 'lingyun',
    name: '凌云路街道',
    kind: 'street',
    short: '凌云',
    compounds: [
      ['meilong-sancun', '梅陇三村'],
      ['meilong-shiyicun', '梅陇十一村'],
      ['hualiyuan', '华理苑'],
      ['lingyun', '凌云'],
    ],
  },
  {
    code: 'longhua',
    name: '龙华街道',
    kind: 'street',
    short: '龙华',
    compounds: [
      ['longhua', '龙华'],
      ['longnan', '龙南'],
      ['longshan', '龙山'],
      ['fenggu', '丰谷'],
    ],
  },
  {
    code: 'huajing',
    name: '华泾镇',
    kind: 'town',
    short: '华泾',
    compounds: [
      ['huajing', '华泾'],
      ['huafa', '华发'],
      ['beiyang', '北杨'],
      ['huabin', '华滨'],
    ],
  },
];

/** Offices every street has (街道科室): code suffix → name. */
export const STREET_OFFICES: Array<[suffix: string, name: string]> = [
  ['guanli', '社区管理办'],
  ['pingan', '社区平安办'],
  ['yingshang', '营商环境办'],
  ['fuwu', '社区服务办'],
];

/** District units attached to one street (城管中队, 派出所): code prefix → name template. */
export const STREET_UNITS: Array<[prefix: string, name: (short: string) => string]> = [
  ['chengguan', (short) => `城管${short}中队`],
  ['paichusuo', (short) => `${short}派出所`],
];

/** District units that serve every street. */
export const DISTRICT_UNITS: Array<[code: string, name: string]> = [
  ['fangguanju', '区房管局'],
  ['lvhuashirong', '区绿化市容局'],
  ['jianguanwei', '区建管委'],
  ['minzhengju', '区民政局'],
  ['shichangjianguan', '区市场监管局'],
  ['jiaojing', '徐汇交警支队'],
];

export interface CategorySeed {
  code: string;
  name: string;
  children: Array<[code: string, name: string, requestType: RequestType]>;
  /**
   * Who leads (主办) and who helps (协办): a street office suffix or street-unit prefix (resolved in
   * the concern's street), or a district unit code.
   */
  route: { lead: string; coHandlers: string[] };
}

export const CATEGORIES: CategorySeed[] = [
  {
    code: 'shirong',
    name: '市容环境',
    children: [
      ['shirong-laji', '垃圾分类与清运', 'complaint'],
      ['shirong-lvhua', '绿化养护', 'help'],
      ['shirong-daolu', '道路破损', 'help'],
      ['shirong-weijian', '违章搭建', 'complaint'],
    ],
    route: { lead: 'guanli', coHandlers: ['chengguan'] },
  },
  {
    code: 'wuye',
    name: '物业管理',
    children: [
      ['wuye-fuwu', '物业服务', 'complaint'],
      ['wuye-sheshi', '公共设施维修', 'help'],
      ['wuye-tingche', '小区停车', 'complaint'],
    ],
    route: { lead: 'guanli', coHandlers: ['fangguanju'] },
  },
  {
    code: 'dianti',
    name: '加装电梯',
    children: [
      ['dianti-zixun', '加装电梯政策咨询', 'consultation'],
      ['dianti-xietiao', '加装电梯协调', 'complex'],
    ],
    route: { lead: 'fangguanju', coHandlers: ['guanli'] },
  },
  {
    code: 'gaizao',
    name: '老旧小区改造',
    children: [
      ['gaizao-jindu', '改造进度咨询', 'consultation'],
      ['gaizao-shigong', '施工问题', 'complaint'],
    ],
    route: { lead: 'jianguanwei', coHandlers: ['guanli'] },
  },
  {
    code: 'qunzu',
    name: '群租',
    children: [['qunzu-jubao', '群租举报', 'complaint']],
    route: { lead: 'pingan', coHandlers: ['paichusuo'] },
  },
  {
    code: 'zaoyin',
    name: '噪音',
    children: [
      ['zaoyin-shigong', '施工噪音', 'complaint'],
      ['zaoyin-shenghuo', '生活噪音', 'complaint'],
      ['zaoyin-shangye', '商业噪音', 'complaint'],
    ],
    route: { lead: 'chengguan', coHandlers: [] },
  },
  {
    code: 'anquan',
    name: '安全隐患',
    children: [
      ['anquan-xiaofang', '消防隐患', 'help'],
      ['anquan-chongdian', '电动自行车充电', 'help'],
      ['anquan-zhuiwu', '高空坠物', 'help'],
    ],
    route: { lead: 'pingan', coHandlers: [] },
  },
  {
    code: 'yanglao',
    name: '养老服务',
    children: [
      ['yanglao-zhucan', '助餐服务', 'help'],
      ['yanglao-jujia', '居家养老', 'consultation'],
    ],
    route: { lead: 'fuwu', coHandlers: ['minzhengju'] },
  },
  {
    code: 'jiaotong',
    name: '交通出行',
    children: [
      ['jiaotong-gongjiao', '公交站点', 'suggestion'],
      ['jiaotong-feijidongche', '非机动车停放', 'complaint'],
    ],
    route: { lead: 'jiaojing', coHandlers: [] },
  },
  {
    code: 'yingshang',
    name: '营商',
    children: [
      ['yingshang-qiye', '企业服务', 'help'],
      ['yingshang-zhandao', '占道经营', 'complaint'],
    ],
    route: { lead: 'yingshang', coHandlers: ['shichangjianguan'] },
  },
  {
    code: 'qita',
    name: '其他',
    children: [
      ['qita-jianyi', '意见建议', 'suggestion'],
      ['qita-qita', '其他问题', 'consultation'],
    ],
    route: { lead: 'guanli', coHandlers: [] },
  },
];
