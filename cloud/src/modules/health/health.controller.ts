import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthView, ReadinessView } from '@manyi/shared';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: "Liveness, database reachability and the working calendar's coverage; 503 when the database does not answer" })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['ok'] },
        database: { type: 'string', enum: ['sqlite', 'mysql'] },
        calendar: {
          type: 'object',
          description:
            '工作日历 coverage: the last day of the entered years from this one on, and the years the next 60 days reach that nobody entered',
          properties: { coveredUntil: { type: 'string', nullable: true }, missingYears: { type: 'array', items: { type: 'integer' } } },
        },
      },
    },
  })
  check(): Promise<HealthView> {
    return this.health.check();
  }

  @Get('live')
  @ApiOperation({
    summary: 'Liveness probe: 200 while the process answers; asks no database, so an outage elsewhere never restarts it',
  })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } } })
  live(): { status: 'ok' } {
    return this.health.live();
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness probe: 200 when the database answers and, where REDIS_URL is set, Redis answers PING; otherwise 503 naming what is down',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['ok'] },
        database: { type: 'string', enum: ['ok'] },
        redis: { type: 'string', enum: ['ok', 'not configured'] },
      },
    },
  })
  @ApiServiceUnavailableResponse({
    description: 'SERVICE_UNAVAILABLE with Retry-After; details say { database, redis }: ok, down or not configured',
  })
  ready(): Promise<ReadinessView> {
    return this.health.ready();
  }
}
