/**
 * News search benchmark (README "News search"): generates articles of invented text — a community-news
 * vocabulary, one article in ten in traditional characters — into SQLite and into MariaDB, then times
 * searches through the service's own query (NewsService.list) and prints p50/p95 side by side. Each
 * answer is also checked against a plain scan of the normalised text.
 *
 *   npm run bench:news                      100,000 articles on both databases
 *   BENCH_ARTICLES=20000 BENCH_DATABASES=sqlite npm run bench:news
 *   BENCH_KEEP=1 …                          keeps the databases for a look (EXPLAIN), printing where they are
 *
 * MariaDB comes from MANYI_TEST_MYSQL_URL (default mysql://manyi:manyi@127.0.0.1:3306, the test user
 * that scripts/ensure-mariadb.sh creates); the benchmark creates and drops its own `manyi_bench_…`
 * database. Not part of `npm test`.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { Converter } from 'opencc-js/cn2t';
import type { NewsBlock } from '@manyi/shared';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config.js';
import { dataSourceOptions } from '../../database/data-source-options.js';
import { Street } from '../directory/street.entity.js';
import { NewsArticle } from './news-article.entity.js';
import { applyTerms, bigramsOf, planSearch, searchTextOf } from './news-search.js';
import { NewsSearchIndex } from './news-search-index.service.js';
import { NewsService } from './news.service.js';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,mariadb').split(',').map((s) => s.trim());
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const MYSQL_URL = (process.env.MANYI_TEST_MYSQL_URL ?? 'mysql://manyi:manyi@127.0.0.1:3306').replace(/\/$/, '');

/** What a resident might type, and what each case exercises. */
const SEARCHES: Array<{ label: string; street?: string; q?: string }> = [
  { label: 'list, no query (all streets)' },
  { label: 'list, no query (street xietu)', street: 'xietu' },
  { label: 'q=加装电梯 (common word)', q: '加装电梯' },
  { label: 'q=加裝電梯 (traditional query)', q: '加裝電梯' },
  { label: 'q=满意在徐汇 (phrase)', q: '满意在徐汇' },
  { label: 'q=日晖六村 (a compound)', q: '日晖六村' },
  { label: 'q=烟感报警器 (1 article in 2,000)', q: '烟感报警器' },
  { label: 'q=梧桐树叶 (1 article in 70)', q: '梧桐树叶' },
  { label: 'q=梧桐树叶 street=xietu', street: 'xietu', q: '梧桐树叶' },
  { label: 'q=街道 (in most articles)', q: '街道' },
  { label: 'q=长桥 养老 (two words)', q: '长桥 养老' },
  { label: 'q=街道垃圾 (common bigrams, never together)', q: '街道垃圾' },
  { label: 'q=梯 (one character: LIKE only)', q: '梯' },
  { label: 'q=火星基地 (no result)', q: '火星基地' },
  { label: 'q=加装电梯 street=xietu', street: 'xietu', q: '加装电梯' },
];

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

/** A small deterministic generator (mulberry32), so every run loads the same articles. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const toTraditional = Converter({ from: 'cn', to: 'hk' });

function generate(
  n: number,
  streetIds: number[],
): Array<{ streetId: number; title: string; body: NewsBlock[]; publishedAt: Date; status: string }> {
  const rnd = random(20261123);
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
      streetId: pick(streetIds),
      title,
      body,
      publishedAt: new Date(start + Math.floor(rnd() * span)),
      status: roll < 0.03 ? 'draft' : 'published',
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Loading

interface Target {
  kind: string;
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
  size(): Promise<string>;
}

async function open(kind: string): Promise<Target> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'manyi-bench-'));
    const file = join(dir, 'bench.sqlite');
    const dataSource = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: `sqlite:${file}` }).database));
    await dataSource.initialize();
    return {
      kind,
      url: `sqlite:${file}`,
      dataSource,
      drop: async () => {
        await dataSource.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
      size: async () => `${(statSync(file).size / 1e6).toFixed(0)} MB`,
    };
  }
  const name = `manyi_bench_${randomBytes(4).toString('hex')}`;
  const server = await mysql.createConnection(MYSQL_URL);
  await server.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await server.end();
  const url = `${MYSQL_URL}/${name}`;
  const dataSource = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: url }).database));
  await dataSource.initialize();
  return {
    kind,
    url,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      const conn = await mysql.createConnection(MYSQL_URL);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
    size: async () => {
      const [row] = (await dataSource.query(
        'SELECT SUM(data_length + index_length) AS bytes FROM information_schema.tables WHERE table_schema = DATABASE()',
      )) as Array<{ bytes: string }>;
      return `${(Number(row?.bytes ?? 0) / 1e6).toFixed(0)} MB`;
    },
  };
}

/**
 * Bulk loading for the benchmark only: multi-row INSERTs in large transactions, and the bigram index
 * built after the rows rather than row by row. The rows and indexes end exactly as the service writes them.
 */
