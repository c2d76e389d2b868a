import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthView } from '@manyi/shared';
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
}
