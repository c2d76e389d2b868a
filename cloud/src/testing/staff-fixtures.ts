import type { StaffRole } from '@manyi/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../modules/auth/password-hasher.js';
import { StaffAccount } from '../modules/auth/staff-account.entity.js';
import { Department } from '../modules/directory/department.entity.js';
import { Street } from '../modules/directory/street.entity.js';

export const TEST_PASSWORD = 'correct-horse-battery';

/**
 * Creates a staff account for a test: `scope` is a street code for dispatchers and editors, a
 * department code for handlers. Returns a signed-in bearer header.
 */
export async function createStaff(
  app: NestFastifyApplication,
  username: string,
  role: StaffRole,
  scope?: string,
): Promise<{ id: number; authorization: string }> {
  const ds = app.get(DataSource);
  let streetId: number | null = null;
  let departmentId: number | null = null;
  if (role === 'handler' && scope) {
    const department = await ds.getRepository(Department).findOneByOrFail({ code: scope });
    departmentId = department.id;
    streetId = department.streetId;
  } else if (scope) {
    streetId = (await ds.getRepository(Street).findOneByOrFail({ code: scope })).id;
  }
  const repo = ds.getRepository(StaffAccount);
  const account = await repo.save(
    repo.create({
      username,
      displayName: username,
      passwordHash: await new PasswordHasher().hash(TEST_PASSWORD),
      role,
      streetId,
      departmentId,
      disabled: false,
      hasDemoPassword: false,
      failedLogins: 0,
      lockedUntil: null,
      passwordChangedAt: new Date(),
    }),
  );
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login of ${username} failed: ${res.body}`);
  return { id: account.id, authorization: `Bearer ${(res.json() as { token: string }).token}` };
}

/** A preview-mode resident, signed in. */
export async function createResident(app: NestFastifyApplication, nickname: string): Promise<{ id: number; authorization: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/preview/login', payload: { nickname } });
  if (res.statusCode !== 200) throw new Error(`preview login failed: ${res.body}`);
  const body = res.json() as { token: string; resident: { id: number } };
  return { id: body.resident.id, authorization: `Bearer ${body.token}` };
}
