import { z } from 'zod';
import { CODE_PATTERN } from '../directory/directory.js';
import { MAX_CONCERN_PHOTOS } from '../schemas/concern.schemas.js';
import { pageQuerySchema } from '../schemas/common.schemas.js';
import { id, text } from '../schemas/text.js';
import type { RatesRow } from './concern.views.js';

/**
 * 已办结 — the public board of a street (issue 17): closed concerns whose reporter agreed to publish
 * (`publishConsent` at submit, off by default) and that staff approved (`publish-case`). Never a
 * confidential one; a withdrawn case (`unpublish-case`) leaves at once.
 *
 * `GET /api/v1/board?street=<street code>&cursor=&limit=` — public, no login; newest published first,
 * keyset paged. The first page (no cursor) carries the street's live three rates for the last
 * `BOARD_PERIOD_DAYS` Shanghai days (today included), computed by the same service as the dashboard's
 * (`GET /api/v1/admin/stats/overview?from&to&street`); later pages answer `rates: null`.
 * Photos: `GET /api/v1/board/photos/:photoId` (public, only a photo staff chose for a published case).
 */
export const BOARD_PERIOD_DAYS = 90;

export const boardQuerySchema = pageQuerySchema.extend({
  street: z.string({ error: '请指定街道' }).regex(CODE_PATTERN, { message: '街道无效' }),
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;

/**
 * The public clock of a case, in calendar days counted between Shanghai dates (0 = the same day).
 * `deadline` is the 办结期限 it was held to; `onTime` whether the reply came by it.
 */
export interface BoardClockView {
  submittedAt: string;
  acceptedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  daysToAccept: number | null;
  daysToReply: number | null;
  daysToClose: number | null;
  deadline: string | null;
  onTime: boolean | null;
}

export interface BoardCaseView {
  /** The concern's id (the case is published once per concern). */
  id: number;
  code: string;
  category: { id: number; name: string };
  compound: { id: number; name: string };
  /** The resident's text as published: staff's edit or the original, masked (`maskPersonal`) either way. */
  text: string;
  /** The published reply, masked the same way. */
  reply: string;
  /** Photos staff chose to show; read them at `/api/v1/board/photos/:id`. */
  photoIds: number[];
  clock: BoardClockView;
  publishedAt: string;
}

/** The street's three rates over the board's period (the dashboard's total row for that street). */
export interface BoardRatesView {
  from: string;
  to: string;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  counts: Omit<RatesRow, 'key' | 'name' | 'responseRate' | 'resolutionRate' | 'satisfactionRate'>;
}

export interface BoardView {
  street: { id: number; code: string; name: string };
  /** Only on the first page (no cursor). */
  rates: BoardRatesView | null;
  items: BoardCaseView[];
  nextCursor: string | null;
}

/**
 * `POST /api/v1/admin/concerns/:id/publish-case` (a dispatcher of the street or a supervisor): only a
 * closed, non-confidential concern whose reporter agreed. `text` / `reply` replace the resident's text
 * and the reply on the board (omitted: the originals); both are masked by the service whatever is sent.
 * `photoIds`: which of the concern's and the reply's photos to show (none by default). Publishing again
 * replaces the public text and photos. `POST …/unpublish-case` withdraws it (no body). Both audited.
 */
export const publishCaseSchema = z.strictObject({
  text: text('公开的诉求内容', 5, 2000).optional(),
  reply: text('公开的答复内容', 5, 2000).optional(),
  photoIds: z
    .array(id('照片'), { error: '照片列表无效' })
    .max(MAX_CONCERN_PHOTOS * 2, { message: `最多公开 ${MAX_CONCERN_PHOTOS * 2} 张照片` })
    .default([]),
});
export type PublishCaseInput = z.infer<typeof publishCaseSchema>;

export const PUBLIC_CASE_STATUSES = ['unpublished', 'published', 'withdrawn'] as const;
export type PublicCaseStatus = (typeof PUBLIC_CASE_STATUSES)[number];
export const PUBLIC_CASE_STATUS_LABELS: Record<PublicCaseStatus, string> = {
  unpublished: '未公开',
  published: '已公开',
  withdrawn: '已撤回',
};

/**
 * Staff: the workbench's 公开案例 card (`ConcernDetailView.publicCase`, on every staff detail). `text` and
 * `reply` are what is (or would be) published: the saved public text, else the masked originals — the
 * editable preview. `candidatePhotoIds`: the photos staff may choose from.
 */
export interface PublicCaseAdminView {
  /** The reporter agreed to publish at submit. */
  consent: boolean;
  /** Closed, not confidential, agreed: publish-case would be accepted. */
  eligible: boolean;
  status: PublicCaseStatus;
  text: string;
  reply: string;
  photoIds: number[];
  candidatePhotoIds: number[];
  publishedAt: string | null;
  withdrawnAt: string | null;
}

/** The board's rate period: the last BOARD_PERIOD_DAYS Shanghai days, today included (`YYYY-MM-DD`, inclusive). */
export function boardPeriod(today: string): { from: string; to: string } {
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - (BOARD_PERIOD_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to: today };
}

/** Calendar days between two instants' Shanghai dates (0: the same day); null when either is missing. */
export function shanghaiDaysBetween(from: Date | null, to: Date | null): number | null {
  if (!from || !to) return null;
  const day = (d: Date) => Date.parse(`${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((day(to) - day(from)) / 86_400_000);
}
