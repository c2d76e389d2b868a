import { Converter } from 'opencc-js/t2cn';
import {
  charCount,
  safeImageUrl,
  toPlainText,
  shanghaiInstant,
  shanghaiWallClock,
  shanghaiYear,
  type NewsBlock,
  type NewsImportNote,
} from '@manyi/shared';

/**
 * 导入: turns text copied from a street's web page, a newsletter or a newspaper page (an e-paper reader)
 * into draft articles.
 *
 * A pure function over lines. Each line is first classified on its own — page furniture (menus,
 * breadcrumbs, footers with addresses, phone and ICP numbers, share/print links), a stray image file
 * name, a date/source line, a newspaper's issue line or a newsletter's masthead, a byline or 责任编辑
 * line, or text — and then read in context. Patterns are matched on a simplified copy of each line
 * (OpenCC), so a page in traditional characters reads the same; what is kept is the page's own text.
 *
 * - A page has a date/source line ("来源: … 时间: 2023-12-26 10:10"). The line just above it is the
 *   title; everything above the title is the site's header and is dropped. Several pages pasted one
 *   after another give several articles, one per date line.
 * - A newsletter or a newspaper page has none. Its articles start at a headline group: a heading-like
 *   line (short, no clause or ending punctuation) followed by at most two more heading-like lines and
 *   then body text. In a group of two or three, a first line of slogan-like phrases that names no actor
 *   above a line that does is the 引题 (kicker); the next is the 主题 (headline, the title); a line
 *   starting with —— (or one more heading-like line) is the 副题 (subtitle). Kicker and subtitle are
 *   kept as the article's first paragraphs.
 * - Inside an article a heading-like line is a subhead (小标题) unless several signals together say the
 *   page starts another article there (see `startScore`): its own headline group (+2), a byline under
 *   it (+2), a wider gap above it than between the page's paragraphs (+1), a headline that names an
 *   actor — a street, a district office, a committee (+1), a first sentence that opens like news
 *   ("11月5日，…", "近日，…", "康健街道…") (+1); a very short line (8 characters or fewer) reads as a
 *   subhead (−1). Three or more start an article; two start one marked as a guess ("two articles or
 *   one?"); one keeps a subhead marked as a guess; the editor joins or splits with one click.
 *   A heading-like line under a paragraph that stops mid-sentence is the rest of that sentence.
 * - Paragraphs are trimmed of the full-width and no-break spaces used for indenting. A paragraph that a
 *   layout broke across lines or columns (it stops mid-sentence, or mid-word: "参加活" / "动。") is
 *   joined with the line that continues it.
 * - A short line under an image file name, or a line such as "会议现场" / "图为…", is a photo caption:
 *   it becomes an image block whose photo the editor still has to attach (url null). When the layout
 *   dropped it into the middle of a sentence (the paragraph above stops mid-sentence), it is lifted out
 *   after that paragraph and the sentence is joined with the line below the caption. An image file
 *   name with no caption is dropped.
 * - 本报记者 / 记者 / 通讯员 / □记者 … 报道 / 整理 / 摄 lines (and "本报讯（记者 …）" opening the first
 *   paragraph) are the article's byline, and 责任编辑 lines its editor: both leave the body. The source
 *   is the 来源 of the date line, else the byline, else the editor.
 * - The date is the date line's, else the newspaper's issue date ("2026年11月20日 星期五 第3版"), else a
 *   date in the first sentence ("2021年12月24日下午", or "11月18日" with the year of the issue line or
 *   masthead). The editor sees where it came from.
 *
 * Every mended place and every guess is listed in the article's `notes` for the import preview.
 * What it deliberately does not do: guess at menus it has never seen below the title (only the known
 * words and footer patterns are recognised there). The editor reviews every draft before saving it.
 */

export interface ImportedArticle {
  title: string;
  body: NewsBlock[];
  source: string | null;
  /** The page's own time (Asia/Shanghai on the page): its date line, issue date or first sentence. */
  publishedAt: Date | null;
  /** Each mended place and each guess, for the import preview. */
  notes: NewsImportNote[];
}

