import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger as NestLogger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ERROR_CODES } from '@manyi/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { toErrorResponse } from './common/filters/error-envelope.filter.js';
import type { AppConfig } from './config/app-config.js';
import { API_PREFIX } from './create-app.js';
import { assertMigrated, withDataSource } from './database/migrate.js';
import { HealthService } from './modules/health/health.service.js';

export interface RunningWorker {
  context: INestApplicationContext;
  /** The health port, as bound (PORT). */
  port: number;
  /** Stops answering probes, then lets a job in progress finish and closes the connections. */
  close(): Promise<void>;
}

/**
 * The worker role (MANYI_ROLE=worker): the deadline sweep, visit reminders, notification delivery,
 * photo processing and photo cleanup, taken from the shared BullMQ queues.
 *
 * Why a Nest application context and a separate tiny Fastify server rather than the HTTP app with its
 * other routes switched off: the context builds the very same modules and providers as the api — so
 * the same jobs and the same PhotoProcessingService — but registers no route at all, so nothing but the
 * two probes can be reached by mistake, and none of the HTTP plumbing (security headers, rate limits,
 * multipart, OpenAPI, front ends) is loaded. The probes ask the context's own HealthService.
 */
export async function startWorker(config: AppConfig): Promise<RunningWorker> {
  if (config.role !== 'worker') throw new Error(`startWorker runs the worker role, not MANYI_ROLE=${config.role}`);
  // Before the context starts its jobs on a schema they do not match: `manyi migrate` comes first.
  await withDataSource(config.database, (dataSource) => assertMigrated(dataSource, 'worker'));
  // The context is initialised as it is created (jobs declared, workers started); its log lines wait
  // in a buffer until pino takes over, so nothing reaches the console in Nest's own format.
  const context = await NestFactory.createApplicationContext(AppModule.register(config), { bufferLogs: true, abortOnError: false });
  let health: FastifyInstance | null = null;
  try {
    context.useLogger(context.get(Logger));
    context.enableShutdownHooks();
    health = healthServer(context.get(HealthService));
    await health.listen({ port: config.port, host: config.host });
  } catch (error) {
    await health?.close();
    await context.close();
    throw error;
  }
  const server = health;
  return {
    context,
    port: (server.server.address() as AddressInfo).port,
    close: async () => {
      await server.close();
      await context.close();
    },
  };
}

/** GET /api/v1/health/live and /ready, as the api answers them; everything else 404. */
function healthServer(service: HealthService): FastifyInstance {
  const logger = new NestLogger('WorkerHealth');
  const server = Fastify({ logger: false });
  server.get(`/${API_PREFIX}/health/live`, async () => service.live());
  server.get(`/${API_PREFIX}/health/ready`, async () => service.ready());
  server.setErrorHandler((error, _request, reply) => {
    const { status, body, headers } = toErrorResponse(error, logger);
    void reply
      .status(status)
      .headers(headers ?? {})
      .send(body);
  });
  server.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: ERROR_CODES.ROUTE_NOT_FOUND.message } });
  });
  return server;
}
