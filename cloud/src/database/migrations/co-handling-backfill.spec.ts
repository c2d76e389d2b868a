import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config.js';
import { createTestDatabase, TEST_DATABASES, type TestDatabase } from '../../testing/test-databases.js';
import { dataSourceOptions } from '../data-source-options.js';
import { CoHandlingAndStaffAlerts1795476000000 } from './1795476000000-CoHandlingAndStaffAlerts.js';
import { MIGRATIONS } from './index.js';

/*
 * The co-handling migration on a database that already holds dispatched concerns: each id of the old
 * JSON list `co_handler_ids` becomes a concern_co_handler row — waiting for its part while a department
 * holds the concern, waived otherwise (nobody asked for a part then) — and a sign-for deadline already
 * past is not chased after the upgrade. Undone, the list comes back.
 */
describe.each(TEST_DATABASES)('the co-handling migration on a database with dispatched concerns, on %s', (kind) => {
  let db: TestDatabase;
  let sut: DataSource;
  const sql = (v: Date) => v.toISOString().slice(0, 23).replace('T', ' ');
  const hour = 3_600_000;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const before = MIGRATIONS.filter((m) => m !== CoHandlingAndStaffAlerts1795476000000);
    sut = new DataSource({ ...dataSourceOptions(loadConfig({ DATABASE_URL: db.url }).database), migrations: before });
    await sut.initialize();
    await sut.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await sut?.destroy();
    await db?.drop();
  });

  const department = async (code: string) => Number((await sut.query('SELECT id FROM department WHERE code = ?', [code]))[0].id);

  /** A concern row as the previous schema held it. */
  async function concern(status: string, coHandlerIds: number[], signDueAt: Date): Promise<number> {
    const [street] = await sut.query("SELECT id FROM street WHERE code = 'xietu'");
    const [compound] = await sut.query('SELECT id FROM compound WHERE street_id = ? ORDER BY id LIMIT 1', [street.id]);
    const [category] = await sut.query("SELECT id FROM category WHERE request_type = 'complaint' ORDER BY id LIMIT 1");
    const row: Record<string, unknown> = {
      street_id: street.id,
      compound_id: compound.id,
      category_id: category.id,
      request_type: 'complaint',
      title: '迁移前的诉求',
      description: '升级前已派单的诉求。',
      photo_ids: '[]',
      co_handler_ids: JSON.stringify(coHandlerIds),
      source: 'miniapp',
      status,
      lead_department_id: await department('xietu-guanli'),
      dispatched_at: sql(new Date(signDueAt.getTime() - 4 * hour)),
      sign_due_at: sql(signDueAt),
      version: 1,
    };
    const columns = Object.keys(row);
    await sut.query(
      `INSERT INTO concern (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      columns.map((c) => row[c]),
    );
    return Number((await sut.query('SELECT MAX(id) AS id FROM concern'))[0].id);
  }

  it('turns every co-handler id into a row, waiting only where a department holds the concern, and back again when undone', async () => {
    const [chengguan, fangguanju] = [await department('xietu-chengguan'), await department('fangguanju')];
    const now = Date.now();
    const late = await concern('in_progress', [chengguan, fangguanju], new Date(now - 2 * hour));
    const running = await concern('dispatched', [chengguan], new Date(now + 2 * hour));
    const closed = await concern('closed', [chengguan], new Date(now - 200 * hour));
    const alone = await concern('in_progress', [], new Date(now + hour));

    const after = new DataSource({ ...sut.options, migrations: MIGRATIONS });
    await after.initialize();
    try {
      expect((await after.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['CoHandlingAndStaffAlerts1795476000000']);
      const rows = (await after.query(
        'SELECT concern_id, department_id, status, sign_due_at, sign_chased_at, sign_warned_at, waive_reason FROM concern_co_handler ORDER BY id',
      )) as Array<Record<string, unknown>>;
      const of = (id: number) =>
        rows
          .filter((r) => Number(r.concern_id) === id)
          .map((r) => ({
            department: Number(r.department_id),
            status: r.status,
            chased: r.sign_chased_at !== null,
            warned: r.sign_warned_at !== null,
            waiveReason: r.waive_reason,
          }));
      expect(of(late)).toEqual([
        { department: chengguan, status: 'pending', chased: true, warned: true, waiveReason: null },
        { department: fangguanju, status: 'pending', chased: true, warned: true, waiveReason: null },
      ]);
      expect(of(running)).toEqual([{ department: chengguan, status: 'pending', chased: false, warned: false, waiveReason: null }]);
      expect(of(closed)).toEqual([
        { department: chengguan, status: 'waived', chased: true, warned: true, waiveReason: '协办功能上线前已派单办理，未要求协办意见' },
      ]);
      expect(of(alone)).toEqual([]);
      expect((await after.query('SELECT * FROM concern WHERE id = ?', [late]))[0]).not.toHaveProperty('co_handler_ids');

      await after.undoLastMigration({ transaction: 'each' });
      const lists = (await after.query('SELECT id, co_handler_ids FROM concern ORDER BY id')) as Array<{
        id: number;
        co_handler_ids: string;
      }>;
      const list = (id: number) => JSON.parse(lists.find((c) => Number(c.id) === id)!.co_handler_ids) as number[];
      expect([list(late), list(running), list(closed), list(alone)]).toEqual([[chengguan, fangguanju], [chengguan], [chengguan], []]);
    } finally {
      await after.destroy();
    }
  });
});