type Text = { kind: 'text'; text: string; simple: string; gap: number };
type Line =
  | { kind: 'blank' }
  | { kind: 'furniture' }
  /** Below this, a page has only links to other articles. */
  | { kind: 'end' }
  /** An image file name in copied text, or an <img> of pasted HTML (with its URL when that is http(s)). */
  | { kind: 'image'; url: string | null }
  | { kind: 'dateline'; text: string; source: string | null; publishedAt: Date | null }
  /** A newspaper's issue line ("2026年11月20日 星期五 第3版") or a newsletter's masthead ("2026年第3期"). */
  | { kind: 'issue'; date: Date | null; year: number | null }
  /** A byline (记者/通讯员 …) or an editor's line (责任编辑：…), as it will read as the source. */
  | { kind: 'credit'; role: 'byline' | 'editor'; text: string }
  /** Set while reading: a heading-like line that stays inside its article. */
  | { kind: 'subhead'; text: string; guess: boolean }
  /** Set while reading: the 引题 or 副题 of the article's headline group. */
  | { kind: 'deck'; role: 'kicker' | 'subtitle'; text: string }
  | Text;

/** What the whole page says about dates, for articles that do not carry their own. */
interface PageFacts {
  issueDate: Date | null;
  year: number | null;
}

export function parseNewsText(input: string): ImportedArticle[] {
  const lines = withGaps(splitLines(input).map(classify));
  const issues = lines.flatMap((line) => (line.kind === 'issue' ? [line] : []));
  const issueDate = issues.find((line) => line.date)?.date ?? null;
  const page: PageFacts = {
    issueDate,
    year: issueDate ? shanghaiYear(issueDate) : (issues.find((line) => line.year !== null)?.year ?? null),
  };
  const datelines = lines.flatMap((line, index) => (line.kind === 'dateline' ? [index] : []));
  const drafts = datelines.length > 0 ? readPages(lines, datelines) : readNewsletter(lines);
  return drafts.map((draft) => finish(draft, page)).filter((a) => a.body.some((b) => b.type === 'paragraph'));
}

// ---------------------------------------------------------------------------------------------------
// Lines

/** Spaces that indent or pad lines in copied Chinese text, beyond what `\s` covers. */
const PADDING = /^(?:\s|\u200b|\u200c|\u200d|\u2060|\ufeff)+|(?:\s|\u200b|\u200c|\u200d|\u2060|\ufeff)+$/g;

/** Marks the line of an <img> from pasted HTML; a private-use character that copied text does not contain. */
const IMAGE_MARK = '\ue000';

/** Traditional → simplified (Hong Kong, Taiwan and standard forms), for matching patterns only. */
const simplify = Converter({ from: 'hk', to: 'cn' });

function splitLines(input: string): string[] {
  // HTML pasted from an editor: an <img> becomes a line of its own, so that a caption under it is
  // recognised, carrying its URL; everything else is reduced to plain text (news.schemas.ts).
  const withImages = input.replace(/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi, (_tag, ...src: string[]) => {
    return `\n${IMAGE_MARK}${(src[0] ?? src[1] ?? src[2] ?? '').replace(/\s/g, '')}\n`;
  });
  return toPlainText(withImages)
    .split('\n')
    .map((line) => line.replace(PADDING, ''));
}

/** Each text line learns how many blank lines stand above it: a wider gap than usual is a layout signal. */
function withGaps(lines: Line[]): Line[] {
  let blanks = 0;
  for (const line of lines) {
    if (line.kind === 'blank') blanks++;
    else {
      if (line.kind === 'text') line.gap = blanks;
      blanks = 0;
    }
  }
  return lines;
}

