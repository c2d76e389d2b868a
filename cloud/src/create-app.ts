import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
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
import { answerKeptPublicReads } from './common/cache/public-cache.interceptor.js';
import { BeforeMiddleware } from './common/http/before-middleware.js';
import { KeptReadLane } from './common/http/kept-read-lane.js';
import { PublicCache } from './common/cache/public-cache.js';
import { ErrorEnvelopeFilter, toErrorResponse } from './common/filters/error-envelope.filter.js';
import { JobScheduler } from './common/jobs/job-scheduler.js';
import { registerRequestDeadline } from './common/resilience/request-deadline.js';
import { registerSecurity } from './common/security/security.js';
import type { AppConfig } from './config/app-config.js';
import { applyMigrations, assertMigrated } from './database/migrate.js';
import { DemoDistrictSeeder } from './demo/demo-district.seeder.js';
import { DemoSeeder } from './demo/demo.seeder.js';
import { OPEN311_PATH } from './modules/open311/open311.controller.js';
import { MAX_PHOTO_BYTES } from './modules/uploads/photo-processor.js';

export const API_PREFIX = 'api/v1';
/** Where the built h5 mini-program and the admin page are served. */
const H5_PREFIX = '/h5/';
const ADMIN_PREFIX = '/admin/';
const FRONT_END_PREFIXES = [H5_PREFIX, ADMIN_PREFIX];

/**
 * Builds the whole service for a configuration: migrations applied, demo content seeded when demo mode
 * is on, routes, OpenAPI at /api/docs, the built front ends at /h5/ and /admin/. Tests call this too,
 * so what they exercise is what `npm start` runs. In the api role (MANYI_ROLE=api) it migrates nothing
 * and refuses pending migrations instead: `manyi migrate` runs them once, before the instances start.
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  if (config.role === 'worker') throw new Error('the worker role serves no API: start it with startWorker (worker.ts)');
  // Kept public reads are answered in front of Fastify once their route has kept them (kept-read-lane.ts).
  const keptReads = new KeptReadLane();
  const adapter = new FastifyAdapter({
    serverFactory: keptReads.serverFactory,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustedProxies,
    // What Fastify refuses before any route runs (a path parameter over its length limit, a malformed
    // URL) gets the same error envelope as everything else.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const { status, body } = toErrorResponse(error, new NestLogger('Errors'));
      void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
    },
  });
  // Added before Nest creates the app, so before its middleware: the security headers, then the kept public reads.
  const beforeMiddleware = new BeforeMiddleware(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    adapter,
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
  const securityHeaders = await registerSecurity(app, config, API_PREFIX, beforeMiddleware);
  registerRequestDeadline(app, config.requestDeadlineSeconds);
  // Answers of 1 KB and more go compressed to whoever accepts it (phones on mobile networks); cached
  // public reads arrive already compressed and are sent as they are, and the front ends' files are the
  // build's compressed copies (serveIfBuilt), never compressed again per request. Request bodies are
  // never inflated: no client of ours compresses what it sends.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    if (FRONT_END_PREFIXES.some((prefix) => route.url === prefix.slice(0, -1) || route.url.startsWith(prefix))) route.compress = false;
  });
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
    requestEncodings: ['identity'],
  });
  answerKeptPublicReads(app, beforeMiddleware);
  // Only where CORS adds nothing: with other origins allowed, @fastify/cors varies every answer by Origin.
  if (config.corsOrigins.length === 0) keptReads.open(app.get(PublicCache), securityHeaders);
  // While the app closes Fastify answers new requests with 503; the lane must not answer them first.
  fastify.addHook('preClose', (done) => {
    keptReads.close();
    done();
  });

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

  // Taro names its bundles js/…[contenthash].js and css/…, its images static/…[hash]; Vite puts its hashed files in assets/.
  serveIfBuilt(app, config.h5Dir, H5_PREFIX, { hashedDirs: ['js', 'css', 'static'] });
  serveIfBuilt(app, config.adminDir, ADMIN_PREFIX, { spa: true, hashedDirs: ['assets'] });

  try {
    const dataSource = app.get(DataSource);
    if (config.role === 'all') await applyMigrations(dataSource);
    else await assertMigrated(dataSource, config.role);
    const demo = app.get(DemoSeeder);
    if (config.demo) await demo.seed();
    else await demo.assertNoDemoPasswords();
    await app.init();
    // After init: the district is produced by the workflow, which needs the deadline rules loaded at init.
    // The scheduled jobs wait for it, however long a slow machine takes.
    if (config.demo) await app.get(JobScheduler).pauseWhile(() => app.get(DemoDistrictSeeder).seed());
  } catch (error) {
    // Release the database connections so a refused start-up leaves nothing behind.
    await app.close();
    throw error;
  }
  return app;
}

/** A file whose name carries a hash of its content never changes: a browser may keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files, so it is asked for again (a 304 when unchanged) on every load. */
const REVALIDATE = 'no-cache';

