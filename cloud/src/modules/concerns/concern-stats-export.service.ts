import { Injectable } from '@nestjs/common';
import { RATE_DEFINITIONS, RATE_KEYS, STATS_GROUP_BY_LABELS, type RatesRow, type StatsOverviewQuery } from '@manyi/shared';
import ExcelJS from 'exceljs';
import type { StaffActor } from '../../common/actor.js';
import { ConcernStatsService } from './concern-stats.service.js';

/**
 * 数据看板导出: the same numbers the dashboard shows, as an Excel workbook — every rate with its counts
 * and its definition (RATE_DEFINITIONS, the dashboard's words), the daily trend, the top categories and
 * compounds, the sources (来源分布). Built with ExcelJS.
 */
@Injectable()
export class ConcernStatsExportService {
  constructor(private readonly stats: ConcernStatsService) {}

  async workbook(actor: StaffActor, query: StatsOverviewQuery): Promise<{ body: Buffer; filename: string; displayName: string }> {
    const [overview, trends, top] = await Promise.all([
      this.stats.overview(actor, query),
      this.stats.trends(actor, { ...query, interval: 'day' }),
      this.stats.top(actor, { ...query, limit: 20 }),
    ]);
    const book = new ExcelJS.Workbook();
    book.creator = 'Manyi';
    book.created = new Date();

    const rates = book.addWorksheet('各项指标');
    const rate = (key: (typeof RATE_KEYS)[number]) => ({ header: RATE_DEFINITIONS[key].label, key, width: 12, style: { numFmt: '0.0%' } });
    rates.columns = [
      { header: STATS_GROUP_BY_LABELS[query.groupBy], key: 'name', width: 22 },
      { header: '派单数', key: 'dispatched', width: 10 },
      { header: '按时签收', key: 'signedOnTime', width: 10 },
      { header: '响应率', key: 'responseRate', width: 10, style: { numFmt: '0.0%' } },
      { header: '评价数', key: 'rated', width: 10 },
      { header: '已解决', key: 'solved', width: 10 },
      { header: '解决率', key: 'resolutionRate', width: 10, style: { numFmt: '0.0%' } },
      { header: '满意', key: 'satisfied', width: 10 },
      { header: '基本满意', key: 'basicallySatisfied', width: 10 },
      { header: '不满意', key: 'unsatisfied', width: 10 },
      { header: '满意率', key: 'satisfactionRate', width: 10, style: { numFmt: '0.0%' } },
      { header: '其中回访评价', key: 'ratedByCallback', width: 12 },
      { header: '受理决定', key: 'triaged', width: 10 },
      { header: '按时受理', key: 'acceptedOnTime', width: 10 },
      rate('onTimeAcceptanceRate'),
      { header: '办结数', key: 'closed', width: 10 },
      { header: '未重办办结', key: 'closedFirstTime', width: 12 },
      rate('oneTimeResolutionRate'),
      { header: '按时答复办结', key: 'closedOnTime', width: 12 },
      rate('onTimeClosingRate'),
      { header: '已评价办结', key: 'closedRated', width: 12 },
      rate('callbackCoverage'),
      { header: '未回访', key: 'closedUnreached', width: 10 },
    ];
    // Rates stay fractions (shown as percentages); a rate of nothing counted stays an empty cell, not 0 %.
    const rateRow = (r: RatesRow) => ({ ...r });
    for (const row of overview.rows) rates.addRow(rateRow(row));
    rates.addRow(rateRow({ ...overview.total, name: '合计' })).font = { bold: true };
    rates.getRow(1).font = { bold: true };
    rates.addRow([]);
    rates.addRow([`统计周期 ${query.from} 至 ${query.to}；当前积压 ${overview.backlog} 件，其中超期 ${overview.overdue} 件`]);
    // Each rate's definition, the same words the dashboard shows beside it.
    for (const key of RATE_KEYS) rates.addRow([`${RATE_DEFINITIONS[key].label}：${RATE_DEFINITIONS[key].definition}`]);

    const trend = book.addWorksheet('趋势');
    trend.columns = [
      { header: '日期', key: 'start', width: 12 },
      { header: '新增', key: 'received', width: 10 },
      { header: '办结', key: 'closed', width: 10 },
      { header: '超期', key: 'overdue', width: 10 },
      { header: '积压', key: 'backlog', width: 10 },
    ];
    for (const point of trends.points) trend.addRow(point);
    trend.getRow(1).font = { bold: true };

    for (const [title, items] of [
      ['诉求类别排行', top.categories],
      ['居民区排行', top.compounds],
    ] as const) {
      const sheet = book.addWorksheet(title);
      sheet.columns = [
        { header: '名称', key: 'name', width: 30 },
        { header: '诉求数', key: 'count', width: 10 },
      ];
      for (const item of items) sheet.addRow(item);
      sheet.getRow(1).font = { bold: true };
    }

    const sources = book.addWorksheet('来源分布');
    sources.columns = [
      { header: '来源', key: 'name', width: 20 },
      { header: '诉求数', key: 'count', width: 10 },
    ];
    for (const item of top.sources) sources.addRow(item);
    sources.getRow(1).font = { bold: true };

    const body = Buffer.from(await book.xlsx.writeBuffer());
    return { body, filename: `manyi-stats-${query.from}-${query.to}.xlsx`, displayName: `数据看板-${query.from}至${query.to}.xlsx` };
  }
}