const IMAGE_FILE = /^[^\s\\/:*?"<>|]{1,100}\.(?:png|jpe?g|gif|webp|bmp|heic|tiff?|svg)$/i;
const IMAGE_PLACEHOLDER = /^[[【(（]?(?:图片|图|image|img|photo|picture)[\]】)）]?$/i;

/** Words of site menus, toolbars and share bars; a line made only of these is furniture. */
const MENU_WORDS = new Set(
  (
    '首页 主页 返回 返回首页 返回顶部 顶部 长者专版 长者模式 关怀版 无障碍 无障碍浏览 公众号 微信公众号 小程序 微信 微博 抖音 视频号 ' +
    '今日头条 分享 分享到 打印 打印本页 关闭 关闭窗口 收藏 加入收藏 设为首页 上一篇 下一篇 字号 大 中 小 默认 扫一扫 扫码 二维码 ' +
    '搜索 站内搜索 登录 注册 网站地图 联系我们 English 繁体 简体 繁體 简 繁 RSS 关注我们 更多 在线客服 手机版 移动版 ' +
    '导航 菜单 全文 阅读 播报 朗读 语音播报 点赞 评论 转发 复制链接'
  ).split(' '),
);

const FURNITURE: RegExp[] = [
  // Filing numbers and legal lines of a site's footer.
  /ICP\s*[备证]|ICP\s*\d|公网安备|网站标识码|版权所有|copyright|©|\(c\)\s*\d{4}/i,
  /^(?:主办|承办|主管|协办|技术支持|运营维护|网站维护)(?:单位)?\s*[:：]/,
  // Breadcrumbs.
  /^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]/,
  /^首页\s*[>»›]/,
  /^(?:字号|字体|分享到|分享至)\s*[:：]?/,
  /^(?:浏览|阅读|点击|访问)(?:次数|量|数)?\s*[:：]\s*\d+\s*(?:次)?$/,
  // A newsletter's masthead: "社区简讯 第 7 期", "2026年第3期（总第45期）".
  /^.{0,24}第\s*[\d一二三四五六七八九十]+\s*期[）)]?$/,
  // Editorial sign-off.
  /^[（(【[]?\s*(?:责任编辑|编辑|审核|审校|校对|初审|复审|终审)\s*[:：]/,
];

/** A short line that is only an address, telephone, fax, postcode or mail address. */
const CONTACT_LINE =
  /^(?:地址|联系地址|单位地址|通讯地址|电话|联系电话|咨询电话|服务热线|热线|传真|邮编|邮政编码|邮箱|电子邮箱|e-?mail|网址)\s*[:：]/i;
const PHONE_ONLY = /^[\d\s\-－—()（）+]{7,}$/;

const END_OF_ARTICLE: RegExp[] = [
  /^(?:上一篇|下一篇|上一条|下一条|上一页|下一页)\s*[:：]?/,
  /^(?:相关(?:新闻|阅读|链接|文章|推荐)|推荐阅读|热点新闻|热门文章|延伸阅读|猜你喜欢)\s*[:：]?$/,
];

function isFurniture(text: string): boolean {
  const words = text
    .replace(/[【】[\]『』「」|｜·•>»›/]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length > 0 && words.every((w) => MENU_WORDS.has(w))) return true;
  if (FURNITURE.some((re) => re.test(text))) return true;
  if (PHONE_ONLY.test(text)) return true;
  const length = charCount(text);
  if (CONTACT_LINE.test(text) && length <= 80) return true;
  // A footer that strings fields together: "地址：… | 电话：…".
  const fields = text.match(/(?:地址|电话|传真|邮编|邮箱)\s*[:：]/g)?.length ?? 0;
  return fields >= 2 && length <= 160;
}

/** A newspaper's issue line: a full date with the weekday or the page number ("第3版", "A2版"). */
const ISSUE_LINE =
  /星期[一二三四五六日天]|(?:^|\s)周[一二三四五六日](?:\s|$)|第\s*[\d一二三四五六七八九十]+\s*版|(?:^|\s)[A-Z]?\d{1,2}\s*版(?:\s|$)|农历/;
/** A newsletter's masthead: "社区简讯 第 7 期", "2026年第3期（总第45期）". */
const MASTHEAD = /^.{0,24}第\s*[\d一二三四五六七八九十]+\s*期[）)]?$/;
/**
 * A byline: "本报记者 林晓", "□记者 林晓 通讯员 周敏 整理报道", "（通讯员 周敏）", "文/图 林晓", "记者 林晓 摄".
 * A role word, then a colon or a space, then names — no sentence punctuation ("记者了解到，…" is text).
 */
const BYLINE =
  /^[□■◇◆○●△▲☆★\s]*[（(【[]?\s*(?:本报|本刊|本台)?(?:特约|首席|见习|实习)?(?:记者|通讯员|撰稿|撰文|作者|摄影|文\s*[/／|｜]\s*图|图\s*[/／|｜]\s*文|文|图)(?:\s*[:：]\s*|\s+)(?=\S)[^。！？!?，,；;：:]{1,40}$/;
/** "责任编辑：示例", "（编辑：…）": the editor's sign-off. Review and proofreading lines stay furniture. */
const EDITOR_LINE = /^[（(【[]?\s*(?:责任编辑|责编|编辑)\s*[:：]\s*[^）)】\]]{1,30}[）)】\]]?$/;

