import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Open311Error } from './open311.error.js';
import { Open311ErrorFilter } from './open311-error.filter.js';
import { OPEN311_CONTENT_TYPES, formatOfUrl, render, splitFormat, type Open311Document, type Open311Format } from './open311-format.js';
import { Open311Service } from './open311.service.js';

/** Where GeoReport v2 lives: outside /api/v1, as integrators expect it (create-app excludes it from the prefix). */
export const OPEN311_PATH = 'open311/v2';

type Params = Record<string, unknown>;

/**
 * Open311 GeoReport v2 for partner systems (a district hotline platform, partner apps): every route in
 * JSON or XML by its suffix, errors in the specification's shape. Its own document is the specification,
 * so it stays out of the OpenAPI document.
 */
@ApiExcludeController()
@Controller(OPEN311_PATH)
@UseFilters(Open311ErrorFilter)
export class Open311Controller {
  constructor(
    private readonly open311: Open311Service,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(['discovery.json', 'discovery.xml'])
  discovery(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    // The address the internet reaches us at when it is configured; else the one this request came to.
    const baseUrl = this.config.publicUrl ?? `${request.protocol}://${request.host}`;
    send(reply, formatOfUrl(request.url), 200, this.open311.discovery(baseUrl));
  }

  @Get(['services.json', 'services.xml'])
  async services(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(reply, formatOfUrl(request.url), 200, await this.open311.services());
  }

  @Get('services/:file')
  async serviceDefinition(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const { name, format } = formatted(file);
    send(reply, format, 200, await this.open311.serviceDefinition(name));
  }

  @Post(['requests.json', 'requests.xml'])
  async submit(@Req() request: FastifyRequest, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    send(reply, formatOfUrl(request.url), 201, await this.open311.submit(paramsOf(body)));
  }

  @Get(['requests.json', 'requests.xml'])
  async search(@Req() request: FastifyRequest, @Query() query: Params, @Res() reply: FastifyReply): Promise<void> {
    send(reply, formatOfUrl(request.url), 200, await this.open311.search(query));
  }

  @Get('requests/:file')
  async one(@Param('file') file: string, @Query() query: Params, @Res() reply: FastifyReply): Promise<void> {
    const { name, format } = formatted(file);
    send(reply, format, 200, await this.open311.one(name, query.api_key));
  }

  @Get('tokens/:file')
  async token(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const { name, format } = formatted(file);
    send(reply, format, 200, await this.open311.token(name));
  }
}

function formatted(file: string): { name: string; format: Open311Format } {
  const split = splitFormat(file);
  if (!split) throw new Open311Error(404, '地址须以 .json 或 .xml 结尾');
  return split;
}

/** A form-encoded or JSON body as parameters; anything else (no body, a bare string) has none. */
function paramsOf(body: unknown): Params {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Params) : {};
}

function send(reply: FastifyReply, format: Open311Format, status: number, doc: Open311Document): void {
  void reply.status(status).header('content-type', OPEN311_CONTENT_TYPES[format]).send(render(doc, format));
}
