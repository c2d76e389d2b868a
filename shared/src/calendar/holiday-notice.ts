import { isRealDate, type CalendarDay, type CalendarDayKind, type HolidayNoticeView } from './calendar.schemas.js';

/*
 * Reads the State Council's annual notice (国务院办公厅关于 20XX 年部分节假日安排的通知) as pasted by an
 * admin, into the year's dated exceptions to Monday–Friday. Nothing is saved here: the admin checks the
 * result (and the warnings) and then saves the year.
 *
 * The notice has one schedule line per holiday, in a format that has barely changed in years:
 *
 *   二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
 *
 * i.e. a holiday span followed by 放假, and a list of make-up working days followed by 上班. Rather than
 * matching whole sentences (the wording varies: 放假 / 放假调休 / 放假1天，不调休 / 放假，与周末连休), each
 * date is given the kind of the first 放假 or 上班 after it in its sentence; dates followed by neither
 * (除夕（2月9日）休息 in 2024, a signature date) are not schedule dates and are left alone.
 *
 * Choices a reader may want to know:
 * - A combined line ("六、国庆节、中秋节：10月1日至8日…") names every day of it, make-up days included,
 *   with the line's name as written ("国庆节、中秋节"): the notice does not say which day is 中秋, and a
 *   name split by guesswork would look more certain than the notice is.
 * - "与周末连休" (2024: "元旦：1月1日放假，与周末连休。") makes only the stated day a holiday: the weekend
 *   next to it is a weekend anyway, and the notice does not count it.
 * - A day the notice dates in another year (2023's 元旦 began 2022年12月31日) is left out of the days,
 *   with a warning naming it: it belongs to the other year's calendar, and the days are saved as one year.
 * - No regex lookbehind, matchAll or flatMap: @manyi/shared also runs on the phone, where older WeChat
 *   engines reject the first when the module loads and lack the others.
 */

/** The holidays the notices name, as they name them. */
const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
const HOLIDAY_NAME = `(?:${HOLIDAY_NAMES.join('|')})`;
/** One holiday or several joined ("国庆节、中秋节", "中秋节和国庆节"). */
const HOLIDAY_NAME_LIST = `${HOLIDAY_NAME}(?:[、和]${HOLIDAY_NAME})*`;
const CHINESE_DIGITS = '〇零一二三四五六七八九十';

/**
 * Where a schedule line starts: "一、" … "十二、", or a holiday name and a colon, at the start of the text,
 * of a line, after a 。 (two lines pasted as one) or after the colon of "…通知如下：" (a paste that lost
 * every line break). The first group is the character before, which the match consumes.
 */
const LINE_START = new RegExp(`(^|[\\n。:])((?:[一二三四五六七八九十]{1,3}、)|${HOLIDAY_NAME_LIST}:)`, 'g');

/** "一、元旦：" / "元旦：" / "三、清明节" (colon missing) at the start of a schedule line. */
const NUMBERING = /^[一二三四五六七八九十]{1,3}、/;
const NAME_BEFORE_COLON = /^([^:,。\d]{1,20}):/;
const NAME_WITHOUT_COLON = new RegExp(`^(${HOLIDAY_NAME_LIST})`);

/**
 * A date as the notices write it — 2022年12月31日, 10月1日, 3日 (month from the date before) — with the
 * parenthesis after it ("（周二）", "（农历除夕、周二）"); or a parenthesis not after a date, matched only so
 * that a date inside it ("除夕（2月9日）") is skipped rather than read.
 */
const DATE_OR_ASIDE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^)]*)\))?|\([^)]*\)/g;
const KEYWORD = /放假|上班/g;
/** What joins the two ends of a span: 至 in every notice; the others in hand-typed text. */
const RANGE_JOINER = /^(?:至|到|-|~|—|–|——)$/;
/** "共8天", or "放假1天" (2025's 元旦: "1月1日（周三）放假1天，不调休"). */
const STATED_LENGTH = new RegExp(`(?:共|放假)(\\d+|[${CHINESE_DIGITS}]+)天`);
/** A date written in Chinese numerals (四月四日), which this parser does not read. */
const CHINESE_NUMERAL_DATE = new RegExp(`[${CHINESE_DIGITS}]+月|[${CHINESE_DIGITS}]+日`);
const WEEKDAY = /(?:星期|周)([一二三四五六日天])/;
const WEEKDAY_NUMBERS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'];