function classify(text: string): Line {
  if (text === '') return { kind: 'blank' };
  if (text.startsWith(IMAGE_MARK)) return { kind: 'image', url: safeImageUrl(text.slice(1)) };
  if (IMAGE_FILE.test(text) || IMAGE_PLACEHOLDER.test(text)) return { kind: 'image', url: null };
  const simple = simplify(text);
  if (END_OF_ARTICLE.some((re) => re.test(simple))) return { kind: 'end' };
  if (charCount(text) <= 60 && BYLINE.test(simple)) return { kind: 'credit', role: 'byline', text: cleanCredit(text) };
  if (EDITOR_LINE.test(simple)) return { kind: 'credit', role: 'editor', text: cleanCredit(text) };
  if (MASTHEAD.test(simple)) return { kind: 'issue', date: null, year: Number(/(\d{4})\s*年/.exec(simple)?.[1]) || null };
  if (charCount(text) <= 60 && ISSUE_LINE.test(simple)) {
    const date = parseShanghaiTime(simple.normalize('NFKC'));
    if (date) return { kind: 'issue', date, year: shanghaiYear(date) };
  }
  if (isFurniture(simple)) return { kind: 'furniture' };
  const dateline = parseDateline(text, simple);
  if (dateline) return { kind: 'dateline', text, ...dateline };
  return { kind: 'text', text, simple, gap: 0 };
}

/** A credit line as the source reads it: no boxes or brackets, "报道"/"整理" dropped, single spaces. */
function cleanCredit(text: string): string {
  return text
    .replace(/^[□■◇◆○●△▲☆★\s]+/, '')
    .replace(/^[（(【[]\s*|\s*[）)】\]]$/g, '')
    .replace(/\s*(?:整理)?(?:报道|報道)$|\s*整理$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------------
// Date and source lines

const META_LABEL =
  '来源|稿源|信息来源|作者|发布者|发布单位|发布时间|发布日期|更新时间|时间|日期|编辑|责任编辑|浏览次数|阅读次数|点击数|点击量|字号';
const LABELLED = new RegExp(`(?:^|[\\s|｜【[])(?:${META_LABEL})\\s*[:：]`);
const DATE =
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:[（(][^）)]{1,4}[)）])?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/;
const DATE_ONLY = new RegExp(`^${DATE.source}\\s*秒?$`);
const SOURCE = new RegExp(`(?:来源|稿源|信息来源|发布单位)\\s*[:：]\\s*(.+?)(?=\\s*[|｜]|\\s+(?:${META_LABEL})\\s*[:：]|\\s{2,}|$)`, 'd');

/**
 * "来源: 枫林街道 时间: 2023-12-26 10:10", "发布时间：2024年3月5日 来源：斜土街道", "2024/03/05 09:30":
 * a labelled line with a full date or a source, or a line that is only a date. Matched on the simplified
 * line; the source is the page's own words.
 */
function parseDateline(text: string, simple: string): { source: string | null; publishedAt: Date | null } | null {
  if (charCount(text) > 120) return null;
  const labelled = LABELLED.test(simple);
  if (!labelled && !DATE_ONLY.test(simple)) return null;
  const match = SOURCE.exec(simple);
  const [start, end] = match?.indices?.[1] ?? [0, 0];
  // OpenCC maps character for character here, so the positions hold in the original line too.
  const source = (match ? (simple.length === text.length ? text.slice(start, end) : match[1]!) : '').trim() || null;
  const publishedAt = parseShanghaiTime(simple);
  if (!source && !publishedAt) return null;
  return { source, publishedAt };
}

function parseShanghaiTime(text: string): Date | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
  if (year === undefined || month === undefined || day === undefined) return null;
  return shanghaiTime(year, month, day, hour, minute, second);
}

function shanghaiTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const date = shanghaiInstant(year, month, day, hour, minute, second);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day ? date : null;
}

/** "2021年12月24日下午", "11月18日上午" in the first sentence; a month and day alone need the page's year. */
const SENTENCE_DATE = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/;

function firstSentenceDate(text: string, year: number | null): Date | null {
  const sentence = /^[^。！？!?；;]+/.exec(text.normalize('NFKC'))?.[0] ?? '';
  const m = SENTENCE_DATE.exec(sentence);
  if (!m) return null;
  const y = m[1] ? Number(m[1]) : year;
  return y === null ? null : shanghaiTime(y, Number(m[2]), Number(m[3]));
}

// ---------------------------------------------------------------------------------------------------
// Reading lines in context

