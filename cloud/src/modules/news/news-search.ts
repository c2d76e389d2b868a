import { Converter } from 'opencc-js/t2cn';
import type { NewsBlock } from '@manyi/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { LIKE_ESCAPE, likeContains } from '../../database/like.js';

/*
 * News search, the same on SQLite and MariaDB (docs/news.md "News search").
 *
 * Text is normalised — NFKC (full-width letters and digits become ASCII), traditional characters
 * become simplified (OpenCC, Hong Kong and Taiwan variants included), lower case — and stored in
 * `news_article.search_text`. Every distinct pair of adjacent letters or digits ("bigram") of that text
 * goes into `news_search_token`. A query is normalised the same way and split into words at spaces;
 * an article is a candidate when it has every bigram of every word (GROUP BY … HAVING COUNT = n), and
 * a match when its normalised text contains every word (LIKE, with % and _ taken literally). Words of
 * one character have no bigram and are found by the LIKE alone.
 *
 * The bigram query reads the whole list of articles of each bigram it names, which is long for common
 * words (街道 is in most articles). So the resident's list first counts each bigram's articles up to a
 * cap (NewsRepository.tokenCounts): a bigram no article has means no result at once; when some are
 * rare, the rarest few narrow the candidates (LIKE confirms the rest); when all are common, the newest
 * articles are tried by their text first, where a common word fills a page at once (NewsRepository).
 */

// 'hk' → 'cn' also maps the standard traditional forms and Taiwan's (裡, 著); character by character
// plus OpenCC's phrase table, so the query and the text are converted alike.
const toSimplified = Converter({ from: 'hk', to: 'cn' });

/** Simplified, NFKC, lower case, runs of whitespace as one space. */
export function normalizeForSearch(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The searchable text of an article: its title, paragraphs, subheads and captions, one per line. */
export function searchTextOf(title: string, body: readonly NewsBlock[]): string {
  const parts = [title, ...body.map((b) => (b.type === 'image' ? (b.caption ?? '') : b.text))];
  return parts
    .map(normalizeForSearch)
    .filter((p) => p.length > 0)
    .join('\n');
}

const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;

/** The distinct bigrams of normalised text, taken inside runs of letters and digits only. */
export function bigramsOf(normalized: string): string[] {
  const tokens = new Set<string>();
  for (const run of normalized.match(WORD_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i]! + chars[i + 1]!);
  }
  return [...tokens];
}

export interface SearchPlan {
  /** Normalised words; the article's text must contain each, literally. */
  terms: string[];
  /** Bigrams the article must all have; empty when every word is a single character. */
  tokens: string[];
}

/** How a query is searched, or null when it has nothing to search for. */
export function planSearch(query: string): SearchPlan | null {
  const terms = [...new Set(normalizeForSearch(query).split(' ').filter(Boolean))];
  if (terms.length === 0) return null;
  const tokens = [...new Set(terms.flatMap(bigramsOf))];
  return { terms, tokens };
}

/** A bigram in fewer articles than this is rare enough to search by; counting stops here. */
export const COMMON_TOKEN = 2000;
/** How many bigrams of a query are counted, and how many rare ones narrow the candidates. */
const MAX_COUNTED = 16;
const MAX_NARROWING = 3;

/** The bigrams of a plan whose counts are worth knowing. */
export function tokensToCount(plan: SearchPlan): string[] {
  return plan.tokens.slice(0, MAX_COUNTED);
}

/**
 * From capped counts (`COMMON_TOKEN` at most): 'none' when some bigram is in no article (nothing can
 * match); the plan narrowed to its rarest bigrams when some are rare; else null (every bigram is common).
 */
export function narrowPlan(plan: SearchPlan, counts: ReadonlyMap<string, number>): SearchPlan | 'none' | null {
  if ([...counts.values()].some((n) => n === 0)) return 'none';
  const rare = [...counts.entries()].filter(([, n]) => n < COMMON_TOKEN).sort((a, b) => a[1] - b[1]);
  if (rare.length === 0) return null;
  return { terms: plan.terms, tokens: rare.slice(0, MAX_NARROWING).map(([token]) => token) };
}

/**
 * Narrows a query on news_article (aliased `alias`) to the articles matching `plan`: a join to the
 * article ids that have every bigram, then the words on the normalised text.
 */
export function applySearch<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, plan: SearchPlan): SelectQueryBuilder<T> {
  if (plan.tokens.length > 0) {
    qb.innerJoin(
      (sub) =>
        sub
          .select('t.article_id', 'article_id')
          .from('news_search_token', 't')
          .where('t.token IN (:...searchTokens)')
          .groupBy('t.article_id')
          .having('COUNT(DISTINCT t.token) = :searchTokenCount'),
      'm',
      `m.article_id = ${alias}.id`,
    ).setParameters({ searchTokens: plan.tokens, searchTokenCount: plan.tokens.length });
  }
  return applyTerms(qb, alias, plan);
}

/** The words of `plan`, each found literally in the normalised text (LIKE, % and _ escaped). */
export function applyTerms<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, plan: SearchPlan): SelectQueryBuilder<T> {
  plan.terms.forEach((term, i) => {
    qb.andWhere(`${alias}.search_text LIKE :searchTerm${i} ${LIKE_ESCAPE}`, { [`searchTerm${i}`]: likeContains(term) });
  });
  return qb;
}
