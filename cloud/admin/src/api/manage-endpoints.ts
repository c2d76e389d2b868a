import type {
  AuditEntryView,
  CalendarOverviewView,
  CalendarYearSavedView,
  CalendarYearView,
  DeadlineSettings,
  DeadlineSettingsView,
  DirectoryKind,
  DirectoryViews,
  HolidayNoticeView,
  Open311KeyCreatedView,
  Open311KeyView,
  Page,
  PutCalendarYearInput,
  StaffAccountView,
  StaffPasswordView,
  StaffRole,
  StatsGroupBy,
  StatsInterval,
  StatsOverviewView,
  StatsTopView,
  StatsTrendsView,
  WechatSettingsCheck,
  Items,
} from '@manyi/shared';
import { request, requestBlob } from './request';

// The endpoint table of the management pages: dashboards, directory, staff accounts, audit log, working
// calendar, deadline rules, Open311 keys and the WeChat settings check.

export interface StatsPeriod {
  from: string;
  to: string;
  street?: string;
  department?: number;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  entity?: string;
  from?: string;
  to?: string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const manageApi = {
  statsOverview: (period: StatsPeriod, groupBy: StatsGroupBy, signal?: AbortSignal) =>
    request<StatsOverviewView>('/admin/stats/overview', { query: { ...period, groupBy }, signal }),
  statsTrends: (period: StatsPeriod, interval: StatsInterval, signal?: AbortSignal) =>
    request<StatsTrendsView>('/admin/stats/trends', { query: { ...period, interval }, signal }),
  statsTop: (period: StatsPeriod, signal?: AbortSignal) => request<StatsTopView>('/admin/stats/top', { query: { ...period }, signal }),
  statsExport: (period: StatsPeriod, groupBy: StatsGroupBy) =>
    requestBlob('/admin/stats/export.xlsx', undefined, { query: { ...period, groupBy }, accept: XLSX_TYPE }),

  directoryList: <K extends DirectoryKind>(kind: K, signal?: AbortSignal) =>
    request<Items<DirectoryViews[K]>>(`/admin/directory/${kind}`, { signal }),
  directoryCreate: <K extends DirectoryKind>(kind: K, body: unknown) =>
    request<DirectoryViews[K]>(`/admin/directory/${kind}`, { method: 'POST', body }),
  directoryUpdate: <K extends DirectoryKind>(kind: K, id: number, body: unknown) =>
    request<DirectoryViews[K]>(`/admin/directory/${kind}/${id}`, { method: 'PATCH', body }),
  directorySetDisabled: <K extends DirectoryKind>(kind: K, id: number, disabled: boolean) =>
    request<DirectoryViews[K]>(`/admin/directory/${kind}/${id}/${disabled ? 'disable' : 'enable'}`, { method: 'POST', body: {} }),

  staffList: (query: { q?: string; role?: StaffRole }, cursor?: string | null, signal?: AbortSignal) =>
    request<Page<StaffAccountView>>('/admin/staff', { query: { ...query, cursor: cursor ?? undefined }, signal }),
  staffCreate: (body: unknown) => request<StaffPasswordView>('/admin/staff', { method: 'POST', body }),
  staffUpdate: (id: number, body: unknown) => request<StaffAccountView>(`/admin/staff/${id}`, { method: 'PATCH', body }),
  staffSetDisabled: (id: number, disabled: boolean) =>
    request<StaffAccountView>(`/admin/staff/${id}/${disabled ? 'disable' : 'enable'}`, { method: 'POST', body: {} }),
  staffResetPassword: (id: number) => request<StaffPasswordView>(`/admin/staff/${id}/reset-password`, { method: 'POST', body: {} }),

  audit: (filters: AuditFilters, cursor?: string | null, signal?: AbortSignal) =>
    request<Page<AuditEntryView>>('/admin/audit', { query: { ...filters, cursor: cursor ?? undefined }, signal }),

  /** The calendar's coverage (the banner) and its years: admins, supervisors and dispatchers may read it. */
  calendarOverview: (signal?: AbortSignal) => request<CalendarOverviewView>('/admin/calendar', { signal }),
  calendarYear: (year: number, signal?: AbortSignal) => request<CalendarYearView>(`/admin/calendar/${year}`, { signal }),
  /** Replaces the year's whole list of exceptions; the open concerns' deadlines are counted again. */
  calendarSave: (year: number, body: PutCalendarYearInput) =>
    request<CalendarYearSavedView>(`/admin/calendar/${year}`, { method: 'PUT', body }),
  calendarDelete: (year: number) => request<CalendarYearView>(`/admin/calendar/${year}`, { method: 'DELETE' }),
  /** Reads a pasted State Council notice; nothing is saved. */
  calendarImport: (text: string) => request<HolidayNoticeView>('/admin/calendar/import', { method: 'POST', body: { text } }),

  deadlineSettings: (signal?: AbortSignal) => request<DeadlineSettingsView>('/admin/settings/deadlines', { signal }),
  deadlineSettingsSave: (body: DeadlineSettings) => request<DeadlineSettingsView>('/admin/settings/deadlines', { method: 'PUT', body }),

  /** 接口密钥: Open311 partners' keys; a new key is in the answer to its creation only. */
  open311Keys: (signal?: AbortSignal) => request<Items<Open311KeyView>>('/admin/open311-keys', { signal }),
  open311KeyCreate: (body: { partner: string }) => request<Open311KeyCreatedView>('/admin/open311-keys', { method: 'POST', body }),
  open311KeyRevoke: (id: number) => request<Open311KeyView>(`/admin/open311-keys/${id}`, { method: 'DELETE' }),
  /** 微信配置检查: asks WeChat for a token with the configured AppID and secret. */
  wechatStatus: (signal?: AbortSignal) => request<WechatSettingsCheck>('/admin/wechat/status', { signal }),
};
