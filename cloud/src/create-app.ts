import 'reflect-metadata';
import { existsSync } from 'node:fs';
import multipart from '@fastify/multipart';
// reply.sendFile's typing (the plugin itself is registered by Nest's useStaticAssets).
import type {} from '@fastify/static';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module.js';
import { ErrorEnvelopeFilter, toErrorResponse } from './common/filters/error-envelope.filter.js';
import { registerRequestDeadline } from './common/resilience/request-deadline.js';
import { registerSecurity } from './common/security/security.js';
import type { AppConfig } from './config/app-config.js';
import { DemoSeeder } from './demo/demo.seeder.js';
import { OPEN311_PATH } from './modules/open311/open311.controller.js';
import { MAX_PHOTO_BYTES } from './modules/uploads/photo-processor.js';

export const API_PREFIX = 'api/v1';

/**
 * Builds the whole service for a configuration: migrations applied, demo content seeded when demo mode
 * is on, routes, OpenAPI at /api/docs, the built front ends at /h5/ and /admin/. Tests call this too,
 * so what they exercise is what `npm start` runs.
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    new FastifyAdapter({
      bodyLimit: 1024 * 1024,
      trustProxy: config.trustedProxies,
      // What Fastify refuses before any route runs (a path parameter over its length limit, a malformed
      // URL) gets the same error envelope as everything else.
      frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
        const { status, body } = toErrorResponse(error, new NestLogger('Errors'));
        void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
      },
    }),
    // Nest's own console logger stays off: start-up failures become one line in main.ts, and once the
    // app exists every log goes through pino as JSON.
    { logger: false, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // Open311 GeoReport v2 lives where integrators expect it, outside the API's own prefix.
  app.setGlobalPrefix(API_PREFIX, { exclude: [`${OPEN311_PATH}/{*path}`] });
  app.useGlobalFilters(new ErrorEnvelopeFilter());
  // Multipart bodies are parsed only by the routes that ask (photo uploads), never buffered up front;
  // these limits are the defaults for any route that does not set its own.
  await app.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 10, parts: 20 } });
  await registerSecurity(app, config, API_PREFIX);
  registerRequestDeadline(app, config.requestDeadlineSeconds);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Manyi 满意 API')
      .setDescription('Civic feedback for the residents of Xuhui district')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { useGlobalPrefix: false, jsonDocumentUrl: 'api/docs/openapi.json' });

  serveIfBuilt(app, config.h5Dir, '/h5/');
  serveIfBuilt(app, config.adminDir, '/admin/', { spa: true });

  try {
    await app.get(DataSource).runMigrations({ transaction: 'each' });
    const demo = app.get(DemoSeeder);
    if (config.demo) await demo.seed();
    else await demo.assertNoDemoPasswords();
    await app.init();
  } catch (error) {
    // Release the database connections so a refused start-up leaves nothing behind.
    await app.close();
    throw error;
  }
  return app;
}

let staticRegistered = false;

/**
 * Serves a built front end when its folder exists; the API works without them. A single-page app (the
 * admin page routes on the History API) gets its index.html for every extension-less path under the
 * prefix, so deep links and reloads work; a missing asset stays a 404.
 */
function serveIfBuilt(app: NestFastifyApplication, root: string, prefix: string, { spa = false } = {}): void {
  if (!existsSync(root)) return;
  // @fastify/static decorates the reply once; later registrations must not do it again.
  app.useStaticAssets({ root, prefix, decorateReply: !staticRegistered, wildcard: true, index: 'index.html', serve: !spa });
  staticRegistered = true;
  if (!spa) return;
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get(prefix.replace(/\/$/, ''), (_request, reply) => reply.redirect(prefix, 301));
  fastify.get(`${prefix}*`, (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    return /\.[a-z0-9]+$/i.test(path) ? reply.sendFile(path, root) : reply.sendFile('index.html', root);
  });
}
