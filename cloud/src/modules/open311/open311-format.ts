import { XMLBuilder } from 'fast-xml-parser';
import { shanghaiW3cDateTime } from '@manyi/shared';

/** The two formats GeoReport v2 speaks; the route's `.json` or `.xml` suffix chooses. */
export type Open311Format = 'json' | 'xml';

export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** `requests/XH20261123-0042.xml` → the id and the format; null when the suffix is neither. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  return match ? { name: match[1]!, format: match[2] as Open311Format } : null;
}

/** The format a request asked for by its path; errors on an unrecognised path answer in JSON. */
export function formatOfUrl(url: string): Open311Format {
  return /\.xml$/i.test(url.split('?')[0] ?? '') ? 'xml' : 'json';
}

/**
 * In the specification's XML a JSON array is a wrapper element holding one element per item; these are
 * the item names of the arrays nested inside documents (the outer array is named by the caller).
 */
const ITEM_ELEMENTS: Readonly<Record<string, string>> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

/**
 * One answer as XML, from the same value the JSON answer is: `root` wraps the document, and when the JSON
 * is an array `item` names each element (`services`/`service`, `service_requests`/`request`, `errors`/`error`).
 */
export function toXml(root: string, item: string | null, value: unknown): string {
  const body = Array.isArray(value) ? { [item ?? 'item']: value.map((v) => xmlValue(v)) } : xmlValue(value);
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: body }) as string}`;
}

function xmlValue(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(xmlValue);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => {
        const itemName = ITEM_ELEMENTS[key];
        if (Array.isArray(v) && itemName) return [key, v.length ? { [itemName]: v.map(xmlValue) } : ''];
        return [key, xmlValue(v)];
      }),
    );
  }
  return value;
}

/** A GeoReport answer before its format is chosen: the JSON value, and the XML root and item names for it. */
export interface Open311Document {
  root: string;
  item: string | null;
  value: unknown;
}

export function render(doc: Open311Document, format: Open311Format): string {
  return format === 'xml' ? toXml(doc.root, doc.item, doc.value) : JSON.stringify(doc.value);
}

/** W3C datetimes with the offset residents live in; no instant, no datetime. */
export function w3cDateTime(instant: Date | null): string | null {
  return instant ? shanghaiW3cDateTime(instant) : null;
}
