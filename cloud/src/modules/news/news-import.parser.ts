import { charCount, safeImageUrl, toPlainText, type NewsBlock } from '@manyi/shared';

/**
 * 导入: turns text copied from a street's web page or a newsletter into draft articles.
 *
 * A pure function over lines. Each line is first classified on its own — page furniture (menus,
 * breadcrumbs, footers with addresses, phone and ICP numbers, share/print links), a stray image file
 * name, a date/source line, or text — and then read in context:
 *
 * - A page has a date/source line ("来源: … 时间: 2023-12-26 10:10"). The line just above it is the
 *   title; everything above the title is the site's header and is dropped. Several pages pasted one
 *   after another give several articles, one per date line.
 * - A newsletter has none. Its articles start at a heading — a short line without ending punctuation,
 *   not a numbered section ("第一，…", "板块一：…"), followed (after at most two subtitle lines) by body
 *   text. Subtitles are kept as the article's first paragraphs.
 * - Paragraphs are trimmed of the full-width and no-break spaces used for indenting. A paragraph that a
 *   layout broke across lines (it stops mid-sentence) is joined with the line that continues it.
 * - A short line under an image file name, or a line such as "会议现场" / "图为…", is a photo caption:
 *   it becomes an image block whose photo the editor still has to attach (url null). An image file
 *   name with no caption is dropped.
 *
 * What it deliberately does not do: guess at menus it has never seen below the title (only the known
 * words and footer patterns are recognised there), or turn dates inside the body into the publication
 * time. The editor reviews every draft before saving it.
 */

export interface ImportedArticle {
  title: string;
  body: NewsBlock[];
  source: string | null;
  /** The page's own publication time (Asia/Shanghai on the page), when it states one. */
  publishedAt: Date | null;
}

type Line =
  | { kind: 'blank' }
  | { kind: 'furniture' }
  /** Below this, a page has only links to other articles. */
  | { kind: 'end' }
  /** An image file name in copied text, or an <img> of pasted HTML (with its URL when that is http(s)). */
  | { kind: 'image'; url: string | null }
  | { kind: 'dateline'; text: string; source: string | null; publishedAt: Date | null }
  | { kind: 'text'; text: string };

export function parseNewsText(input: string): ImportedArticle[] {
  const lines = splitLines(input).map(classify);
  const datelines = lines.flatMap((line, index) => (line.kind === 'dateline' ? [index] : []));
  const articles = datelines.length > 0 ? readPages(lines, datelines) : readNewsletter(lines);
  return articles.filter((a) => a.body.some((b) => b.type === 'paragraph'));
}

// ---------------------------------------------------------------------------------------------------
// Lines

/** Spaces that indent or pad lines in copied Chinese text, beyond what `\s` covers. */
const PADDING = /^(?:\s|\u200b|\u200c|\u200d|\u2060|\ufeff)+|(?:\s|\u200b|\u200c|\u200d|\u2060|\ufeff)+$/g;

/** Marks the line of an <img> from pasted HTML; a private-use character that copied text does not contain. */
const IMAGE_MARK = '\ue000';

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

function classify(text: string): Line {
  if (text === '') return { kind: 'blank' };
  if (text.startsWith(IMAGE_MARK)) return { kind: 'image', url: safeImageUrl(text.slice(1)) };
  if (IMAGE_FILE.test(text) || IMAGE_PLACEHOLDER.test(text)) return { kind: 'image', url: null };
  if (END_OF_ARTICLE.some((re) => re.test(text))) return { kind: 'end' };
  if (isFurniture(text)) return { kind: 'furniture' };
  const dateline = parseDateline(text);
  if (dateline) return { kind: 'dateline', text, ...dateline };
  return { kind: 'text', text };
}

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

// ---------------------------------------------------------------------------------------------------
// Date and source lines

const META_LABEL =
  '来源|稿源|信息来源|作者|发布者|发布单位|发布时间|发布日期|更新时间|时间|日期|编辑|责任编辑|浏览次数|阅读次数|点击数|点击量|字号';
const LABELLED = new RegExp(`(?:^|[\\s|｜【[])(?:${META_LABEL})\\s*[:：]`);
const DATE =
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:[（(][^）)]{1,4}[)）])?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/;
const DATE_ONLY = new RegExp(`^${DATE.source}\\s*秒?$`);
const SOURCE = new RegExp(`(?:来源|稿源|信息来源|发布单位)\\s*[:：]\\s*(.+?)(?=\\s*[|｜]|\\s+(?:${META_LABEL})\\s*[:：]|\\s{2,}|$)`);

/**
 * "来源: 枫林分校 时间: 2023-12-26 10:10", "发布时间：2024年3月5日 来源：斜土街道", "2024/03/05 09:30":
 * a labelled line with a full date or a source, or a line that is only a date.
 */
function parseDateline(text: string): { source: string | null; publishedAt: Date | null } | null {
  if (charCount(text) > 120) return null;
  const labelled = LABELLED.test(text);
  if (!labelled && !DATE_ONLY.test(text)) return null;
  const source = SOURCE.exec(text)?.[1]?.trim() || null;
  const publishedAt = parseShanghaiTime(text);
  if (!source && !publishedAt) return null;
  return { source, publishedAt };
}

function parseShanghaiTime(text: string): Date | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
  if (year === undefined || month === undefined || day === undefined) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  // Shanghai has been UTC+8 all year since 1991.
  const date = new Date(Date.UTC(year, month - 1, day, hour - 8, minute, second));
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day ? date : null;
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

const isSection = (text: string) => SECTION.test(text) && charCount(text) <= 40;
const isCaptionPhrase = (text: string) => CAPTION.test(text) && charCount(text) <= 40;

