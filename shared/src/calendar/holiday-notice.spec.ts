import { readFileSync } from 'node:fs';
import type { CalendarDay } from './calendar.schemas.js';
import { parseHolidayNotice } from './holiday-notice.js';
import { packageCalendarDays } from './package-calendar.js';

/*
 * The fixtures are the State Council's notices for 2023–2026, typed out in the notices' own format
 * (title, addressees, preamble, numbered lines, closing paragraph, signature), plus the 2024 notice as a
 * messy paste: full-width digits, ideographic spaces, CRLF, lines broken mid-sentence and two lines run
 * together.
 */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), 'utf8');

/** A notice of the given year made of the given schedule lines, with the usual title and preamble. */
const notice = (year: number, ...lines: string[]): string =>
  [
    `国务院办公厅关于${year}年部分节假日安排的通知`,
    `经国务院批准，现将${year}年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。`,
    ...lines,
    '节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，确保人民群众祥和平安度过节日假期。',
  ].join('\n');

const dateKinds = (days: readonly CalendarDay[]): string[] => days.map((day) => `${day.date} ${day.kind}`);
const span = (from: string, to: string): string[] => {
  const dates: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
};

describe(parseHolidayNotice.name, () => {
  describe('the notices of 2023–2026, against the chinese-days package', () => {
    /*
     * The package agrees with every notice on every date and kind. What differs is expected:
     * - 2023's 元旦 began 2022年12月31日: the package files that day under 2022 (it has it, as 元旦), the
     *   parser leaves it out of 2023's days with a warning that it belongs to 2022's calendar.
     * - 2024's notice "encourages" a day off on 除夕 (2月9日) but does not grant it: neither the package nor
     *   the parser has 2024-02-09.
     * - Combined lines (2023 "中秋节、国庆节", 2025 "国庆节、中秋节"): the package names one day 中秋 (by the
     *   lunar calendar) and the rest, make-up days included, 国庆节; the parser gives the whole line its
     *   combined name, so there only the package's name is checked to be one of the line's.
     */
    const expected = (year: number): CalendarDay[] => packageCalendarDays(year);

    it.each([2023, 2024, 2025, 2026])('reads the %i notice as the package has that year', (year) => {
      const sut = parseHolidayNotice(fixture(`notice-${year}`));

      expect(sut.year).toBe(year);
      expect(dateKinds(sut.days)).toEqual(dateKinds(expected(year)));
      expected(year).forEach((day, i) => {
        const name = sut.days[i]?.name ?? '';
        if (name.includes('、')) expect(name.split('、')).toContain(day.name);
        else expect(name).toBe(day.name);
      });
    });

    it.each([2024, 2025, 2026])('reads the %i notice without warnings', (year) => {
      const sut = parseHolidayNotice(fixture(`notice-${year}`));

      expect(sut.warnings).toEqual([]);
    });

    it('warns, for the 2023 notice, only that 2022-12-31 belongs to the 2022 calendar', () => {
      const sut = parseHolidayNotice(fixture('notice-2023'));

      expect(sut.warnings).toHaveLength(1);
      expect(sut.warnings[0]).toContain('2022-12-31');
      expect(sut.warnings[0]).toContain('2022 年的日历');
    });

    it('names each day of a combined line with the line’s name as written', () => {
      const sut = parseHolidayNotice(fixture('notice-2025'));

      const autumn = sut.days.filter((day) => day.date >= '2025-09-28' && day.date <= '2025-10-11');
      expect(autumn).toHaveLength(10);
      expect(new Set(autumn.map((day) => day.name))).toEqual(new Set(['国庆节、中秋节']));
    });
  });

  it('reads a holiday that crosses the month end', () => {
    const sut = parseHolidayNotice(notice(2023, '六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。'));

    expect(sut.days.map((day) => day.date)).toEqual(span('2023-09-29', '2023-10-06'));
    expect(sut.days.every((day) => day.kind === 'holiday')).toBe(true);
    expect(sut.warnings).toEqual([]);
  });

  it('reads a holiday that crosses the year end with explicit years, keeping the notice year’s days and naming the other', () => {
    const sut = parseHolidayNotice(notice(2023, '一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。'));

    expect(sut.year).toBe(2023);
    expect(dateKinds(sut.days)).toEqual(['2023-01-01 holiday', '2023-01-02 holiday']);
    expect(sut.warnings).toEqual([expect.stringContaining('2022-12-31（元旦放假）属于 2022 年')]);
  });

  it('reads a year-end span written without years as ending in the notice’s year', () => {
    const sut = parseHolidayNotice(notice(2023, '一、元旦：12月31日至1月2日放假调休，共3天。'));

    expect(sut.days.map((day) => day.date)).toEqual(['2023-01-01', '2023-01-02']);
    expect(sut.warnings).toEqual([expect.stringContaining('2022-12-31（元旦放假）属于 2022 年')]);
  });

  it('reads several make-up days in one sentence, across a month end', () => {
    const sut = parseHolidayNotice(notice(2024, '四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。'));

    expect(sut.days.filter((day) => day.kind === 'workday')).toEqual([
      { date: '2024-04-28', kind: 'workday', name: '劳动节' },
      { date: '2024-05-11', kind: 'workday', name: '劳动节' },
    ]);
    expect(sut.warnings).toEqual([]);
  });

  it('takes a make-up day’s month from the date before it when only the day is written', () => {
    const sut = parseHolidayNotice(
      notice(2023, '六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、8日（星期日）上班。'),
    );

    expect(sut.days.filter((day) => day.kind === 'workday').map((day) => day.date)).toEqual(['2023-10-07', '2023-10-08']);
  });

  it('takes the month of a span’s end from its start when the end is written as a day only (至3日)', () => {
    const sut = parseHolidayNotice(notice(2026, '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。'));

    expect(dateKinds(sut.days)).toEqual(['2026-01-01 holiday', '2026-01-02 holiday', '2026-01-03 holiday', '2026-01-04 workday']);
    expect(sut.warnings).toEqual([]);
  });

  it('reads the newer style, with the lunar date and weekday in parentheses after each date', () => {
    const sut = parseHolidayNotice(
      notice(
        2025,
        '二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。',
      ),
    );

    expect(sut.days.filter((day) => day.kind === 'holiday').map((day) => day.date)).toEqual(span('2025-01-28', '2025-02-04'));
    expect(sut.days.filter((day) => day.kind === 'workday').map((day) => day.date)).toEqual(['2025-01-26', '2025-02-08']);
    expect(sut.warnings).toEqual([]);
  });

  it('reads full-width digits and punctuation, stray spaces, CRLF and broken or run-together lines as the plain notice', () => {
    const sut = parseHolidayNotice(fixture('notice-2024-fullwidth-paste'));

    expect(sut.year).toBe(2024);
    expect(sut.days).toEqual(parseHolidayNotice(fixture('notice-2024')).days);
    expect(sut.warnings).toEqual([]);
  });

  it('reads a notice pasted as one line, its line breaks lost', () => {
    const sut = parseHolidayNotice(fixture('notice-2026').replace(/\s+/g, ''));

    expect(sut.days).toEqual(parseHolidayNotice(fixture('notice-2026')).days);
    expect(sut.warnings).toEqual([]);
  });

  it('makes only the stated day a holiday for 与周末连休', () => {
    const sut = parseHolidayNotice(notice(2024, '一、元旦：1月1日放假，与周末连休。'));

    expect(sut.days).toEqual([{ date: '2024-01-01', kind: 'holiday', name: '元旦' }]);
    expect(sut.warnings).toEqual([]);
  });

  it('does not read a date in an aside as a holiday (除夕（2月9日）休息)', () => {
    const sut = parseHolidayNotice(
      notice(
        2024,
        '二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。',
      ),
    );

    expect(sut.days.map((day) => day.date)).not.toContain('2024-02-09');
    expect(sut.days).toHaveLength(10);
  });

  it('ignores the preamble, the closing paragraph and the signature', () => {
    const sut = parseHolidayNotice(fixture('notice-2025'));

    // The preamble says 自2025年1月1日起施行, the signature 2024年11月12日: neither is a day off.
    expect(sut.year).toBe(2025);
    expect(sut.days.map((day) => day.date)).not.toContain('2024-11-12');
    expect(sut.days.filter((day) => day.date === '2025-01-01')).toEqual([{ date: '2025-01-01', kind: 'holiday', name: '元旦' }]);
  });

  it('warns about a schedule line it cannot read, quoting it, and still reads the others', () => {
    const sut = parseHolidayNotice(notice(2024, '三、清明节：四月四日至六日放假调休，共3天。', '五、端午节：6月10日放假，与周末连休。'));

    expect(sut.days).toEqual([{ date: '2024-06-10', kind: 'holiday', name: '端午节' }]);
    expect(sut.warnings).toEqual(['这一行没有读出日期：「三、清明节：四月四日至六日放假调休，共3天。」']);
  });

  it('warns about a date that does not exist', () => {
    const sut = parseHolidayNotice(notice(2024, '二、春节：2月10日至17日放假调休，共8天。2月30日（星期六）上班。'));

    expect(sut.days).toHaveLength(8);
    expect(sut.warnings).toEqual([expect.stringContaining('“2月30日（星期六）”不是一个存在的日期')]);
  });

  it('warns about a line with a date written in Chinese numerals, which it does not read', () => {
    const sut = parseHolidayNotice(notice(2024, '二、春节：2月10日至17日放假调休，共8天。二月四日上班。'));

    expect(sut.days).toHaveLength(8);
    expect(sut.warnings).toEqual([expect.stringContaining('这一行有用汉字写的日期')]);
  });

  it('returns no year and no days, with a warning, when the notice states no year', () => {
    const sut = parseHolidayNotice('一、元旦：1月1日放假，与周末连休。\n二、春节：2月10日至17日放假调休，共8天。');

    expect(sut.year).toBeNull();
    expect(sut.days).toEqual([]);
    expect(sut.warnings).toEqual([expect.stringContaining('没有找到年份')]);
  });

  it('takes the year from the preamble when the title is missing', () => {
    const sut = parseHolidayNotice(fixture('notice-2024').split('\n').slice(1).join('\n'));

    expect(sut.year).toBe(2024);
    expect(sut.warnings).toEqual([]);
  });

  it('goes by the title, and warns, when the title and the preamble name different years', () => {
    const sut = parseHolidayNotice(fixture('notice-2025').replace('关于2025年', '关于2026年'));

    expect(sut.year).toBe(2026);
    expect(sut.warnings[0]).toBe('标题写的是 2026 年，正文写的是 2025 年；按标题的 2026 年读取');
    // …and the weekdays the 2025 lines write then disagree with 2026's dates, which says which was right.
    expect(sut.warnings).toContainEqual(expect.stringContaining('2026-01-01 是星期四，通知写的是星期三'));
  });

  it('takes the year written on a schedule date when only the lines are pasted, and says so', () => {
    const sut = parseHolidayNotice('一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。\n二、春节：1月21日至27日放假调休，共7天。');

    expect(sut.year).toBe(2023);
    expect(sut.days.filter((day) => day.name === '春节').map((day) => day.date)).toEqual(span('2023-01-21', '2023-01-27'));
    expect(sut.warnings[0]).toContain('按日期里写明的 2023 年读取');
  });

  it('warns when 共N天 does not match the span, and keeps the days', () => {
    const sut = parseHolidayNotice(notice(2024, '四、劳动节：5月1日至5日放假调休，共4天。'));

    expect(sut.days.map((day) => day.date)).toEqual(span('2024-05-01', '2024-05-05'));
    expect(sut.warnings).toEqual(['通知写共 4 天，但读出的放假日期是 5 天，请核对：「四、劳动节：5月1日至5日放假调休，共4天。」']);
  });

  it('warns when a written weekday does not match its date, as when the year is wrong', () => {
    const sut = parseHolidayNotice(notice(2024, '四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。'));

    expect(sut.warnings).toEqual([
      expect.stringContaining('2024-05-01 是星期三，通知写的是星期四'),
      expect.stringContaining('2024-05-05 是星期日，通知写的是星期一'),
      expect.stringContaining('2024-04-27 是星期六，通知写的是星期日'),
    ]);
  });

  it('warns about a make-up working day that falls on a weekday', () => {
    const sut = parseHolidayNotice(notice(2024, '七、国庆节：10月1日至7日放假调休，共7天。10月8日上班。'));

    expect(sut.warnings).toEqual([expect.stringContaining('2024-10-08 是星期二，本来就是工作日')]);
  });

  it('returns the days sorted by date and each once, whatever the order and repetition of the lines', () => {
    const lines = ['五、端午节：6月10日放假，与周末连休。', '一、元旦：1月1日放假，与周末连休。'];
    const sut = parseHolidayNotice(notice(2024, ...lines, ...lines));

    expect(sut.days.map((day) => day.date)).toEqual(['2024-01-01', '2024-06-10']);
    expect(sut.warnings).toEqual([]);
  });

  it('keeps the first reading of a date the notice gives two ways, and warns', () => {
    const sut = parseHolidayNotice(notice(2024, '六、中秋节：9月15日至17日放假调休，共3天。', '七、国庆节：9月17日至18日放假，共2天。'));

    expect(sut.days.find((day) => day.date === '2024-09-17')?.name).toBe('中秋节');
    expect(sut.warnings).toEqual([expect.stringContaining('2024-09-17 读到两次')]);
  });

  it('warns when the text holds no schedule line at all', () => {
    const sut = parseHolidayNotice('国务院办公厅关于2027年部分节假日安排的通知\n经国务院批准，现将有关安排通知如下。');

    expect(sut.year).toBe(2027);
    expect(sut.days).toEqual([]);
    expect(sut.warnings).toEqual([expect.stringContaining('没有找到节假日安排')]);
  });
});
