import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { generate } from 'otplib';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { createStaff, TEST_PASSWORD } from '../../testing/staff-fixtures.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { FREE_LOGIN_FAILURES, FIRST_LOGIN_DELAY_SECONDS, LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { StaffAccount } from './staff-account.entity.js';

type ErrorAnswer = { error: { code: string; message: string; details?: unknown } };
const errorOf = (res: { json(): unknown }) => (res.json() as ErrorAnswer).error;
const NEW_PASSWORD = 'Quiet-River-2026';

describe.each(TEST_DATABASES)('staff login hardening on %s', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind);
  });
  afterAll(async () => {
    await sut?.close();
  });

  const login = (username: string, password: string, remoteAddress = '10.9.0.1', extra: Record<string, string> = {}) =>
    sut.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username, password, ...extra }, remoteAddress });
  const audit = (action: string) =>
    sut.app
      .get(DataSource)
      .getRepository(AuditLog)
      .find({ where: { action }, order: { id: 'ASC' } });
  const whoami = (authorization: string) => sut.app.inject({ method: 'GET', url: '/api/v1/admin/whoami', headers: { authorization } });
  const changePassword = (authorization: string, currentPassword: string, newPassword: string) =>
    sut.app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff/password',
      headers: { authorization },
      payload: { currentPassword, newPassword },
    });

  describe('item 2: the failure count is atomic', () => {
    it('lets no more than the free attempts through 20 parallel wrong guesses, so the right password then waits too', async () => {
      await createStaff(sut.app, 'race.target', 'dispatcher', 'xietu');
      const answers = await Promise.all(Array.from({ length: 20 }, () => login('race.target', 'wrong-password', '10.9.2.1')));
      const statuses = answers.map((a) => a.statusCode);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(FREE_LOGIN_FAILURES);
      expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
      const right = await login('race.target', TEST_PASSWORD, '10.9.2.1');
      expect(right.statusCode).toBe(429);
      expect(errorOf(right).code).toBe('LOGIN_THROTTLED');
    });
  });

  describe('item 3: a growing delay per username and address, the same answer for unknown accounts', () => {
    it('answers a known and an unknown username alike once throttled: 429, the same body, Retry-After', async () => {
      await createStaff(sut.app, 'known.user', 'editor', 'fenglin');
      for (let i = 0; i < FREE_LOGIN_FAILURES; i++) {
        const known = await login('known.user', 'wrong-password', '10.9.3.1');
        const unknown = await login('unknown.user', 'wrong-password', '10.9.3.1');
        expect([known.statusCode, unknown.statusCode]).toEqual([401, 401]);
        expect(errorOf(known)).toEqual(errorOf(unknown));
      }
      const known = await login('known.user', TEST_PASSWORD, '10.9.3.1');
      const unknown = await login('unknown.user', 'wrong-password', '10.9.3.1');
      expect([known.statusCode, unknown.statusCode]).toEqual([429, 429]);
      // The two were throttled and asked a moment apart; on a loaded machine that moment can cross a
      // second, so the seconds to wait may differ by one — everything else must be the same.
      const seconds = /（(\d+) 秒后）/;
      const withoutSeconds = (e: { code: string; message: string }) => ({ ...e, message: e.message.replace(seconds, '（N 秒后）') });
      expect(withoutSeconds(errorOf(known))).toEqual(withoutSeconds(errorOf(unknown)));
      expect(errorOf(known).code).toBe('LOGIN_THROTTLED');
      expect(errorOf(known).message).toMatch(seconds);
      expect(Number(known.headers['retry-after'])).toBeGreaterThan(0);
      expect(Math.abs(Number(known.headers['retry-after']) - Number(unknown.headers['retry-after']))).toBeLessThanOrEqual(1);
    });

    it('does not let guesses from one address keep the staff member out from their own', async () => {
      await createStaff(sut.app, 'weapon.target', 'handler', 'fangguanju');
      for (let i = 0; i < FREE_LOGIN_FAILURES + 3; i++) await login('weapon.target', 'wrong-password', '10.9.4.66');
      expect((await login('weapon.target', TEST_PASSWORD, '10.9.4.66')).statusCode).toBe(429);
      const own = await login('weapon.target', TEST_PASSWORD, '10.9.4.1');
      expect(own.statusCode).toBe(200);
    });

    it('runs the password hash once for an unknown username as for a known one (no timing shortcut)', async () => {
      await createStaff(sut.app, 'timing.user', 'editor', 'fenglin');
      const verify = jest.spyOn(sut.app.get(PasswordHasher), 'verify');
      try {
        await login('timing.user', 'wrong-password', '10.9.5.1');
        const known = verify.mock.calls.length;
        await login('timing.nobody', 'wrong-password', '10.9.5.1');
        expect([known, verify.mock.calls.length - known]).toEqual([1, 1]);
      } finally {
        verify.mockRestore();
      }
    });

    it('grows the wait: after the free attempts 15 s, then twice as long after each further failure', async () => {
      const throttle = sut.app.get(LoginThrottleService);
      const t0 = new Date('2030-01-01T00:00:00Z');
      const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
      for (let i = 0; i < FREE_LOGIN_FAILURES; i++) expect(await throttle.claim('delay.user', '10.9.6.1', t0)).toEqual({ allowed: true });
      expect(await throttle.claim('delay.user', '10.9.6.1', at(1))).toEqual({
        allowed: false,
        retryAfterSeconds: FIRST_LOGIN_DELAY_SECONDS - 1,
      });
      expect(await throttle.claim('delay.user', '10.9.6.1', at(FIRST_LOGIN_DELAY_SECONDS))).toEqual({ allowed: true });
      expect(await throttle.claim('delay.user', '10.9.6.1', at(FIRST_LOGIN_DELAY_SECONDS + 1))).toEqual({
        allowed: false,
        retryAfterSeconds: 2 * FIRST_LOGIN_DELAY_SECONDS - 1,
      });
      // Another address and another username are not held up.
      expect(await throttle.claim('delay.user', '10.9.6.2', at(1))).toEqual({ allowed: true });
      expect(await throttle.claim('delay.other', '10.9.6.1', at(1))).toEqual({ allowed: true });
    });

    it('records staff logins in the audit log: success, failure and throttled', async () => {
      const { id } = await createStaff(sut.app, 'audited.user', 'supervisor');
      await login('audited.user', 'wrong-password', '10.9.7.1');
      for (let i = 0; i < FREE_LOGIN_FAILURES; i++) await login('audited.user', 'wrong-password', '10.9.7.2');
      await login('audited.user', 'wrong-password', '10.9.7.2');
      await login('audited.user', TEST_PASSWORD, '10.9.7.1');
      const mine = (rows: AuditLog[]) => rows.filter((r) => r.targetId === id);
      expect(mine(await audit('auth.login-failed')).length).toBe(1 + FREE_LOGIN_FAILURES);
      expect(mine(await audit('auth.login-throttled'))).toHaveLength(1);
      const success = mine(await audit('auth.login')).at(-1)!;
      expect(success).toMatchObject({ actorKind: 'staff', actorId: id, detail: { address: '10.9.7.1' } });
    });
  });

  describe('item 6: staff passwords', () => {
    it('changes the own password with the current one, ends every other session and keeps the caller signed in', async () => {
      const { authorization } = await createStaff(sut.app, 'changer.one', 'dispatcher', 'xietu');
      const other = await login('changer.one', TEST_PASSWORD, '10.9.8.2');
      const res = await changePassword(authorization, TEST_PASSWORD, NEW_PASSWORD);
      expect(res.statusCode).toBe(200);
      const fresh = res.json() as { token: string; passwordChange: null };
      expect(fresh.passwordChange).toBeNull();
      expect((await whoami(authorization)).statusCode).toBe(401);
      expect((await whoami(`Bearer ${(other.json() as { token: string }).token}`)).statusCode).toBe(401);
      expect((await whoami(`Bearer ${fresh.token}`)).statusCode).toBe(200);
      expect((await login('changer.one', TEST_PASSWORD, '10.9.8.3')).statusCode).toBe(401);
      expect((await login('changer.one', NEW_PASSWORD, '10.9.8.3')).statusCode).toBe(200);
      const [row] = (await audit('auth.password-change')).filter((r) => r.detail?.username === 'changer.one');
      expect(row).toBeDefined();
    });

    it('refuses a wrong current password and a new one against the rules with 400 on the field, changing nothing', async () => {
      const { authorization } = await createStaff(sut.app, 'rules.user', 'editor', 'fenglin');
      const cases: Array<[string, string, string, RegExp]> = [
        ['wrong-current', NEW_PASSWORD, 'currentPassword', /当前密码错误/],
        [TEST_PASSWORD, 'Sh0rt!', 'newPassword', /至少 12 位/],
        [TEST_PASSWORD, 'alllowercaseletters', 'newPassword', /至少三类/],
        [TEST_PASSWORD, 'Rules.User-2026x', 'newPassword', /不能包含用户名/],
        [TEST_PASSWORD, TEST_PASSWORD, 'newPassword', /./],
      ];
      for (const [currentPassword, newPassword, field, message] of cases) {
        const res = await changePassword(authorization, currentPassword, newPassword);
        expect(res.statusCode).toBe(400);
        const error = errorOf(res);
        expect(error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(error.message).toMatch(message);
        expect(JSON.stringify(error.details)).toContain(field);
      }
      expect((await whoami(authorization)).statusCode).toBe(200);
    });

    it('refuses the current password and the last five before it', async () => {
      const { authorization } = await createStaff(sut.app, 'history.user', 'editor', 'fenglin');
      const passwords = [TEST_PASSWORD, 'History-Pass-01', 'History-Pass-02'];
      let bearer = authorization;
      for (let i = 1; i < passwords.length; i++) {
        const res = await changePassword(bearer, passwords[i - 1]!, passwords[i]!);
        expect(res.statusCode).toBe(200);
        bearer = `Bearer ${(res.json() as { token: string }).token}`;
      }
      const back = await changePassword(bearer, 'History-Pass-02', 'History-Pass-01');
      expect([back.statusCode, errorOf(back).code]).toEqual([400, 'PASSWORD_REUSED']);
      const current = await changePassword(bearer, 'History-Pass-02', 'History-Pass-02');
      expect(errorOf(current).code).toBe('PASSWORD_REUSED');
    });

    it('lets the session of a temporary password do nothing but change it', async () => {
      const admin = await createStaff(sut.app, 'temp.admin', 'admin');
      const created = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/admin/staff',
        headers: { authorization: admin.authorization },
        payload: { username: 'temp.newcomer', displayName: '新同事', role: 'supervisor' },
      });
      expect(created.statusCode).toBe(201);
      const temporary = (created.json() as { temporaryPassword: string }).temporaryPassword;
      const signedIn = await login('temp.newcomer', temporary, '10.9.9.1');
      expect(signedIn.statusCode).toBe(200);
      const session = signedIn.json() as { token: string; passwordChange: string };
      expect(session.passwordChange).toBe('temporary');
      const blocked = await whoami(`Bearer ${session.token}`);
      expect([blocked.statusCode, errorOf(blocked).code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
      const changed = await changePassword(`Bearer ${session.token}`, temporary, NEW_PASSWORD);
      expect(changed.statusCode).toBe(200);
      expect((await whoami(`Bearer ${(changed.json() as { token: string }).token}`)).statusCode).toBe(200);
    });

    it('sends a password older than the maximum age to the change form (PASSWORD_EXPIRED)', async () => {
      await createStaff(sut.app, 'old.password', 'dispatcher', 'xietu');
      await sut.app
        .get(DataSource)
        .getRepository(StaffAccount)
        .update({ username: 'old.password' }, { passwordChangedAt: new Date(Date.now() - 91 * 24 * 3600 * 1000) });
      const signedIn = await login('old.password', TEST_PASSWORD, '10.9.10.1');
      const session = signedIn.json() as { token: string; passwordChange: string };
      expect(session.passwordChange).toBe('expired');
      const blocked = await whoami(`Bearer ${session.token}`);
      expect([blocked.statusCode, errorOf(blocked).code]).toEqual([403, 'PASSWORD_EXPIRED']);
    });

    it('records the stats Excel export in the audit log', async () => {
      const { id, authorization } = await createStaff(sut.app, 'export.supervisor', 'supervisor');
      const res = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/admin/stats/export.xlsx?from=2030-01-01&to=2030-01-31',
        headers: { authorization },
      });
      expect(res.statusCode).toBe(200);
      const rows = (await audit('stats.export')).filter((r) => r.actorId === id);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.detail).toMatchObject({ from: '2030-01-01', to: '2030-01-31' });
    });
  });

  describe('TOTP second factor', () => {
    it('is set up with a code, then asked for at login, used once, and turned off with password and code', async () => {
      const { id, authorization } = await createStaff(sut.app, 'totp.admin', 'admin');
      const setup = await sut.app.inject({ method: 'POST', url: '/api/v1/auth/staff/totp/setup', headers: { authorization } });
      expect(setup.statusCode).toBe(200);
      const { secret, otpauthUri } = setup.json() as { secret: string; otpauthUri: string };
      expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.*totp\.admin\?secret=/);
      const stored = await sut.app.get(DataSource).getRepository(StaffAccount).findOneByOrFail({ id });
      expect(stored.totpSecret).toMatch(/^v1:/);
      expect(stored.totpSecret).not.toContain(secret);
      // Not in force before it is enabled.
      expect((await login('totp.admin', TEST_PASSWORD, '10.9.11.1')).statusCode).toBe(200);

      const wrong = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/auth/staff/totp/enable',
        headers: { authorization },
        payload: { code: '000000' === (await generate({ secret })) ? '111111' : '000000' },
      });
      expect([wrong.statusCode, errorOf(wrong).code]).toEqual([400, 'TOTP_INVALID']);
      const enable = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/auth/staff/totp/enable',
        headers: { authorization },
        payload: { code: await generate({ secret }) },
      });
      expect(enable.statusCode).toBe(200);

      const noCode = await login('totp.admin', TEST_PASSWORD, '10.9.11.2');
      expect([noCode.statusCode, errorOf(noCode).code]).toEqual([401, 'TOTP_REQUIRED']);
      // The code just used to enable is spent; the next window's code is accepted (one step of drift).
      const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
      const withCode = await login('totp.admin', TEST_PASSWORD, '10.9.11.2', { totp: next });
      expect(withCode.statusCode).toBe(200);
      const replay = await login('totp.admin', TEST_PASSWORD, '10.9.11.3', { totp: next });
      expect([replay.statusCode, errorOf(replay).code]).toEqual([400, 'TOTP_INVALID']);

      const bearer = `Bearer ${(withCode.json() as { token: string }).token}`;
      const badDisable = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/auth/staff/totp/disable',
        headers: { authorization: bearer },
        payload: { password: 'wrong-password', code: next },
      });
      expect(badDisable.statusCode).toBe(400);
      await sut.app.get(DataSource).getRepository(StaffAccount).update({ id }, { totpLastStep: null });
      const disable = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/auth/staff/totp/disable',
        headers: { authorization: bearer },
        payload: { password: TEST_PASSWORD, code: await generate({ secret }) },
      });
      expect(disable.statusCode).toBe(200);
      expect((await login('totp.admin', TEST_PASSWORD, '10.9.11.4')).statusCode).toBe(200);
    });

    it('is not offered to roles below supervisor', async () => {
      const { authorization } = await createStaff(sut.app, 'totp.dispatcher', 'dispatcher', 'xietu');
      const setup = await sut.app.inject({ method: 'POST', url: '/api/v1/auth/staff/totp/setup', headers: { authorization } });
      expect(setup.statusCode).toBe(403);
      const status = await sut.app.inject({ method: 'GET', url: '/api/v1/auth/staff/totp', headers: { authorization } });
      expect(status.json()).toEqual({ enabled: false, available: false });
    });
  });
});