/** The title "关于2025年部分节假日安排的通知", then the body "现将2025年元旦、春节…具体安排通知如下". */
const TITLE_YEAR = /关于(\d{4})年(?:部分)?节假日/;
const BODY_YEAR = new RegExp(`(\\d{4})年${HOLIDAY_NAME}`);
/** A year written on a schedule date ("2022年12月31日至2023年1月2日"). */
const DATE_YEAR = /(\d{4})年\d{1,2}月/g;

/** Where the schedule ends: the closing paragraph "节假日期间，各地区、各部门要…". */
const CLOSING = '节假日期间';

/** Stands in for the year when none is known, to still find unreadable lines; leap, so 2月29日 reads. */
const PLACEHOLDER_YEAR = 2000;
/** The longest span a notice gives is 9 days (春节 2026); a much longer one is a misread. */
const MAX_SPAN_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How much of a line a warning quotes. */
const QUOTE_LENGTH = 80;

/** Parses the pasted notice; see the comment at the top of this file. */
export function parseHolidayNotice(text: string): HolidayNoticeView {
  const normalized = normalize(text);
  const lines = scheduleLines(normalized);
  const warnings: string[] = [];

  const year = noticeYear(normalized.replace(/\n/g, ''), lines, warnings);
  if (lines.length === 0) warnings.push('没有找到节假日安排（形如“一、元旦：1月1日放假，共1天。”的行）');

  // Without a year, the lines are still read (against a stand-in year) so that unreadable ones are
  // reported, but none of their days can be dated.
  const context: LineContext = { year: year ?? PLACEHOLDER_YEAR, dated: year !== null, warnings };
  const days: CalendarDay[] = [];
  for (const line of lines) days.push(...readLine(line, context));
  if (year === null) return { year: null, days: [], warnings };

  return { year, days: distinctDays(days, year, warnings), warnings };
}

/**
 * Full-width digits and punctuation to ASCII (１月１日 → 1月1日, ：，（） → :,()) — NFKC leaves 。 and 、 as
 * they are — and spaces dropped: they carry no meaning in Chinese text and turn up anywhere in a paste
 * (the ideographic indent, "2025 年"). Line breaks are kept for now: they help find where lines start.
 */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\u200b|\u200c|\u200d|\ufeff/g, '') // zero-width characters from web pages
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, '');
}

/**
 * The schedule lines, each in one piece: a line runs to where the next starts, so a line broken inside
 * a sentence (a narrow web page, a PDF) is joined again. The preamble before the first line and the
 * closing paragraph after the last are dropped.
 */
function scheduleLines(normalized: string): string[] {
  const starts: number[] = [];
  LINE_START.lastIndex = 0;
  for (let match = LINE_START.exec(normalized); match; match = LINE_START.exec(normalized)) {
    starts.push(match.index + (match[1] ?? '').length);
  }
  const first = starts[0];
  if (first === undefined) return [];
  const closing = normalized.indexOf(CLOSING, first);
  const end = closing === -1 ? normalized.length : closing;
  const inside = starts.filter((start) => start < end);
  return inside.map((start, i) => normalized.slice(start, inside[i + 1] ?? end).replace(/\n/g, '')).filter((line) => line !== '');
}

/**
 * The year the notice is about: from its title, else its body. Not any year in the text: the signature
 * is dated the year before (the 2024 notice was signed 2023年10月25日). Failing both, the latest year
 * written on a schedule date (a paste of the lines alone of the 2023 notice still says 2023年1月2日).
 */
