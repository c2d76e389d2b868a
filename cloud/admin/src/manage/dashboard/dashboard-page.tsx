import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  CONCERN_SOURCE_LABELS,
  RATE_DEFINITIONS,
  mayUseArea,
  shanghaiDate,
  STATS_GROUP_BY,
  STATS_GROUP_BY_LABELS,
  type ConcernSource,
  type RateKey,
  type RatesRow,
  type StaffRole,
  type StatsGroupBy,
  type StatsOverviewView,
  type StatsTopView,
  type StatsTrendsView,
  type TopItem,
} from '@manyi/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
// The package's ESM build: its CommonJS one arrives in the production bundle as { default } and fails to render.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { EscalationsCard } from './escalations-card';
import { manageApi } from '../../api/manage-endpoints';
import { ratesBarOption, topBarOption, trendOption } from './chart-options';
import { echarts } from './echarts';
import { MostFollowedCard } from './most-followed-card';
import {
  formatRate,
  intervalFor,
  periodProblem,
  presetPeriod,
  PERIOD_PRESET_LABELS,
  PERIOD_PRESETS,
  rateCards,
  type Period,
  type PeriodPreset,
} from './period';

interface Loaded {
  key: string;
  overview: StatsOverviewView;
  trends: StatsTrendsView;
  top: StatsTopView;
}

/** 按街道 / 按部门 / 按类别 / 按来源, from the shared labels. */
const GROUP_LABELS = Object.fromEntries(STATS_GROUP_BY.map((g) => [g, `按${STATS_GROUP_BY_LABELS[g]}`])) as Record<StatsGroupBy, string>;

/** The period picker: one-click presets, or any range of days (自定义). */
export function PeriodPicker({
  period,
  preset,
  onChange,
}: {
  period: Period;
  preset: PeriodPreset | null;
  onChange: (period: Period, preset: PeriodPreset | null) => void;
}) {
  const today = shanghaiDate(new Date());
  return (
    <Space wrap>
      <Segmented
        aria-label="统计周期"
        value={preset ?? 'custom'}
        options={[
          ...PERIOD_PRESETS.map((p) => ({ value: p, label: PERIOD_PRESET_LABELS[p] })),
          { value: 'custom', label: '自定义', disabled: true },
        ]}
        onChange={(value) => {
          if (value !== 'custom') onChange(presetPeriod(value as PeriodPreset, today), value as PeriodPreset);
        }}
      />
      <DatePicker.RangePicker
        aria-label="自定义周期"
        allowClear={false}
        value={[dayjs(period.from), dayjs(period.to)]}
        onChange={(range) => {
          if (range?.[0] && range[1]) onChange({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }, null);
        }}
      />
    </Space>
  );
}

/**
 * 数据看板: the three rates with their counts over a chosen period, by street or department; the
 * backlog and overdue trend; the categories and compounds with the most concerns, the sources; an Excel export of
 * the same numbers. The supervisor sees the district, a dispatcher their street (the service scopes it).
 */
