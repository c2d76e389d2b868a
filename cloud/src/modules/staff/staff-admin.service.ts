import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateStaffInput, Page, StaffAccountView, StaffListQuery, StaffPasswordView, UpdateStaffInput } from '@manyi/shared';
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { StaffActor } from '../../common/actor.js';
import { decodeRowCursor, keysetPage } from '../../database/keyset.js';
import { LIKE_ESCAPE, likeContains } from '../../database/like.js';
import { LoginThrottleService } from '../auth/login-throttle.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { Department } from '../directory/department.entity.js';
import { Street } from '../directory/street.entity.js';
import { mapStaffAccount } from '../auth/staff-account.mapper.js';
import { temporaryPassword } from './temporary-password.js';

/**
 * 账号管理: district admins create staff accounts, change their role and scope, disable them and reset
 * their passwords. A new or reset password is a temporary one, shown once; a reset moves
 * passwordChangedAt, which ends every session issued under the old password (the auth guard checks it).
 */
@Injectable()
export class StaffAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async list(query: StaffListQuery): Promise<Page<StaffAccountView>> {
    const cursor = decodeRowCursor(query.cursor);
    const qb = this.dataSource.getRepository(StaffAccount).createQueryBuilder('s').orderBy('s.id', 'ASC');
    if (cursor) qb.andWhere('s.id > :after', { after: cursor.id });
    if (query.role) qb.andWhere('s.role = :role', { role: query.role });
    if (query.q) {
      const like = likeContains(query.q.toLowerCase());
      qb.andWhere(
        new Brackets((w) =>
          w.where(`LOWER(s.username) LIKE :like ${LIKE_ESCAPE}`, { like }).orWhere(`s.display_name LIKE :like ${LIKE_ESCAPE}`, { like }),
        ),
      );
    }
    const page = await keysetPage(qb, query.limit, (last) => ({ id: last.id }));
    return { items: page.items.map((a) => mapStaffAccount(a)), nextCursor: page.nextCursor };
  }

  /** `system`: the first admin, made by `manyi create-admin` before anyone can sign in. */
  async create(actor: StaffActor | 'system', input: CreateStaffInput, now = new Date()): Promise<StaffPasswordView> {
    const password = temporaryPassword();
    const passwordHash = await this.hasher.hash(password);
    return this.dataSource.transaction(async (em) => {
      if (await em.existsBy(StaffAccount, { username: input.username })) {
        throw new AppException('STAFF_USERNAME_TAKEN', `用户名「${input.username}」已被使用`, [
          { path: 'username', message: '用户名已被使用' },
        ]);
      }
      const scope = await this.scope(em, input.streetId, input.departmentId);
      const account = await em.save(
        em.create(StaffAccount, {
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          role: input.role,
          ...scope,
          disabled: false,
          hasDemoPassword: false,
          failedLogins: 0,
          lockedUntil: null,
          passwordChangedAt: now,
          // A temporary password: the first session may only change it (the auth guard enforces it).
          mustChangePassword: true,
        }),
      );
      await this.audit.record(
        em,
        actor,
        'staff.create',
        { type: 'staff_account', id: account.id },
        {
          username: account.username,
          role: account.role,
          ...scope,
        },
      );
      const saved = await em.findOneByOrFail(StaffAccount, { id: account.id });
      return { account: mapStaffAccount(saved, now), temporaryPassword: password };
    });
  }

  async update(actor: StaffActor, id: number, input: UpdateStaffInput): Promise<StaffAccountView> {
    return this.dataSource.transaction(async (em) => {
      const account = await this.find(em, id);
      const before = {
        displayName: account.displayName,
        role: account.role,
        streetId: account.streetId,
        departmentId: account.departmentId,
      };
      if (input.displayName !== undefined) account.displayName = input.displayName;
      if (input.role !== undefined && input.streetId !== undefined && input.departmentId !== undefined) {
        if (account.id === actor.staffId && input.role !== account.role) throw new AppException('STAFF_SELF_CHANGE', '不能修改自己的角色');
        Object.assign(account, { role: input.role, ...(await this.scope(em, input.streetId, input.departmentId)) });
      }
      const saved = await em.save(account);
      const after = { displayName: saved.displayName, role: saved.role, streetId: saved.streetId, departmentId: saved.departmentId };
      await this.audit.record(em, actor, 'staff.update', { type: 'staff_account', id }, { before, after });
      return mapStaffAccount(saved);
    });
  }

  /** 停用 / 启用. A disabled account's sessions end at once: the guard reads the account on every request. */
  async setDisabled(actor: StaffActor, id: number, disabled: boolean): Promise<StaffAccountView> {
    if (disabled && id === actor.staffId) throw new AppException('STAFF_SELF_CHANGE', '不能停用自己的账号');
    return this.dataSource.transaction(async (em) => {
      const account = await this.find(em, id);
      if (account.disabled !== disabled) {
        account.disabled = disabled;
        await em.save(account);
        await this.audit.record(
          em,
          actor,
          disabled ? 'staff.disable' : 'staff.enable',
          { type: 'staff_account', id },
          { username: account.username },
        );
      }
      return mapStaffAccount(account);
    });
  }

  /** 重置密码: a new temporary password, shown once; every existing session of the account ends; a lock-out is lifted. */
  async resetPassword(actor: StaffActor, id: number, now = new Date()): Promise<StaffPasswordView> {
    const password = temporaryPassword();
    const passwordHash = await this.hasher.hash(password);
    return this.dataSource.transaction(async (em) => {
      const account = await this.find(em, id);
      Object.assign(account, {
        passwordHash,
        passwordChangedAt: now,
        hasDemoPassword: false,
        failedLogins: 0,
        lockedUntil: null,
        mustChangePassword: true,
      });
      await em.save(account);
      // The staff member may have been guessed at: their own attempts with the new password start afresh.
      await this.throttle.clearUsername(account.username);
      await this.audit.record(em, actor, 'staff.reset-password', { type: 'staff_account', id }, { username: account.username });
      const saved = await em.findOneByOrFail(StaffAccount, { id });
      return { account: mapStaffAccount(saved, now), temporaryPassword: password };
    });
  }

  private async find(em: EntityManager, id: number): Promise<StaffAccount> {
    const account = await em.findOneBy(StaffAccount, { id });
    if (!account) throw new AppException('STAFF_NOT_FOUND');
    return account;
  }

  /**
   * The stored scope of a role (the schema already checked which of street and department it needs):
   * a handler's street is their department's, so a street unit's handler sees that street's work.
   */
  private async scope(
    em: EntityManager,
    streetId: number | null,
    departmentId: number | null,
  ): Promise<{ streetId: number | null; departmentId: number | null }> {
    if (departmentId !== null) {
      const department = await em.findOneBy(Department, { id: departmentId, disabled: false });
      if (!department)
        throw new AppException('DIRECTORY_REFERENCE_INVALID', '所属部门不存在或已停用', [
          { path: 'departmentId', message: '所属部门不存在或已停用' },
        ]);
      return { streetId: department.streetId, departmentId: department.id };
    }
    if (streetId !== null) {
      const street = await em.findOneBy(Street, { id: streetId, disabled: false });
      if (!street)
        throw new AppException('DIRECTORY_REFERENCE_INVALID', '所属街道不存在或已停用', [
          { path: 'streetId', message: '所属街道不存在或已停用' },
        ]);
      return { streetId: street.id, departmentId: null };
    }
    return { streetId: null, departmentId: null };
  }
}
