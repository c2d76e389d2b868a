import { DeleteOutlined, ImportOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import {
  CALENDAR_SOURCE_LABELS,
  calendarYearSchema,
  type CalendarDay,
  type CalendarOverviewView,
  type CalendarYearView,
  type HolidayNoticeView,
} from '@manyi/shared';
import { Alert, App, Button, Card, Popconfirm, Result, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorMessage, isApiError } from '../../api/api-error';
import { manageApi } from '../../api/manage-endpoints';
import { navigate } from '../../app/router';
import { formatTime } from '../../inbox/due';
import { setCalendarCoverage } from './calendar-coverage';
import {
  changedDates,
  checkDraft,
  defaultYear,
  serverProblems,
  shanghaiYear,
  sortedDays,
  suggestName,
  withDay,
  withoutDay,
  yearChoices,
} from './calendar-model';
import { DayEditor } from './day-editor';
import { DaysTable } from './days-table';
import { ImportNoticeModal } from './import-notice-modal';
import { YearCalendar } from './year-calendar';
import './calendar.css';

/** The page's unsaved edits of one year; `source` is 'notice' while they came from an imported notice. */
interface Draft {
  year: number;
  days: CalendarDay[];
  source: 'manual' | 'notice';
}

/**
 * 工作日历: a year's holidays (放假) and make-up working days (调休上班), entered from the State Council's
 * notice or by hand. Edits stay a draft in the page until 保存 sends the whole year at once — one
 * audited change, after which the service counts every open concern's deadline again.
 */
export function CalendarPage({ year: routeYear }: { year: number | null }) {
  const thisYear = useMemo(() => shanghaiYear(), []);
  const [overview, setOverview] = useState<{ value: CalendarOverviewView | null } | null>(null);
  const [overviewVersion, setOverviewVersion] = useState(0);
  const reloadOverview = useCallback(() => setOverviewVersion((v) => v + 1), []);
  const [draft, setDraft] = useState<Draft | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    manageApi
      .calendarOverview(controller.signal)
      .then((value) => {
        setOverview({ value });
        setCalendarCoverage(value.coverage);
      })
      .catch(() => {
        // The picker then offers this year and the next; the year itself still loads (or says why not).
        if (!controller.signal.aborted) setOverview({ value: null });
      });
    return () => controller.abort();
  }, [overviewVersion]);

  // "/admin/calendar" opens on the year that needs doing.
  useEffect(() => {
    if (routeYear === null && overview) navigate({ name: 'calendar', year: defaultYear(overview.value, thisYear) }, { replace: true });
  }, [routeYear, overview, thisYear]);

  // Leaving the tab with unsaved edits asks first (the browser's own dialog).
  const dirty = draft !== null;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (routeYear === null) return <Skeleton active />;
  const valid = calendarYearSchema.safeParse(routeYear);
  if (!valid.success)
    return (
      <Result
        status="404"
        title={valid.error.issues[0]?.message ?? '年份无效'}
        extra={<Button onClick={() => navigate({ name: 'calendar', year: thisYear })}>查看 {thisYear} 年</Button>}
      />
    );
  return (
    <YearPage
      key={routeYear}
      year={routeYear}
      thisYear={thisYear}
      overview={overview?.value ?? null}
      draft={draft?.year === routeYear ? draft : null}
      setDraft={setDraft}
      onChanged={reloadOverview}
    />
  );
}

