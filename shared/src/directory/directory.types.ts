import type { CalendarCoverage } from '../calendar/calendar.schemas.js';
import type { DepartmentKind } from './directory.js';
import type { RequestType } from '../concern/request-types.js';

/** What the directory routes answer: every item has `id`, `code`, `name` (docs/development.md "The API"). */
export interface DirectoryItem {
  id: number;
  code: string;
  name: string;
}

export interface StreetView extends DirectoryItem {
  /** 街道 or 镇 */
  kind: 'street' | 'town';
}

export interface CompoundView extends DirectoryItem {
  streetCode: string;
}

export interface DepartmentView extends DirectoryItem {
  kind: DepartmentKind;
  /** The street a street office belongs to; null for a district unit. */
  streetCode: string | null;
}

export interface CategoryView extends DirectoryItem {
  parentId: number | null;
  /** Set on leaves: the request type that sets the deadline. */
  requestType: RequestType | null;
  children: CategoryView[];
}

/** `GET /api/v1/health/ready`: each dependency answered, or is not configured. */
export interface ReadinessView {
  status: 'ok';
  database: 'ok';
  redis: 'ok' | 'not configured';
}

export interface HealthView {
  status: 'ok';
  database: 'sqlite' | 'mysql';
  /** Whether the working calendar reaches the next 60 days (工作日历); a missing year makes deadlines provisional. */
  calendar: CalendarCoverage;
}