const ENDING_PUNCTUATION = /[。！？!?…；;]$/;
/** Where a sentence may end a line: ending punctuation, or a closing quote or bracket after one. */
const SENTENCE_END = /[。！？!?…；;：:）)」』】》”’"]$/;
const CLAUSE_PUNCTUATION = /[，,。；;：:]/;
/** "第一，…", "板块一：…", "一、…", "（一）…", "1. …", "①…": a numbered section inside an article. */
const SECTION =
  /^(?:第[一二三四五六七八九十百\d]+[章节部分条点项个]?[、,，.．:：\s]|板块[一二三四五六七八九十\d]+|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．)）]\s*\S|[①-⑳])/;
/** Lines that name what a photo shows. */
const CAPTION = /^(?:图[为：:]|图片[:：]|摄影[:：])|^[^，,。；;：:！!？?\s]{1,10}(?:现场|合影|留影|剪影|掠影|一角|照片|集体照|合照)$/;
/** A 副题 under a headline: "——集托育、助餐、康复于一体". */
const DASH_SUBTITLE = /^(?:——|—|--|──|－－)\s*\S/;
/** Words that name who acts in a headline: a street, a district office, a committee, a school … */
const ACTOR =
  /街道|镇|居民区|居委|社区|区委|区政府|[\u4e00-\u9fff]{2}区|委员会|办事处|中心|学校|医院|派出所|公司|政府|党工委|党委|管理局|[\u4e00-\u9fff]局/;
/** How news opens: a date, "近日"/"日前", or an actor in its first words. */
const NEWS_LEAD =
  /^(?:(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]|近日|日前|近期|今年|本月|本周|上周|昨天|昨日|今天|今日|记者从|本报讯|[^，,。]{0,10}(?:街道|镇政府|居民区|居委会|区委|区政府))/;

const isSection = (text: string) => SECTION.test(text) && charCount(text) <= 40;
const isCaptionPhrase = (simple: string) => CAPTION.test(simple) && charCount(simple) <= 40;

/** A short line without ending punctuation that could head an article (or a section of one). */
function isHeadingLike(line: Text): boolean {
  const length = charCount(line.text);
  if (length < 4 || length > 45) return false;
  if (CLAUSE_PUNCTUATION.test(line.text) || ENDING_PUNCTUATION.test(line.text)) return false;
  if (isSection(line.text) || isCaptionPhrase(line.simple) || /^[\d\s\p{P}]+$/u.test(line.text)) return false;
  return /[\p{L}]/u.test(line.text);
}

const isDashSubtitle = (line: Text) => DASH_SUBTITLE.test(line.text) && charCount(line.text) <= 60 && !ENDING_PUNCTUATION.test(line.text);

/** Slogan-like: two or more short phrases ("守护一老一小 共建美好家园") and no actor. */
const isKickerLike = (line: Text) =>
  !ACTOR.test(line.simple) && line.text.split(/[\s\u3000、·]+/).filter(Boolean).length >= 2 && charCount(line.text) <= 30;

interface Draft {
  title: string | null;
  lines: Line[];
  source: string | null;
  publishedAt: Date | null;
  notes: NewsImportNote[];
}

function readPages(lines: Line[], datelines: number[]): Draft[] {
  const drafts: Array<Draft & { start: number }> = [];
  /** Date lines that are a page's metadata; any other one is body text ("时间：2024年3月5日 14:00" in an announcement). */
  const metadata = new Set<number>();
  for (const index of datelines) {
    const dateline = lines[index] as Extract<Line, { kind: 'dateline' }>;
    const above = previousLine(lines, index);
    if (above !== null && metadata.has(above)) {
      // "来源：…" and "时间：…" on lines of their own: one page's metadata.
      const draft = drafts.at(-1)!;
      draft.source ??= dateline.source;
      draft.publishedAt ??= dateline.publishedAt;
      metadata.add(index);
      continue;
    }
    const titleIndex = above !== null && lines[above]!.kind === 'text' ? above : null;
    const title = titleIndex === null ? null : (lines[titleIndex] as Text).text;
    // Below the first page, a date line starts another page only under a title-like line.
    if (drafts.length > 0 && (title === null || SENTENCE_END.test(title) || CLAUSE_PUNCTUATION.test(title.slice(-1)))) continue;
    metadata.add(index);
    drafts.push({ start: titleIndex ?? index, title, lines: [], source: dateline.source, publishedAt: dateline.publishedAt, notes: [] });
  }
  return drafts.map((draft, k) => {
    const end = drafts[k + 1]?.start ?? lines.length;
    const body: Line[] = [];
    for (let i = draft.start + 1; i < end; i++) {
      const line = lines[i]!;
      if (line.kind === 'end') break;
      if (line.kind === 'dateline') {
        if (!metadata.has(i)) body.push({ kind: 'text', text: line.text, simple: simplify(line.text), gap: 0 });
      } else {
        body.push(line);
      }
    }
    if (draft.title === null) {
      // Nothing above the date line: a title-like first line below it is the title.
      const first = body.findIndex((line) => line.kind === 'text');
      const text = first < 0 ? '' : (body[first] as Text).text;
      if (text && charCount(text) <= 60 && !SENTENCE_END.test(text) && !isSection(text)) {
        body.splice(first, 1);
        return { ...draft, title: text, lines: markSubheads(body) };
      }
    }
    return { ...draft, lines: markSubheads(body) };
  });
}

