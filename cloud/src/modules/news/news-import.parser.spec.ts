import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NewsBlock } from '@manyi/shared';
import { parseNewsText, type ImportedArticle } from './news-import.parser.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');

/**
 * Real street pages live outside the repository (../shared/fixtures/news next to the repository root)
 * and are read only here, at test time. Without that folder only these cases are left out.
 */
const REAL_PAGES_DIR = fileURLToPath(new URL('../../../../../shared/fixtures/news/', import.meta.url));
const REAL_PAGES = existsSync(REAL_PAGES_DIR) ? readdirSync(REAL_PAGES_DIR).filter((f) => f.endsWith('.txt')) : [];

const paragraphs = (a: ImportedArticle) => a.body.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
const captions = (a: ImportedArticle) => a.body.flatMap((b) => (b.type === 'image' ? [b.caption] : []));
const squeeze = (s: string) => s.replace(/\s+/g, '');

const MENU_LINES = new Set(['返回', '长者专版', '无障碍', '公众号', '小程序', '首页']);

/** Every line of output: titles, paragraphs, captions. */
function outputLines(articles: ImportedArticle[]): string[] {
  return articles.flatMap((a) => [a.title, ...a.body.map((b: NewsBlock) => (b.type === 'image' ? (b.caption ?? '') : b.text))]);
}

function expectNoFurniture(articles: ImportedArticle[]): void {
  for (const line of outputLines(articles)) {
    expect(MENU_LINES.has(line)).toBe(false);
    expect(line).not.toMatch(/\.(?:png|jpe?g|gif)$/i);
    expect(line).not.toMatch(/ICP|版权所有|公网安备|上一篇|下一篇|责任编辑|打印本页|关闭窗口/);
    expect(line).not.toMatch(/^(?:地址|电话|主办单位)[:：]/);
  }
}

