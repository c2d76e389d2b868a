import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthView } from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineRulesService,
  ) {}

  async check(): Promise<HealthView> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new AppException('SERVICE_UNAVAILABLE', '数据库暂时无法访问');
    }
    return {
      status: 'ok',
      database: this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql',
      calendar: this.deadlines.coverage(),
    };
  }
}