/** Below a page's title, a heading-like line between two paragraphs is a subhead. */
function markSubheads(lines: Line[]): Line[] {
  let previous: Text | null = null;
  return lines.map((line, i) => {
    if (line.kind !== 'text') return line;
    const closed = previous !== null && SENTENCE_END.test(previous.text) && !isHeadingLike(previous);
    const next = lines.slice(i + 1).find((l): l is Text => l.kind === 'text');
    const wasPrevious = previous;
    previous = line;
    if (wasPrevious && closed && isHeadingLike(line) && next && !isHeadingLike(next) && !isCaptionPhrase(next.simple)) {
      return { kind: 'subhead', text: line.text, guess: false };
    }
    return line;
  });
}

/** The closest non-blank line above `index`. */
function previousLine(lines: Line[], index: number): number | null {
  for (let i = index - 1; i >= 0; i--) if (lines[i]!.kind !== 'blank') return i;
  return null;
}

/** A headline group found at a line: its lines (headline with kicker/subtitles), whether a byline follows, and the first body line. */
interface HeadlineGroup {
  lines: Text[];
  /** Index of the last line of the group. */
  last: number;
  byline: boolean;
  body: Text;
}

function readNewsletter(lines: Line[]): Draft[] {
  const usualGap = median(lines.flatMap((line, i) => (line.kind === 'text' && i > 0 ? [line.gap] : [])));
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  /** The last body line, to know whether a sentence is still open. */
  let previous: string | null = null;
  let afterImage = false;
  const startDraft = (group: HeadlineGroup | null): Draft => {
    const draft: Draft = { title: null, lines: [], source: null, publishedAt: null, notes: [] };
    if (group) setHeadline(draft, group);
    drafts.push(draft);
    return draft;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind !== 'text') {
      if (line.kind === 'credit' && !current) current = startDraft(null);
      if (line.kind !== 'end' && line.kind !== 'issue') current?.lines.push(line);
      if (line.kind === 'image') [previous, afterImage] = [null, true];
      continue;
    }
    // A sentence left open (", …" or a long line without ending punctuation) goes on in this line.
    const open =
      previous !== null &&
      (/[，,、]$/.test(previous) || (charCount(previous) >= 15 && !SENTENCE_END.test(previous) && !isSection(previous)));
    const group = open || (afterImage && isCaptionUnderImage(line.text)) ? null : headlineAt(lines, i);
    afterImage = false;
    if (group === null) {
      current ??= startDraft(null);
      current.lines.push(line);
      previous = line.text;
      continue;
    }
    const hasBody = current?.lines.some((l) => l.kind === 'text' || l.kind === 'subhead') ?? false;
    if (!current || (!hasBody && current.title === null)) {
      // The first headline, or one under a byline that came first.
      if (current) setHeadline(current, group);
      else current = startDraft(group);
      i = group.last;
    } else if (!hasBody) {
      // Another headline group before any body: the line taken for a headline (a column's name) had no article.
      current = startDraft(group);
      i = group.last;
    } else {
      const score = startScore(group, usualGap);
      if (score >= 2) {
        current = startDraft(group);
        if (score === 2) current.notes.push({ kind: 'start-guess', text: current.title! });
        i = group.last;
      } else {
        current.lines.push({ kind: 'subhead', text: line.text, guess: score === 1 });
      }
    }
    previous = null;
  }
  return drafts;
}

/**
 * How strongly the page starts another article at this headline group rather than continuing the one
 * before under a subhead. Signals, added together: the page's own headline structure — kicker or
 * subtitle with the headline (+2); a byline under it (+2); a wider gap above it than the page leaves
 * between paragraphs (+1); a headline naming an actor (+1); a first sentence that opens like news (+1);
 * a line of eight characters or fewer, as subheads are (−1).
 */