describe(parseNewsText.name, () => {
  it('reads a street web page: the title above the date line, its source and time, menus and footer dropped', () => {
    const sut = parseNewsText(fixture('web-page-menus-footer.txt'));

    expect(sut).toHaveLength(1);
    const [article] = sut as [ImportedArticle];
    expect(article.title).toBe('凌云街道“满意在徐汇”走访团走进梅陇三村\u3000倾听加装电梯心声');
    expect(article.source).toBe('凌云街道社区管理办');
    expect(article.publishedAt?.toISOString()).toBe('2026-10-14T07:20:00.000Z');
    expect(article.body[0]).toEqual({ type: 'image', url: null, caption: '走访团在小区广场与居民座谈' });
    expect(paragraphs(article)).toHaveLength(8);
    expect(paragraphs(article)[0]).toMatch(/^10月12日上午，凌云街道/);
    expect(paragraphs(article).at(-1)).toMatch(/^走访结束后，.*通报进展。$/);
    expectNoFurniture(sut);
  });

  it('trims the full-width and no-break spaces that indent paragraphs', () => {
    const sut = parseNewsText(fixture('web-page-menus-footer.txt'));

    for (const text of paragraphs(sut[0]!)) expect(text).toBe(text.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ''));
  });

  it('joins a paragraph that the layout broke mid-sentence, but never a numbered section heading', () => {
    const article = parseNewsText(fixture('web-page-menus-footer.txt'))[0]!;

    expect(paragraphs(article)).toContain(
      '座谈中，居民们最关心的是加装电梯的进度。多位老人表示，住在五六楼，上下楼越来越吃力，希望能尽快排上日程。社区管理办负责人介绍了今年已完成的加装电梯项目和申请流程，并现场登记了有意向的楼栋。',
    );
    expect(paragraphs(article)).toContain('一、加装电梯：摸清意愿再推进');
    expect(paragraphs(article)).toContain('二、停车难：错峰共享试起来');
  });

  it('splits a newsletter into its articles at headings, keeps subtitles as the first paragraph and drops the masthead', () => {
    const sut = parseNewsText(fixture('newsletter-several-articles.txt'));

    expect(sut.map((a) => a.title)).toEqual([
      '康健街道开展“满意在徐汇”秋季走访',
      '邻里食堂添新菜 长者午餐更可口',
      '梧桐区垃圾分类志愿者招募',
    ]);
    expect(paragraphs(sut[0]!)[0]).toBe('律师、代表走进寿祥坊 面对面解答居民问题');
    expect(paragraphs(sut[0]!).at(-1)).toMatch(/并留下了法律咨询的预约方式。$/);
    expect(captions(sut[0]!)).toEqual(['走访团查看楼道照明']);
    expect(captions(sut[1]!)).toEqual(['活动现场']);
    expect(paragraphs(sut[2]!)).toHaveLength(2);
    expect(sut.every((a) => a.source === null && a.publishedAt === null)).toBe(true);
    expect(outputLines(sut).some((line) => line.includes('第 7 期'))).toBe(false);
  });

  it('keeps captions under image names and 图为 lines, drops bare image names, and stops at the related-news list', () => {
    const sut = parseNewsText(fixture('captions-and-image-names.txt'));

    expect(sut).toHaveLength(1);
    const article = sut[0]!;
    expect(article.title).toBe('湖南街道为独居老人安装烟感报警器');
    expect(article.source).toBe('湖南街道社区平安办');
    expect(article.publishedAt?.toISOString()).toBe('2026-09-30T02:05:00.000Z');
    expect(article.body.map((b) => b.type)).toEqual(['image', 'paragraph', 'paragraph', 'image', 'paragraph']);
    expect(captions(article)).toEqual(['图为工作人员为老人调试烟感报警器', '安装后合影']);
    expect(outputLines(sut).some((line) => line.includes('消防演练') || line.includes('分享到'))).toBe(false);
    expectNoFurniture(sut);
  });

  it('gives one article per page when several pages are pasted one after another', () => {
    const sut = parseNewsText(fixture('two-pages.txt'));

    expect(sut.map((a) => [a.title, a.source, a.publishedAt?.toISOString()])).toEqual([
      ['徐家汇街道社区服务中心延长周末开放时间', '徐家汇街道社区服务中心', '2026-11-02T01:00:00.000Z'],
      ['徐家汇街道举办楼组长培训', '徐家汇街道社区管理办', '2026-11-04T16:00:00.000Z'],
    ]);
    expect(sut.map((a) => paragraphs(a).length)).toEqual([2, 2]);
    expectNoFurniture(sut);
  });

  it('reduces pasted HTML to plain text: no script, no javascript: image, entities decoded, a real image kept with its caption', () => {
    const sut = parseNewsText(fixture('html-paste.txt'));

    expect(sut).toHaveLength(1);
    const article = sut[0]!;
    expect(article.title).toBe('天平街道\u00a0梧桐树修剪提示');
    expect(article.publishedAt?.toISOString()).toBe('2026-11-09T16:00:00.000Z');
    expect(article.body).toEqual([
      { type: 'paragraph', text: '下周二起，街道将对部分道路的梧桐树进行修剪，请沿线居民注意停车安排&出行安全。' },
      { type: 'image', url: 'https://example.com/images/wutong.jpg', caption: '修剪作业现场' },
      { type: 'paragraph', text: '修剪期间如有疑问，可通过“我要反映”告诉我们。' },
    ]);
    expect(JSON.stringify(sut)).not.toMatch(/<|>|script|javascript|alert|onerror/i);
  });

  it.each([
    ['来源: 枫林街道 时间: 2023-12-26 10:10', '枫林街道', '2023-12-26T02:10:00.000Z'],
    ['发布时间：2024年3月5日 09:30 来源：斜土街道', '斜土街道', '2024-03-05T01:30:00.000Z'],
    ['发布日期：2024/03/05', null, '2024-03-04T16:00:00.000Z'],
    ['日期：2024.03.05  作者：示例', null, '2024-03-04T16:00:00.000Z'],
    ['2024-03-05 18:00', null, '2024-03-05T10:00:00.000Z'],
    ['来源：徐汇区融媒体中心 | 浏览次数：12', '徐汇区融媒体中心', undefined],
  ])('reads the date line "%s"', (dateline, source, publishedAt) => {
    const [article] = parseNewsText(`返回\n\n示例街道召开居民议事会\n\n${dateline}\n\n\u3000\u3000会上，居民代表就停车问题提出了建议。`);

    expect(article).toMatchObject({ title: '示例街道召开居民议事会', source });
    expect(article?.publishedAt?.toISOString()).toBe(publishedAt);
    expect(paragraphs(article!)).toEqual(['会上，居民代表就停车问题提出了建议。']);
  });

  it('keeps a date inside an announcement as text rather than taking it for a new page', () => {
    const sut = parseNewsText(
      '示例街道举办健康讲座\n\n来源：示例街道 时间：2026-11-01\n\n讲座安排如下：\n\n时间：2026年11月8日 14:00\n\n地点：社区文化活动中心。',
    );

    expect(sut).toHaveLength(1);
    expect(paragraphs(sut[0]!)).toEqual(['讲座安排如下：', '时间：2026年11月8日 14:00', '地点：社区文化活动中心。']);
  });

  it('reads a source and a time on lines of their own as one page', () => {
    const sut = parseNewsText('示例街道召开居民议事会\n来源：示例街道\n发布时间：2026-11-01 09:00\n会上，居民代表就停车问题提出了建议。');

    expect(sut).toEqual([
      {
        title: '示例街道召开居民议事会',
        body: [{ type: 'paragraph', text: '会上，居民代表就停车问题提出了建议。' }],
        source: '示例街道',
        publishedAt: new Date('2026-11-01T01:00:00.000Z'),
        notes: [],
      },
    ]);
  });

  it('names an article without a heading by its first sentence', () => {
    const sut = parseNewsText('本周六上午，示例居民区将开展义诊活动，欢迎居民参加。届时将提供测血压等服务。');

    expect(sut).toEqual([
      {
        title: '本周六上午，示例居民区将开展义诊活动，欢迎居民参加',
        body: [{ type: 'paragraph', text: '本周六上午，示例居民区将开展义诊活动，欢迎居民参加。届时将提供测血压等服务。' }],
        source: null,
        publishedAt: null,
        notes: [],
      },
    ]);
  });

  describe('on newspaper pages', () => {
    const kinds = (a: ImportedArticle) => a.notes.map((n) => n.kind);
    const subheads = (a: ImportedArticle) => a.body.flatMap((b) => (b.type === 'subhead' ? [b.text] : []));

    it('reads kicker, headline and subtitle: the headline is the title, kicker and subtitle the first paragraphs', () => {
      const sut = parseNewsText(fixture('newspaper-page-one-article.txt'));

      expect(sut).toHaveLength(1);
      const article = sut[0]!;
      expect(article.title).toBe('枫林街道启用首个“一老一小”综合服务站');
      expect(paragraphs(article).slice(0, 2)).toEqual([
        '守护一老一小\u3000共建美好家园',
        '——集托育、助餐、康复于一体，周边居民步行十五分钟可达',
      ]);
      expect(article.notes.filter((n) => n.kind === 'kicker' || n.kind === 'subtitle')).toEqual([
        { kind: 'kicker', text: '守护一老一小\u3000共建美好家园' },
        { kind: 'subtitle', text: '——集托育、助餐、康复于一体，周边居民步行十五分钟可达' },
      ]);
    });

    it('keeps subheads inside their article as subhead blocks', () => {
      const article = parseNewsText(fixture('newspaper-page-one-article.txt'))[0]!;

      expect(subheads(article)).toEqual(['老人吃上热乎饭', '孩子有了好去处', '一家人的“会客厅”']);
      expect(article.body.map((b) => b.type)).toEqual([
        'paragraph',
        'paragraph',
        'paragraph',
        'paragraph',
        'subhead',
        'paragraph',
        'image',
        'subhead',
        'paragraph',
        'subhead',
        'paragraph',
      ]);
      expect(paragraphs(article).at(-1)).toMatch(/开放祖孙课堂预约。$/);
    });

    it('lifts a caption out of the sentence it fell into and joins the sentence again', () => {
      const article = parseNewsText(fixture('newspaper-page-one-article.txt'))[0]!;

      expect(paragraphs(article)).toContain(
        '每天中午，助餐点提供两荤两素一汤，七十岁以上老人凭长者卡可享受每餐四元的补贴。行动不便的老人还可以提前一天预约，由志愿者送餐上门。',
      );
      expect(captions(article)).toEqual(['图为老人在服务站助餐点用餐\u3000记者 林晓 摄']);
      expect(article.notes).toContainEqual({ kind: 'caption-lifted', text: '以上老人凭长者卡｜可享受每餐四元的' });
    });

    it('joins a word or a sentence broken over a column end, and never joins the subtitle with the first paragraph', () => {
      const article = parseNewsText(fixture('newspaper-page-one-article.txt'))[0]!;

      expect(paragraphs(article)[2]).toMatch(/^11月18日上午，.*步行十五分钟即可到达。$/);
      expect(paragraphs(article)).toContainEqual(expect.stringMatching(/希望能把孩子送来参加活动。$/));
      expect(article.notes.filter((n) => n.kind === 'joined').map((n) => n.text)).toEqual([
        '步行十五分钟即可｜到达。',
        '把孩子送来参加活｜动。',
      ]);
    });

    it('takes the byline as the source and the 责任编辑 line out of the body', () => {
      const article = parseNewsText(fixture('newspaper-page-one-article.txt'))[0]!;

      expect(article.source).toBe('记者 林晓 通讯员 周敏');
      expect(article.notes).toContainEqual({ kind: 'byline', text: '记者 林晓 通讯员 周敏' });
      expect(article.notes).toContainEqual({ kind: 'editor', text: '责任编辑：王芳' });
      expect(outputLines([article]).some((line) => /记者 林晓\u3000通讯员|整理报道|责任编辑|第3版/.test(line))).toBe(false);
    });

    it("dates the article by the newspaper's issue date", () => {
      const article = parseNewsText(fixture('newspaper-page-one-article.txt'))[0]!;

      expect(article.publishedAt?.toISOString()).toBe('2026-11-19T16:00:00.000Z');
      expect(article.notes).toContainEqual({ kind: 'date-issue', text: '2026年11月20日' });
    });

    it('finds both articles of a page, each under its own headline and byline, with its own subheads', () => {
      const sut = parseNewsText(fixture('newspaper-page-two-articles.txt'));

      expect(sut.map((a) => [a.title, a.source, a.publishedAt?.toISOString()])).toEqual([
        ['长桥街道为十二个老旧小区装上充电桩', '本报记者 陈亮', '2026-12-03T16:00:00.000Z'],
        ['小菜场里办起议事会', '通讯员 吴佳', '2026-12-03T16:00:00.000Z'],
      ]);
      expect(subheads(sut[0]!)).toEqual(['楼道里不再“飞线”']);
      expect(paragraphs(sut[1]!)[0]).toBe('华泾镇北杨居民区“家门口议事”满一年');
      expect(sut.flatMap(kinds)).not.toContain('start-guess');
    });

    it('reads a page in traditional characters the same way, keeping its own characters', () => {
      const sut = parseNewsText(fixture('newspaper-page-traditional.txt'));

      expect(sut).toHaveLength(1);
      const article = sut[0]!;
      expect(article).toMatchObject({ title: '湖南街道梧桐樹下開起“露天書房”', source: '記者 陳靜' });
      expect(article.publishedAt?.toISOString()).toBe('2026-10-08T16:00:00.000Z');
      expect(subheads(article)).toEqual(['書從居民中來']);
      expect(paragraphs(article)).toHaveLength(3);
      expect(outputLines(sut).some((line) => /責任編輯|第4版/.test(line))).toBe(false);
    });

    it('marks as a guess an article start that only some signals support, so that the editor can join it', () => {
      const sut = parseNewsText(fixture('newspaper-page-continued-story.txt'));

      expect(sut.map((a) => a.title)).toEqual(['斜土街道试点“楼道微更新”', '斜土街道将扩大试点范围']);
      expect(kinds(sut[0]!)).not.toContain('start-guess');
      expect(sut[1]!.notes).toContainEqual({ kind: 'start-guess', text: '斜土街道将扩大试点范围' });
    });

    it('dates an article by the first sentence, with the year of the masthead when the sentence has none', () => {
      const [withYear] = parseNewsText('示例街道召开年度工作会\n\n2021年12月24日下午，示例街道召开年度工作会。会议由街道主任主持。');
      const [fromMasthead] = parseNewsText('社区简讯 2026年第3期\n\n示例街道召开年度工作会\n\n3月5日上午，示例街道召开年度工作会。');
      const [noYear] = parseNewsText('示例街道召开年度工作会\n\n3月5日上午，示例街道召开年度工作会。');

      expect(withYear?.publishedAt?.toISOString()).toBe('2021-12-23T16:00:00.000Z');
      expect(withYear?.notes).toEqual([{ kind: 'date-text', text: '2021年12月24日' }]);
      expect(fromMasthead?.publishedAt?.toISOString()).toBe('2026-03-04T16:00:00.000Z');
      expect(noYear?.publishedAt).toBeNull();
    });

    it('takes the byline out of a "本报讯（记者 …）" opening', () => {
      const [article] = parseNewsText('示例街道开放夜间图书室\n\n本报讯（记者 林晓）本周起，示例街道社区图书室每晚开放到九点。');

      expect(article).toMatchObject({
        source: '记者 林晓',
        body: [{ type: 'paragraph', text: '本周起，示例街道社区图书室每晚开放到九点。' }],
      });
    });

    it('keeps a heading-like line under a paragraph that stops mid-sentence as the rest of that sentence', () => {
      const sut = parseNewsText(
        '示例街道新建口袋公园\n\n今年，街道还将在沿线新增两处口袋公园和一条健身步道，方便居民\n\n就近锻炼和休息\n\n街道表示，工程将在年底前完工。',
      );

      expect(sut.map((a) => a.title)).toEqual(['示例街道新建口袋公园']);
      expect(sut[0]!.body.map((b) => b.type)).toEqual(['paragraph']);
      expect(paragraphs(sut[0]!)[0]).toMatch(/^今年，.*方便居民就近锻炼和休息/);
    });

    it('keeps subheads of a web page with a date line as subhead blocks too', () => {
      const [article] = parseNewsText(
        '示例街道召开议事会\n\n来源：示例街道 时间：2026-11-01\n\n会上，居民代表就停车问题提出了建议。\n\n停车位怎么分\n\n街道将在月底前公布方案。',
      );

      expect(article?.body).toEqual([
        { type: 'paragraph', text: '会上，居民代表就停车问题提出了建议。' },
        { type: 'subhead', text: '停车位怎么分' },
        { type: 'paragraph', text: '街道将在月底前公布方案。' },
      ]);
    });
  });

  it('finds nothing in page furniture alone', () => {
    expect(
      parseNewsText('长者专版 无障碍\n公众号\n小程序\n返回\n\n640.png\n\n沪ICP备00000000号\n地址：示例路1号 | 电话：64000000'),
    ).toEqual([]);
  });

  // Where the folder is absent these cases do not exist (rather than being counted as skipped).
  if (REAL_PAGES.length > 0)
    describe('on the real street pages in ../shared/fixtures/news', () => {
      it.each(REAL_PAGES)('%s gives articles whose title and paragraphs come from the page, without page furniture', (name) => {
        const source = readFileSync(`${REAL_PAGES_DIR}${name}`, 'utf8');
        const sut = parseNewsText(source);

        expect(sut.length).toBeGreaterThanOrEqual(1);
        for (const article of sut) {
          expect(source).toContain(article.title);
          expect(paragraphs(article).length).toBeGreaterThanOrEqual(1);
          // Joined lines lose the line breaks between them; the words are the page's.
          for (const text of [...paragraphs(article), ...captions(article)]) expect(squeeze(source)).toContain(squeeze(text ?? ''));
        }
        expectNoFurniture(sut);
      });
    });
});
