/**
 * News search benchmark (docs/news.md "News search"): generates articles of invented text — a community-news
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
import { DataSource, type DataSourceOptions, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { loadCloudModule } from './cloud.js';
import { generateArticles, loadArticles } from './news-articles.js';

// The service's own pieces, from its build.
type NewsQuery = { street?: string; q?: string; limit: number };
const { loadConfig } = await loadCloudModule<{ loadConfig(env: Record<string, string>): { database: unknown } }>('config/app-config.js');
const { dataSourceOptions } = await loadCloudModule<{ dataSourceOptions(db: unknown): DataSourceOptions }>(
  'database/data-source-options.js',
);
const { Street } = await loadCloudModule<{ Street: EntityTarget<{ id: number }> }>('modules/directory/street.entity.js');
const { NewsArticle } = await loadCloudModule<{ NewsArticle: EntityTarget<ObjectLiteral> }>('modules/news/news-article.entity.js');
const { planSearch, applyTerms } = await loadCloudModule<{
  planSearch(query: string): unknown;
  applyTerms<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, plan: unknown): SelectQueryBuilder<T>;
}>('modules/news/news-search.js');
const { NewsRepository } = await loadCloudModule<{ NewsRepository: new (dataSource: DataSource) => object }>(
  'modules/news/news.repository.js',
);
const { NewsService } = await loadCloudModule<{
  NewsService: new (repository: object) => { list(query: NewsQuery, now: Date): Promise<{ items: Array<{ id: number }> }> };
}>('modules/news/news.service.js');

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

// ---------------------------------------------------------------------------------------------------
// Timing

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(target: Target): Promise<Map<string, { p50: number; p95: number; hits: number }>> {
  const service = new NewsService(new NewsRepository(target.dataSource));
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
async function expectSameAsScan(target: Target, query: NewsQuery, now: Date): Promise<void> {
  const service = new NewsService(new NewsRepository(target.dataSource));
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
      const articles = generateArticles(
        ARTICLES,
        streets.map((s) => s.id),
      );
      const runner = target.dataSource.createQueryRunner();
      const { seconds, tokens } = await loadArticles(runner, target.kind === 'sqlite' ? 'sqlite' : 'mariadb', articles);
      await runner.release();
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
