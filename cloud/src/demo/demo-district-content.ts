import type { ReturnReason } from '@manyi/shared';

/**
 * The demo district's words: invented concerns, replies and reasons written for Manyi, in the voice
 * of residents and street staff. Every title the seeder files carries 【演示】 (DEMO_TITLE_MARK).
 * Nothing here is copied from a real report.
 */

export const DEMO_TITLE_MARK = '【演示】';

/** The neighbours who filed the rest of the demo district's concerns. */
export const DEMO_NEIGHBOURS = [
  '演示·张阿姨',
  '演示·李老伯',
  '演示·王先生',
  '演示·陈女士',
  '演示·刘师傅',
  '演示·杨阿婆',
  '演示·赵同学',
  '演示·黄老师',
  '演示·周先生',
  '演示·吴阿姨',
  '演示·徐老伯',
  '演示·孙女士',
  '演示·马师傅',
  '演示·朱阿姨',
  '演示·胡先生',
  '演示·郭女士',
  '演示·何老伯',
  '演示·林阿姨',
  '演示·高先生',
  '演示·罗女士',
  '演示·郑师傅',
  '演示·梁阿姨',
  '演示·谢先生',
  '演示·宋老伯',
];

/** What residents write, per leaf category code: a title (without the mark) and a description. */
export const DEMO_REPORTS: Record<string, Array<[title: string, description: string]>> = {
  'shirong-laji': [
    ['垃圾房两天没有清运', '小区东门垃圾房已经两天没人清运，湿垃圾桶满了，天热味道很大，请尽快安排。'],
    ['大件垃圾堆在楼下', '有人把旧沙发和床垫扔在楼下绿地旁，已经一个多星期了，影响通行。'],
    ['分类垃圾桶破损', '3号楼前的可回收物桶盖子坏了，下雨天进水，麻烦更换一个。'],
  ],
  'shirong-lvhua': [
    ['树枝遮挡路灯', '小区主路边的香樟树长得太高，树枝把路灯挡住了，晚上路很暗。'],
    ['绿地里的树快倒了', '上次刮风后，绿地里一棵树明显歪了，担心砸到人，请派人看一下。'],
  ],
  'shirong-daolu': [
    ['人行道地砖松动', '小区门口人行道好几块地砖松动翘起，老人走路容易绊倒。'],
    ['路面坑洼积水', '弄堂口路面有个大坑，一下雨就积水，电瓶车经过溅得满身是水。'],
  ],
  'shirong-weijian': [
    ['一楼住户私搭阳光房', '一楼住户在公共绿地上搭了阳光房，占了大家的通道，请核查。'],
    ['楼顶加盖铁皮房', '顶楼有人在屋面上搭了铁皮房，担心漏水和安全问题。'],
  ],
  'wuye-fuwu': [
    ['物业电话总是打不通', '报修电话打了一整天都没人接，楼道漏水没人管，希望督促物业。'],
    ['保洁频次减少', '最近楼道一个星期才扫一次，扶手上都是灰，和物业合同约定不符。'],
  ],
  'wuye-sheshi': [
    ['楼道灯坏了一个月', '5号楼三楼楼道灯一直不亮，老人晚上上下楼很危险。'],
    ['单元门门禁失灵', '2号楼单元门门禁坏了，门一直关不上，外来人员随便进出。'],
    ['小区围墙有缺口', '靠马路一侧的围墙塌了一段，晚上有人从缺口进出。'],
  ],
  'wuye-tingche': [
    ['消防通道被车堵住', '晚上总有车停在消防通道上，物业劝了也不听，万一出事消防车进不来。'],
    ['外来车辆占用车位', '小区里经常有外来车辆过夜，居民下班回来没地方停。'],
  ],
  'dianti-zixun': [
    ['加装电梯补贴怎么申请', '我们楼想加装电梯，想问一下补贴标准和需要准备的材料。'],
    ['加装电梯要多少户同意', '六层老公房想装电梯，请问需要多少比例的住户签字同意？'],
  ],
  'dianti-xietiao': [['一楼住户反对加装电梯', '我们楼其他住户都同意加装电梯，一楼住户担心采光一直不签字，希望街道帮忙协调。']],
  'gaizao-jindu': [['旧改什么时候开工', '听说我们小区列入今年改造计划，想知道具体什么时候开工、改哪些内容。']],
  'gaizao-shigong': [
    ['改造施工材料堆在通道', '屋面改造的材料堆在楼道口，轮椅和婴儿车都推不过去。'],
    ['外墙施工脚手架不安全', '外墙施工的脚手架没有围好，有东西掉下来，路过很危险。'],
  ],
  'qunzu-jubao': [['楼上疑似群租', '楼上一套两居室住了十几个人，进出很乱，晚上很吵，怀疑是群租。']],
  'zaoyin-shigong': [
    ['工地夜间施工噪音', '隔壁工地晚上十一点以后还在打桩，吵得孩子睡不着。'],
    ['装修周末一早就开工', '楼上装修周六早上七点就开始电钻，希望按规定时间施工。'],
  ],
  'zaoyin-shenghuo': [['广场舞音响太响', '小区广场舞音响开得很大，一直到晚上九点多，影响老人休息。']],
  'zaoyin-shangye': [['沿街饭店排风扇噪音', '楼下饭店的排风扇从早响到半夜，噪音和油烟都很大。']],
  'anquan-xiaofang': [
    ['楼道堆满杂物', '楼道里堆了很多纸箱和旧家具，消防通道都堵住了。'],
    ['灭火器过期', '楼道里的灭火器压力表指针已经到红区，看标签也过期了。'],
  ],
  'anquan-chongdian': [
    ['电瓶车在楼道充电', '有人把电瓶车推进楼道，从家里拉线充电，很不安全。'],
    ['充电桩数量不够', '小区只有十个充电位，晚上经常排不上，希望增加一些。'],
  ],
  'anquan-zhuiwu': [['阳台花盆有坠落风险', '高层阳台外面挂着好几个花盆，刮风时摇摇晃晃，楼下是人行道。']],
  'yanglao-zhucan': [
    ['希望长者食堂增加送餐', '家里老人行动不便，希望长者食堂能提供送餐上门服务。'],
    ['助餐点菜品太咸', '社区助餐点的菜偏咸，老人有高血压，希望能做得清淡一些。'],
  ],
  'yanglao-jujia': [['居家养老服务怎么申请', '母亲八十五岁独居，想了解居家养老服务的申请条件和流程。']],
  'jiaotong-gongjiao': [['公交站没有候车亭', '小区门口的公交站没有候车亭，下雨天老人只能站着淋雨。']],
  'jiaotong-feijidongche': [['共享单车堵住小区门口', '小区门口每天早上堆满共享单车，轮椅都过不去。']],
  'yingshang-qiye': [['小店办证咨询', '想在小区附近开一家早餐店，想了解需要办哪些证照。']],
  'yingshang-zhandao': [['沿街商户占道经营', '水果店把货架摆到人行道上，行人只能走到马路上。']],
  'qita-jianyi': [
    ['建议增设休息座椅', '小区步道边没有座椅，老人散步走累了没地方休息，建议加几张。'],
    ['建议开放学校操场', '希望周末能开放附近学校的操场给居民锻炼。'],
  ],
  'qita-qita': [['社区活动如何报名', '看到街道有书法班，想问一下怎么报名，是否收费。']],
};

