import { createApp } from '../create-app.js';
import { PasswordHasher } from '../modules/auth/password-hasher.js';
import { StaffAccount } from '../modules/auth/staff-account.entity.js';
import { NewsArticle } from '../modules/news/news-article.entity.js';
import { Visit } from '../modules/visits/visit.entity.js';
import { createTestDatabase, TEST_DATABASES, testConfig } from '../testing/test-databases.js';
import { DataSource } from 'typeorm';
import { DemoSeeder } from './demo.seeder.js';

describe.each(TEST_DATABASES)(`${DemoSeeder.name} on %s`, (kind) => {
  it('seeds demo accounts, articles and upcoming visits once, however often the service starts', async () => {
    const db = await createTestDatabase(kind);
    try {
      const first = await createApp(testConfig(db.url, { MANYI_DEMO: '1', MANYI_DEMO_PASSWORD: 'demo-password-1' }));
      const ds = first.get(DataSource);
      const counts = async () => ({
        accounts: await ds.getRepository(StaffAccount).count(),
        articles: await ds.getRepository(NewsArticle).count(),
        visits: await ds.getRepository(Visit).count(),
      });
      const afterFirst = await counts();
      const usernames = (await ds.getRepository(StaffAccount).find()).map((a) => a.username);
      expect(usernames).toEqual(
        expect.arrayContaining(['admin', 'supervisor', 'dispatcher.xietu', 'editor.fenglin', 'handler.xietu-guanli', 'handler.fangguanju']),
      );
      expect(afterFirst.articles).toBeGreaterThanOrEqual(3);
      expect(afterFirst.visits).toBeGreaterThanOrEqual(2);

      const articles = await ds.getRepository(NewsArticle).find();
      expect(articles.every((a) => a.isDemo && a.title.includes('演示'))).toBe(true);
      const visits = await ds.getRepository(Visit).find();
      expect(visits.every((v) => v.isDemo && v.startsAt.getTime() > Date.now())).toBe(true);

      const dispatcher = await ds.getRepository(StaffAccount).findOneByOrFail({ username: 'dispatcher.xietu' });
      expect(dispatcher.passwordHash).not.toContain('demo-password-1');
      expect(await new PasswordHasher().verify(dispatcher.passwordHash, 'demo-password-1')).toBe(true);
      expect(dispatcher).toMatchObject({ role: 'dispatcher', hasDemoPassword: true, disabled: false });
      await first.close();

      const second = await createApp(testConfig(db.url, { MANYI_DEMO: '1', MANYI_DEMO_PASSWORD: 'demo-password-1' }));
      const ds2 = second.get(DataSource);
      expect({
        accounts: await ds2.getRepository(StaffAccount).count(),
        articles: await ds2.getRepository(NewsArticle).count(),
        visits: await ds2.getRepository(Visit).count(),
      }).toEqual(afterFirst);
      await second.close();

      // Demo mode off on the same database: the demo password still opens accounts, so the service refuses to start.
      await expect(createApp(testConfig(db.url, { MANYI_DEMO: '0' }))).rejects.toThrow(/demo password while demo mode is off/);
    } finally {
      await db.drop();
    }
  }, 180_000); // three starts, the first seeding the lived-in district (~300 concerns through the workflow): slow on MariaDB on a busy machine

  it('seeds nothing outside demo mode', async () => {
    const db = await createTestDatabase(kind);
    try {
      const app = await createApp(testConfig(db.url, { MANYI_DEMO: '0' }));
      const ds = app.get(DataSource);
      expect(await ds.getRepository(StaffAccount).count()).toBe(0);
      expect(await ds.getRepository(NewsArticle).count()).toBe(0);
      await app.close();
    } finally {
      await db.drop();
    }
  });
});
