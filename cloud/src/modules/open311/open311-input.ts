import { charCount, startOfShanghaiDay } from '@manyi/shared';
import { z } from 'zod';
import { Open311Error } from './open311.error.js';

/**
 * Reading GeoReport v2 parameters (form fields and query strings, every value a string) into what the
 * service works with. Pure functions: each problem is a 400 in the specification's shape, named by the
 * parameter the partner sent.
 */

/** The specification's limit on one search: start_date and end_date at most 90 days apart. */
export const MAX_SPAN_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
export const OPEN311_DEFAULT_PAGE_SIZE = 50;
export const OPEN311_MAX_PAGE_SIZE = 200;

export type Open311Location =
  | { kind: 'coordinates'; lat: number; long: number }
  | { kind: 'address_string'; address: string }
  | { kind: 'address_id'; addressId: string };

export interface ServiceRequestInput {
  serviceCode: string;
  location: Open311Location;
  /** `attribute[code]=value` pairs. */
  attributes: Record<string, string>;
  description: string;
  mediaUrl: string | null;
  contact: { firstName: string | null; lastName: string | null; email: string | null; phone: string | null };
}

type Params = Record<string, unknown>;

/** One parameter as a trimmed string, or undefined when absent or empty; a repeated parameter is refused. */
export function param(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) throw new Open311Error(400, `参数 ${name} 只能出现一次`);
  if (typeof value !== 'string' && typeof value !== 'number') throw new Open311Error(400, `参数 ${name} 无效`);
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

function bounded(params: Params, name: string, max: number): string | null {
  const value = param(params, name);
  if (value === undefined) return null;
  if (charCount(value) > max) throw new Open311Error(400, `参数 ${name} 最多 ${max} 个字`);
  return value;
}

const DECIMAL = /^-?\d{1,3}(\.\d+)?$/;
const emailSchema = z.email();
const mediaUrlSchema = z.url({ protocol: /^https?$/ });

/** The body of `POST requests.json|xml`, after the key has been checked. */
export function parseServiceRequest(params: Params): ServiceRequestInput {
  const serviceCode = param(params, 'service_code');
  if (!serviceCode) throw new Open311Error(400, '缺少 service_code');

  const lat = param(params, 'lat');
  const long = param(params, 'long');
  const addressString = bounded(params, 'address_string', 200);
  const addressId = param(params, 'address_id');
  const forms = [lat !== undefined || long !== undefined, addressString !== null, addressId !== undefined].filter(Boolean).length;
  if (forms === 0) throw new Open311Error(400, '缺少位置：请提供 lat 和 long、address_string 或 address_id 之一');
  if (forms > 1) throw new Open311Error(400, '位置只能用一种方式提供：lat 和 long、address_string 或 address_id 之一');
  let location: Open311Location;
  if (addressString !== null) location = { kind: 'address_string', address: addressString };
  else if (addressId !== undefined) location = { kind: 'address_id', addressId };
  else {
    if (lat === undefined || long === undefined) throw new Open311Error(400, 'lat 和 long 需要同时提供');
    if (!DECIMAL.test(lat) || !DECIMAL.test(long)) throw new Open311Error(400, 'lat 和 long 须为十进制度数');
    location = { kind: 'coordinates', lat: Number(lat), long: Number(long) };
  }

  const attributes: Record<string, string> = {};
  for (const name of Object.keys(params)) {
    const code = /^attribute\[([^\]]+)\]$/.exec(name)?.[1];
    if (code === undefined) continue;
    const value = param(params, name);
    if (value !== undefined) attributes[code] = value;
  }

  const mediaUrl = bounded(params, 'media_url', 500);
  if (mediaUrl !== null && !mediaUrlSchema.safeParse(mediaUrl).success) throw new Open311Error(400, 'media_url 须为 http 或 https 地址');
  const email = bounded(params, 'email', 200);
  if (email !== null && !emailSchema.safeParse(email).success) throw new Open311Error(400, 'email 格式不正确');

  return {
    serviceCode,
    location,
    attributes,
    description: param(params, 'description') ?? '',
    mediaUrl,
    contact: {
      firstName: bounded(params, 'first_name', 40),
      lastName: bounded(params, 'last_name', 40),
      email,
      phone: param(params, 'phone') ?? null,
    },
  };
}

export interface RequestQuery {
  /** When given, every other filter is ignored (the specification says so). */
  ids: string[] | null;
  serviceCodes: string[] | null;
  from: Date;
  to: Date;
  status: 'open' | 'closed' | null;
  page: number;
  pageSize: number;
}

/** A W3C datetime (2026-11-01T00:00:00Z, with an offset or Z) or a date, which means that day in Shanghai. */
const W3C = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function dateParam(params: Params, name: string): Date | null {
  const value = param(params, name);
  if (value === undefined) return null;
  if (!W3C.test(value)) throw new Open311Error(400, `${name} 须为 ISO 8601 时间，如 2026-11-01T00:00:00+08:00`);
  const instant = value.length === 10 ? startOfShanghaiDay(value) : new Date(value);
  if (Number.isNaN(instant.getTime())) throw new Open311Error(400, `${name} 不是有效的时间`);
  return instant;
}

function list(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  const items = [...new Set(value.split(',').map((s) => s.trim()))].filter((s) => s !== '');
  return items.length ? items : null;
}

function positive(params: Params, name: string, fallback: number, max: number): number {
  const value = param(params, name);
  if (value === undefined) return fallback;
  if (!/^[1-9]\d{0,5}$/.test(value) || Number(value) > max) throw new Open311Error(400, `${name} 须为 1 至 ${max} 的整数`);
  return Number(value);
}

/**
 * The query of `GET requests.json|xml`. Without dates the last 90 days; with one date the 90 days from or
 * up to it; with both, at most 90 days apart.
 */
export function parseRequestQuery(params: Params, now: Date): RequestQuery {
  const ids = list(param(params, 'service_request_id'));
  if (ids && ids.length > OPEN311_MAX_PAGE_SIZE) throw new Open311Error(400, `service_request_id 一次最多 ${OPEN311_MAX_PAGE_SIZE} 个`);
  const start = dateParam(params, 'start_date');
  const end = dateParam(params, 'end_date');
  const span = MAX_SPAN_DAYS * DAY_MS;
  if (start && end && start.getTime() > end.getTime()) throw new Open311Error(400, 'start_date 不能晚于 end_date');
  if (start && end && end.getTime() - start.getTime() > span)
    throw new Open311Error(400, `start_date 与 end_date 相隔不能超过 ${MAX_SPAN_DAYS} 天`);
  const to = end ?? (start ? new Date(start.getTime() + span) : now);
  const from = start ?? new Date(to.getTime() - span);

  const statusParam = list(param(params, 'status'));
  if (statusParam?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status 只能是 open 或 closed');
  const status = statusParam && statusParam.length === 1 ? (statusParam[0] as 'open' | 'closed') : null;

  return {
    ids,
    serviceCodes: list(param(params, 'service_code')),
    from,
    to,
    status,
    page: positive(params, 'page', 1, 100_000),
    pageSize: positive(params, 'page_size', OPEN311_DEFAULT_PAGE_SIZE, OPEN311_MAX_PAGE_SIZE),
  };
}

/** A title from the description's first line (at most 50 characters), or the service's name when that is too short. */
export function titleFrom(description: string, serviceName: string): string {
  const firstLine = description.trim().split(/\r?\n/)[0]!.trim();
  if (charCount(firstLine) < 2) return serviceName;
  return charCount(firstLine) <= 50 ? firstLine : `${[...firstLine].slice(0, 49).join('')}…`;
}
