import { CONCERN_SOURCES, CONCERN_STATUSES, type ConcernSource, type ConcernStatus } from '@manyi/shared';
import type { InboxFilters } from '../api/endpoints';

// The inbox's filters live in the address (?status=…&street=…), so a filtered list can be bookmarked,
// sent to a colleague, reloaded, and left and come back to with the back button. A saved view's own
// filters leave the address bare; anything else writes every filter out (an empty `status=` means
// "all statuses", so clearing the view's status is not mistaken for the view's default).

const KEYS = ['status', 'street', 'department', 'category', 'overdue', 'escalated', 'q', 'source', 'coHandling', 'multi', 'sort'] as const;

function positiveInt(value: string | null): number | undefined {
  return value !== null && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined;
}

function flag(value: string | null): boolean | undefined {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

/** The filters an address asks for; the view's own filters when it asks for none. Unknown values are dropped. */
export function filtersFromSearch(search: string, viewFilters: InboxFilters): InboxFilters {
  const params = new URLSearchParams(search);
  if (!KEYS.some((key) => params.has(key))) return viewFilters;
  const status = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is ConcernStatus => (CONCERN_STATUSES as readonly string[]).includes(s));
  const street = params.get('street') || undefined;
  const source = params.get('source');
  const filters: InboxFilters = {
    status: status.length > 0 ? status : undefined,
    street: street && /^[a-z][a-z0-9-]{0,39}$/.test(street) ? street : undefined,
    department: positiveInt(params.get('department')),
    category: positiveInt(params.get('category')),
    overdue: flag(params.get('overdue')),
    escalated: flag(params.get('escalated')),
    q: params.get('q')?.trim() || undefined,
    source: source !== null && (CONCERN_SOURCES as readonly string[]).includes(source) ? (source as ConcernSource) : undefined,
    coHandling: flag(params.get('coHandling')) || undefined,
    multi: flag(params.get('multi')) || undefined,
    sort: params.get('sort') === 'followers' ? 'followers' : undefined,
  };
  return compact(filters);
}

/** The query string for `filters` on a view: empty when they are the view's own. */
export function searchFromFilters(filters: InboxFilters, viewFilters: InboxFilters): string {
  const clean = compact(filters);
  if (sameFilters(clean, compact(viewFilters))) return '';
  const params = new URLSearchParams();
  params.set('status', (clean.status ?? []).join(','));
  if (clean.street) params.set('street', clean.street);
  if (clean.department) params.set('department', String(clean.department));
  if (clean.category) params.set('category', String(clean.category));
  if (clean.overdue !== undefined) params.set('overdue', clean.overdue ? '1' : '0');
  if (clean.escalated !== undefined) params.set('escalated', clean.escalated ? '1' : '0');
  if (clean.q) params.set('q', clean.q);
  if (clean.source) params.set('source', clean.source);
  if (clean.coHandling) params.set('coHandling', '1');
  if (clean.multi) params.set('multi', '1');
  if (clean.sort) params.set('sort', clean.sort);
  return `?${params.toString()}`;
}

export function sameFilters(a: InboxFilters, b: InboxFilters): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Without the empty ones, so `{ status: [] }` and `{}` are the same filters. */
function compact(filters: InboxFilters): InboxFilters {
  const out: InboxFilters = {};
  if (filters.status && filters.status.length > 0) out.status = [...filters.status];
  if (filters.street) out.street = filters.street;
  if (filters.department) out.department = filters.department;
  if (filters.category) out.category = filters.category;
  if (filters.overdue !== undefined) out.overdue = filters.overdue;
  if (filters.escalated !== undefined) out.escalated = filters.escalated;
  if (filters.q?.trim()) out.q = filters.q.trim();
  if (filters.source) out.source = filters.source;
  if (filters.coHandling) out.coHandling = true;
  if (filters.multi) out.multi = true;
  if (filters.sort === 'followers') out.sort = 'followers';
  return out;
}

function canonical(filters: InboxFilters): unknown[] {
  const c = compact(filters);
  return [
    [...(c.status ?? [])].sort(),
    c.street,
    c.department,
    c.category,
    c.overdue,
    c.escalated,
    c.q,
    c.source,
    c.coHandling,
    c.multi,
    c.sort,
  ];
}
