/**
 * The staff inbox's saved views, the rates and news search at district scale: each timed through the
 * running service (HTTP, one request at a time, so the figure is the query's own latency), and each run
 * once more in process through the same service class from cloud/dist with TypeORM's query log
 * captured, so that the SQL it sends can be EXPLAINed.
 */
import { performance } from 'node:perf_hooks';
import {
  callbackQueueQuerySchema,
  escalationsQuerySchema,
  inboxQuerySchema,
  newsQuerySchema,
  ratesQuerySchema,
  statsOverviewQuerySchema,
  type CallbackQueueQuery,
  type EscalationsQuery,
  type InboxQuery,
  type NewsQuery,
  type RatesQuery,
  type StatsOverviewQuery,
} from '@manyi/shared';
import { DataSource, type DataSourceOptions, type Logger, type QueryRunner } from 'typeorm';
import { loadCloudModule } from './cloud.js';

export interface StaffSession {
  token: string;
  actor: { kind: 'staff'; staffId: number; username: string; role: string; streetId: number | null; departmentId: number | null };
}

export interface QueryCase {
  label: string;
  /** Who asks (a staff session), or nobody for public news. */
  as: StaffSession | null;
  kind: 'inbox' | 'counts' | 'rates' | 'overview' | 'callbacks' | 'escalations' | 'news';
  params: Record<string, string>;
  /** Inbox only: time the second page, reached with the first page's cursor. */
  secondPage?: boolean;
}

export interface QueryTiming {
  p50: number;
  p95: number;
  items: number;
  /** GET /api/v1/health timed in the same loop: the round trip through the service with no real query. */
  floorP50: number;
  floorP95: number;
  runs: number;
}