export function DashboardPage({ role }: { role: StaffRole }) {
  const { message } = App.useApp();
  const [preset, setPreset] = useState<PeriodPreset | null>('last30');
  const [period, setPeriod] = useState<Period>(() => presetPeriod('last30', shanghaiDate(new Date())));
  const [groupBy, setGroupBy] = useState<StatsGroupBy>('street');
  const [nonce, setNonce] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const problem = periodProblem(period);
  const key = `${period.from}|${period.to}|${groupBy}|${nonce}`;

  useEffect(() => {
    if (problem) return;
    const controller = new AbortController();
    const interval = intervalFor(period);
    Promise.all([
      manageApi.statsOverview(period, groupBy, controller.signal),
      manageApi.statsTrends(period, interval, controller.signal),
      manageApi.statsTop(period, controller.signal),
    ])
      .then(([overview, trends, top]) => {
        setLoaded({ key, overview, trends, top });
        setError(null);
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(cause));
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names everything the answer depends on
  }, [key, problem]);

  const exportExcel = async () => {
    setExporting(true);
    try {
      const blob = await manageApi.statsExport(period, groupBy);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `数据看板-${period.from}至${period.to}.xlsx`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setExporting(false);
    }
  };

  const data = loaded;
  const loading = !problem && data?.key !== key && !error;
  return (
    <section aria-label="数据看板" data-testid="dashboard">
      <div className="page-heading">
        <Typography.Title level={4}>数据看板</Typography.Title>
        <Space wrap>
          <PeriodPicker
            period={period}
            preset={preset}
            onChange={(next, nextPreset) => {
              setPeriod(next);
              setPreset(nextPreset);
            }}
          />
          <Segmented
            aria-label="分组"
            value={groupBy}
            options={STATS_GROUP_BY.map((g) => ({ value: g, label: GROUP_LABELS[g] }))}
            onChange={(v) => setGroupBy(v as StatsGroupBy)}
          />
          <Button icon={<ReloadOutlined />} onClick={() => setNonce((n) => n + 1)}>
            刷新
          </Button>
          <Button type="primary" icon={<DownloadOutlined />} loading={exporting} disabled={!!problem} onClick={() => void exportExcel()}>
            导出 Excel
          </Button>
        </Space>
      </div>
      {problem && <Alert className="inbox-error" type="warning" showIcon title={problem} />}
      {error && <Alert className="inbox-error" type="error" showIcon title={error} />}
      {data && (
        <div className={loading ? 'dashboard-stale' : undefined}>
          <Row gutter={[16, 16]}>
            {rateCards(data.overview.total).map((card) => (
              <Col key={card.key} xs={24} md={8} xl={6}>
                <Card size="small" data-testid={`rate-${card.id}`} className="rate-card">
                  <Statistic title={<Tooltip title={card.definition}>{card.label}</Tooltip>} value={formatRate(card.rate)} />
                  <Typography.Text type="secondary" data-testid={`rate-${card.id}-counts`}>
                    {card.numerator} / {card.denominator}（{card.formula}）
                  </Typography.Text>
                  {card.note && (
                    <Typography.Text type="secondary" className="rate-card-note" data-testid={`rate-${card.id}-note`}>
                      {card.note}
                    </Typography.Text>
                  )}
                  {/* The shared definition, word for word as the Excel export writes it. */}
                  <Typography.Paragraph type="secondary" className="rate-definition" data-testid={`rate-${card.id}-definition`}>
                    {card.definition}
                  </Typography.Paragraph>
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} xl={3}>
              <Card size="small">
                <Statistic title="当前积压" value={data.overview.backlog} suffix="件" data-testid="backlog" />
              </Card>
            </Col>
            <Col xs={12} md={8} xl={3}>
              <Card size="small">
                <Statistic
                  title="当前超期"
                  value={data.overview.overdue}
                  suffix="件"
                  valueStyle={data.overview.overdue > 0 ? { color: '#c8102e' } : undefined}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} className="dashboard-row">
            <Col xs={24} xl={12}>
              <Card size="small" title={`三率${GROUP_LABELS[groupBy]}`} className="rates-chart">
                <ReactEChartsCore echarts={echarts} option={ratesBarOption(data.overview.rows)} notMerge style={{ height: 300 }} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={`积压与超期趋势（按${data.trends.interval === 'day' ? '日' : '周'}）`}>
                <ReactEChartsCore echarts={echarts} option={trendOption(data.trends.points)} notMerge style={{ height: 300 }} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`各项比率明细（${GROUP_LABELS[groupBy]}）`} className="dashboard-row">
            <RatesTable rows={data.overview.rows} total={data.overview.total} groupBy={groupBy} />
          </Card>
          {mayUseArea(role, 'escalations') && <EscalationsCard />}
          <Row gutter={[16, 16]} className="dashboard-row">
            <Col xs={24} xl={12}>
              <TopCard title="诉求类别排行" items={data.top.categories} />
            </Col>
            <Col xs={24} xl={12}>
              <TopCard title="居民区排行" items={data.top.compounds} />
            </Col>
            <Col xs={24} xl={12}>
              {/* 来源分布: the resident's own channels and staff's 代录 (电话, 来访, 走访/座谈会, 12345). */}
              <TopCard
                title="来源分布"
                items={(data.top.sources ?? []).filter((s) => s.count > 0).map((s, i) => ({ id: i + 1, name: s.name, count: s.count }))}
              />
            </Col>
            <Col xs={24} xl={12}>
              <MostFollowedCard />
            </Col>
          </Row>
        </div>
      )}
    </section>
  );
}

/** A row's name: the service's, or for a channel (来源) its word, or its key. */
function rowName(row: RatesRow, groupBy: StatsGroupBy): string {
  if (row.name) return row.name;
  if (groupBy === 'channel') return CONCERN_SOURCE_LABELS[row.key as ConcernSource] ?? row.key;
  return row.key;
}

function RatesTable({ rows, total, groupBy }: { rows: RatesRow[]; total: RatesRow; groupBy: StatsGroupBy }) {
  const count = (key: keyof RatesRow, title: string) => ({ key, title, dataIndex: key, align: 'right' as const });
  const rate = (key: RateKey) => ({
    key,
    // The header's tooltip is the shared definition, as beside the cards.
    title: <Tooltip title={RATE_DEFINITIONS[key].definition}>{RATE_DEFINITIONS[key].label}</Tooltip>,
    dataIndex: key,
    align: 'right' as const,
    render: (v: number | null) => <strong>{formatRate(v)}</strong>,
  });
  const columns: TableColumnsType<RatesRow> = [
    { key: 'name', title: STATS_GROUP_BY_LABELS[groupBy], dataIndex: 'name', fixed: 'left', render: (_: string, r) => rowName(r, groupBy) },
    count('dispatched', '派单'),
    count('signedOnTime', '按时签收'),
    rate('responseRate'),
    count('triaged', '受理决定'),
    count('acceptedOnTime', '按时受理'),
    rate('onTimeAcceptanceRate'),
    count('rated', '评价'),
    count('ratedByCallback', '其中回访'),
    count('solved', '已解决'),
    rate('resolutionRate'),
    count('satisfied', '满意'),
    count('basicallySatisfied', '基本满意'),
    count('unsatisfied', '不满意'),
    rate('satisfactionRate'),
    count('closed', '办结'),
    count('closedFirstTime', '未重办'),
    rate('oneTimeResolutionRate'),
    count('closedOnTime', '按时办结'),
    rate('onTimeClosingRate'),
    count('closedRated', '已评价办结'),
    count('closedUnreached', '未回访'),
    rate('callbackCoverage'),
  ];
  return (
    <Table<RatesRow>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="rates-table"
      locale={{ emptyText: '该周期内没有可统计的诉求' }}
      summary={() => (
        <Table.Summary.Row>
          {columns.map((c, i) => {
            const k = c.key as keyof RatesRow;
            const value =
              i === 0 ? '合计' : (RATE_KEYS_SET as ReadonlySet<string>).has(k) ? formatRate(total[k] as number | null) : String(total[k]);
            return (
              <Table.Summary.Cell key={String(c.key)} index={i} align={i === 0 ? 'left' : 'right'}>
                <strong>{value}</strong>
              </Table.Summary.Cell>
            );
          })}
        </Table.Summary.Row>
      )}
    />
  );
}

const RATE_KEYS_SET: ReadonlySet<RateKey> = new Set(Object.keys(RATE_DEFINITIONS) as RateKey[]);

function TopCard({ title, items }: { title: string; items: TopItem[] }) {
  return (
    <Card size="small" title={title}>
      {items.length === 0 ? (
        <Typography.Text type="secondary">该周期内没有新诉求</Typography.Text>
      ) : (
        <ReactEChartsCore
          echarts={echarts}
          option={topBarOption(items)}
          notMerge
          style={{ height: Math.max(120, items.length * 28 + 40) }}
        />
      )}
    </Card>
  );
}