/** A short line without ending punctuation that could head an article. */
function isHeadingLike(text: string): boolean {
  const length = charCount(text);
  if (length < 4 || length > 45) return false;
  if (CLAUSE_PUNCTUATION.test(text) || ENDING_PUNCTUATION.test(text)) return false;
  if (isSection(text) || isCaptionPhrase(text) || /^[\d\s\p{P}]+$/u.test(text)) return false;
  return /[\p{L}]/u.test(text);
}

interface Draft {
  title: string | null;
  lines: Line[];
  source: string | null;
  publishedAt: Date | null;
}

function readPages(lines: Line[], datelines: number[]): ImportedArticle[] {
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
    const title = titleIndex === null ? null : (lines[titleIndex] as Extract<Line, { kind: 'text' }>).text;
    // Below the first page, a date line starts another page only under a title-like line.
    if (drafts.length > 0 && (title === null || SENTENCE_END.test(title) || CLAUSE_PUNCTUATION.test(title.slice(-1)))) continue;
    metadata.add(index);
    drafts.push({ start: titleIndex ?? index, title, lines: [], source: dateline.source, publishedAt: dateline.publishedAt });
  }
  return drafts.map((draft, k) => {
    const end = drafts[k + 1]?.start ?? lines.length;
    const body: Line[] = [];
    for (let i = draft.start + 1; i < end; i++) {
      const line = lines[i]!;
      if (line.kind === 'end') break;
      if (line.kind === 'dateline') {
        if (!metadata.has(i)) body.push({ kind: 'text', text: line.text });
      } else {
        body.push(line);
      }
    }
    if (draft.title === null) {
      // Nothing above the date line: a title-like first line below it is the title.
      const first = body.findIndex((line) => line.kind === 'text');
      const text = first < 0 ? '' : (body[first] as Extract<Line, { kind: 'text' }>).text;
      if (text && charCount(text) <= 60 && !SENTENCE_END.test(text) && !isSection(text)) {
        body.splice(first, 1);
        return finish({ ...draft, title: text, lines: body });
      }
    }
    return finish({ ...draft, lines: body });
  });
}

/** The closest non-blank line above `index`. */
function previousLine(lines: Line[], index: number): number | null {
  for (let i = index - 1; i >= 0; i--) if (lines[i]!.kind !== 'blank') return i;
  return null;
}

function readNewsletter(lines: Line[]): ImportedArticle[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  let previous: string | null = null;
  let afterImage = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind !== 'text') {
      if (line.kind !== 'end') current?.lines.push(line);
      if (line.kind === 'image') [previous, afterImage] = [null, true];
      continue;
    }
    const continuing = previous !== null && /[，,、]$/.test(previous);
    const subtitles = continuing || (afterImage && isCaptionUnderImage(line.text)) ? null : articleStartAt(lines, i);
    afterImage = false;
    if (subtitles !== null) {
      current = { title: line.text, lines: subtitles.map((text) => ({ kind: 'text', text })), source: null, publishedAt: null };
      drafts.push(current);
      i = subtitles.length === 0 ? i : indexAfterSubtitles(lines, i, subtitles.length);
      previous = null;
      continue;
    }
    if (!current) {
      current = { title: null, lines: [], source: null, publishedAt: null };
      drafts.push(current);
    }
    current.lines.push(line);
    previous = line.text;
  }
  return drafts.map(finish);
}

/**
 * Whether the heading-like line at `index` starts an article: at most two more heading-like lines
 * (subtitles), then body text. Returns the subtitles, or null.
 */
function articleStartAt(lines: Line[], index: number): string[] | null {
  const first = lines[index] as Extract<Line, { kind: 'text' }>;
  if (!isHeadingLike(first.text)) return null;
  const subtitles: string[] = [];
  for (let i = index + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind === 'blank' || line.kind === 'furniture' || line.kind === 'image') continue;
    if (line.kind !== 'text') return null;
    if (isHeadingLike(line.text)) {
      if (subtitles.length === 2) return null;
      subtitles.push(line.text);
      continue;
    }
    return isCaptionPhrase(line.text) ? null : subtitles;
  }
  return null;
}

function indexAfterSubtitles(lines: Line[], index: number, count: number): number {
  let seen = 0;
  for (let i = index + 1; i < lines.length; i++) {
    if (lines[i]!.kind === 'text' && ++seen === count) return i;
  }
  return index;
}

/** A short line right under an image: its caption. */
function isCaptionUnderImage(text: string): boolean {
  return charCount(text) <= 30 && !ENDING_PUNCTUATION.test(text) && !isSection(text);
}

/** Builds the body of one article from its lines: paragraphs, joined where a layout broke them, and photos with captions. */
function finish(draft: Draft): ImportedArticle {
  const body: NewsBlock[] = [];
  // An image waits for the line under it: a caption joins it; otherwise an image without a URL (a bare
  // file name) is dropped.
  let image: { url: string | null } | null = null;
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
    if (line.kind !== 'text') continue;
    const text = line.text;
    if ((image && isCaptionUnderImage(text)) || isCaptionPhrase(text)) {
      body.push({ type: 'image', url: image?.url ?? null, caption: text });
      image = null;
      continue;
    }
    flushImage();
    const last = body.at(-1);
    if (last?.type === 'paragraph' && continues(last.text, text)) last.text += text;
    else body.push({ type: 'paragraph', text });
  }
  flushImage();
  let title = draft.title;
  if (title === null) {
    // No heading: the first sentence of the first paragraph names the article.
    const first = body.find((b): b is Extract<NewsBlock, { type: 'paragraph' }> => b.type === 'paragraph');
    title = first ? firstSentence(first.text) : '';
  }
  return { title, body, source: draft.source, publishedAt: draft.publishedAt };
}

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
