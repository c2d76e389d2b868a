import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor.js';
import { AuthGuard } from '../auth/auth.guard.js';

type RequestWithActor = FastifyRequest & { actor?: Actor };

/**
 * For public pages that say more to a signed-in caller (a visit shows the resident's own sign-up):
 * without an Authorization header the route is open; with one, the token must be valid, as on `@Auth()`.
 */
@Injectable()
export class OptionalAuthGuard implements CanActivate {
  constructor(private readonly auth: AuthGuard) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    if (request.headers.authorization === undefined) return true;
    return this.auth.canActivate(context);
  }
}

/** The caller established by OptionalAuthGuard, or null for an anonymous one. */
export const OptionalActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor | null => context.switchToHttp().getRequest<RequestWithActor>().actor ?? null,
);
