import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { NewsArticle } from '../modules/news/news-article.entity.js';
import { Street } from '../modules/directory/street.entity.js';
import { createTestDatabase, TEST_DATABASES, type TestDatabase } from '../testing/test-databases.js';
import { dataSourceOptions } from './data-source-options.js';
import { MIGRATIONS } from './migrations/index.js';

describe.each(TEST_DATABASES)('the schema on %s', (kind) => {
  let db: TestDatabase;
  let sut: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    sut = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: db.url }).database));
    await sut.initialize();
    await sut.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await sut?.destroy();
    await db?.drop();
  });

  it('is created from empty by the migrations alone, matching the entities exactly', async () => {
    expect(sut.options.synchronize).toBe(false);
    const pending = await sut.driver.createSchemaBuilder().log();
    // Any query here is a difference between entities and migrations that `migration:generate` would write.
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('round-trips Chinese text and emoji', async () => {
    const xietu = await sut.getRepository(Street).findOneByOrFail({ code: 'xietu' });
    const repo = sut.getRepository(NewsArticle);
    const saved = await repo.save(
      repo.create({
        streetId: xietu.id,
        title: '梧桐树叶 🍂',
        body: [{ type: 'paragraph', text: '落叶 🍂 清扫' }],
        source: '测试',
        status: 'draft',
        publishedAt: null,
      }),
    );
    const read = await repo.findOneByOrFail({ id: saved.id });
    expect(read.title).toBe('梧桐树叶 🍂');
    expect(read.body).toEqual([{ type: 'paragraph', text: '落叶 🍂 清扫' }]);
  });

  it('keeps milliseconds and UTC in datetimes', async () => {
    const xietu = await sut.getRepository(Street).findOneByOrFail({ code: 'xietu' });
    const repo = sut.getRepository(NewsArticle);
    const publishedAt = new Date('2026-11-23T01:02:03.456Z');
    const saved = await repo.save(
      repo.create({ streetId: xietu.id, title: '时间', body: [], source: null, status: 'published', publishedAt }),
    );
    expect((await repo.findOneByOrFail({ id: saved.id })).publishedAt?.toISOString()).toBe('2026-11-23T01:02:03.456Z');
  });

  it('undoes every migration and applies them again', async () => {
    await sut.getRepository(NewsArticle).clear();
    for (let i = 0; i < MIGRATIONS.length; i++) await sut.undoLastMigration({ transaction: 'each' });
    expect(await sut.createQueryRunner().hasTable('street')).toBe(false);
    await sut.runMigrations({ transaction: 'each' });
    expect(await sut.getRepository(Street).count()).toBe(13);
  });
});
