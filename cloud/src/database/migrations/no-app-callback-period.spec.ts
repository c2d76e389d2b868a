import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config.js';
import { createTestDatabase, TEST_DATABASES, type TestDatabase } from '../../testing/test-databases.js';
import { dataSourceOptions } from '../data-source-options.js';
import { MIGRATIONS } from './index.js';
import { NoAppCallbackPeriod1795610000000 } from './1795610000000-NoAppCallbackPeriod.js';

/*
 * The 回访期 migration on a database whose concerns were published under the old rule: a concern from a
 * channel without the app that waits for its rating gets the 回访期 instead (same deadline), so the sweep
 * no longer closes it unrated; app concerns and finished ones are left as they were.
 */
describe.each(TEST_DATABASES)('the 回访期 migration on a database with published replies, on %s', (kind) => {
  let db: TestDatabase;
  let sut: DataSource;
  const sql = (v: Date) => v.toISOString().slice(0, 23).replace('T', ' ');
  const due = new Date('2026-12-14T02:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const before = MIGRATIONS.filter((m) => m !== NoAppCallbackPeriod1795610000000);
    sut = new DataSource({ ...dataSourceOptions(loadConfig({ DATABASE_URL: db.url }).database), migrations: before });
    await sut.initialize();
    await sut.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await sut?.destroy();
    await db?.drop();
  });

  async function concern(fields: Record<string, unknown>): Promise<number> {
    const [compound] = await sut.query('SELECT id, street_id FROM compound ORDER BY id LIMIT 1');
    const [category] = await sut.query("SELECT id FROM category WHERE request_type = 'complaint' ORDER BY id LIMIT 1");
    const row: Record<string, unknown> = {
      street_id: compound.street_id,
      compound_id: compound.id,
      category_id: category.id,
      request_type: 'complaint',
      title: '迁移前已答复的诉求',
      description: '升级前答复已公开、等待评价的诉求。',
      photo_ids: '[]',
      version: 1,
      ...fields,
    };
    const columns = Object.keys(row);
    await sut.query(
      `INSERT INTO concern (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      columns.map((c) => (row[c] instanceof Date ? sql(row[c] as Date) : row[c])),
    );
    const [{ id }] = await sut.query('SELECT MAX(id) AS id FROM concern');
    return Number(id);
  }
  const dueKindOf = async (id: number) => (await sut.query('SELECT due_kind FROM concern WHERE id = ?', [id]))[0].due_kind as string | null;

  it('turns the running rating window of a concern without the app into its 回访期, and nothing else', async () => {
    const waiting = { status: 'awaiting_rating', due_kind: 'rating', due_at: due };
    const phone = await concern({ ...waiting, source: 'phone' });
    const partner = await concern({ ...waiting, source: 'open311' });
    const app = await concern({ ...waiting, source: 'miniapp' });
    const handling = await concern({ status: 'in_progress', due_kind: 'resolve', due_at: due, source: 'hotline' });

    // The upgrade: every migration, so only this one is left to run.
    const upgraded = new DataSource({ ...dataSourceOptions(loadConfig({ DATABASE_URL: db.url }).database), migrations: MIGRATIONS });
    await upgraded.initialize();
    try {
      expect((await upgraded.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['NoAppCallbackPeriod1795610000000']);
    } finally {
      await upgraded.destroy();
    }

    expect([await dueKindOf(phone), await dueKindOf(partner), await dueKindOf(app), await dueKindOf(handling)]).toEqual([
      'callback',
      'callback',
      'rating',
      'resolve',
    ]);
    const [row] = await sut.query('SELECT due_at FROM concern WHERE id = ?', [phone]);
    const dueAt = typeof row.due_at === 'string' ? new Date(`${row.due_at.replace(' ', 'T')}Z`) : (row.due_at as Date);
    expect(dueAt.toISOString()).toBe(due.toISOString());
  });
});
