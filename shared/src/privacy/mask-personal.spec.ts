import { MASKED_ID_NUMBER, MASKED_PHONE, maskPersonal } from './mask-personal.js';

const P = MASKED_PHONE;
const ID = MASKED_ID_NUMBER;

describe('maskPersonal', () => {
  it.each([
    ['13812345678', P],
    ['请联系13812345678谢谢', `请联系${P}谢谢`],
    ['138 1234 5678', P],
    ['138-1234-5678', P],
    ['138.1234.5678', P],
    ['138－1234－5678', P],
    ['138—1234—5678', P],
    ['138　1234　5678', P],
    ['１３８１２３４５６７８', P],
    ['１３８ １２３４ ５６７８', P],
    ['+8613812345678', P],
    ['+86 138 1234 5678', P],
    ['＋８６ １３８１２３４５６７８', P],
    ['008613812345678', P],
    ['电话：19912345678。', `电话：${P}。`],
    ['手机17012345678和15900001111都可以', `手机${P}和${P}都可以`],
  ])('hides the mobile number in %j', (text, expected) => {
    expect(maskPersonal(text)).toBe(expected);
  });

  it.each([
    ['021-61234567', P],
    ['021 6123 4567', P],
    ['(021)61234567', P],
    ['（021）6123-4567', P],
    ['０２１－６１２３４５６７', P],
    ['0571-8765432', P],
    ['010-62345678 有事找我', `${P} 有事找我`],
    ['座机021-61234567转123', `座机${P}`],
    ['电话 6123 4567', `电话 ${P}`],
    ['座机：61234567', `座机：${P}`],
    ['打６１２３４５６７找物业', `打${P}找物业`],
  ])('hides the landline number in %j', (text, expected) => {
    expect(maskPersonal(text)).toBe(expected);
  });

  it.each([
    ['11010519491231002X', ID],
    ['11010519491231002x', ID],
    ['身份证310104198001011234。', `身份证${ID}。`],
    ['310104 19800101 1234', ID],
    ['310104-19800101-1234', ID],
    ['３１０１０４１９８００１０１１２３Ｘ', ID],
    ['证件号 310104 1980 0101 123X 请核实', `证件号 ${ID} 请核实`],
  ])('hides the 身份证 number in %j', (text, expected) => {
    expect(maskPersonal(text)).toBe(expected);
  });

  it.each([
    '3号楼2单元1201室漏水三天了',
    '2024年5月1日起每天早上6点施工',
    '垃圾房满溢，已持续 3 天',
    '订单号 A13812345678',
    '编号13812345678901',
    '金额 12345678 元',
    '邮编200030',
    '2023-10-01 08:30 到 2023-10-03',
    '138 人参加',
    '',
  ])('leaves %j as it is', (text) => {
    expect(maskPersonal(text)).toBe(text);
  });

  it('hides the given names, longest first, in latin case and full width too', () => {
    expect(maskPersonal('我是张阿姨，张阿姨家门口漏水', { names: ['张阿', '张阿姨'] })).toBe('我是***，***家门口漏水');
    expect(maskPersonal('Alice 和 ALICE 还有 ａｌｉｃｅ', { names: ['alice'] })).toBe('***** 和 ***** 还有 *****');
    expect(maskPersonal('王老师(a.b)说', { names: ['(a.b)'] })).toBe('王老师*****说');
  });

  it('ignores names shorter than two characters and empty ones', () => {
    expect(maskPersonal('王老师说', { names: ['王', '', null, undefined, ' '] })).toBe('王老师说');
  });

  it('hides everything in one text, never making it longer', () => {
    const text = '我叫李师傅，电话138 1234 5678，身份证310104198001011234，家里座机(021)6123-4567';
    const masked = maskPersonal(text, { names: ['李师傅'] });
    expect(masked).toBe(`我叫***，电话${P}，身份证${ID}，家里座机${P}`);
    expect(masked.length).toBeLessThanOrEqual(text.length);
  });

  it('is idempotent', () => {
    const once = maskPersonal('张三 13812345678 310104198001011234', { names: ['张三'] });
    expect(maskPersonal(once, { names: ['张三'] })).toBe(once);
  });

  it.each([
    ['王阿姨家楼下', '*阿姨家楼下'],
    ['请李先生和张女士联系物业', '请*先生和*女士联系物业'],
    ['物业的刘师傅说明天来修', '物业的*师傅说明天来修'],
    ['我叫张伟，住3号楼', '我叫**，住3号楼'],
    ['联系人：李小红', '联系人：***'],
    ['姓名 王芳', '姓名 **'],
  ])('hides the names-like pattern in %j when asked to (the public board)', (text, expected) => {
    expect(maskPersonal(text, { namesLike: true })).toBe(expected);
    expect(maskPersonal(text)).toBe(text);
  });

  it.each(['物业的老师傅说明天来修', '社区书记来看过', '楼道里的灯坏了', '联系人不在家'])(
    'leaves %j alone: no surname before the form of address',
    (text) => {
      expect(maskPersonal(text)).toBe(text);
    },
  );

  it('hides a number, an ID number and a name in one text as the public board shows it', () => {
    const text = '我是3号楼王阿姨，手机13812345678，座机021-64871234，身份证310104198001011234，楼道堆物请清理。';
    expect(maskPersonal(text, { namesLike: true })).toBe(`我是3号楼*阿姨，手机${P}，座机${P}，身份证${ID}，楼道堆物请清理。`);
  });
});
