import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ERROR_CODES,
  PASSWORD_HISTORY_SIZE,
  changePasswordSchema,
  type ChangePasswordInput,
  type StaffLoginInput,
  type StaffSessionView,
  type TotpDisableInput,
  type TotpSetupView,
  type TotpStatusView,
} from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import { mapStaffUser } from './staff-account.mapper.js';
import { staffActorOf, type StaffActor } from '../../common/actor.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { StaffAccount } from './staff-account.entity.js';
import { StaffPasswordHistory } from './staff-password-history.entity.js';
import { passwordChangeReason } from './staff-password-rules.js';
import { TokenService } from '../../common/security/token.service.js';
import { TOTP_ROLES, newTotpSecret, totpUri, verifyTotp } from './totp.js';

/** How often a login also clears throttle rows whose wait is long over. */
const FORGET_STALE_EVERY_MS = 60 * 60 * 1000;

/**
 * 工作人员登录 and the staff member's own password and second factor (issue 21). Every login attempt is
 * throttled per username and address before the password hash runs (LoginThrottleService); an unknown
 * username, a disabled account and a wrong password get the same answer after the same work; each
 * success, failure and throttled attempt is in the audit log.
 */
@Injectable()
export class StaffAuthService {
  private readonly logger = new Logger(StaffAuthService.name);
  // Verifying against this when the username is unknown keeps the answer time the same either way.
  private readonly dummyHash: Promise<string>;
  private lastForget = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {
    this.dummyHash = hasher.hash('manyi-timing-equaliser');
  }

  async login(input: StaffLoginInput, address: string, now = new Date()): Promise<StaffSessionView> {
    await this.forgetStaleThrottles(now);
    const repo = this.dataSource.getRepository(StaffAccount);
    const claim = await this.throttle.claim(input.username, address, now);
    const account = await repo.findOneBy({ username: input.username });
    const target = { type: 'staff_account', id: account?.id ?? null };
    if (!claim.allowed) {
      await this.audit.record(this.dataSource.manager, 'system', 'auth.login-throttled', target, {
        username: input.username,
        address,
        retryAfterSeconds: claim.retryAfterSeconds,
      });
      // The same answer whether or not the account exists: only the username and address typed decide it.
      throw Object.assign(
        new AppException('LOGIN_THROTTLED', `${ERROR_CODES.LOGIN_THROTTLED.message}（${claim.retryAfterSeconds} 秒后）`),
        {
          retryAfterSeconds: claim.retryAfterSeconds,
        },
      );
    }
    const passwordOk = await this.hasher.verify(account?.passwordHash ?? (await this.dummyHash), input.password);
    if (!account || !passwordOk || account.disabled) {
      await this.audit.record(this.dataSource.manager, 'system', 'auth.login-failed', target, { username: input.username, address });
      throw new AppException('INVALID_CREDENTIALS');
    }
    if (account.totpEnabled && account.totpSecret) {
      // The attempt stays counted until a code is right, so the code cannot be guessed without the wait either.
      if (!input.totp) throw new AppException('TOTP_REQUIRED');
      const step = await verifyTotp(this.cipher.decrypt(account.totpSecret), input.totp, account.totpLastStep, now);
      if (step === null) {
        await this.audit.record(this.dataSource.manager, 'system', 'auth.login-failed', target, {
          username: input.username,
          address,
          reason: 'totp',
        });
        throw new AppException('TOTP_INVALID');
      }
      await repo.update({ id: account.id }, { totpLastStep: step });
    }
    await this.throttle.clear(input.username, address);
    const session = this.session(account, now);
    await this.audit.record(this.dataSource.manager, staffActorOf(account), 'auth.login', target, {
      address,
      ...(session.passwordChange ? { passwordChange: session.passwordChange } : {}),
    });
    return session;
  }

  /**
   * 修改密码: the current password, then the rules (shared schema, with the username) and the history.
   * Moving passwordChangedAt ends every session of the account; the caller gets a fresh token.
   */
  async changePassword(actor: StaffActor, input: ChangePasswordInput, now = new Date()): Promise<StaffSessionView> {
    const repo = this.dataSource.getRepository(StaffAccount);
    const account = await repo.findOneByOrFail({ id: actor.staffId });
    if (!(await this.hasher.verify(account.passwordHash, input.currentPassword))) {
      throw new AppException('CURRENT_PASSWORD_WRONG', undefined, [{ path: 'currentPassword', message: '当前密码错误' }]);
    }
    const rules = changePasswordSchema(account.username).safeParse(input);
    if (!rules.success) {
      const issue = rules.error.issues[0]!;
      throw new AppException('VALIDATION_FAILED', issue.message, [{ path: issue.path.join('.'), message: issue.message }]);
    }
    const history = this.dataSource.getRepository(StaffPasswordHistory);
    const previous = await history.find({ where: { staffId: account.id }, order: { id: 'DESC' }, take: PASSWORD_HISTORY_SIZE });
    for (const hash of [account.passwordHash, ...previous.map((p) => p.passwordHash)]) {
      if (await this.hasher.verify(hash, input.newPassword)) {
        throw new AppException('PASSWORD_REUSED', undefined, [{ path: 'newPassword', message: ERROR_CODES.PASSWORD_REUSED.message }]);
      }
    }
    const passwordHash = await this.hasher.hash(input.newPassword);
    // Whole milliseconds: MariaDB keeps three digits, and the token's `ver` must equal what is read back.
    const changedAt = new Date(Math.floor(now.getTime()));
    const saved = await this.dataSource.transaction(async (em) => {
      await em.save(em.create(StaffPasswordHistory, { staffId: account.id, passwordHash: account.passwordHash, createdAt: changedAt }));
      // Only the last PASSWORD_HISTORY_SIZE are compared; older hashes are not kept.
      const all = await em.find(StaffPasswordHistory, { where: { staffId: account.id }, order: { id: 'DESC' }, select: { id: true } });
      const older = all.slice(PASSWORD_HISTORY_SIZE).map((k) => k.id);
      if (older.length > 0) await em.delete(StaffPasswordHistory, older);
      await em.update(
        StaffAccount,
        { id: account.id },
        { passwordHash, passwordChangedAt: changedAt, mustChangePassword: false, hasDemoPassword: false },
      );
      await this.audit.record(em, actor, 'auth.password-change', { type: 'staff_account', id: account.id }, { username: account.username });
      return em.findOneByOrFail(StaffAccount, { id: account.id });
    });
    return this.session(saved, now);
  }