function noticeYear(flat: string, lines: readonly string[], warnings: string[]): number | null {
  const title = TITLE_YEAR.exec(flat)?.[1];
  const body = BODY_YEAR.exec(flat)?.[1];
  if (title && body && title !== body) warnings.push(`标题写的是 ${title} 年，正文写的是 ${body} 年；按标题的 ${title} 年读取`);
  const stated = title ?? body;
  if (stated) return Number(stated);

  const written: number[] = [];
  for (const line of lines) {
    DATE_YEAR.lastIndex = 0;
    for (let match = DATE_YEAR.exec(line); match; match = DATE_YEAR.exec(line)) written.push(Number(match[1]));
  }
  if (written.length > 0) {
    const latest = Math.max(...written);
    warnings.push(`通知的标题和正文里没有找到年份，按日期里写明的 ${latest} 年读取，请核对`);
    return latest;
  }
  warnings.push('通知里没有找到年份（如标题“关于2025年部分节假日安排的通知”），无法确定日期；请连同标题一起粘贴');
  return null;
}

interface LineContext {
  /** Dates without a year belong to it. */
  year: number;
  /** Whether `year` is the notice's (not the stand-in): only then are weekdays checked. */
  dated: boolean;
  warnings: string[];
}

/** One date as written: what it states, where it sits in its sentence, and the weekday it claims. */
interface WrittenDate {
  year?: number;
  month?: number;
  day: number;
  weekday?: number;
  /** The text as written, for warnings. */
  text: string;
  start: number;
  end: number;
}

interface ResolvedDate {
  year: number;
  month: number;
  day: number;
  iso: string;
}

/** One schedule line → its days, each named as the line names its holiday. */
function readLine(line: string, context: LineContext): CalendarDay[] {
  const warn = (message: string) => context.warnings.push(`${message}：「${quote(line)}」`);
  const { name, body } = splitHeader(line);

  const days: CalendarDay[] = [];
  let holidayCount = 0;
  let statedLength: number | undefined;
  // "至3日", "8日": a date without a month takes it from the date before it in the line.
  let previous: ResolvedDate | undefined;
  let unreadable = false;

  for (const sentence of body.split(/[。;]/)) {
    const lengthMatch = STATED_LENGTH.exec(sentence);
    if (lengthMatch?.[1] !== undefined && statedLength === undefined) statedLength = readNumber(lengthMatch[1]);

    for (const group of datesByKeyword(sentence)) {
      for (let i = 0; i < group.dates.length; i++) {
        const from = group.dates[i] as WrittenDate;
        const next = group.dates[i + 1];
        const isSpan = next !== undefined && RANGE_JOINER.test(sentence.slice(from.end, next.start));
        const span = isSpan ? resolveSpan(from, next, previous, context.year) : resolveSingle(from, previous, context.year);
        if (isSpan) i++;
        if (typeof span === 'string') {
          warn(span);
          unreadable = true;
          continue;
        }
        previous = span.end;
        if (context.dated) checkWeekdays(span, isSpan ? [from, next] : [from], group.kind, warn);
        for (const iso of daysFrom(span.start, span.end)) {
          days.push({ date: iso, kind: group.kind, name });
          if (group.kind === 'holiday') holidayCount++;
        }
      }
    }
  }

  if (days.length === 0) {
    if (!unreadable) warn('这一行没有读出日期');
    return [];
  }
  if (name === '') {
    warn('这一行没有读出节日名称，已略过');
    return [];
  }
  if (CHINESE_NUMERAL_DATE.test(body.replace(/\([^)]*\)/g, ''))) warn('这一行有用汉字写的日期，没有读取，请核对');
  if (statedLength !== undefined && statedLength !== holidayCount) {
    warn(`通知写共 ${statedLength} 天，但读出的放假日期是 ${holidayCount} 天，请核对`);
  }
  return days;
}

/** "一、国庆节、中秋节：…" → the name and what follows the colon; numbering is dropped. */
function splitHeader(line: string): { name: string; body: string } {
  const rest = line.replace(NUMBERING, '');
  const withColon = NAME_BEFORE_COLON.exec(rest);
  if (withColon?.[1] !== undefined) return { name: withColon[1], body: rest.slice(withColon[0].length) };
  const bare = NAME_WITHOUT_COLON.exec(rest);
  if (bare?.[1] !== undefined) return { name: bare[1], body: rest.slice(bare[1].length) };
  return { name: '', body: rest };
}