function startScore(group: HeadlineGroup, usualGap: number): number {
  const head = group.lines[0]!;
  let score = 0;
  if (group.lines.length >= 2) score += 2;
  if (group.byline) score += 2;
  if (head.gap > usualGap) score += 1;
  if (ACTOR.test(head.simple)) score += 1;
  if (NEWS_LEAD.test(group.body.simple.normalize('NFKC'))) score += 1;
  if (charCount(head.text) <= 8) score -= 1;
  return score;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * The headline group starting at `index`: the heading-like line there, at most two more heading-like
 * (or ——) lines, an optional byline, then body text. Null when the line does not start one.
 */
function headlineAt(lines: Line[], index: number): HeadlineGroup | null {
  const first = lines[index] as Text;
  if (!isHeadingLike(first)) return null;
  const group: Text[] = [first];
  let last = index;
  let byline = false;
  for (let i = index + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind === 'blank' || line.kind === 'furniture' || line.kind === 'image' || line.kind === 'issue') continue;
    if (line.kind === 'credit') {
      byline ||= line.role === 'byline';
      continue;
    }
    if (line.kind !== 'text') return null;
    if (!byline && (isHeadingLike(line) || isDashSubtitle(line))) {
      if (group.length === 3) return null;
      group.push(line);
      last = i;
      continue;
    }
    return isCaptionPhrase(line.simple) ? null : { lines: group, last, byline, body: line };
  }
  return null;
}

/** Title, kicker and subtitles of a headline group (kicker and subtitles become the first paragraphs). */
function setHeadline(draft: Draft, group: HeadlineGroup): void {
  const [first, second] = group.lines;
  const kicker = second && !isDashSubtitle(second) && isKickerLike(first!) && ACTOR.test(second.simple) ? first! : null;
  const rest = kicker ? group.lines.slice(1) : group.lines;
  draft.title = rest[0]!.text;
  if (kicker) draft.lines.push({ kind: 'deck', role: 'kicker', text: kicker.text });
  for (const subtitle of rest.slice(1)) draft.lines.push({ kind: 'deck', role: 'subtitle', text: subtitle.text });
}

/** A short line right under an image: its caption. */
function isCaptionUnderImage(text: string): boolean {
  return charCount(text) <= 30 && !ENDING_PUNCTUATION.test(text) && !isSection(text);
}

/** "本报讯（记者 林晓 通讯员 周敏）11月18日上午，…": a newspaper's opening with the byline in it. */
const NEWS_OPENING = /^(?:本报讯|本刊讯|本台讯|讯)\s*[（(]([^）)]{2,40})[)）]\s*/;

/**
 * Builds the body of one article from its lines: paragraphs, joined where a layout broke them,
 * subheads, photos with captions (lifted out of a sentence they fell into); its source and date.
 */
