/**
 * 个人信息遮蔽: hides phone numbers, 身份证 numbers and given names in free text a resident wrote.
 * Used when an account is deleted (注销) and meant for anything that shows residents' text to the public,
 * so both hide exactly the same things. Pure and synchronous.
 *
 * People type numbers every way a phone keyboard allows: full-width digits (１３８…), spaces, dashes and
 * dots between groups, a +86 in front, the area code in brackets. Matching runs on a copy with the
 * full-width forms folded to ASCII — one UTF-16 unit for one, so a match's position in the copy is its
 * position in the original — and the original text outside the matches is kept as it was.
 */

/** What a hidden phone number (mobile or landline) becomes. Never longer than what it replaces. */
export const MASKED_PHONE = '[电话]';
/** What a hidden 身份证 number becomes. */
export const MASKED_ID_NUMBER = '[证件号]';
/** Each character of a hidden name becomes this. */
export const MASKED_NAME_CHAR = '*';

/** At most one of these between two digits: spaces (incl. the ideographic one), dashes of every width, dots. */
const SEP = '[ \\t\\u00a0\\u3000\\-\\u2010-\\u2015\\u2212.·]';
const GAP = `${SEP}?`;
/** `n` more digits, each optionally after one separator. */
const digits = (n: string) => `(?:${GAP}\\d)${n}`;
/** Not glued to a preceding digit or latin letter (an order number, a URL) … */
const START = '(?<![0-9A-Za-z])';
/** … nor followed by one more digit: a longer number is not a phone number. */
const END = '(?!\\d)';

/** 18-digit 身份证 (the last one may be X), in groups or not. The 15-digit first generation is long retired. */
const ID_NUMBER = new RegExp(`${START}[1-9]${digits('{16}')}${GAP}[0-9Xx](?![0-9A-Za-z])`, 'g');
/** Mainland mobile: 1[3-9] and nine more digits, optionally +86 / 86 / 0086 in front. */
const MOBILE = new RegExp(`${START}(?:(?:\\+|00)?86${GAP})?1[3-9]${digits('{9}')}${END}`, 'g');
/** Landline with its area code: 021-61234567, (021) 6123 4567, 0571.8765432, with an optional extension (转 123). */
const LANDLINE = new RegExp(
  `${START}(?:\\(0\\d{2,3}\\)|0\\d{2,3})${GAP}[2-9]${digits('{6,7}')}(?:${GAP}(?:转|分机|ext\\.?|x)${GAP}\\d{1,6})?${END}`,
  'gi',
);
/** A local number without area code, only where the words around say it is one (电话 6123 4567). */
const LOCAL_NUMBER = new RegExp(
  `(?<=(?:电话|座机|手机|号码|联系方式|致电|打|tel|phone)[是为:：\\s]{0,3})[2-9]${digits('{6,7}')}${END}`,
  'gi',
);

/**
 * Names-like patterns (issue 17, for text shown to the public): the common surnames, which before a form
 * of address (王阿姨, 李先生, 张师傅) or after words that introduce a name (我叫张伟, 联系人：李小红) mark a
 * name. The surname (or the whole introduced name) is hidden, the form of address kept: 王阿姨 → *阿姨.
 * Only the frequent surnames: a rarer one slips through, an ordinary word is never taken for a name.
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤殷施倪郁';
const ADDRESS_FORMS = '先生|女士|小姐|阿姨|叔叔|师傅|老师|大爷|大妈|阿婆|老伯|奶奶|爷爷|大姐|大哥|阿姐|老板|经理|书记|主任|同志';
/** 王阿姨, 李先生: the surname before a form of address (not inside a longer run of Han characters' name: 王小明先生 is caught by the next). */
const SURNAME_ADDRESS = new RegExp(`[${SURNAMES}](?=(?:${ADDRESS_FORMS}))`, 'g');
/** 我叫张伟, 姓名：李小红, 联系人王芳 — a surname and one or two more characters after words that introduce a name. */
const INTRODUCED_NAME = new RegExp(
  `(?<=(?:我叫|名叫|叫做|姓名|名字|联系人|本人)[是为:：\\s]{0,2})[${SURNAMES}][\\u4e00-\\u9fff]{1,2}`,
  'g',
);

export interface MaskPersonalOptions {
  /**
   * Also hide names-like patterns (王阿姨 → *阿姨, 我叫张伟 → 我叫**): for text published to everyone (the
   * street's board). Off elsewhere, where a 王老师 named in a report is kept for staff to read.
   */
  namesLike?: boolean;
  /** Names to hide wherever they appear (the resident's nickname, a real name they gave). Shorter than two characters: ignored, it would hide ordinary words. */
  names?: readonly (string | null | undefined)[];
}

/** The text with phone numbers, 身份证 numbers, the given names and names-like patterns hidden. */
export function maskPersonal(text: string, options: MaskPersonalOptions = {}): string {
  let out = text;
  out = replaceMatches(out, ID_NUMBER, () => MASKED_ID_NUMBER);
  out = replaceMatches(out, MOBILE, () => MASKED_PHONE);
  out = replaceMatches(out, LANDLINE, () => MASKED_PHONE);
  out = replaceMatches(out, LOCAL_NUMBER, () => MASKED_PHONE);
  const names = [...new Set((options.names ?? []).map((n) => n?.trim() ?? '').filter((n) => [...n].length >= 2))]
    // Longest first, so 张阿姨 is hidden whole before 张阿 could leave a stray 姨.
    .sort((a, b) => b.length - a.length);
  if (names.length > 0) {
    const pattern = new RegExp(names.map((n) => escapeRegExp(fold(n))).join('|'), 'gi');
    out = replaceMatches(out, pattern, (match) => MASKED_NAME_CHAR.repeat([...match].length));
  }
  if (options.namesLike) {
    out = replaceMatches(out, INTRODUCED_NAME, (match) => MASKED_NAME_CHAR.repeat([...match].length));
    out = replaceMatches(out, SURNAME_ADDRESS, (match) => MASKED_NAME_CHAR.repeat([...match].length));
  }
  return out;
}

/** Runs `pattern` over the folded copy and replaces the same spans in the original. */
function replaceMatches(text: string, pattern: RegExp, replacement: (match: string) => string): string {
  const folded = fold(text);
  let out = '';
  let last = 0;
  for (const match of folded.matchAll(pattern)) {
    const start = match.index;
    out += text.slice(last, start) + replacement(match[0]);
    last = start + match[0].length;
  }
  return out + text.slice(last);
}

/** Full-width ASCII (digits, letters, ＋, （）, －, ．) to ASCII, one UTF-16 unit for one. */
function fold(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
