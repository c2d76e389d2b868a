import { DataSource } from 'typeorm';
import { call, concernAt, directoryIds, staffSession, type Caller, type WalkCrew } from '../testing/concern-fixtures.js';
import { createResident } from '../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { TEST_DATABASES } from '../testing/test-databases.js';
import { ConcernEvent } from '../modules/concerns/concern-event.entity.js';
import { entityRows, readRaw } from './plain-rows.js';

/*
 * The details read their rows with hand-written SQL (plain-rows.ts). They must come back exactly as
 * TypeORM's own find() gives them — dates, booleans, JSON, nulls — on both databases, or the details
 * would change under their readers. Every table the loop has written to is read both ways and compared.
 */
describe.each(TEST_DATABASES)('plain rows on %s', (kind) => {
  let sut: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    ds = sut.app.get(DataSource);
    const ids = await directoryIds(sut.app);
    const resident: Caller = await createResident(sut.app, '王阿姨');
    const crew: WalkCrew = {
      resident,
      dispatcher: await staffSession(sut.app, 'dispatcher.xietu', 'dispatcher', 'xietu'),
      handler: await staffSession(sut.app, 'handler.xietu-guanli', 'handler', 'xietu-guanli'),
      departmentId: ids.department('xietu-guanli'),
    };
    // Concerns in several stages: ratings, reopenings, extensions, rejections and a follower between them.
    await concernAt(sut.app, 'closed', crew);
    await concernAt(sut.app, 'reopened', crew);
    await concernAt(sut.app, 'extension_pending', crew);
    await concernAt(sut.app, 'rejected', crew);
    const followed = await concernAt(sut.app, 'in_progress', crew);
    const follower = await createResident(sut.app, '赵先生');
    expect(
      (
        await call(sut.app, 'POST', `/api/v1/concerns/${followed.id}/follow`, follower, {
          compoundId: ids.compound('xietu-hengyi'),
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('reads every written table exactly as find() does', async () => {
    let compared = 0;
    for (const metadata of ds.entityMetadatas) {
      if (metadata.tableType !== 'regular' || metadata.primaryColumns.length !== 1) continue;
      const key = metadata.primaryColumns[0]!;
      const byFind = await ds.getRepository(metadata.target).find({ order: { [key.propertyName]: 'ASC' } });
      if (byFind.length === 0) continue;
      const rows = entityRows(ds.manager, metadata.target);
      const plain = await rows.read(`SELECT ${rows.columns('t')} FROM ${metadata.tableName} t ORDER BY t.${key.databaseName}`);
      expect({ table: metadata.tableName, rows: plain }).toEqual({ table: metadata.tableName, rows: byFind });
      compared += 1;
    }
    // The directory, the accounts, the concerns with their events and followers, notifications, audit …
    expect(compared).toBeGreaterThanOrEqual(15);
  });

  it('reads entities of the entity class, with only the columns asked for', async () => {
    const rows = entityRows(ds.manager, ConcernEvent);
    const events = await rows.read(
      `SELECT ${rows.columns('e', ['id', 'action', 'createdAt'])} FROM concern_event e WHERE e.action IN (:...actions) ORDER BY e.id`,
      { actions: ['submit', 'rate'] },
    );
    expect(events.length).toBeGreaterThan(5);
    expect(events[0]).toBeInstanceOf(ConcernEvent);
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(['submit', 'rate']));
    expect(Object.keys(events[0]!).sort()).toEqual(['action', 'createdAt', 'id']);
    expect(events[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('binds booleans as 1 and 0, and leaves a quoted colon alone', async () => {
    const [row] = await readRaw<{ yes: number; no: number; text: string }>(ds.manager, "SELECT :yes AS yes, :no AS no, 'a:b' AS text", {
      yes: true,
      no: false,
    });
    expect({ yes: Number(row!.yes), no: Number(row!.no), text: row!.text }).toEqual({ yes: 1, no: 0, text: 'a:b' });
  });

  it('refuses a parameter with no value, and an empty list, before asking the database', async () => {
    await expect(readRaw(ds.manager, 'SELECT :missing AS x')).rejects.toThrow(':missing has no value');
    await expect(readRaw(ds.manager, 'SELECT 1 AS x WHERE 1 IN (:...none)', { none: [] })).rejects.toThrow('non-empty list');
  });
});
