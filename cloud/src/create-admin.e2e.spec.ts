import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { runCommand } from './cli.js';
import { createApp } from './create-app.js';
import { AuditLog } from './modules/audit/audit-log.entity.js';
import { StaffAccount } from './modules/auth/staff-account.entity.js';
import { call } from './testing/concern-fixtures.js';
import { createTestDatabase, testConfig, TEST_DATABASES, type TestDatabase } from './testing/test-databases.js';

/**
 * `manyi create-admin`: a deployment outside demo mode has no account anyone can sign in with; the
 * operator makes the first admin from the command line, with a temporary password printed once.
 */
describe.each(TEST_DATABASES)('manyi create-admin on %s', (kind) => {
  let db: TestDatabase;
  let dataDir: string;
  let app: NestFastifyApplication | undefined;
  let env: NodeJS.ProcessEnv;
  const run = async (...args: string[]) => {
    let out = '';
    await runCommand(args, env, (text) => (out += text));
    return out;
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    dataDir = mkdtempSync(join(tmpdir(), 'manyi-create-admin-'));
    const config = testConfig(db.url);
    env = {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      MANYI_DEMO: '0',
      MANYI_DATA_DIR: dataDir,
      MANYI_TOKEN_SECRET: config.tokenSecret!,
      MANYI_DATA_KEY: config.dataKey!,
    };
  });
  afterAll(async () => {
    await app?.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses before the schema is migrated, and creates nothing', async () => {
    await expect(run('create-admin', 'root.admin')).rejects.toThrow(/migrations are pending: run `manyi migrate` first/);
  });

  it('creates an admin whose printed temporary password signs in, and must be changed first', async () => {
    await run('migrate');
    const out = await run('create-admin', 'root.admin', '区信息中心 管理员');
    const password = /temporary password: (\S+)/.exec(out)?.[1];
    expect(password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[A-Za-z0-9]{14}$/);

    app = await createApp(testConfig(db.url));
    const signedIn = await call(app, 'POST', '/api/v1/auth/staff/login', null, { username: 'root.admin', password });
    expect(signedIn.status).toBe(200);
    const account = await app.get(DataSource).getRepository(StaffAccount).findOneByOrFail({ username: 'root.admin' });
    expect(account).toMatchObject({ role: 'admin', displayName: '区信息中心 管理员', mustChangePassword: true, hasDemoPassword: false });
    const audit = await app.get(DataSource).getRepository(AuditLog).findOneByOrFail({ action: 'staff.create', targetId: account.id });
    expect(audit).toMatchObject({ actorKind: 'system', actorId: null });
    expect(JSON.stringify(audit.detail)).not.toContain(password!);
  });

  it('refuses a taken username and a malformed one with the admin page’s messages, adding no account', async () => {
    const accounts = () => app!.get(DataSource).getRepository(StaffAccount).count();
    const before = await accounts();
    await expect(run('create-admin', 'root.admin')).rejects.toThrow('用户名「root.admin」已被使用');
    await expect(run('create-admin', '1-not-a-name')).rejects.toThrow(/^create-admin: 用户名为 3 至 40 位小写字母/);
    await expect(run('create-admin')).rejects.toThrow(/manyi create-admin <username> \[display name\]/);
    expect(await accounts()).toBe(before);
  });
});
