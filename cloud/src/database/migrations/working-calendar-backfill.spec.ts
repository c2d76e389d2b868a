import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config.js';
import { createTestDatabase, TEST_DATABASES, type TestDatabase } from '../../testing/test-databases.js';
import { dataSourceOptions } from '../data-source-options.js';
import { MIGRATIONS } from './index.js';
import { WorkingCalendarAndDeadlineRules1795472000000 } from './1795472000000-WorkingCalendarAndDeadlineRules.js';

/*
 * The migration that makes the calendar data, run on a database that already holds open concerns:
 * each running clock gets the start it was counted from (taken from the concern and its timeline), so
 * the first calendar change after an upgrade recounts them exactly — and the calendar is seeded from
 * the package, year by year.
 */
describe.each(TEST_DATABASES)('the working-calendar migration on a database with open concerns, on %s', (kind) => {
  let db: TestDatabase;
  let sut: DataSource;
  const at = (s: string) => new Date(`${s}+08:00`);
  const sql = (v: Date) => v.toISOString().slice(0, 23).replace('T', ' ');

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const before = MIGRATIONS.filter((m) => m !== WorkingCalendarAndDeadlineRules1795472000000);
    sut = new DataSource({ ...dataSourceOptions(loadConfig({ DATABASE_URL: db.url }).database), migrations: before });
    await sut.initialize();
    await sut.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await sut?.destroy();
    await db?.drop();
  });

  /** A concern row as the previous schema held it, and its timeline. */
  async function concern(fields: Record<string, unknown>, events: Array<[action: string, at: Date]> = []): Promise<number> {
    const [street] = await sut.query('SELECT id FROM street ORDER BY id LIMIT 1');
    const [compound] = await sut.query('SELECT id FROM compound WHERE street_id = ? ORDER BY id LIMIT 1', [street.id]);
    const [category] = await sut.query("SELECT id FROM category WHERE request_type = 'complaint' ORDER BY id LIMIT 1");
    const row: Record<string, unknown> = {
      street_id: street.id,
      compound_id: compound.id,
      category_id: category.id,
      request_type: 'complaint',
      title: '迁移前的诉求',
      description: '升级前已在办理中的诉求。',
      photo_ids: '[]',
      source: 'miniapp',
      version: 1,
      ...fields,
    };
    const columns = Object.keys(row);
    await sut.query(
      `INSERT INTO concern (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      columns.map((c) => (row[c] instanceof Date ? sql(row[c] as Date) : row[c])),
    );
    const [{ id }] = await sut.query('SELECT MAX(id) AS id FROM concern');
    for (const [action, when] of events)
      await sut.query('INSERT INTO concern_event (concern_id, action, actor_role, to_status, created_at) VALUES (?, ?, ?, ?, ?)', [
        id,
        action,
        'dispatcher',
        'accepted',
        sql(when),
      ]);
    return Number(id);
  }

  const clocks = async (ds: DataSource, id: number) => {
    const [row] = await ds.query('SELECT due_from, resolve_from FROM concern WHERE id = ?', [id]);
    const instant = (v: unknown) =>
      v === null ? null : new Date(typeof v === 'string' ? `${v.replace(' ', 'T')}Z` : (v as Date)).toISOString();
    return { dueFrom: instant(row.due_from), resolveFrom: instant(row.resolve_from) };
  };

  it('gives every running clock the start it was counted from, and seeds the calendar', async () => {
    const submitted = await concern({
      status: 'submitted',
      due_kind: 'triage',
      due_at: at('2026-12-07T13:00'),
      created_at: at('2026-12-07T09:00'),
    });
    const accepted = await concern({ status: 'accepted', due_kind: 'dispatch', due_at: at('2026-12-07T17:30') }, [
      ['accept', at('2026-12-07T10:00')],
    ]);
    const signing = await concern({
      status: 'dispatched',
      due_kind: 'sign',
      dispatched_at: at('2026-12-07T11:00'),
      sign_due_at: at('2026-12-07T15:00'),
      resolve_due_at: at('2026-12-14T11:00'),
      due_at: at('2026-12-07T15:00'),
    });
    const reopened = await concern(
      {
        status: 'reopened',
        reopen_count: 1,
        due_kind: 'resolve',
        dispatched_at: at('2026-11-20T11:00'),
        resolve_due_at: at('2026-12-10T14:00'),
        due_at: at('2026-12-10T14:00'),
      },
      [
        ['reply', at('2026-11-25T10:00')],
        ['rate', at('2026-12-03T14:00')],
      ],
    );
    const replied = await concern(
      { status: 'replied', due_kind: 'review', dispatched_at: at('2026-11-30T09:00'), due_at: at('2026-12-08T16:00') },
      [['reply', at('2026-12-04T16:00')]],
    );

    // The upgrade: the service starts with every migration, the new one pending.
    const after = new DataSource({ ...sut.options, migrations: MIGRATIONS });
    await after.initialize();
    try {
      expect((await after.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual([
        'WorkingCalendarAndDeadlineRules1795472000000',
      ]);

      expect(await clocks(after, submitted)).toEqual({ dueFrom: at('2026-12-07T09:00').toISOString(), resolveFrom: null });
      expect(await clocks(after, accepted)).toEqual({ dueFrom: at('2026-12-07T10:00').toISOString(), resolveFrom: null });
      expect(await clocks(after, signing)).toEqual({
        dueFrom: at('2026-12-07T11:00').toISOString(),
        resolveFrom: at('2026-12-07T11:00').toISOString(),
      });
      // A reopen restarted the 办结 clock at the rating.
      expect(await clocks(after, reopened)).toEqual({
        dueFrom: at('2026-12-03T14:00').toISOString(),
        resolveFrom: at('2026-12-03T14:00').toISOString(),
      });
      expect(await clocks(after, replied)).toEqual({ dueFrom: at('2026-12-04T16:00').toISOString(), resolveFrom: null });

      const [years] = await after.query('SELECT COUNT(*) AS n, MIN(year) AS first, MAX(year) AS last FROM calendar_year');
      expect({ n: Number(years.n), first: Number(years.first), last: Number(years.last) }).toEqual({ n: 23, first: 2004, last: 2026 });
      const springFestival = await after.query(
        "SELECT date, kind, name FROM calendar_day WHERE date BETWEEN '2026-02-14' AND '2026-02-28' ORDER BY date",
      );
      expect(springFestival.map((d: { date: string; kind: string }) => `${d.date} ${d.kind}`)).toEqual([
        '2026-02-14 workday',
        ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((day) => `2026-02-${day} holiday`),
        '2026-02-28 workday',
      ]);
    } finally {
      await after.destroy();
    }
  });
});
