import { createConcernSchema, type CreateConcernInput } from '@manyi/shared';
import Taro from '@tarojs/taro';

import { DRAFT_STORAGE_KEY } from './config';

// The unsent report, kept in Taro storage after every change so that closing the app (or WeChat
// killing it in the background) loses nothing. The Idempotency-Key is made once per draft and kept
// with it: every retry of the submit — after a timeout, after a restart — sends the same key, so the
// service answers with the first concern instead of making a second one. Only a successful submit
// clears the draft, and with it the key.

export interface DraftPhoto {
  /** Where the photo is on the device (chooseMedia's tempFilePath; a blob: URL on h5). */
  localPath: string;
  /** Set once the upload succeeded. */
  id?: number;
}

export interface ReportDraft {
  idempotencyKey: string;
  categoryId?: number;
  categoryName?: string;
  streetCode?: string;
  streetName?: string;
  compoundId?: number;
  compoundName?: string;
  title: string;
  description: string;
  photos: DraftPhoto[];
  address: string;
  latitude?: number;
  longitude?: number;
  phone: string;
  confidential: boolean;
  /** 同意公开 (issue 17): absent in drafts saved before it existed, read as no. */
  publishConsent?: boolean;
}

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 8–64 of [A-Za-z0-9_-], as the service requires; time plus randomness, unique enough per device. */
export function newIdempotencyKey(): string {
  let random = '';
  for (let i = 0; i < 16; i++) random += KEY_ALPHABET[Math.floor(Math.random() * KEY_ALPHABET.length)];
  return `r-${Date.now().toString(36)}-${random}`;
}

export function newDraft(street?: { code: string; name: string }): ReportDraft {
  return {
    idempotencyKey: newIdempotencyKey(),
    streetCode: street?.code,
    streetName: street?.name,
    title: '',
    description: '',
    photos: [],
    address: '',
    phone: '',
    confidential: false,
    publishConsent: false,
  };
}

export function loadDraft(): ReportDraft | undefined {
  const stored: unknown = Taro.getStorageSync(DRAFT_STORAGE_KEY);
  return isDraft(stored) ? stored : undefined;
}

export function saveDraft(draft: ReportDraft): void {
  Taro.setStorageSync(DRAFT_STORAGE_KEY, draft);
}

export function clearDraft(): void {
  Taro.removeStorageSync(DRAFT_STORAGE_KEY);
}

export type DraftCheck = { ok: true; input: CreateConcernInput } | { ok: false; message: string };

/**
 * The body the service will get, validated with the service's own schema; on failure the first
 * message (Chinese, from @manyi/shared) is what the resident reads.
 */
export function checkDraft(draft: ReportDraft): DraftCheck {
  if (draft.categoryId === undefined) return { ok: false, message: '请选择诉求类别' };
  if (draft.compoundId === undefined) return { ok: false, message: '请选择小区' };
  if (draft.photos.some((photo) => photo.id === undefined)) return { ok: false, message: '还有照片没有上传成功，请重试或删除' };
  const result = createConcernSchema.safeParse({
    categoryId: draft.categoryId,
    compoundId: draft.compoundId,
    title: draft.title,
    description: draft.description,
    photoIds: draft.photos.map((photo) => photo.id),
    latitude: draft.latitude,
    longitude: draft.longitude,
    address: draft.address.trim() === '' ? undefined : draft.address,
    phone: draft.phone.trim() === '' ? undefined : draft.phone,
    confidential: draft.confidential,
    // A confidential concern never goes on the public board, whatever was ticked before.
    publishConsent: !draft.confidential && draft.publishConsent === true,
  });
  if (result.success) return { ok: true, input: result.data };
  return { ok: false, message: result.error.issues[0]?.message ?? '提交的内容不符合要求' };
}

function isDraft(value: unknown): value is ReportDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Partial<ReportDraft>;
  return (
    typeof draft.idempotencyKey === 'string' &&
    typeof draft.title === 'string' &&
    typeof draft.description === 'string' &&
    Array.isArray(draft.photos) &&
    typeof draft.address === 'string' &&
    typeof draft.phone === 'string' &&
    typeof draft.confidential === 'boolean'
  );
}