interface FrontEnd {
  root: string;
  /** Folders (relative to root) whose files are named by their content hash. */
  hashedDirs: readonly string[];
}

/**
 * The front ends each app serves. @fastify/static decorates reply.sendFile once per Fastify instance,
 * with the options (setHeaders among them) of the first registration, so every registration labels
 * files through this one list, whichever front end they belong to.
 */
const frontEnds = new WeakMap<NestFastifyApplication, FrontEnd[]>();

/** Cache-Control for a file that is being sent (never for a 404, which must not be kept). */
function labelCaching(served: FrontEnd[], reply: FastifyReply, file: string): void {
  for (const { root, hashedDirs } of served) {
    const inRoot = relative(root, file);
    if (inRoot.startsWith('..')) continue;
    reply.header('cache-control', hashedDirs.some((dir) => inRoot.startsWith(dir + sep)) ? IMMUTABLE : REVALIDATE);
    return;
  }
}

/**
 * Serves a built front end when its folder exists; the API works without them. A single-page app (the
 * admin page routes on the History API) gets its index.html for every extension-less path under the
 * prefix, so deep links and reloads work; a missing asset stays a 404.
 *
 * Files are sent as the build's Brotli or gzip copy (file.br / file.gz) when the browser accepts it
 * and the copy exists, the plain file otherwise; hashed files are cached for good, the rest revalidated.
 */
function serveIfBuilt(
  app: NestFastifyApplication,
  root: string,
  prefix: string,
  { spa = false, hashedDirs = [] }: { spa?: boolean; hashedDirs?: readonly string[] } = {},
): void {
  if (!existsSync(root)) return;
  const served = frontEnds.get(app);
  if (served === undefined) frontEnds.set(app, [{ root, hashedDirs }]);
  else served.push({ root, hashedDirs });
  app.useStaticAssets({
    root,
    prefix,
    decorateReply: served === undefined,
    wildcard: true,
    index: 'index.html',
    serve: !spa,
    preCompressed: true,
    // Our Cache-Control replaces @fastify/send's "public, max-age=0".
    cacheControl: false,
    // @fastify/static 10 hands setHeaders the Fastify reply; Nest's option type still describes the raw
    // response of older versions.
    setHeaders: (reply, file) => labelCaching(frontEnds.get(app) ?? [], reply as unknown as FastifyReply, file),
  });
  const fastify = app.getHttpAdapter().getInstance();
  if (!spa) {
    // With preCompressed, @fastify/static answers a directory whose index.html has no compressed copy
    // with 404 (10.1.11); the front end's own address is therefore a route of its own.
    fastify.get(prefix, (_request, reply) => reply.sendFile('index.html', root));
    return;
  }
  fastify.get(prefix.replace(/\/$/, ''), (_request, reply) => reply.redirect(prefix, 301));
  fastify.get(`${prefix}*`, (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    return /\.[a-z0-9]+$/i.test(path) ? reply.sendFile(path, root) : reply.sendFile('index.html', root);
  });
}