/**
 * A sentence's dates, grouped by the first 放假 or 上班 after them: "1月28日…至2月4日…放假调休，共8天" is a
 * holiday span, "1月26日（周日）、2月8日（周六）上班" make-up days. Dates with no keyword after them are not
 * schedule dates.
 */
function datesByKeyword(sentence: string): { kind: CalendarDayKind; dates: WrittenDate[] }[] {
  const keywords: { at: number; kind: CalendarDayKind }[] = [];
  KEYWORD.lastIndex = 0;
  for (let match = KEYWORD.exec(sentence); match; match = KEYWORD.exec(sentence)) {
    keywords.push({ at: match.index, kind: match[0] === '上班' ? 'workday' : 'holiday' });
  }

  const groups = new Map<number, { kind: CalendarDayKind; dates: WrittenDate[] }>();
  DATE_OR_ASIDE.lastIndex = 0;
  for (let match = DATE_OR_ASIDE.exec(sentence); match; match = DATE_OR_ASIDE.exec(sentence)) {
    if (match[3] === undefined) continue; // an aside in parentheses
    const end = match.index + match[0].length;
    const keyword = keywords.find((k) => k.at >= end);
    if (!keyword) continue;
    const weekday = WEEKDAY.exec(match[4] ?? '')?.[1];
    const date: WrittenDate = {
      year: match[1] === undefined ? undefined : Number(match[1]),
      month: match[2] === undefined ? undefined : Number(match[2]),
      day: Number(match[3]),
      weekday: weekday === undefined ? undefined : WEEKDAY_NUMBERS[weekday],
      text: fullWidth(match[0]),
      start: match.index,
      end,
    };
    const group = groups.get(keyword.at) ?? { kind: keyword.kind, dates: [] };
    group.dates.push(date);
    groups.set(keyword.at, group);
  }
  return [...groups.values()];
}

/** A single date: its stated year, else the notice's; its stated month, else the previous date's. */
function resolveSingle(
  date: WrittenDate,
  previous: ResolvedDate | undefined,
  year: number,
): { start: ResolvedDate; end: ResolvedDate } | string {
  const resolved = resolveDate(date, previous, year);
  return typeof resolved === 'string' ? resolved : { start: resolved, end: resolved };
}

/**
 * A span "A至B". B without a month ("1月1日至3日") takes A's, rolling into the next month if its day is
 * smaller ("9月29日至3日" would end in October). Across the year end without years ("12月31日至1月2日"),
 * the span ends in the notice's year and so starts in the one before, as 2023's 元旦 did.
 */
function resolveSpan(
  from: WrittenDate,
  to: WrittenDate,
  previous: ResolvedDate | undefined,
  year: number,
): { start: ResolvedDate; end: ResolvedDate } | string {
  let start = resolveDate(from, previous, year);
  if (typeof start === 'string') return start;

  let endYear = to.year ?? start.year;
  let endMonth = to.month ?? start.month;
  if (to.month === undefined && to.day < start.day) endMonth++;
  if (endMonth > 12) {
    endMonth -= 12;
    endYear++;
  }
  if (to.year === undefined && to.month !== undefined && to.month < start.month) {
    if (from.year === undefined) {
      const moved = resolveDate({ ...from, year: start.year - 1, month: start.month }, undefined, year);
      if (typeof moved === 'string') return moved;
      start = moved;
    } else {
      endYear = start.year + 1;
    }
  }
  const end = toResolved(endYear, endMonth, to.day, to.text);
  if (typeof end === 'string') return end;

  const length = (Date.parse(end.iso) - Date.parse(start.iso)) / DAY_MS + 1;
  if (length < 1) return `“${from.text}至${to.text}”结束在开始之前`;
  if (length > MAX_SPAN_DAYS) return `“${from.text}至${to.text}”长达 ${length} 天，不像节假日`;
  return { start, end };
}

function resolveDate(date: WrittenDate, previous: ResolvedDate | undefined, year: number): ResolvedDate | string {
  const month = date.month ?? previous?.month;
  if (month === undefined) return `“${date.text}”没有写月份`;
  // "8日" after "10月7日" shares its year as well as its month; "5月6日" is in the notice's year.
  const dateYear = date.year ?? (date.month === undefined && previous ? previous.year : year);
  return toResolved(dateYear, month, date.day, date.text);
}

