import { z } from 'zod';
import { REQUEST_TYPES, type RequestType } from '../concern/request-types.js';
import { alertWebhookUrlSchema } from '../concern/staff-alerts.js';
import { DEPARTMENT_KINDS, type DepartmentKind } from '../directory/directory.js';
import { codeSchema } from '../schemas/common.schemas.js';
import { id, text } from '../schemas/text.js';

/*
 * 目录管理: what a district admin may create and edit in the directory. Codes are set once (they are
 * in URLs, usernames and Open311 service codes); everything else may be edited. Nothing is deleted:
 * concerns, staff and rules refer to it, so an item is disabled (停用) and disappears from residents'
 * pickers and from routing, while what already refers to it keeps its name.
 */

export const DIRECTORY_KINDS = ['streets', 'compounds', 'departments', 'categories', 'routing-rules'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];
export const DIRECTORY_KIND_LABELS: Record<DirectoryKind, string> = {
  streets: '街道',
  compounds: '居民区',
  departments: '部门',
  categories: '诉求类别',
  'routing-rules': '派单规则',
};

export const STREET_KINDS = ['street', 'town'] as const;
export const STREET_KIND_LABELS: Record<(typeof STREET_KINDS)[number], string> = { street: '街道', town: '镇' };
export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = { street_office: '街道科室', district_unit: '区职能部门' };

export const directoryKindSchema = z.enum(DIRECTORY_KINDS, { error: '目录类型无效' });

const sortOrder = z.coerce
  .number({ error: '排序无效' })
  .int({ message: '排序应为整数' })
  .min(0, { message: '排序为 0 至 9999' })
  .max(9999, { message: '排序为 0 至 9999' });
const nullableId = (label: string) => id(label).nullable();

const streetFields = {
  name: text('街道名称', 1, 40),
  kind: z.enum(STREET_KINDS, { error: '请选择街道或镇' }),
  sortOrder: sortOrder.default(0),
  /** 企业微信群机器人: the street's dispatchers' group; kept encrypted, never shown again in full. */
  alertWebhookUrl: alertWebhookUrlSchema.optional(),
};
export const createStreetSchema = z.strictObject({ code: codeSchema('街道代码'), ...streetFields });
export const updateStreetSchema = z.strictObject(streetFields).partial();

const compoundFields = { name: text('居民区名称', 1, 60), streetId: id('街道') };
export const createCompoundSchema = z.strictObject({ code: codeSchema('居民区代码'), ...compoundFields });
export const updateCompoundSchema = z.strictObject(compoundFields).partial();

const departmentFields = {
  name: text('部门名称', 1, 60),
  kind: z.enum(DEPARTMENT_KINDS, { error: '请选择部门类型' }),
  streetId: nullableId('街道'),
  /** 企业微信群机器人: the department's handlers' group; kept encrypted, never shown again in full. */
  alertWebhookUrl: alertWebhookUrlSchema.optional(),
};
/** A street office (街道科室) always belongs to a street. */
const officeHasStreet = (v: { kind?: DepartmentKind; streetId?: number | null }) => v.kind !== 'street_office' || v.streetId != null;
const officeMessage = { message: '街道科室必须选择所属街道', path: ['streetId'] as string[] };
export const createDepartmentSchema = z
  .strictObject({ code: codeSchema('部门代码'), ...departmentFields, streetId: departmentFields.streetId.default(null) })
  .refine(officeHasStreet, officeMessage);
// An edit that leaves out the street is checked against the stored one by the service.
export const updateDepartmentSchema = z
  .strictObject(departmentFields)
  .partial()
  .refine((v) => !(v.kind === 'street_office' && v.streetId === null), officeMessage);

const categoryFields = {
  name: text('类别名称', 1, 40),
  /** Null: a top-level group. */
  parentId: nullableId('上级类别'),
  /** Set on a leaf (it sets the deadline); null on a group. */
  requestType: z.enum(REQUEST_TYPES, { error: '请选择诉求性质' }).nullable(),
  sortOrder,
};
/** A category under a group is a leaf: residents pick it, so it needs the request type that sets its deadline. */
const childHasRequestType = (v: { parentId?: number | null; requestType?: RequestType | null }) =>
  v.parentId == null || v.requestType != null;