function YearPage({
  year,
  thisYear,
  overview,
  draft,
  setDraft,
  onChanged,
}: {
  year: number;
  thisYear: number;
  overview: CalendarOverviewView | null;
  draft: Draft | null;
  setDraft: (draft: Draft | null) => void;
  onChanged: () => void;
}) {
  const { message, modal } = App.useApp();
  const [loaded, setLoaded] = useState<{ view: CalendarYearView | null; error?: unknown } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    manageApi
      .calendarYear(year, controller.signal)
      .then((view) => setLoaded({ view: { ...view, days: sortedDays(view.days) } }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ view: null, error });
      });
    return () => controller.abort();
  }, [year, attempt]);

  const saved = loaded?.view ?? null;
  const days = draft?.days ?? saved?.days ?? [];
  const changed = useMemo(() => (draft && saved ? changedDates(saved.days, draft.days) : new Set<string>()), [draft, saved]);
  const pick = useCallback((date: string) => setEditing(date), []);

  const edit = (next: CalendarDay[]) => {
    // A correction to an imported notice is still the notice's schedule: the source stays 'notice'.
    setDraft({ year, days: next, source: draft?.source ?? 'manual' });
    setProblems([]);
  };

  const switchYear = (next: number) => {
    if (next === year) return;
    const go = () => {
      setDraft(null);
      navigate({ name: 'calendar', year: next });
    };
    if (!draft) return go();
    modal.confirm({
      title: `放弃 ${year} 年未保存的修改？`,
      content: '切换年份后，这些修改不会保留。',
      okText: '放弃修改',
      cancelText: '留在本年',
      onOk: go,
    });
  };

  const applyNotice = (notice: HolidayNoticeView) => {
    setImporting(false);
    setProblems([]);
    setDraft({ year: notice.year!, days: sortedDays(notice.days), source: 'notice' });
    if (notice.year !== year) navigate({ name: 'calendar', year: notice.year! });
    void message.info(`已载入 ${notice.year} 年通知的 ${notice.days.length} 个调整日，请在年历中核对后保存`);
  };

  const save = () => {
    if (!draft) return;
    const check = checkDraft(year, draft.days, draft.source);
    if (!check.ok) return setProblems(check.problems);
    modal.confirm({
      title: `保存 ${year} 年的工作日历？`,
      content: '保存后，所有在办诉求的期限将按新的日历重新计算。',
      okText: '保存',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          const result = await manageApi.calendarSave(year, check.body);
          setLoaded({ view: { ...result, days: sortedDays(result.days) } });
          setDraft(null);
          setProblems([]);
          setCalendarCoverage(result.coverage);
          onChanged();
          void message.success(`已保存，${result.recomputedConcerns} 件在办诉求的期限已重新计算`);
        } catch (cause) {
          // A VALIDATION_FAILED names the days; anything else is said as the service says it.
          if (isApiError(cause, 'VALIDATION_FAILED')) setProblems(serverProblems(cause.details, draft.days));
          void message.error(errorMessage(cause));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  const remove = async () => {
    setBusy(true);
    try {
      const result = await manageApi.calendarDelete(year);
      setLoaded({ view: { ...result, days: sortedDays(result.days) } });
      setDraft(null);
      setProblems([]);
      setCalendarCoverage(result.coverage);
      onChanged();
      void message.success(`已删除 ${year} 年的工作日历，该年暂按周一至周五计算`);
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };

  const summaries = new Map((overview?.years ?? []).map((y) => [y.year, y]));
  const yearOptions = yearChoices(overview, thisYear, year).map((y) => ({
    value: y,
    label: `${y} 年${summaries.get(y)?.published ? '' : '（未录入）'}`,
  }));
  const holidays = days.filter((d) => d.kind === 'holiday').length;

  return (
    <section aria-label="工作日历" className="calendar-page">
      <div className="page-heading">
        <Space wrap>
          <Typography.Title level={4}>工作日历</Typography.Title>
          <Select aria-label="年份" className="calendar-year-picker" value={year} options={yearOptions} onChange={switchYear} />
        </Space>
        <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
          导入国务院通知
        </Button>
      </div>

      {!loaded ? (
        <Skeleton active />
      ) : !saved ? (
        <Result
          status="warning"
          title={`${year} 年的工作日历加载失败`}
          subTitle={errorMessage(loaded.error)}
          extra={<Button onClick={() => setAttempt((n) => n + 1)}>重试</Button>}
        />
      ) : (
        <>
          <Card size="small" className="calendar-status" data-testid="calendar-status">
            <div className="calendar-status-row">
              <Space wrap>
                {saved.published ? <Tag color="success">已发布</Tag> : <Tag color="warning">未录入</Tag>}
                {saved.published ? (
                  <Typography.Text type="secondary">
                    {saved.source ? CALENDAR_SOURCE_LABELS[saved.source] : '来源未知'}
                    {saved.updatedAt ? ` · ${saved.updatedBy ?? '系统'} 于 ${formatTime(saved.updatedAt)} 保存` : ''}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="warning">该年的节假日尚未录入，期限暂按周一至周五计算并标为“暂定”。</Typography.Text>
                )}
                <Typography.Text>
                  放假 {holidays} 天 · 调休上班 {days.length - holidays} 天
                </Typography.Text>
                {draft && (
                  <Tag color="processing" data-testid="calendar-draft">
                    有 {changed.size} 处未保存的修改{draft.source === 'notice' ? '（来自国务院通知）' : ''}
                  </Tag>
                )}
              </Space>
              <Space wrap>
                <Button
                  icon={<UndoOutlined />}
                  disabled={!draft || busy}
                  onClick={() => {
                    setDraft(null);
                    setProblems([]);
                  }}
                >
                  撤销修改
                </Button>
                <Button type="primary" icon={<SaveOutlined />} disabled={!draft} loading={busy} onClick={save}>
                  保存
                </Button>
                {saved.published && (
                  <Popconfirm
                    title={`删除 ${year} 年的工作日历？`}
                    description="删除后该年暂按周一至周五计算，在办诉求的期限将重新计算并标为“暂定”。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- antd's Popconfirm awaits the promise (确定 shows loading until it settles); its type says void
                    onConfirm={remove}
                  >
                    <Button danger icon={<DeleteOutlined />} disabled={busy}>
                      删除该年
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </div>
          </Card>
          {problems.length > 0 && (
            <Alert
              className="form-problem"
              type="error"
              showIcon
              title="以下调整日有问题，请修改后再保存："
              description={
                <ul className="notice-warning-list">
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
            />
          )}
          <div className="calendar-legend" aria-hidden>
            <span className="legend-item">
              <span className="day-cell is-holiday">
                <span className="day-badge">休</span>
              </span>
              放假
            </span>
            <span className="legend-item">
              <span className="day-cell is-workday">
                <span className="day-badge">班</span>
              </span>
              调休上班
            </span>
            <span className="legend-item">
              <span className="day-cell is-weekend" />
              周末
            </span>
            <span className="legend-item">
              <span className="day-cell is-changed" />
              未保存的修改
            </span>
            <Typography.Text type="secondary">点击日期设置放假、调休上班或恢复正常。</Typography.Text>
          </div>
          <YearCalendar year={year} days={days} changed={changed} onPick={pick} />
          <Typography.Title level={5} className="calendar-days-title">
            {year} 年调整日
          </Typography.Title>
          <DaysTable days={days} changed={changed} onRemove={(date) => edit(withoutDay(days, date))} />
        </>
      )}

      {editing && (
        <DayEditor
          date={editing}
          current={days.find((d) => d.date === editing)}
          suggestedName={suggestName(days, editing)}
          onClose={() => setEditing(null)}
          onApply={(day) => {
            edit(day ? withDay(days, day) : withoutDay(days, editing));
            setEditing(null);
          }}
        />
      )}
      {importing && <ImportNoticeModal onClose={() => setImporting(false)} onApply={applyNotice} />}
    </section>
  );
}
