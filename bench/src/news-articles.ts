/**
 * Invented news articles for the benchmarks (`npm run bench:news` and the district data set of
 * `npm run bench`): a community-news vocabulary, one article in ten in traditional characters, and a
 * bulk loader that writes them with their bigram index exactly as the service would, only faster
 * (multi-row INSERTs, the token index built after the rows). The normalisation, the bigrams and the
 * seeded generator are the service's own, from its build.
 */
import { performance } from 'node:perf_hooks';
import { Converter } from 'opencc-js/cn2t';
import type { NewsBlock } from '@manyi/shared';
import { loadCloudModule } from './cloud.js';
import { seededRandom } from './seeded-random.js';

const { bigramsOf, searchTextOf } = await loadCloudModule<{
  bigramsOf(normalized: string): string[];
  searchTextOf(title: string, body: readonly NewsBlock[]): string;
}>('modules/news/news-search.js');

// ---------------------------------------------------------------------------------------------------
// Invented articles

const PLACES =
  '斜土 枫林 长桥 田林 康健 虹梅 凌云 龙华 华泾 湖南 天平 徐家汇 漕河泾 日晖六村 恒益 交大新村 江南新村 肇清 梅陇三村 寿祥坊'.split(' ');
const SUBJECTS =
  '街道 居委会 居民区 社区 志愿者 楼组长 物业 业委会 党群服务中心 社区食堂 卫生服务中心 派出所 城管中队 律师 人大代表 政协委员'.split(' ');
const TOPICS = (
  '加装电梯 垃圾分类 老旧小区改造 停车难 楼道堆物 消防安全 养老服务 助餐点 长者午餐 非机动车充电 雨污混接 绿化修剪 ' +
  '噪音扰民 群租整治 邻里纠纷 防范诈骗 疫苗接种 健康讲座 文明实践 满意在徐汇 为民办实事 一网统管 美丽家园 睦邻点 口袋公园'
).split(' ');
const VERBS = '开展 召开 推进 举办 走访 调研 落实 完成 启动 解决 回应 听取 征询 协调 部署 宣传'.split(' ');
const FILLERS = (
  '近日 本周 上午 下午 居民们 纷纷表示 进一步 切实 有效 认真 积极 全面 持续 及时 一批 多项 问题 意见建议 工作 活动 ' +
  '方案 清单 现场 座谈会 主题 服务 群众 满意度 获得感 幸福感 安全感 共同 参与 提升 改善 环境 设施 项目 计划'
).split(' ');

/** In one article in 2,000, and in one in 70. */
const RARE_PHRASE = '街道为独居老人安装烟感报警器。';
const UNCOMMON_PHRASE = '环卫工人加班清扫梧桐树叶。';

const toTraditional = Converter({ from: 'cn', to: 'hk' });

export interface BenchArticle {
  streetId: number;
  title: string;
  body: NewsBlock[];
  publishedAt: Date;
  status: string;
}

/** `n` articles over the given streets, the same ones on every run (a fixed seed). */
export function generateArticles(n: number, streetIds: number[], pickStreet?: (rnd: () => number) => number): BenchArticle[] {
  const rnd = seededRandom(20261123);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const sentence = () => {
    const words = [pick(PLACES), pick(SUBJECTS), pick(VERBS), pick(TOPICS)];
    const extra = 3 + Math.floor(rnd() * 6);
    for (let i = 0; i < extra; i++) words.push(rnd() < 0.3 ? pick(TOPICS) : pick(FILLERS));
    return words.join(rnd() < 0.2 ? '，' : '') + '。';
  };
  const start = Date.UTC(2023, 0, 1);
  const span = Date.UTC(2026, 10, 1) - start;
  const rows = [];
  for (let i = 0; i < n; i++) {
    const traditional = rnd() < 0.1;
    const convert = (s: string) => (traditional ? toTraditional(s) : s);
    const title = convert(`${pick(PLACES)}${pick(SUBJECTS)}${pick(VERBS)}${pick(TOPICS)}${rnd() < 0.5 ? pick(FILLERS) : ''}`);
    const paragraphs = 2 + Math.floor(rnd() * 2);
    const body: NewsBlock[] = [];
    for (let p = 0; p < paragraphs; p++) {
      body.push({ type: 'paragraph', text: convert(Array.from({ length: 2 + Math.floor(rnd() * 2) }, sentence).join('')) });
    }
    // Words that only some articles have, for searches that the bigram index answers.
    const special = rnd();
    if (special < 0.0005) body.push({ type: 'paragraph', text: convert(RARE_PHRASE) });
    else if (special < 0.0155) body.push({ type: 'paragraph', text: convert(UNCOMMON_PHRASE) });
    const roll = rnd();
    rows.push({
      streetId: pickStreet ? pickStreet(rnd) : pick(streetIds),
      title,
      body,
      publishedAt: new Date(start + Math.floor(rnd() * span)),
      status: roll < 0.03 ? 'draft' : 'published',
    });
  }
  return rows;
}