  async totpStatus(actor: StaffActor): Promise<TotpStatusView> {
    const account = await this.dataSource.getRepository(StaffAccount).findOneByOrFail({ id: actor.staffId });
    return { enabled: account.totpEnabled, available: TOTP_ROLES.includes(account.role) };
  }

  /** A new secret, stored encrypted and not yet in force: enable proves the app has it. Refused while one is on. */
  async totpSetup(actor: StaffActor): Promise<TotpSetupView> {
    const account = await this.totpAccount(actor);
    if (account.totpEnabled) throw new AppException('CONFLICT', '动态验证码已开启，如需更换请先关闭');
    const secret = newTotpSecret();
    await this.dataSource
      .getRepository(StaffAccount)
      .update({ id: account.id }, { totpSecret: this.cipher.encrypt(secret), totpLastStep: null });
    return { secret, otpauthUri: totpUri(account.username, secret) };
  }

  async totpEnable(actor: StaffActor, code: string, now = new Date()): Promise<TotpStatusView> {
    const account = await this.totpAccount(actor);
    if (account.totpEnabled) throw new AppException('CONFLICT', '动态验证码已开启');
    if (!account.totpSecret) throw new AppException('TOTP_NOT_SET_UP');
    const step = await verifyTotp(this.cipher.decrypt(account.totpSecret), code, null, now);
    if (step === null) throw new AppException('TOTP_INVALID', undefined, [{ path: 'code', message: '动态验证码错误' }]);
    await this.dataSource.transaction(async (em) => {
      await em.update(StaffAccount, { id: account.id }, { totpEnabled: true, totpLastStep: step });
      await this.audit.record(em, actor, 'auth.totp-enable', { type: 'staff_account', id: account.id }, null);
    });
    return { enabled: true, available: true };
  }

  async totpDisable(actor: StaffActor, input: TotpDisableInput, now = new Date()): Promise<TotpStatusView> {
    const account = await this.dataSource.getRepository(StaffAccount).findOneByOrFail({ id: actor.staffId });
    if (!account.totpEnabled || !account.totpSecret) throw new AppException('TOTP_NOT_SET_UP', '动态验证码未开启');
    if (!(await this.hasher.verify(account.passwordHash, input.password))) {
      throw new AppException('CURRENT_PASSWORD_WRONG', undefined, [{ path: 'password', message: '当前密码错误' }]);
    }
    const step = await verifyTotp(this.cipher.decrypt(account.totpSecret), input.code, account.totpLastStep, now);
    if (step === null) throw new AppException('TOTP_INVALID', undefined, [{ path: 'code', message: '动态验证码错误' }]);
    await this.dataSource.transaction(async (em) => {
      await em.update(StaffAccount, { id: account.id }, { totpEnabled: false, totpSecret: null, totpLastStep: null });
      await this.audit.record(em, actor, 'auth.totp-disable', { type: 'staff_account', id: account.id }, null);
    });
    return { enabled: false, available: TOTP_ROLES.includes(account.role) };
  }

  private async totpAccount(actor: StaffActor): Promise<StaffAccount> {
    const account = await this.dataSource.getRepository(StaffAccount).findOneByOrFail({ id: actor.staffId });
    if (!TOTP_ROLES.includes(account.role)) throw new AppException('TOTP_NOT_AVAILABLE');
    return account;
  }

  private session(account: StaffAccount, now: Date): StaffSessionView {
    const { token, expiresIn } = this.tokens.issue({ sub: account.id, kind: 'staff', ver: account.passwordChangedAt.getTime() });
    return { token, expiresIn, user: mapStaffUser(account), passwordChange: passwordChangeReason(account, this.config, now) };
  }

  private async forgetStaleThrottles(now: Date): Promise<void> {
    if (now.getTime() - this.lastForget < FORGET_STALE_EVERY_MS) return;
    this.lastForget = now.getTime();
    const forgotten = await this.throttle.forgetStale(now);
    if (forgotten > 0) this.logger.log({ forgotten }, 'login throttle rows past their wait removed');
  }
}
