import type { CalendarDay, CalendarOverviewView, CalendarYearSavedView, CalendarYearView } from '@manyi/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { manageApi } from '../../api/manage-endpoints';
import { AdminProviders } from '../../app/providers';
import { parseRoute, usePathname } from '../../app/router';
import { CalendarPage } from './calendar-page';

const COVERAGE_MISSING = { coveredUntil: '2026-12-31', missingYears: [2027] };
const OVERVIEW: CalendarOverviewView = {
  coverage: COVERAGE_MISSING,
  years: [
    { year: 2027, published: false, source: null, holidays: 0, workdays: 0, updatedAt: null },
    { year: 2026, published: true, source: 'manual', holidays: 3, workdays: 1, updatedAt: '2026-11-20T02:00:00Z' },
  ],
};

// 2027-01-01 is a Friday; 02-06 a Saturday, 02-07 a Sunday, 02-08 a Monday, 02-10 a Wednesday.
const NOTICE_DAYS: CalendarDay[] = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  { date: '2027-02-06', kind: 'workday', name: '春节' },
  { date: '2027-02-10', kind: 'holiday', name: '春节' },
];

function yearView(year: number, extra: Partial<CalendarYearView> = {}): CalendarYearView {
  return {
    year,
    published: false,
    source: null,
    updatedAt: null,
    updatedBy: null,
    days: [],
    coverage: COVERAGE_MISSING,
    ...extra,
  };
}

/** The page as the shell mounts it: the year from the address, so the page's own navigation shows. */
function Routed() {
  const route = parseRoute(usePathname());
  return <CalendarPage year={route.name === 'calendar' ? route.year : null} />;
}

function renderPage(path = '/admin/calendar/2027') {
  window.history.replaceState(null, '', path);
  render(
    <AdminProviders>
      <Routed />
    </AdminProviders>,
  );
}

const cell = (date: string) => document.querySelector<HTMLButtonElement>(`.year-calendar [data-date="${date}"]`)!;

// Role queries over a whole year (365 day buttons) take seconds each in jsdom: buttons are found by their text.
const button = (label: string, container: HTMLElement = document.body) => within(container).getByText(label).closest('button')!;
const status = () => screen.getByTestId('calendar-status');