/** What the loader needs of a connection: a TypeORM QueryRunner has it, and so does a thin mysql2 wrapper. */
export interface BulkConnection {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
  startTransaction(): Promise<void>;
  commitTransaction(): Promise<void>;
}

/**
 * Bulk loading for benchmarks only: multi-row INSERTs in large transactions, and the bigram index
 * built after the rows rather than row by row. The rows and indexes end exactly as the service writes
 * them. Into an empty news table: ids are numbered from 1.
 */
export async function loadArticles(
  q: BulkConnection,
  kind: 'sqlite' | 'mariadb',
  articles: readonly BenchArticle[],
): Promise<{ seconds: number; tokens: number }> {
  const started = performance.now();
  const mysqlLike = kind !== 'sqlite';
  await q.query('DROP INDEX idx_news_search_token' + (mysqlLike ? ' ON news_search_token' : ''));
  let tokens = 0;
  let nextId = 1;
  const BATCH = 1000;
  for (let i = 0; i < articles.length; i += BATCH) {
    const batch = articles.slice(i, i + BATCH);
    await q.startTransaction();
    const articleRows: unknown[] = [];
    const tokenRows: unknown[] = [];
    for (const a of batch) {
      const id = nextId++;
      const searchText = searchTextOf(a.title, a.body);
      const publishedAt = a.status === 'draft' ? null : a.publishedAt.toISOString().replace('T', ' ').replace('Z', '');
      articleRows.push(id, a.streetId, a.title, JSON.stringify(a.body), '满意演示编辑部', a.status, publishedAt, searchText);
      for (const token of bigramsOf(searchText)) tokenRows.push(id, token);
    }
    await insertRowsInBulk(
      q,
      'news_article',
      ['id', 'street_id', 'title', 'body', 'source', 'status', 'published_at', 'search_text'],
      articleRows,
    );
    await insertRowsInBulk(q, 'news_search_token', ['article_id', 'token'], tokenRows);
    tokens += tokenRows.length / 2;
    await q.commitTransaction();
    if ((i / BATCH) % 10 === 9) process.stderr.write(`  ${kind}: ${i + BATCH} articles\r`);
  }
  await q.query('CREATE INDEX idx_news_search_token ON news_search_token (token, article_id)');
  // What a maintained database has: statistics for the planner.
  await q.query(mysqlLike ? 'ANALYZE TABLE news_article, news_search_token' : 'ANALYZE');
  process.stderr.write('\n');
  return { seconds: (performance.now() - started) / 1000, tokens };
}

export async function insertRowsInBulk(
  q: Pick<BulkConnection, 'query'>,
  table: string,
  columns: string[],
  values: unknown[],
): Promise<void> {
  const perRow = columns.length;
  // Under SQLite's 32,766 bound parameters, and MariaDB's default packet size.
  const rowsPerStatement = Math.floor(30_000 / perRow);
  const placeholder = `(${columns.map(() => '?').join(',')})`;
  for (let i = 0; i < values.length; i += rowsPerStatement * perRow) {
    const chunk = values.slice(i, i + rowsPerStatement * perRow);
    const rows = chunk.length / perRow;
    await q.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array.from({ length: rows }, () => placeholder).join(',')}`, chunk);
  }
}
