import {
  CONCERN_STATUS_LABELS,
  REQUEST_TYPE_RULES,
  isFinalStatus,
  type ConcernStatus,
  type RequestType,
  type ServiceDefinitionView,
  type ServiceRequestView,
  type ServiceView,
} from '@manyi/shared';
import type { Concern } from '../concerns/concern.entity.js';
import type { Category } from '../directory/category.entity.js';
import { w3cDateTime } from './open311-format.js';

/** The attribute codes of every service definition. */
export const ATTRIBUTE_CODES = { compound: 'compound', title: 'title', confidential: 'confidential' } as const;

/**
 * Every leaf category is a service, grouped by its parent; each has attributes, so metadata is true. The
 * handling time is the one in force (时限设置).
 */
export function mapService(leaf: Category, parent: Category | undefined, resolveWorkingDays: Record<RequestType, number>): ServiceView {
  const type = leaf.requestType;
  return {
    service_code: leaf.code,
    service_name: leaf.name,
    description: type ? `${leaf.name}（${REQUEST_TYPE_RULES[type].label}类，一般 ${resolveWorkingDays[type]} 个工作日内办结）` : leaf.name,
    metadata: true,
    type: 'realtime',
    keywords: [parent?.name, leaf.name].filter(Boolean).join(', '),
    group: parent?.name ?? leaf.name,
  };
}

/**
 * What a partner must or may send besides the standard fields: the compound (居民区) the concern belongs
 * to — it decides the street that handles it —, an optional title, and the confidential flag. The
 * categories carry no questions of their own yet; when they do, they join this list.
 */
export function mapServiceDefinition(leaf: Category, compounds: Array<{ code: string; name: string }>): ServiceDefinitionView {
  return {
    service_code: leaf.code,
    attributes: [
      {
        variable: true,
        code: ATTRIBUTE_CODES.compound,
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: '居民区编码；以 address_id 提交居民区编码时可省略',
        order: 1,
        description: '问题所在的居民区',
        values: compounds.map((c) => ({ key: c.code, name: c.name })),
      },
      {
        variable: true,
        code: ATTRIBUTE_CODES.title,
        datatype: 'string',
        required: false,
        datatype_description: '2 至 50 个字；不填时取描述的第一行',
        order: 2,
        description: '诉求标题',
      },
      {
        variable: true,
        code: ATTRIBUTE_CODES.confidential,
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 3,
        description: '是否保密：保密诉求不出现在任何公开列表中',
        values: [
          { key: 'false', name: '否' },
          { key: 'true', name: '是' },
        ],
      },
    ],
  };
}

/** GeoReport knows only open and closed: a concern is closed when its loop has ended (办结, 不予受理, 已合并, 已撤销). */
export function open311Status(status: ConcernStatus): 'open' | 'closed' {
  return isFinalStatus(status) ? 'closed' : 'open';
}

/** 已派单, or 待评价；已发布答复：… — the detailed status and the latest published text in the staff's own words. */
export function statusNotes(status: ConcernStatus, published: { action: string; text: string } | null): string {
  const label = CONCERN_STATUS_LABELS[status];
  if (!published) return label;
  return published.action === 'reject' ? `${label}；理由：${published.text}` : `${label}；已发布答复：${published.text}`;
}

export interface RequestContext {
  category: Category | undefined;
  department: string | null;
  compound: { code: string; name: string } | undefined;
  published: { action: string; text: string } | null;
  /** Set when the caller's key filed this request: it reads back what it sent. */
  own: { mediaUrl: string | null } | null;
}

/**
 * One concern as a GeoReport service request. Only public information: the filing partner reads back its
 * own description, coordinates and media; everyone else gets the public summary (title, compound), and
 * no one ever the phone number or contact details.
 */
export function mapServiceRequest(c: Concern, ctx: RequestContext): ServiceRequestView {
  const compoundName = ctx.compound?.name ?? null;
  return {
    service_request_id: c.code ?? String(c.id),
    status: open311Status(c.status),
    status_notes: statusNotes(c.status, ctx.published),
    service_name: ctx.category?.name ?? '',
    service_code: ctx.category?.code ?? '',
    description: ctx.own ? c.description : c.title,
    agency_responsible: ctx.department,
    service_notice: null,
    requested_datetime: w3cDateTime(c.createdAt),
    updated_datetime: w3cDateTime(c.updatedAt),
    expected_datetime: w3cDateTime(c.resolveDueAt),
    address: ctx.own ? (c.address ?? compoundName) : compoundName,
    address_id: ctx.compound?.code ?? null,
    zipcode: null,
    lat: ctx.own ? c.latitude : null,
    long: ctx.own ? c.longitude : null,
    media_url: ctx.own ? ctx.own.mediaUrl : null,
  };
}