const childMessage = { message: '下级类别必须选择诉求性质', path: ['requestType'] as string[] };
export const createCategorySchema = z
  .strictObject({
    code: codeSchema('类别代码'),
    ...categoryFields,
    parentId: categoryFields.parentId.default(null),
    requestType: categoryFields.requestType.default(null),
    sortOrder: sortOrder.default(0),
  })
  .refine(childHasRequestType, childMessage);
export const updateCategorySchema = z.strictObject(categoryFields).partial();

const routingRuleFields = {
  categoryId: id('诉求类别'),
  /** Null: every street. */
  streetId: nullableId('街道'),
  /** Null: every compound of the street. */
  compoundId: nullableId('居民区'),
  leadDepartmentId: id('主办部门'),
  coHandlerIds: z.array(id('协办部门'), { error: '协办部门无效' }).max(5, { message: '协办部门最多 5 个' }),
};
function ruleIsConsistent(v: { streetId?: number | null; compoundId?: number | null }, ctx: z.RefinementCtx): void {
  if (v.compoundId != null && v.streetId == null)
    ctx.addIssue({ code: 'custom', message: '指定居民区时必须同时指定街道', path: ['compoundId'] });
}
function coHandlersDistinct(v: { leadDepartmentId?: number; coHandlerIds?: number[] }, ctx: z.RefinementCtx): void {
  if (!v.coHandlerIds) return;
  if (new Set(v.coHandlerIds).size !== v.coHandlerIds.length || v.coHandlerIds.includes(v.leadDepartmentId ?? -1))
    ctx.addIssue({ code: 'custom', message: '协办部门不能重复，也不能与主办部门相同', path: ['coHandlerIds'] });
}
export const createRoutingRuleSchema = z
  .strictObject({
    ...routingRuleFields,
    streetId: routingRuleFields.streetId.default(null),
    compoundId: routingRuleFields.compoundId.default(null),
    coHandlerIds: routingRuleFields.coHandlerIds.default([]),
  })
  .superRefine(ruleIsConsistent)
  .superRefine(coHandlersDistinct);
export const updateRoutingRuleSchema = z
  .strictObject(routingRuleFields)
  .partial()
  .superRefine(ruleIsConsistent)
  .superRefine(coHandlersDistinct);

/** The body schemas of each kind's create and edit: the service validates with them, the admin page's forms too. */
export const DIRECTORY_SCHEMAS = {
  streets: { create: createStreetSchema, update: updateStreetSchema },
  compounds: { create: createCompoundSchema, update: updateCompoundSchema },
  departments: { create: createDepartmentSchema, update: updateDepartmentSchema },
  categories: { create: createCategorySchema, update: updateCategorySchema },
  'routing-rules': { create: createRoutingRuleSchema, update: updateRoutingRuleSchema },
} as const satisfies Record<DirectoryKind, { create: z.ZodType; update: z.ZodType }>;

export type DirectoryCreateInput<K extends DirectoryKind> = z.output<(typeof DIRECTORY_SCHEMAS)[K]['create']>;
export type DirectoryUpdateInput<K extends DirectoryKind> = z.output<(typeof DIRECTORY_SCHEMAS)[K]['update']>;

/** What the admin directory routes answer: the row as stored, disabled or not. */
export interface AdminStreetView {
  id: number;
  code: string;
  name: string;
  kind: (typeof STREET_KINDS)[number];
  sortOrder: number;
  disabled: boolean;
  /** The group robot's address masked (https://qyapi.weixin.qq.com/…****a1b2), or null when none is set. */
  alertWebhook: string | null;
}
export interface AdminCompoundView {
  id: number;
  code: string;
  name: string;
  streetId: number;
  disabled: boolean;
}
export interface AdminDepartmentView {
  id: number;
  code: string;
  name: string;
  kind: DepartmentKind;
  streetId: number | null;
  disabled: boolean;
  /** The group robot's address masked, or null when none is set. */
  alertWebhook: string | null;
}
export interface AdminCategoryView {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  requestType: RequestType | null;
  sortOrder: number;
  disabled: boolean;
}
export interface AdminRoutingRuleView {
  id: number;
  categoryId: number;
  streetId: number | null;
  compoundId: number | null;
  leadDepartmentId: number;
  coHandlerIds: number[];
  disabled: boolean;
}
export interface DirectoryViews {
  streets: AdminStreetView;
  compounds: AdminCompoundView;
  departments: AdminDepartmentView;
  categories: AdminCategoryView;
  'routing-rules': AdminRoutingRuleView;
}
