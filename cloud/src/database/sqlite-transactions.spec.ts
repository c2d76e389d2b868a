import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { Resident } from '../modules/auth/resident.entity.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-databases.js';
import { dataSourceOptions } from './data-source-options.js';
import { serializeSqliteTransactions } from './sqlite-transactions.js';

describe(serializeSqliteTransactions.name, () => {
  let db: TestDatabase;
  let sut: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    sut = serializeSqliteTransactions(await new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: db.url }).database)).initialize());
    await sut.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await sut?.destroy();
    await db?.drop();
  });

  const resident = (nickname: string) => ({ openid: null, unionid: null, nickname, isPreview: true, deletedAt: null });
  const names = async () => (await sut.getRepository(Resident).find({ order: { id: 'ASC' } })).map((r) => r.nickname);
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('keeps a committed transaction when another one running at the same time rolls back', async () => {
    const failing = sut.transaction(async (em) => {
      await em.save(Resident, resident('rolled-back'));
      await tick();
      throw new Error('boom');
    });
    const committing = sut.transaction(async (em) => {
      await em.save(Resident, resident('committed'));
      await tick();
    });
    await expect(failing).rejects.toThrow('boom');
    await committing;
    expect(await names()).toEqual(['committed']);
  });

  it('keeps an acknowledged save made outside any transaction while another transaction rolls back', async () => {
    await sut.getRepository(Resident).clear();
    const failing = sut.transaction(async (em) => {
      await em.save(Resident, resident('rolled-back'));
      await tick();
      await tick();
      throw new Error('boom');
    });
    await tick();
    const saved = sut.getRepository(Resident).save(sut.getRepository(Resident).create(resident('saved on its own')));
    await expect(failing).rejects.toThrow('boom');
    await saved;
    expect(await names()).toEqual(['saved on its own']);
  });

  it('lets a transaction nest its own transactions and saves without waiting on itself', async () => {
    await sut.getRepository(Resident).clear();
    await sut.transaction(async (em) => {
      await em.save(Resident, resident('outer'));
      await em.transaction(async (inner) => inner.save(Resident, resident('inner')));
      await sut.getRepository(Resident).manager.transaction(async (again) => again.save(Resident, resident('again')));
    });
    expect(await names()).toEqual(['outer', 'inner', 'again']);
  });
});
