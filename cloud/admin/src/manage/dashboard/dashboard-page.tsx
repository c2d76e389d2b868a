import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  shanghaiDate,
  type RatesRow,
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

const GROUP_LABELS: Record<StatsGroupBy, string> = { street: '按街道', department: '按部门', category: '按类别', channel: '按来源' };

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
export function DashboardPage() {
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
            options={(['street', 'department'] as const).map((g) => ({ value: g, label: GROUP_LABELS[g] }))}
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
              <Col key={card.key} xs={24} md={8} xl={5}>
                <Card size="small" data-testid={`rate-${card.key}`}>
                  <Statistic title={<Tooltip title={card.formula}>{card.label}</Tooltip>} value={formatRate(card.rate)} />
                  <Typography.Text type="secondary" data-testid={`rate-${card.key}-counts`}>
                    {card.numerator} / {card.denominator}（{card.formula}）
                  </Typography.Text>
                </Card>
              </Col>
            ))}
            <Col xs={12} md={6} xl={4}>
              <Card size="small">
                <Statistic title="当前积压" value={data.overview.backlog} suffix="件" data-testid="backlog" />
              </Card>
            </Col>
            <Col xs={12} md={6} xl={5}>
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
              <Card size="small" title={`三率${GROUP_LABELS[groupBy]}`}>
                <ReactEChartsCore echarts={echarts} option={ratesBarOption(data.overview.rows)} notMerge style={{ height: 300 }} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={`积压与超期趋势（按${data.trends.interval === 'day' ? '日' : '周'}）`}>
                <ReactEChartsCore echarts={echarts} option={trendOption(data.trends.points)} notMerge style={{ height: 300 }} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`三率明细（${GROUP_LABELS[groupBy]}）`} className="dashboard-row">
            <RatesTable rows={data.overview.rows} total={data.overview.total} groupBy={groupBy} />
          </Card>
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

function RatesTable({ rows, total, groupBy }: { rows: RatesRow[]; total: RatesRow; groupBy: StatsGroupBy }) {
  const count = (key: keyof RatesRow, title: string) => ({ key, title, dataIndex: key, align: 'right' as const });
  const rate = (key: 'responseRate' | 'resolutionRate' | 'satisfactionRate', title: string) => ({
    key,
    title,
    dataIndex: key,
    align: 'right' as const,
    render: (v: number | null) => <strong>{formatRate(v)}</strong>,
  });
  const columns: TableColumnsType<RatesRow> = [
    { key: 'name', title: groupBy === 'street' ? '街道' : '部门', dataIndex: 'name', render: (name: string, r) => name || r.key },
    count('dispatched', '派单'),
    count('signedOnTime', '按时签收'),
    rate('responseRate', '响应率'),
    count('rated', '评价'),
    count('solved', '已解决'),
    rate('resolutionRate', '解决率'),
    count('satisfied', '满意'),
    count('basicallySatisfied', '基本满意'),
    count('unsatisfied', '不满意'),
    rate('satisfactionRate', '满意率'),
  ];
  return (
    <Table<RatesRow>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid="rates-table"
      locale={{ emptyText: '该周期内没有派单或评价' }}
      summary={() => (
        <Table.Summary.Row>
          {columns.map((c, i) => {
            const k = c.key as keyof RatesRow;
            const value = i === 0 ? '合计' : k.endsWith('Rate') ? formatRate(total[k] as number | null) : String(total[k]);
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