const PATHS = {
  inbox: '/api/v1/admin/concerns',
  counts: '/api/v1/admin/concerns/counts',
  rates: '/api/v1/admin/stats/rates',
  // The rates grouped by street, department, category or channel (issue 19), the 回访 queue, the 督办 list.
  overview: '/api/v1/admin/stats/overview',
  callbacks: '/api/v1/admin/callbacks',
  escalations: '/api/v1/admin/escalations',
  news: '/api/v1/news',
} as const;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function get(base: string, c: QueryCase, params: Record<string, string>) {
  const response = await fetch(`${base}${PATHS[c.kind]}?${new URLSearchParams(params)}`, {
    headers: c.as ? { authorization: `Bearer ${c.as.token}` } : {},
  });
  const body = (await response.json()) as {
    items?: unknown[];
    nextCursor?: string | null;
    byStreet?: unknown[];
    rows?: unknown[];
    total?: unknown;
  };
  if (response.status !== 200) throw new Error(`${c.label}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** The parameters of the request to time: for a second page, the first page's cursor added. */
export async function requestParams(base: string, c: QueryCase): Promise<Record<string, string>> {
  if (!c.secondPage) return c.params;
  const first = await get(base, c, c.params);
  if (!first.nextCursor) return { ...c.params, cursor: 'none' };
  return { ...c.params, cursor: first.nextCursor };
}

/**
 * `runs` timed requests after warm-ups — fewer when a query is slow: one warm-up once it takes over a
 * second, and no new run once `budgetMs` is spent (at least three), so a multi-second query does not
 * hold the bench for minutes. `runs` in the result says how many were timed.
 */
export async function timeOverHttp(base: string, c: QueryCase, runs: number, budgetMs: number): Promise<QueryTiming> {
  const params = await requestParams(base, c);
  if (params.cursor === 'none') return { p50: NaN, p95: NaN, items: 0, floorP50: NaN, floorP95: NaN, runs: 0 };
  let items = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const body = await get(base, c, params);
    items = body.items?.length ?? body.byStreet?.length ?? body.rows?.length ?? (typeof body.total === 'number' ? body.total : 0);
    if (performance.now() - t > 1000) break;
  }
  const samples: number[] = [];
  const floor: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs && (i < 3 || performance.now() - started < budgetMs); i++) {
    let t = performance.now();
    await get(base, c, params);
    samples.push(performance.now() - t);
    t = performance.now();
    await (await fetch(`${base}/api/v1/health`)).arrayBuffer();
    floor.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  floor.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    items,
    floorP50: percentile(floor, 50),
    floorP95: percentile(floor, 95),
    runs: samples.length,
  };
}

/** Every query the service sends while the capture is on. */
class CapturingLogger implements Logger {
  capturing = false;
  queries: Array<{ sql: string; parameters: unknown[] }> = [];
  logQuery(query: string, parameters?: unknown[], _runner?: QueryRunner): void {
    if (this.capturing) this.queries.push({ sql: query, parameters: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * The service's read queries, built in process by cloud/src/bench/read-queries.ts from the service's own
 * repository and service classes (typed there); this is the shape the bench calls.
 */
interface ReadQueries {
  inbox(actor: StaffSession['actor'], query: InboxQuery): Promise<unknown>;
  counts(actor: StaffSession['actor']): Promise<unknown>;
  rates(actor: StaffSession['actor'], query: RatesQuery): Promise<unknown>;
  overview(actor: StaffSession['actor'], query: StatsOverviewQuery): Promise<unknown>;
  callbacks(actor: StaffSession['actor'], query: CallbackQueueQuery): Promise<unknown>;
  escalations(actor: StaffSession['actor'], query: EscalationsQuery): Promise<unknown>;
  news(query: NewsQuery): Promise<unknown>;
}

export interface Explainer {
  explain(c: QueryCase, params: Record<string, string>): Promise<string>;
  /**
   * News search timed in process through NewsService itself: over HTTP a repeated search is answered
   * from the service's public cache, so this is what a search nobody has asked yet costs.
   */
  timeNewsQuery(params: Record<string, string>, runs: number): Promise<{ p50: number; p95: number }>;
  close(): Promise<void>;
}

/** The service's own repositories and services, on a connection of their own that logs what they send. */
export async function openExplainer(databaseUrl: string): Promise<Explainer> {
  const { loadConfig } = await loadCloudModule<{ loadConfig(env: Record<string, string>): { database: unknown } }>('config/app-config.js');
  const { dataSourceOptions } = await loadCloudModule<{ dataSourceOptions(db: unknown): DataSourceOptions }>(
    'database/data-source-options.js',
  );
  const logger = new CapturingLogger();
  const dataSource = new DataSource({
    ...dataSourceOptions(loadConfig({ DATABASE_URL: databaseUrl }).database),
    logging: ['query'],
    logger,
  } as DataSourceOptions);
  await dataSource.initialize();

  const { openReadQueries } = await loadCloudModule<{ openReadQueries(dataSource: DataSource): Promise<ReadQueries> }>(
    'bench/read-queries.js',
  );
  const services = await openReadQueries(dataSource);

  return {
    async explain(c, params) {
      logger.queries = [];
      logger.capturing = true;
      try {
        if (c.kind === 'inbox') await services.inbox(c.as!.actor, inboxQuerySchema.parse(params));
        else if (c.kind === 'counts') await services.counts(c.as!.actor);
        else if (c.kind === 'rates') await services.rates(c.as!.actor, ratesQuerySchema.parse(params));
        else if (c.kind === 'overview') await services.overview(c.as!.actor, statsOverviewQuerySchema.parse(params));
        else if (c.kind === 'callbacks') await services.callbacks(c.as!.actor, callbackQueueQuerySchema.parse(params));
        else if (c.kind === 'escalations') await services.escalations(c.as!.actor, escalationsQuerySchema.parse(params));
        else await services.news(newsQuerySchema.parse(params));
      } finally {
        logger.capturing = false;
      }
      // The queries that read the big tables, and the counts kept beside the concerns (badges, rates);
      // lookups of a street or category by key are left out.
      const big = logger.queries.filter(
        (q) =>
          /^\s*SELECT/i.test(q.sql) &&
          /`?(concern|concern_final_tally|concern_rate_day|concern_rate_month|concern_rate_facet_day|concern_rate_facet_month|news_article|news_search_token)`?\s/i.test(
            q.sql,
          ),
      );
      const lines: string[] = [];
      for (const q of big) {
        const plan = (await dataSource.query(`EXPLAIN ${q.sql}`, q.parameters)) as Array<Record<string, unknown>>;
        lines.push(
          plan
            .filter((r) => ['concern', 'c', 'a', 'w', 't', 'r', 'news_article', 'news_search_token'].includes(String(r.table)) || r.key)
            .map((r) => {
              const extra = String(r.Extra ?? '');
              const notes = [/filesort/.test(extra) ? 'filesort' : '', /temporary/.test(extra) ? 'temporary' : ''].filter(Boolean);
              return `${String(r.table)}:${r.key ? String(r.key) : 'FULL SCAN'} ~${Number(r.rows).toLocaleString('en')}${notes.length ? ` (${notes.join(', ')})` : ''}`;
            })
            .join(' + '),
        );
      }
      return [...new Set(lines)].join('; ') || '(no query on the big tables)';
    },
    async timeNewsQuery(params, runs) {
      const query = newsQuerySchema.parse(params);
      await services.news(query);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await services.news(query);
        samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
    },
    close: () => dataSource.destroy(),
  };
}

/**
 * The counts the service keeps beside the concerns (concern_final_tally, concern_rate_day/month), made
 * again from the generated concerns — the generator writes concerns directly, not through the
 * workflow step that keeps them — with the service's own backfill SQL (the migrations').
 */
export async function rebuildKeptCounts(databaseUrl: string): Promise<void> {
  const { loadConfig } = await loadCloudModule<{ loadConfig(env: Record<string, string>): { database: unknown } }>('config/app-config.js');
  const { dataSourceOptions } = await loadCloudModule<{ dataSourceOptions(db: unknown): DataSourceOptions }>(
    'database/data-source-options.js',
  );
  const { rebuildRateTables } = await loadCloudModule<{ rebuildRateTables(q: QueryRunner): Promise<void> }>(
    'database/migrations/1795600000000-ContactCallbackAndCompleteRates.js',
  );
  const dataSource = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: databaseUrl }).database) as DataSourceOptions);
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('DELETE FROM concern_final_tally');
    await runner.query(
      `INSERT INTO concern_final_tally (status, street_id, department_id, concerns, id_sum, version_sum, escalated)
       SELECT status, street_id, COALESCE(lead_department_id, 0), COUNT(*), SUM(id), SUM(version), SUM(CASE WHEN escalated = 1 THEN 1 ELSE 0 END)
       FROM concern WHERE status IN ('rejected', 'merged', 'closed', 'withdrawn') GROUP BY status, street_id, COALESCE(lead_department_id, 0)`,
    );
    await rebuildRateTables(runner);
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