function toResolved(year: number, month: number, day: number, text: string): ResolvedDate | string {
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isRealDate(iso)) return `“${text}”不是一个存在的日期（${iso}）`;
  return { year, month, day, iso };
}

/** Every date from start to end, both included. */
function daysFrom(start: ResolvedDate, end: ResolvedDate): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(start.iso); t <= Date.parse(end.iso); t += DAY_MS) dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

/**
 * The weekday a notice writes after a date ("（周日）") must be the date's: a mismatch most often means
 * the year was misread (a 2025 notice under a 2024 title). A make-up working day must be a weekend day.
 */
function checkWeekdays(
  span: { start: ResolvedDate; end: ResolvedDate },
  written: WrittenDate[],
  kind: CalendarDayKind,
  warn: (message: string) => void,
): void {
  const ends = written.length === 2 ? [span.start, span.end] : [span.start];
  ends.forEach((resolved, i) => {
    const claimed = written[i]?.weekday;
    const actual = new Date(`${resolved.iso}T00:00:00Z`).getUTCDay();
    if (claimed !== undefined && claimed !== actual) {
      warn(`${resolved.iso} 是星期${WEEKDAY_NAMES[actual]}，通知写的是星期${WEEKDAY_NAMES[claimed]}，年份对吗`);
    }
  });
  if (kind !== 'workday') return;
  for (const iso of daysFrom(span.start, span.end)) {
    const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) warn(`${iso} 是星期${WEEKDAY_NAMES[weekday]}，本来就是工作日，不必调休上班`);
  }
}

/**
 * Sorted by date, each date once. A date read twice the same way is kept quietly (a notice pasted
 * twice); read two ways, the first reading is kept and the admin told. A date outside the notice's year
 * is left out and the admin told where it belongs (saving a year takes only its own days).
 */
function distinctDays(days: readonly CalendarDay[], year: number, warnings: string[]): CalendarDay[] {
  const byDate = new Map<string, CalendarDay>();
  for (const day of days) {
    const kept = byDate.get(day.date);
    if (!kept) byDate.set(day.date, day);
    else if (kept.kind !== day.kind || kept.name !== day.name) {
      warnings.push(`${day.date} 读到两次（${describe(kept)}；${describe(day)}），保留前者`);
    }
  }
  const sorted = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  const inYear: CalendarDay[] = [];
  for (const day of sorted) {
    const dayYear = day.date.slice(0, 4);
    if (dayYear === String(year)) inYear.push(day);
    else warnings.push(`${day.date}（${describe(day)}）属于 ${dayYear} 年，不在本通知的 ${year} 年，请在 ${dayYear} 年的日历里录入`);
  }
  return inYear;
}

function describe(day: CalendarDay): string {
  return `${day.name}${day.kind === 'holiday' ? '放假' : '调休上班'}`;
}

/** "8" or "八" / "十二" (a hand-typed 共八天). */
function readNumber(written: string): number {
  if (/^\d+$/.test(written)) return Number(written);
  const digit = (c: string | undefined) => (c === undefined || c === '' ? 0 : '〇一二三四五六七八九'.indexOf(c.replace('零', '〇')));
  const [tens, ones] = written.split('十');
  if (ones === undefined) return digit(tens);
  return (tens === '' ? 1 : digit(tens)) * 10 + digit(ones);
}

/** The line as the admin pasted it, give or take the width of its punctuation, shortened if long. */
function quote(line: string): string {
  const chars = [...fullWidth(line)];
  return chars.length > QUOTE_LENGTH ? `${chars.slice(0, QUOTE_LENGTH).join('')}…` : chars.join('');
}

/** Undoes normalize() for the punctuation a warning shows, so it reads as Chinese text again. */
function fullWidth(text: string): string {
  return text.replace(/:/g, '：').replace(/,/g, '，').replace(/\(/g, '（').replace(/\)/g, '）').replace(/;/g, '；');
}
