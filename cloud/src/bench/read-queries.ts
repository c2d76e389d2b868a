/**
 * The staff inbox's reads, the dashboard's and news search, as `npm run bench` runs them in process to
 * EXPLAIN the SQL they send (bench/src/queries.ts): the service's own repositories and services, built
 * on the data source the bench passes in. Benchmark code only: the service never imports it.
 */
import type { CallbackQueueQuery, EscalationsQuery, InboxQuery, NewsQuery, RatesQuery, StatsOverviewQuery } from '@manyi/shared';
import type { DataSource } from 'typeorm';
import type { StaffActor } from '../common/actor.js';
import { callbackQueueCutoff } from '../modules/concerns/concern-follow-up.service.js';
import { ConcernInboxRepository } from '../modules/concerns/concern-inbox.repository.js';
import { ConcernRatesService } from '../modules/concerns/concern-rates.service.js';
import { ConcernStatsRepository } from '../modules/concerns/concern-stats.repository.js';
import { ConcernStatsService } from '../modules/concerns/concern-stats.service.js';
import { loadDeadlineRules } from '../modules/deadlines/deadline-rules.service.js';
import { NewsRepository } from '../modules/news/news.repository.js';
import { NewsService } from '../modules/news/news.service.js';

/** One call per kind of query the bench times; each answers what the service's endpoint reads. */
export interface ReadQueries {
  inbox(actor: StaffActor, query: InboxQuery): Promise<unknown>;
  counts(actor: StaffActor): Promise<unknown>;
  rates(actor: StaffActor, query: RatesQuery): Promise<unknown>;
  overview(actor: StaffActor, query: StatsOverviewQuery): Promise<unknown>;
  callbacks(actor: StaffActor, query: CallbackQueueQuery): Promise<unknown>;
  escalations(actor: StaffActor, query: EscalationsQuery): Promise<unknown>;
  /** The residents' news list or search, mapped like the endpoint's (the street lookup included). */
  news(query: NewsQuery): Promise<unknown>;
}

export async function openReadQueries(dataSource: DataSource): Promise<ReadQueries> {
  const { settings } = await loadDeadlineRules(dataSource);
  const concerns = new ConcernInboxRepository(dataSource);
  const rates = new ConcernRatesService(dataSource);
  const stats = new ConcernStatsService(new ConcernStatsRepository(dataSource), rates);
  const news = new NewsService(new NewsRepository(dataSource));
  return {
    inbox: (actor, query) => concerns.inbox(actor, query, new Date()),
    counts: (actor) => concerns.totals(actor, new Date()),
    rates: (actor, query) => rates.rates(actor, query),
    overview: (actor, query) => stats.overview(actor, query),
    callbacks: (actor, query) => concerns.callbackQueue(actor, query, callbackQueueCutoff(settings, new Date())),
    escalations: (actor, query) => concerns.escalated(actor, query),
    news: (query) => news.list(query),
  };
}