/** A department's reply as it reaches the resident, per top-level category code (the leaf's parent). */
export const DEMO_REPLIES: Record<string, string[]> = {
  shirong: ['已安排保洁和清运人员到现场处理，并要求每日巡查，后续如再出现请随时反映。', '已联系养护单位到现场处置完毕，谢谢您的反映。'],
  wuye: ['已督促物业到现场维修完毕，并要求物业公开报修电话和响应时限。', '已约谈物业负责人，整改已完成，居委会将持续跟进。'],
  dianti: [
    '已向您说明加装电梯的申请流程、补贴标准和所需材料，街道加梯办可上门指导。',
    '已组织楼组协调会，相关住户已达成初步意见，后续由加梯办跟进。',
  ],
  gaizao: ['已与施工单位核实，材料已清理，施工期间将设置安全通道。', '改造计划和时间表已在居委会公示，您可随时到居委会查阅。'],
  qunzu: ['已会同派出所上门核查，房东已按要求整改，将持续关注。'],
  zaoyin: ['已到现场核查并要求整改，夜间施工已停止，后续安排巡查。', '已与相关方沟通，噪音问题已整改，如再出现请随时反映。'],
  anquan: ['已组织清理楼道堆物，并对居民进行了消防安全提醒。', '已到现场排除隐患，并在楼道张贴安全提示。'],
  yanglao: ['已将您的需求转给社区助餐点，送餐服务可在居委会登记。', '已向您介绍居家养老服务的申请条件，工作人员将上门评估。'],
  jiaotong: ['已将您的建议报送交通部门，并安排对门口单车进行集中清理。'],
  yingshang: ['已向您说明所需证照和办理地点，可在社区事务受理中心一次办理。', '已要求商户退回店内经营，城管将加强巡查。'],
  qita: ['感谢您的建议，已转相关部门研究，研究结果将在居委会公示。', '已向您说明报名方式，欢迎参加社区活动。'],
};

export const DEMO_REJECT_REASONS = [
  '该事项属于小区业主自治范围，建议通过业委会协商解决。',
  '反映内容不属于本街道管辖范围，已告知您向相关部门咨询的渠道。',
  '反映内容不够具体，无法核实，请补充具体地址后重新反映。',
];

export const DEMO_RETURNS: Array<{ reason: ReturnReason; note: string }> = [
  { reason: 'not_our_remit', note: '该事项不属于本部门职责，建议改派房管部门。' },
  { reason: 'insufficient_info', note: '反映地址不具体，现场无法找到，请派单员与居民确认后再派。' },
  { reason: 'wrong_street', note: '现场核实该地址属于相邻街道，请改派。' },
];

