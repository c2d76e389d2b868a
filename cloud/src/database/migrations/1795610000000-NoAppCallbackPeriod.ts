import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channels without the app as of this migration (NO_APP_SOURCES in shared). */
const NO_APP_SOURCES = ['phone', 'walk_in', 'visit', 'hotline', 'open311'];

/**
 * 回访期: a concern from a channel without the app now waits for its 回访 after the reply instead of
 * running the resident's rating window (publishedClock). The ones already published when this runs get
 * the same: their running rating window becomes the 回访期 it would have been (same end, same start),
 * so the sweep chases them instead of closing them unrated. No schema change: `due_kind` is a varchar.
 */
export class NoAppCallbackPeriod1795610000000 implements MigrationInterface {
  name = 'NoAppCallbackPeriod1795610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE concern SET due_kind = 'callback' WHERE status = 'awaiting_rating' AND due_kind = 'rating' AND source IN (${NO_APP_SOURCES.map(() => '?').join(', ')})`,
      NO_APP_SOURCES,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE concern SET due_kind = 'rating' WHERE due_kind = 'callback'`);
  }
}
