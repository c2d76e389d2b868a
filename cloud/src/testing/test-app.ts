import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../create-app.js';
import { createTestDatabase, testConfig, type TestDatabase, type TestDatabaseKind } from './test-databases.js';

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The real service (migrations, modules, filters) on a throwaway database of the given kind. */
export async function startTestApp(kind: TestDatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase(kind);
  try {
    const app = await createApp(testConfig(db.url, env));
    await app.getHttpAdapter().getInstance().ready();
    return {
      app,
      db,
      close: async () => {
        await app.close();
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}