async function load(target: Target, articles: ReturnType<typeof generate>): Promise<{ seconds: number; tokens: number }> {
  const started = performance.now();
  const q = target.dataSource.createQueryRunner();
  const mysqlLike = target.kind !== 'sqlite';
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
    await insert(q, 'news_article', ['id', 'street_id', 'title', 'body', 'source', 'status', 'published_at', 'search_text'], articleRows);
    await insert(q, 'news_search_token', ['article_id', 'token'], tokenRows);
    tokens += tokenRows.length / 2;
    await q.commitTransaction();
    if ((i / BATCH) % 10 === 9) process.stderr.write(`  ${target.kind}: ${i + BATCH} articles\r`);
  }
  await q.query('CREATE INDEX idx_news_search_token ON news_search_token (token, article_id)');
  // What a maintained database has: statistics for the planner.
  await q.query(mysqlLike ? 'ANALYZE TABLE news_article, news_search_token' : 'ANALYZE');
  await q.release();
  process.stderr.write('\n');
  return { seconds: (performance.now() - started) / 1000, tokens };
}

async function insert(q: ReturnType<DataSource['createQueryRunner']>, table: string, columns: string[], values: unknown[]): Promise<void> {
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

// ---------------------------------------------------------------------------------------------------
// Timing

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(target: Target): Promise<Map<string, { p50: number; p95: number; hits: number }>> {
  const service = new NewsService(target.dataSource, new NewsSearchIndex(target.dataSource));
  const now = new Date();
  const results = new Map<string, { p50: number; p95: number; hits: number }>();
  for (const search of SEARCHES) {
    const query = { street: search.street, q: search.q, limit: 20 };
    let hits = 0;
    for (let i = 0; i < 3; i++) hits = (await service.list(query, now)).items.length;
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await service.list(query, now);
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    results.set(search.label, { p50: percentile(samples, 50), p95: percentile(samples, 95), hits });
    await expectSameAsScan(target, query, now);
  }
  return results;
}

/**
 * The page the service answers must be the page a plain scan finds: every visible article whose
 * normalised text contains each word, newest first — whichever path (rare bigrams, newest articles,
 * the full bigram query) the service took.
 */
async function expectSameAsScan(target: Target, query: { street?: string; q?: string; limit: number }, now: Date): Promise<void> {
  const service = new NewsService(target.dataSource, new NewsSearchIndex(target.dataSource));
  const got = (await service.list(query, now)).items.map((i) => i.id);
  const qb = target.dataSource
    .getRepository(NewsArticle)
    .createQueryBuilder('a')
    .select('a.id', 'id')
    .where("a.status IN ('published', 'scheduled') AND a.published_at <= :now", { now });
  if (query.street) qb.innerJoin('a.street', 's').andWhere('s.code = :street', { street: query.street });
  const plan = query.q ? planSearch(query.q) : null;
  if (plan) applyTerms(qb, 'a', plan);
  const rows = await qb.orderBy('a.published_at', 'DESC').addOrderBy('a.id', 'DESC').limit(query.limit).getRawMany<{ id: number }>();
  const expected = rows.map((r) => Number(r.id));
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    throw new Error(`${target.kind}: ${JSON.stringify(query)} answered ${JSON.stringify(got)}, a scan finds ${JSON.stringify(expected)}`);
  }
}

async function main(): Promise<void> {
  const timings = new Map<string, Map<string, { p50: number; p95: number; hits: number }>>();
  const notes: string[] = [];
  for (const kind of DATABASES) {
    const target = await open(kind);
    try {
      await target.dataSource.runMigrations({ transaction: 'each' });
      const streets = await target.dataSource.getRepository(Street).find();
      const articles = generate(
        ARTICLES,
        streets.map((s) => s.id),
      );
      const { seconds, tokens } = await load(target, articles);
      notes.push(
        `${kind}: ${ARTICLES.toLocaleString('en')} articles, ${tokens.toLocaleString('en')} bigram rows, loaded in ${seconds.toFixed(0)} s, ${await target.size()}`,
      );
      timings.set(kind, await time(target));
    } finally {
      if (process.env.BENCH_KEEP) {
        await target.dataSource.destroy();
        console.error(`kept ${target.url.replace(/:[^:@/]*@/, ':***@')}`);
      } else {
        await target.drop();
      }
    }
  }

  const kinds = [...timings.keys()];
  const header = ['search (20 per page)', ...kinds.flatMap((k) => [`${k} p50 ms`, `${k} p95 ms`]), 'results'];
  const rows = SEARCHES.map((s) => {
    const cells = kinds.flatMap((k) => {
      const t = timings.get(k)!.get(s.label)!;
      return [t.p50.toFixed(1), t.p95.toFixed(1)];
    });
    return [s.label, ...cells, String(timings.get(kinds[0]!)!.get(s.label)!.hits)];
  });
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? pad(c, widths[i]!) : padStart(c, widths[i]!))).join(' | ')} |`;
  console.log(`\nNews search, ${RUNS} runs each after 3 warm-ups (Node ${process.version})`);
  for (const note of notes) console.log(`  ${note}`);
  console.log(`\n${line(header)}\n| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
  for (const row of rows) console.log(line(row));
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  return [...s].reduce(
    (n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1),
    0,
  );
}
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - width(s))) + s;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
