import { DataSource, type AfterQueryEvent, type EntitySubscriberInterface } from 'typeorm';
import { InvalidationBus } from '../../common/cache/invalidation-bus.js';
import type { AppConfig } from '../../config/app-config.js';
import { createResident, createStaff, TEST_PASSWORD } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { Street } from '../directory/street.entity.js';
import { AccountStateCache } from './account-state.js';
import { Resident } from './resident.entity.js';
import { StaffAccount } from './staff-account.entity.js';

/*
 * The guard keeps the account states it checks in memory (AccountStateCache); every write to
 * staff_account or resident clears them after it commits. These tests hold it to "revocation at once":
 * repeated checks cost no query, each write path ends or changes the sessions at the next request,
 * and a read that began before a write never puts the old state back.
 */

/** Counts the SELECTs each account table receives, as the database sees them. */
class AccountReads implements EntitySubscriberInterface {
  staff = 0;
  resident = 0;
  afterQuery(event: AfterQueryEvent): void {
    if (!/^\s*SELECT/i.test(event.query)) return;
    if (/FROM [`"]staff_account[`"]/i.test(event.query)) this.staff += 1;
    if (/FROM [`"]resident[`"]/i.test(event.query)) this.resident += 1;
  }
}

describe.each(TEST_DATABASES)('the account check on %s', (kind) => {
  let sut: TestApp;
  let reads: AccountReads;
  let admin: string;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    reads = new AccountReads();
    sut.app.get(DataSource).subscribers.push(reads);
    admin = (await createStaff(sut.app, `admin.${kind}`, 'admin')).authorization;
  });
  afterAll(async () => {
    await sut?.close();
  });

  const whoami = (authorization: string) => sut.app.inject({ method: 'GET', url: '/api/v1/admin/whoami', headers: { authorization } });
  const me = (authorization: string) => sut.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });

  it('answers repeated checks of one session without a query', async () => {
    const staff = await createStaff(sut.app, 'supervisor.cached', 'supervisor');
    const resident = await createResident(sut.app, '常来的居民');
    expect((await whoami(staff.authorization)).statusCode).toBe(200);
    expect((await me(resident.authorization)).statusCode).toBe(200);
    const before = { staff: reads.staff, resident: reads.resident };
    for (let i = 0; i < 5; i++) expect((await whoami(staff.authorization)).statusCode).toBe(200);
    // GET /me reads the resident's profile itself, so only the guard's own reads are asked to vanish: one per request.
    for (let i = 0; i < 5; i++) expect((await me(resident.authorization)).statusCode).toBe(200);
    expect(reads.staff - before.staff).toBe(0);
    expect(reads.resident - before.resident).toBe(5);
  });

  it('ends the sessions of a disabled account at the next request, and lets them back in when enabled', async () => {
    const staff = await createStaff(sut.app, 'dispatcher.disabled', 'dispatcher', 'xietu');
    expect((await whoami(staff.authorization)).statusCode).toBe(200);
    const disable = await sut.app.inject({
      method: 'POST',
      url: `/api/v1/admin/staff/${staff.id}/disable`,
      headers: { authorization: admin },
    });
    expect(disable.statusCode).toBe(200);
    expect((await whoami(staff.authorization)).statusCode).toBe(401);
    const enable = await sut.app.inject({
      method: 'POST',
      url: `/api/v1/admin/staff/${staff.id}/enable`,
      headers: { authorization: admin },
    });
    expect(enable.statusCode).toBe(200);
    expect((await whoami(staff.authorization)).statusCode).toBe(200);
  });

  it('ends every other session when the password changes, and the new token works at once', async () => {
    const staff = await createStaff(sut.app, 'editor.password', 'editor', 'fenglin');
    expect((await whoami(staff.authorization)).statusCode).toBe(200);
    const change = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff/password',
      headers: { authorization: staff.authorization },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-Password-2026' },
    });
    expect(change.statusCode).toBe(200);
    expect((await whoami(staff.authorization)).statusCode).toBe(401);
    expect((await whoami(`Bearer ${(change.json() as { token: string }).token}`)).statusCode).toBe(200);
  });

  it('acts with the new role and scope at the next request', async () => {
    const staff = await createStaff(sut.app, 'dispatcher.moved', 'dispatcher', 'xietu');
    const streets = sut.app.get(DataSource).getRepository(Street);
    const [xietu, fenglin] = [await streets.findOneByOrFail({ code: 'xietu' }), await streets.findOneByOrFail({ code: 'fenglin' })];
    expect((await whoami(staff.authorization)).json()).toMatchObject({ role: 'dispatcher', streetId: xietu.id });
    const move = await sut.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/staff/${staff.id}`,
      headers: { authorization: admin },
      payload: { role: 'editor', streetId: fenglin.id, departmentId: null },
    });
    expect(move.statusCode).toBe(200);
    expect((await whoami(staff.authorization)).json()).toMatchObject({ role: 'editor', streetId: fenglin.id });
  });

  it('ends every session of a resident who deleted their account', async () => {
    const resident = await createResident(sut.app, '要注销的居民');
    const other = await sut.app.inject({ method: 'POST', url: '/api/v1/auth/preview/login', payload: { nickname: '要注销的居民' } });
    expect((await me(resident.authorization)).statusCode).toBe(200);
    const removed = await sut.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: { authorization: resident.authorization } });
    expect(removed.statusCode).toBe(204);
    expect((await me(resident.authorization)).statusCode).toBe(401);
    // A second session of someone else stays in: only the deleted account was forgotten.
    expect((await me(`Bearer ${(other.json() as { token: string }).token}`)).statusCode).toBe(200);
  });

  it('sees a write made directly through the repository, inside or outside a transaction', async () => {
    const inside = await createStaff(sut.app, 'handler.tx', 'handler', 'fangguanju');
    const outside = await createResident(sut.app, '直接写入的居民');
    expect((await whoami(inside.authorization)).statusCode).toBe(200);
    expect((await me(outside.authorization)).statusCode).toBe(200);
    await sut.app.get(DataSource).transaction(async (em) => {
      await em.update(StaffAccount, { id: inside.id }, { disabled: true });
      // Not committed yet: on MariaDB (a pool, real isolation) another caller still reads the account as
      // it was, and keeps that state until the commit clears it. SQLite's one connection has no other caller.
      if (kind === 'mariadb') expect((await whoami(inside.authorization)).statusCode).toBe(200);
    });
    expect((await whoami(inside.authorization)).statusCode).toBe(401);
    await sut.app.get(DataSource).getRepository(Resident).update({ id: outside.id }, { deletedAt: new Date() });
    expect((await me(outside.authorization)).statusCode).toBe(401);
  });

  it('keeps the state of a write that rolled back', async () => {
    const staff = await createStaff(sut.app, 'handler.rollback', 'handler', 'fangguanju');
    expect((await whoami(staff.authorization)).statusCode).toBe(200);
    await expect(
      sut.app.get(DataSource).transaction(async (em) => {
        await em.update(StaffAccount, { id: staff.id }, { disabled: true });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await whoami(staff.authorization)).statusCode).toBe(200);
  });

  it('never keeps a state read before a write that committed while the read was under way', async () => {
    const staff = await createStaff(sut.app, 'supervisor.race', 'supervisor');
    const ds = sut.app.get(DataSource);
    const repo = ds.getRepository(StaffAccount);
    // Forget it, so the next check reads the row; hold that read until the account is disabled.
    await sut.app.get(AccountStateCache).invalidate('staff', staff.id);
    const findOne = repo.findOne;
    let readDone!: () => void;
    const read = new Promise<void>((resolve) => (readDone = resolve));
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    let held = false;
    repo.findOne = async function (this: typeof repo, options) {
      const row = await findOne.call(this, options);
      if (held) return row;
      held = true;
      readDone();
      await gate;
      return row;
    } as typeof repo.findOne;
    try {
      const slow = whoami(staff.authorization);
      await read;
      await repo.update({ id: staff.id }, { disabled: true });
      letGo();
      // The slow check began before the write: it may answer from what it read …
      expect((await slow).statusCode).toBe(200);
      // … but must not have kept it.
      expect((await whoami(staff.authorization)).statusCode).toBe(401);
    } finally {
      repo.findOne = findOne;
    }
  });
});

describe('AccountStateCache', () => {
  const cache = () => new AccountStateCache(new InvalidationBus(null, { redisPrefix: 'manyi-t' } as AppConfig));
  const state = (id: number) => ({ id, deleted: false });

  it('keeps a state read under the current generation and forgets only the account cleared', async () => {
    const accounts = cache();
    accounts.set('resident', state(1), accounts.generation('resident'));
    accounts.set('resident', state(2), accounts.generation('resident'));
    await accounts.invalidate('resident', 1);
    expect(accounts.get('resident', 1)).toBeUndefined();
    expect(accounts.get('resident', 2)).toEqual(state(2));
    await accounts.invalidate('resident');
    expect(accounts.get('resident', 2)).toBeUndefined();
  });

  it('does not keep a state whose read began before a clearing, of that account or another', async () => {
    const accounts = cache();
    const readUnder = accounts.generation('resident');
    await accounts.invalidate('resident', 7);
    accounts.set('resident', state(3), readUnder);
    expect(accounts.get('resident', 3)).toBeUndefined();
  });

  it('keeps staff and residents apart', async () => {
    const accounts = cache();
    accounts.set('resident', state(5), accounts.generation('resident'));
    await accounts.invalidate('staff');
    expect(accounts.get('resident', 5)).toEqual(state(5));
  });
});