describe(CalendarPage.name, { timeout: 30_000 }, () => {
  beforeEach(() => {
    vi.spyOn(manageApi, 'calendarOverview').mockResolvedValue(OVERVIEW);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    window.history.replaceState(null, '', '/');
  });

  it('marks the holidays and make-up working days of a published year in its twelve months', async () => {
    vi.spyOn(manageApi, 'calendarYear').mockResolvedValue(
      yearView(2027, { published: true, source: 'notice', updatedAt: '2026-11-20T02:00:00Z', updatedBy: 'admin', days: NOTICE_DAYS }),
    );
    renderPage();
    await screen.findByTestId('year-calendar');
    expect(document.querySelectorAll('.month-calendar')).toHaveLength(12);

    const holiday = cell('2027-02-10');
    expect(holiday.dataset.kind).toBe('holiday');
    expect(holiday.className).toContain('is-holiday');
    expect(holiday.textContent).toBe('10休');
    expect(holiday.title).toBe('2月10日 星期三 · 春节 放假');

    const makeUp = cell('2027-02-06');
    expect(makeUp.dataset.kind).toBe('workday');
    expect(makeUp.className).toContain('is-weekend');
    expect(makeUp.textContent).toBe('6班');
    expect(makeUp.title).toBe('2月6日 星期六 · 春节 调休上班');

    expect(cell('2027-02-07').dataset.kind).toBe('weekend');
    expect(cell('2027-02-07').textContent).toBe('7');
    expect(cell('2027-02-08').dataset.kind).toBe('normal');

    expect(within(status()).getByText('已发布')).toBeTruthy();
    expect(status().textContent).toContain('国务院通知 · admin 于 11-20 10:00 保存');
    expect(status().textContent).toContain('放假 2 天 · 调休上班 1 天');
    expect(button('删除该年', status())).toBeTruthy();
    expect(button('保存', status()).disabled).toBe(true);
  });

  it('opens /admin/calendar on the first missing year, marked 未录入', async () => {
    const year = vi.spyOn(manageApi, 'calendarYear').mockResolvedValue(yearView(2027));
    renderPage('/admin/calendar');
    await screen.findByTestId('year-calendar');
    expect(window.location.pathname).toBe('/admin/calendar/2027');
    expect(year).toHaveBeenCalledWith(2027, expect.anything());
    expect(within(status()).getByText('未录入')).toBeTruthy();
    expect(within(status()).queryByText('删除该年')).toBeNull();
  });

  it('reads a pasted notice, shows its days and warnings, and takes them into the year as a draft saved with source notice', async () => {
    vi.spyOn(manageApi, 'calendarYear').mockImplementation(async (y) => yearView(y));
    const parse = vi.spyOn(manageApi, 'calendarImport').mockResolvedValue({
      year: 2027,
      days: [...NOTICE_DAYS].reverse(),
      warnings: ['七、国庆节：十月一日至七日放假调休'],
    });
    const saved: CalendarYearSavedView = {
      ...yearView(2027, { published: true, source: 'notice', updatedAt: '2026-12-06T08:00:00Z', updatedBy: 'admin', days: NOTICE_DAYS }),
      coverage: { coveredUntil: '2027-12-31', missingYears: [] },
      recomputedConcerns: 3,
    };
    const save = vi.spyOn(manageApi, 'calendarSave').mockResolvedValue(saved);
    // The page opens on 2026; the notice is about 2027, so applying it switches the year.
    vi.spyOn(manageApi, 'calendarOverview').mockResolvedValue({ ...OVERVIEW, coverage: { coveredUntil: '2026-12-31', missingYears: [] } });
    renderPage('/admin/calendar/2026');
    await screen.findByTestId('year-calendar');

    fireEvent.click(button('导入国务院通知'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('通知全文'), { target: { value: '国务院办公厅关于2027年部分节假日安排的通知 …' } });
    fireEvent.click(button('解析', dialog));

    const result = await within(dialog).findByTestId('notice-result');
    expect(parse).toHaveBeenCalledWith('国务院办公厅关于2027年部分节假日安排的通知 …');
    expect(result.textContent).toContain('2027 年：放假 2 天，调休上班 1 天');
    expect(within(result).getByText('七、国庆节：十月一日至七日放假调休')).toBeTruthy();
    const rows = within(result)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.textContent);
    expect(rows).toEqual(['2027-01-01星期五放假元旦', '2027-02-06星期六调休上班春节', '2027-02-10星期三放假春节']);

    fireEvent.click(button('应用到年历', dialog));
    await waitFor(() => expect(window.location.pathname).toBe('/admin/calendar/2027'));
    await waitFor(() => expect(cell('2027-02-10')?.dataset.kind).toBe('holiday'));
    expect(cell('2027-02-10').className).toContain('is-changed');
    expect(cell('2027-02-06').textContent).toBe('6班');
    expect(screen.getByTestId('calendar-draft').textContent).toBe('有 3 处未保存的修改（来自国务院通知）');

    fireEvent.click(button('保存', status()));
    const confirm = (await screen.findAllByText('保存 2027 年的工作日历？'))[0]!.closest('.ant-modal') as HTMLElement;
    expect(confirm.textContent).toContain('所有在办诉求的期限将按新的日历重新计算');
    fireEvent.click(button('保存', confirm));

    await waitFor(() => expect(save).toHaveBeenCalledWith(2027, { days: NOTICE_DAYS, source: 'notice' }));
    expect(await screen.findByText('已保存，3 件在办诉求的期限已重新计算')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('calendar-draft')).toBeNull());
    expect(within(status()).getByText('已发布')).toBeTruthy();
  });

  it('edits a day in the draft from the year view, and 撤销修改 puts the saved year back', async () => {
    vi.spyOn(manageApi, 'calendarYear').mockResolvedValue(yearView(2027, { published: true, source: 'manual', days: [NOTICE_DAYS[2]!] }));
    const save = vi.spyOn(manageApi, 'calendarSave');
    renderPage();
    await screen.findByTestId('year-calendar');

    // A weekday next to 春节: 放假 is offered first, with the neighbour's name; 调休上班 is not possible.
    fireEvent.click(cell('2027-02-11'));
    const editor = await screen.findByRole('dialog');
    expect(within(editor).getByText('2月11日 星期四')).toBeTruthy();
    expect((within(editor).getByRole('radio', { name: '调休上班' }) as HTMLInputElement).disabled).toBe(true);
    expect((within(editor).getByLabelText('节日名称') as HTMLInputElement).value).toBe('春节');
    fireEvent.click(button('确定', editor));

    await waitFor(() => expect(cell('2027-02-11').dataset.kind).toBe('holiday'));
    expect(screen.getByTestId('calendar-draft').textContent).toBe('有 1 处未保存的修改');
    expect(screen.getByLabelText('移除 2027-02-11')).toBeTruthy();

    fireEvent.click(button('撤销修改', status()));
    await waitFor(() => expect(cell('2027-02-11').dataset.kind).toBe('normal'));
    expect(screen.queryByTestId('calendar-draft')).toBeNull();
    expect(save).not.toHaveBeenCalled();
  });

  it('refuses to save a draft the shared rules reject, naming the day', async () => {
    vi.spyOn(manageApi, 'calendarYear').mockResolvedValue(yearView(2027));
    const save = vi.spyOn(manageApi, 'calendarSave');
    renderPage();
    await screen.findByTestId('year-calendar');

    fireEvent.click(cell('2027-02-06'));
    const editor = await screen.findByRole('dialog');
    // A Saturday: 调休上班 is the likely choice; without a name the editor says so and keeps the day as it was.
    expect((within(editor).getByRole('radio', { name: '调休上班' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(button('确定', editor));
    expect(await within(editor).findByText('请填写节日名称')).toBeTruthy();
    expect(cell('2027-02-06').dataset.kind).toBe('weekend');
    expect(save).not.toHaveBeenCalled();
  });
});
