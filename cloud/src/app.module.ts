import { hostname } from 'node:os';
import type { IncomingMessage } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config.js';
import { redactUrl } from './common/logging/redact-url.js';
import { InvalidationBusModule } from './common/cache/invalidation-bus.js';
import { CryptoModule } from './common/crypto/crypto.module.js';
import { PublicCacheModule } from './common/cache/public-cache.js';
import { JobsModule } from './common/jobs/job-scheduler.js';
import { RedisModule } from './common/redis/redis.module.js';
import { AppConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { serializeSqliteTransactions } from './database/sqlite-transactions.js';
import { DemoModule } from './demo/demo.module.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { AlertsModule } from './modules/alerts/alerts.module.js';
import { AuditSearchModule } from './modules/audit-search/audit-search.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { ConcernsModule } from './modules/concerns/concerns.module.js';
import { DeadlinesModule } from './modules/deadlines/deadlines.module.js';
import { DirectoryModule } from './modules/directory/directory.module.js';
import { BoardModule } from './modules/board/board.module.js';
import { FollowersModule } from './modules/followers/followers.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { MeModule } from './modules/me/me.module.js';
import { KnowledgeModule } from './modules/knowledge/knowledge.module.js';
import { NewsModule } from './modules/news/news.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { Open311Module } from './modules/open311/open311.module.js';
import { StaffModule } from './modules/staff/staff.module.js';
import { UploadsModule } from './modules/uploads/uploads.module.js';
import { VisitsModule } from './modules/visits/visits.module.js';
import { WechatModule } from './modules/wechat/wechat.module.js';

/** What a log line says about its request. */
function summarizeRequest(req: IncomingMessage & { id?: unknown; originalUrl?: string }) {
  // Nest's middleware sees the URL with its route prefix taken off; originalUrl is what the client asked.
  return {
    id: req.id,
    method: req.method,
    url: redactUrl(req.originalUrl ?? req.url ?? ''),
    remoteAddress: req.socket?.remoteAddress,
    userAgent: req.headers['user-agent'],
  };
}

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        RedisModule,
        JobsModule,
        InvalidationBusModule,
        PublicCacheModule,
        CryptoModule,
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            base: { pid: process.pid, hostname: hostname(), service: 'manyi-cloud' },
            // Each request's logger carries this summary, built on every request whatever the level: no
            // headers at all, so tokens and cookies never reach the logs and nothing needs redacting.
            // The serializers get the request and response themselves, not pino's prebuilt copies.
            wrapSerializers: false,
            serializers: { req: summarizeRequest, res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
          },
        }),
        // A database still starting gets two more tries a second apart; then start-up fails with one line.
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config.database), retryAttempts: 2, retryDelay: 1000 }),
          dataSourceFactory: async (options) => serializeSqliteTransactions(await new DataSource(options!).initialize()),
        }),
        AuthModule,
        AdminModule,
        AlertsModule,
        DirectoryModule,
        ConcernsModule,
        FollowersModule,
        BoardModule,
        DeadlinesModule,
        HealthModule,
        MeModule,
        NewsModule,
        KnowledgeModule,
        NotificationsModule,
        Open311Module,
        StaffModule,
        UploadsModule,
        VisitsModule,
        DemoModule,
        AuditSearchModule,
        WechatModule,
      ],
    };
  }
}
