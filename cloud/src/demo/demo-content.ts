import type { VisitParticipant } from '../modules/visits/visit.entity.js';

/**
 * Demo content written for Manyi: plainly invented, short, and marked as demo wherever it is shown.
 * Nothing here is copied from a real street's website.
 */
export interface DemoArticle {
  street: string;
  title: string;
  paragraphs: string[];
  source: string;
  /** Published this many days before the seeding day. */
  daysAgo: number;
}

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    street: 'xietu',
    title: '【演示】斜土路街道开展秋季楼道清理行动',
    paragraphs: [
      '这是一篇演示资讯。本周起，街道将与各居民区一起清理楼道堆物，请居民提前整理家门口的杂物。',
      '清理时间为每天上午九点至十一点，如有大件物品需要搬运，可联系居委会预约。',
    ],
    source: '满意演示编辑部',
    daysAgo: 1,
  },
  {
    street: 'xietu',
    title: '【演示】日晖六村新增一处非机动车充电点',
    paragraphs: ['这是一篇演示资讯。为减少楼道充电带来的安全隐患，小区东门附近新增二十个充电位。', '充电点全天开放，居民可扫码使用。'],
    source: '满意演示编辑部',
    daysAgo: 4,
  },
  {
    street: 'fenglin',
    title: '【演示】枫林路街道邻里食堂推出长者午餐',
    paragraphs: ['这是一篇演示资讯。社区食堂每周一至周五提供长者午餐，七十岁以上居民凭卡享受优惠。', '行动不便的老人可由志愿者送餐上门。'],
    source: '满意演示编辑部',
    daysAgo: 2,
  },
  {
    street: 'tianping',
    title: '【演示】天平路街道梧桐树修剪提示',
    paragraphs: [
      '这是一篇演示资讯。下周二起将对部分道路的梧桐树进行修剪，请沿线居民注意停车安排。',
      '修剪期间如有疑问，可通过“我要反映”告诉我们。',
    ],
    source: '满意演示编辑部',
    daysAgo: 3,
  },
  {
    street: 'xujiahui',
    title: '【演示】徐家汇街道社区服务中心延长周末开放时间',
    paragraphs: ['这是一篇演示资讯。自本月起，社区服务中心周六下午也可办理常见事项。', '办理前可在小程序中查看所需材料。'],
    source: '满意演示编辑部',
    daysAgo: 5,
  },
  {
    street: 'kangjian',
    title: '【演示】康健新村街道加装电梯政策说明会',
    paragraphs: ['这是一篇演示资讯。街道将邀请区房管局工作人员讲解加装电梯的申请流程和补贴政策。', '欢迎有意向的楼组派代表参加。'],
    source: '满意演示编辑部',
    daysAgo: 6,
  },
];

export interface DemoVisit {
  street: string;
  /** Compound code suffix within the street (e.g. `hengyi` → `xietu-hengyi`). */
  compound: string;
  title: string;
  place: string;
  /** Starts this many days after the seeding day, at `hour`:00 Shanghai time, for two hours. */
  inDays: number;
  hour: number;
  participants: VisitParticipant[];
  topics: string[];
  capacity: number;
}

export const DEMO_VISITS: DemoVisit[] = [
  {
    street: 'xietu',
    compound: 'hengyi',
    title: '【演示】满意在徐汇 · 恒益居民区面对面',
    place: '恒益居民区活动室',
    inDays: 3,
    hour: 14,
    participants: [
      { name: '演示·王主任', role: 'district_leader', title: '区领导（演示）' },
      { name: '演示·李代表', role: 'deputy', title: '区人大代表（演示）' },
      { name: '演示·陈律师', role: 'lawyer', title: '社区法律顾问（演示）' },
    ],
    topics: ['加装电梯', '楼道堆物', '停车难'],
    capacity: 30,
  },
  {
    street: 'xietu',
    compound: 'rihuiliucun',
    title: '【演示】满意在徐汇 · 日晖六村议事会',
    place: '日晖六村居委会',
    inDays: 10,
    hour: 9,
    participants: [
      { name: '演示·赵委员', role: 'cppcc_member', title: '区政协委员（演示）' },
      { name: '演示·孙科长', role: 'department_head', title: '社区管理办（演示）' },
    ],
    topics: ['旧改后续', '垃圾分类'],
    capacity: 20,
  },
  {
    street: 'fenglin',
    compound: 'dongan-yicun',
    title: '【演示】满意在徐汇 · 东安一村居民见面会',
    place: '东安一村睦邻点',
    inDays: 5,
    hour: 15,
    participants: [
      { name: '演示·周代表', role: 'deputy', title: '区人大代表（演示）' },
      { name: '演示·吴律师', role: 'lawyer', title: '社区法律顾问（演示）' },
    ],
    topics: ['老旧小区改造', '养老助餐'],
    capacity: 25,
  },
  {
    street: 'tianping',
    compound: 'wukang',
    title: '【演示】满意在徐汇 · 武康居民区走访',
    place: '武康居民区党群服务站',
    inDays: 7,
    hour: 10,
    participants: [{ name: '演示·郑主任', role: 'district_leader', title: '区领导（演示）' }],
    topics: ['噪音', '梧桐落叶清扫'],
    capacity: 15,
  },
];