export const DEMO_EXTENSION_REASONS = [
  '需要协调多个部门现场会商，申请延期。',
  '维修所需材料需要采购，申请延期。',
  '涉及业主意见征询，需要更多时间。',
];

export const DEMO_SEND_BACK_REASONS = ['答复内容过于简单，请补充具体处理结果和时间。', '请附上现场整改后的照片再答复。'];

export const DEMO_RATING_COMMENTS = {
  satisfied: ['处理很及时，谢谢！', '问题解决了，工作人员态度很好。', ''],
  basic: ['问题基本解决了，希望以后多巡查。', ''],
  unsatisfied: ['现场看了还是老样子，问题没有解决。', '答复太笼统，希望能真正解决。'],
};

export const DEMO_WITHDRAW_NOTE = '问题已经自行解决';

/** A co-handling department's part (协办意见), as it writes it for the lead. */
export const DEMO_CO_HANDLER_PARTS = [
  '我部门已派员到现场核查，情况属实，已配合主办部门完成处置。',
  '已按职责对相关单位进行约谈并督促整改，整改情况已反馈主办部门。',
  '已提供相关政策依据和办理流程，供主办部门答复居民时参考。',
];

/** Why a co-handling department declines (拒绝协办), and why the dispatcher then waives it (免除协办). */
export const DEMO_CO_HANDLER_DECLINES = ['该事项不属于我部门职责范围，建议由主办部门直接处置。'];
export const DEMO_CO_HANDLER_WAIVERS = ['经核实无需该部门协办，由主办部门单独办理。'];

/**
 * A contact line a few residents add when they agree to publication: the board shows it masked (publish-case
 * masks the text), which is what the demo wants a newcomer to see. The numbers are invented.
 */
export const DEMO_CONTACT_LINES = ['有问题可以打我手机13800001234，白天都在家。', '联系电话13900005678，晚上六点以后方便。'];

/**
 * 答复模板 of the demo district: a reply and a rejection reason written for any category, filled from the
 * concern by the shared placeholders. `{类别}` names the category, so one pair fits each common category;
 * the title is followed by the category's name.
 */
export const DEMO_REPLY_TEMPLATES = {
  reply: {
    title: '办结答复',
    text:
      '【演示】您好！您于{提交日期}反映的{小区}{类别}问题（编号{诉求编号}），{部门}已安排人员到现场核实并处理完毕。' +
      '后续我们将加强日常巡查，如问题再次出现，欢迎继续通过满意徐汇反映。感谢您对{街道}工作的支持！',
  },
  rejection: {
    title: '不予受理',
    text:
      '【演示】您好！您反映的{小区}{类别}问题经核实不属于本平台受理范围（或已通过其他渠道办理），' +
      '建议您向相关单位咨询。如有新的情况，欢迎重新提交。{街道}，{今天}。',
  },
} as const;

/**
 * 政策知识库 of the demo district: invented entries in the shape staff cite (nothing here is a real
 * document). One is written in traditional characters, to show that search finds it either way.
 */
export const DEMO_KNOWLEDGE: Array<{ title: string; text: string; source: string; validDays: number | null }> = [
  {
    title: '【演示】生活垃圾清运时限',
    text: '居住小区垃圾房的湿垃圾应每日清运，干垃圾不超过两日清运一次；遇高温天气增加清运频次。居民反映清运不及时的，街道应在一个工作日内督促清运单位处置。',
    source: '演示资料（虚构）·市容管理',
    validDays: 365,
  },
  {
    title: '【演示】物业报修响应要求',
    text: '物业服务企业接到报修后，一般问题应在24小时内上门，紧急问题（停水、漏水、电梯困人）应在30分钟内到场。物业应在小区公告栏公开报修电话和响应时限。',
    source: '演示资料（虚构）·物业管理',
    validDays: 540,
  },
  {
    title: '【演示】既有多层住宅加装电梯流程',
    text: '加装电梯一般经过意愿征询、方案设计、公示、审批、施工和验收六个环节。街道加梯办提供政策咨询和上门指导，补贴按已完成验收的项目申请。',
    source: '演示资料（虚构）·加装电梯',
    validDays: null,
  },
  {
    title: '【演示】夜间施工噪声的处理',
    text: '晚上十点至次日六点一般不得进行产生噪声的施工；确需连续作业的，应事先取得许可并告知周边居民。居民反映夜间施工的，可由城管中队现场核查。',
    source: '演示资料（虚构）·环境噪声',
    validDays: 365,
  },
  {
    title: '【演示】电动自行车集中充电',
    text: '禁止电动自行车在楼道、楼梯间停放和充电。小区应设置集中充电点，新建充电设施由居委会、业委会和物业共同商定位置，并公示收费标准。',
    source: '演示资料（虚构）·消防安全',
    validDays: 730,
  },
  {
    title: '【演示】公共綠地被佔用的處理',
    text: '小區公共綠地不得擅自圈佔、搭建或改作他用。居民反映綠地被佔用的，由房管辦會同城管核查，責令限期恢復；逾期不恢復的，依法處理。',
    source: '演示資料（虛構）·綠化管理',
    validDays: 365,
  },
];
