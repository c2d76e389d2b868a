import {
  applyDecorators,
  Inject,
  createParamDecorator,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { ActorRole } from '@manyi/shared';
import type { FastifyRequest } from 'fastify';
import type { Repository } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { staffActorOf, type Actor } from '../../common/actor.js';
import { AccountStateCache, type ResidentState, type StaffAccountState } from './account-state.js';
import { Resident } from './resident.entity.js';
import { StaffAccount } from './staff-account.entity.js';
import { passwordChangeReason } from './staff-password-rules.js';
import { TokenService } from '../../common/security/token.service.js';

const ROLES_KEY = 'manyi:roles';
const PENDING_PASSWORD_KEY = 'manyi:allow-pending-password-change';

type RequestWithActor = FastifyRequest & { actor?: Actor };

/**
 * Checks the bearer token and the caller's role on every route marked `@Auth(...)`. The account's
 * state is checked on each request so that a disabled account, a deleted resident or a changed
 * password ends every session at once; it comes from the AccountStateCache, which every write to the
 * account clears on every instance before the write is acknowledged.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(StaffAccount) private readonly staff: Repository<StaffAccount>,
    @InjectRepository(Resident) private readonly residents: Repository<Resident>,
    private readonly accounts: AccountStateCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<ActorRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const allowPending = this.reflector.getAllAndOverride<boolean | undefined>(PENDING_PASSWORD_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const actor = await this.authenticate(request.headers.authorization, allowPending === true);
    const role: ActorRole = actor.kind === 'resident' ? 'resident' : actor.role;
    if (roles.length > 0 && !roles.includes(role)) throw new AppException('FORBIDDEN');
    request.actor = actor;
    return true;
  }

  private async authenticate(header: string | undefined, allowPending: boolean): Promise<Actor> {
    const match = /^Bearer ([A-Za-z0-9._-]{10,4096})$/.exec(header ?? '');
    if (!match) throw new AppException('UNAUTHENTICATED');
    let claims;
    try {
      claims = this.tokens.verify(match[1]!);
    } catch (error) {
      throw new AppException((error as Error).name === 'TokenExpiredError' ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED');
    }
    if (claims.kind === 'resident') {
      const resident = await this.residentState(claims.sub);
      if (!resident || resident.deleted) throw new AppException('UNAUTHENTICATED');
      return { kind: 'resident', residentId: resident.id };
    }
    const account = await this.staffState(claims.sub);
    // A password change moves passwordChangedAt, which revokes every token issued before it.
    if (!account || account.disabled || account.passwordChangedAt.getTime() !== claims.ver) throw new AppException('UNAUTHENTICATED');
    // A temporary or expired password: the session may only change it (the admin page shows that form on these codes).
    const pending = passwordChangeReason(account, this.config, new Date());
    if (pending && !allowPending) throw new AppException(pending === 'temporary' ? 'PASSWORD_CHANGE_REQUIRED' : 'PASSWORD_EXPIRED');
    return staffActorOf(account);
  }

  private async residentState(id: number): Promise<ResidentState | null> {
    const kept = this.accounts.get('resident', id);
    if (kept) return kept;
    const readUnder = this.accounts.generation('resident');
    const row = await this.residents.findOne({ where: { id }, select: { id: true, deletedAt: true } });
    if (!row) return null;
    const state = { id: row.id, deleted: row.deletedAt !== null };
    this.accounts.set('resident', state, readUnder);
    return state;
  }

  private async staffState(id: number): Promise<StaffAccountState | null> {
    const kept = this.accounts.get('staff', id);
    if (kept) return kept;
    const readUnder = this.accounts.generation('staff');
    const state = await this.staff.findOne({ where: { id }, select: STAFF_STATE_COLUMNS });
    if (state) this.accounts.set('staff', state, readUnder);
    return state;
  }
}

const STAFF_STATE_COLUMNS = {
  id: true,
  username: true,
  role: true,
  streetId: true,
  departmentId: true,
  disabled: true,
  passwordChangedAt: true,
  mustChangePassword: true,
  hasDemoPassword: true,
} as const satisfies Record<keyof StaffAccountState, true>;

/** Marks a route as needing a signed-in caller, optionally of one of `roles`. */
export function Auth(...roles: ActorRole[]) {
  return applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(AuthGuard), ApiBearerAuth());
}

/** The one kind of route a session with a temporary or expired password may use: changing it. */
export function AllowPendingPasswordChange() {
  return SetMetadata(PENDING_PASSWORD_KEY, true);
}

/** The caller established by `@Auth()`. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new AppException('UNAUTHENTICATED');
  return actor;
});
