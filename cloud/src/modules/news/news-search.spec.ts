import { bigramsOf, COMMON_TOKEN, narrowPlan, normalizeForSearch, planSearch, searchTextOf } from './news-search.js';

describe(normalizeForSearch.name, () => {
  it('turns traditional characters into simplified ones, Hong Kong and Taiwan forms included', () => {
    expect(normalizeForSearch('滿意在徐匯')).toBe('满意在徐汇');
    expect(normalizeForSearch('裏弄 裡弄 衞生 羣眾')).toBe('里弄 里弄 卫生 群众');
  });

  it('leaves simplified text as it is, so that text and query meet', () => {
    const simplified = '满意在徐汇、服务在基层。';
    expect(normalizeForSearch(simplified)).toBe(simplified);
    expect(normalizeForSearch(normalizeForSearch('滿意在徐匯'))).toBe(normalizeForSearch('滿意在徐匯'));
  });

  it('folds full-width letters and digits, case and runs of whitespace', () => {
    expect(normalizeForSearch('  ＷｉＦｉ　覆盖\n１００％ ')).toBe('wifi 覆盖 100%');
  });
});

describe(bigramsOf.name, () => {
  it('gives every distinct pair of adjacent characters of Chinese written without spaces', () => {
    expect(bigramsOf('满意在徐汇')).toEqual(['满意', '意在', '在徐', '徐汇']);
    expect(bigramsOf('哈哈哈')).toEqual(['哈哈']);
  });

  it('does not pair characters across spaces or punctuation', () => {
    expect(bigramsOf('长桥，街道 ab')).toEqual(['长桥', '街道', 'ab']);
  });

  it('counts a character outside the Basic Multilingual Plane as one character', () => {
    expect(bigramsOf('𠮷野家')).toEqual(['𠮷野', '野家']);
  });

  it('has nothing for a single character', () => {
    expect(bigramsOf('徐')).toEqual([]);
  });
});

describe(planSearch.name, () => {
  it('splits a query into words at spaces and asks for the bigrams of each', () => {
    expect(planSearch('長橋  垃圾分類')).toEqual({ terms: ['长桥', '垃圾分类'], tokens: ['长桥', '垃圾', '圾分', '分类'] });
  });

  it('searches single characters and symbols by their text alone', () => {
    expect(planSearch('% 徐')).toEqual({ terms: ['%', '徐'], tokens: [] });
  });

  it('has nothing to search for in whitespace', () => {
    expect(planSearch(' \u3000 ')).toBeNull();
  });
});

describe(searchTextOf.name, () => {
  it('is the normalised title, paragraphs and captions, one per line', () => {
    expect(
      searchTextOf('滿意在徐匯', [
        { type: 'paragraph', text: '第一段' },
        { type: 'image', url: null, caption: '會議現場' },
        { type: 'image', url: 'https://example.com/a.jpg' },
      ]),
    ).toBe('满意在徐汇\n第一段\n会议现场');
  });
});

describe(narrowPlan.name, () => {
  const plan = { terms: ['满意在徐汇'], tokens: ['满意', '意在', '在徐', '徐汇'] };
  const counts = (...n: number[]) => new Map(plan.tokens.map((t, i) => [t, n[i]!]));

  it('knows there is no match when some bigram is in no article', () => {
    expect(narrowPlan(plan, counts(5, 0, COMMON_TOKEN, 3))).toBe('none');
  });

  it('narrows the candidates by the rarest bigrams, at most three', () => {
    expect(narrowPlan(plan, counts(40, 7, COMMON_TOKEN, 12))).toEqual({ terms: plan.terms, tokens: ['意在', '徐汇', '满意'] });
    expect(narrowPlan(plan, counts(COMMON_TOKEN, 7, COMMON_TOKEN, COMMON_TOKEN))).toEqual({ terms: plan.terms, tokens: ['意在'] });
  });

  it('leaves the choice to the caller when every bigram is common', () => {
    expect(narrowPlan(plan, counts(COMMON_TOKEN, COMMON_TOKEN, COMMON_TOKEN, COMMON_TOKEN))).toBeNull();
    expect(narrowPlan({ terms: ['梯'], tokens: [] }, new Map())).toBeNull();
  });
});
