import { toCsv } from './csv.js';

describe(toCsv.name, () => {
  const text = (buffer: Buffer) => buffer.toString('utf8');

  it('starts with a UTF-8 byte-order mark and ends every line with CRLF, as Excel expects', () => {
    const sut = toCsv(['昵称', '状态'], [['李阿姨', '已报名']]);

    expect([...sut.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(sut)).toBe('\uFEFF昵称,状态\r\n李阿姨,已报名\r\n');
  });

  it('quotes cells with commas, quotes and line breaks, doubling the quotes', () => {
    expect(text(toCsv(['问题'], [['押金,合同'], ['他说"不退"'], ['第一行\n第二行']]))).toBe(
      '\uFEFF问题\r\n"押金,合同"\r\n"他说""不退"""\r\n"第一行\n第二行"\r\n',
    );
  });

  it('keeps text that starts like a formula as text', () => {
    expect(text(toCsv(['昵称'], [['=HYPERLINK("x")'], ['+86'], ['-1'], ['@me']]))).toBe(
      '\uFEFF昵称\r\n"\'=HYPERLINK(""x"")"\r\n\'+86\r\n\'-1\r\n\'@me\r\n',
    );
  });

  it('writes numbers as they are and null as an empty cell', () => {
    expect(text(toCsv(['序号', '顺位'], [[-1, null]]))).toBe('\uFEFF序号,顺位\r\n-1,\r\n');
  });
});
