import { shanghaiDateTime } from '@manyi/shared';
import type { WechatTemplates } from '../../config/app-config.js';
import type { NotificationKind } from './notification.entity.js';

/**
 * How an outbox row becomes a subscribe message: which template, which page it opens, which fields.
 * The field keys (thing2, phrase3 …) are those of the templates docs/wechat.md tells operators to choose
 * in the WeChat console; a template with other keys is adapted here, in this one place.
 */

/** Which configured template announces each kind of notification. */
export function templateFor(kind: NotificationKind, templates: WechatTemplates): string | null {
  switch (kind) {
    case 'reply_published':
      return templates.replyPublished;
    case 'accepted':
    case 'rejected':
    case 'closed':
      return templates.progress;
    case 'visit_reminder':
    case 'visit_promoted':
    case 'visit_cancelled':
      return templates.visit;
  }
}

/** The word in the template's 办理状态 (phrase) field. */
const STATUS_PHRASE: Record<NotificationKind, string> = {
  accepted: '已受理',
  rejected: '不予受理',
  reply_published: '已答复',
  closed: '已办结',
  visit_reminder: '即将开始',
  visit_promoted: '报名成功',
  visit_cancelled: '已取消',
};

export interface MessageSubject {
  kind: NotificationKind;
  title: string;
  body: string;
  createdAt: Date;
  concern: { id: number; code: string | null; title: string } | null;
  visit: { id: number; title: string; startsAt: Date; place: string } | null;
}

/** The mini-program page a message opens (no leading slash, as subscribe/send wants it). */
export function pageFor(subject: MessageSubject): string {
  if (subject.concern) return `packages/concerns/pages/detail/index?id=${subject.concern.id}`;
  // The visit's own page (a subpackage): the 走访 tab would ignore the id.
  if (subject.visit) return `packages/visits/pages/detail/index?id=${subject.visit.id}`;
  return 'pages/me/index';
}

export function dataFor(subject: MessageSubject): Record<string, { value: string }> {
  // time fields: WeChat shows `2026年11月29日 14:05`; the API takes `2026-11-29 14:05` in the reader's time (Asia/Shanghai).
  const fields: Record<string, string> = subject.visit
    ? {
        thing1: subject.visit.title,
        time2: shanghaiDateTime(subject.visit.startsAt),
        thing3: subject.visit.place,
        thing4: subject.body,
      }
    : {
        character_string1: subject.concern?.code ?? '',
        thing2: subject.concern?.title ?? subject.title,
        phrase3: STATUS_PHRASE[subject.kind],
        thing4: subject.body,
        time5: shanghaiDateTime(subject.createdAt),
      };
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, { value: fitField(key, value) }]));
}

/**
 * WeChat's length rules per field type (the key without its number): a longer value makes the whole
 * send fail with 47003, so values are cut to fit, a cut text ending in "…".
 */
export const FIELD_LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  character_string: 32,
  name: 10,
  phone_number: 17,
  car_number: 8,
  letter: 32,
  symbol: 5,
  number: 32,
  amount: 16,
};

export function fitField(key: string, value: string): string {
  const type = key.replace(/\d+$/, '');
  const limit = FIELD_LIMITS[type];
  // Line breaks are not allowed in any field; runs of white space read as one space.
  let text = value.replace(/\s+/g, ' ').trim();
  if (type === 'character_string') text = text.replace(/[^\x21-\x7e]/g, '');
  if (type === 'phrase') text = text.replace(/[^\p{Script=Han}]/gu, '');
  const chars = [...text];
  if (!limit || chars.length <= limit) return text;
  // Codes and phrases must not carry an ellipsis (only letters/digits, only Chinese characters).
  return type === 'thing' || type === 'name' ? `${chars.slice(0, limit - 1).join('')}…` : chars.slice(0, limit).join('');
}