function finish(draft: Draft, page: PageFacts): ImportedArticle {
  const body: NewsBlock[] = [];
  const notes: NewsImportNote[] = [...draft.notes];
  const bylines: string[] = [];
  const editors: string[] = [];
  /** Kicker and subtitle paragraphs: complete as they are, never joined with the text below. */
  const decks = new WeakSet<NewsBlock>();
  // An image waits for the line under it: a caption joins it; otherwise an image without a URL (a bare
  // file name) is dropped.
  let image: { url: string | null } | null = null;
  /** A paragraph whose sentence a caption interrupted: the next text line finishes it. */
  let interrupted: Extract<NewsBlock, { type: 'paragraph' }> | null = null;
  const flushImage = () => {
    if (image?.url) body.push({ type: 'image', url: image.url });
    image = null;
  };
  for (const line of draft.lines) {
    if (line.kind === 'image') {
      flushImage();
      image = { url: line.url };
      continue;
    }
    if (line.kind === 'credit') {
      (line.role === 'byline' ? bylines : editors).push(line.text);
      notes.push({ kind: line.role === 'byline' ? 'byline' : 'editor', text: line.text });
      continue;
    }
    if (line.kind === 'deck') {
      flushImage();
      const deck: NewsBlock = { type: 'paragraph', text: line.text };
      decks.add(deck);
      body.push(deck);
      notes.push({ kind: line.role, text: line.text });
      continue;
    }
    if (line.kind === 'subhead') {
      flushImage();
      interrupted = null;
      body.push({ type: 'subhead', text: line.text });
      if (line.guess) notes.push({ kind: 'subhead-guess', text: line.text });
      continue;
    }
    if (line.kind !== 'text') continue;
    const text = line.text;
    const last = body.at(-1);
    if ((image && isCaptionUnderImage(text)) || isCaptionPhrase(line.simple)) {
      // The paragraph above stops mid-sentence: the caption fell into it; the sentence goes on below.
      const open = [...body].reverse().find((b) => b.type !== 'image');
      if (
        open?.type === 'paragraph' &&
        !decks.has(open) &&
        !SENTENCE_END.test(open.text) &&
        !isSection(open.text) &&
        charCount(open.text) >= 10
      ) {
        interrupted = open;
      }
      body.push({ type: 'image', url: image?.url ?? null, caption: text });
      image = null;
      continue;
    }
    flushImage();
    if (interrupted && !isSection(text)) {
      notes.push({ kind: 'caption-lifted', text: `${tail(interrupted.text)}｜${head(text)}` });
      interrupted.text += text;
      interrupted = null;
      continue;
    }
    interrupted = null;
    if (last?.type === 'paragraph' && !decks.has(last) && continues(last.text, text)) {
      // Noted where the break fell mid-sentence or mid-word: a line wrapped after a comma is not news.
      if (!/[，,、]$/.test(last.text)) notes.push({ kind: 'joined', text: `${tail(last.text)}｜${head(text)}` });
      last.text += text;
    } else body.push({ type: 'paragraph', text });
  }
  flushImage();
  const firstParagraph = body.find((b): b is Extract<NewsBlock, { type: 'paragraph' }> => b.type === 'paragraph');
  const opening = firstParagraph ? NEWS_OPENING.exec(simplify(firstParagraph.text)) : null;
  if (firstParagraph && opening) {
    const credit = cleanCredit(firstParagraph.text.slice(opening.index, opening[0].length).replace(NEWS_OPENING_WORD, ''));
    bylines.push(credit);
    notes.push({ kind: 'byline', text: credit });
    firstParagraph.text = firstParagraph.text.slice(opening[0].length);
  }
  let title = draft.title;
  if (title === null) {
    // No heading: the first sentence of the first paragraph names the article.
    title = firstParagraph ? firstSentence(firstParagraph.text) : '';
  }
  const source = draft.source ?? (bylines.length > 0 ? bylines.join(' ') : (editors[0] ?? null));
  let publishedAt = draft.publishedAt;
  if (!publishedAt && page.issueDate) {
    publishedAt = page.issueDate;
    notes.push({ kind: 'date-issue', text: formatDate(publishedAt) });
  }
  // The first sentence of the article proper (not its kicker or subtitle).
  const lead = body.find((b) => b.type === 'paragraph' && !decks.has(b));
  const textDate = !publishedAt && lead?.type === 'paragraph' ? firstSentenceDate(lead.text, page.year) : null;
  if (textDate) {
    publishedAt = textDate;
    notes.push({ kind: 'date-text', text: formatDate(textDate) });
  }
  return { title, body, source, publishedAt, notes };
}

const NEWS_OPENING_WORD = /^(?:本报讯|本刊讯|本台讯|本報訊|本刊訊|本臺訊|讯|訊)\s*/;

const tail = (text: string) => [...text].slice(-8).join('');
const head = (text: string) => [...text].slice(0, 8).join('');
const formatDate = (date: Date) => {
  const d = shanghaiWallClock(date);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};

/** Whether `next` continues a paragraph that a layout broke mid-sentence. */
function continues(previous: string, next: string): boolean {
  if (SENTENCE_END.test(previous) || isSection(previous) || isSection(next)) return false;
  // "时间：…", "地点：…": a short labelled line is an item of a list, complete by itself.
  if (/^[^，,。：:\s]{1,4}[:：]/.test(previous) && charCount(previous) < 40) return false;
  if (/[，,、]$/.test(previous)) return true;
  // A short line that stops without punctuation is a subheading, unless it reads as a clause.
  return charCount(previous) >= 15 && (CLAUSE_PUNCTUATION.test(previous) || charCount(previous) >= 40);
}

function firstSentence(text: string): string {
  const sentence = /^[^。！？!?；;]+/.exec(text)?.[0] ?? text;
  const chars = [...sentence];
  return chars.length <= 40 ? sentence : chars.slice(0, 40).join('');
}
