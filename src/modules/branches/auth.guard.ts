import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, type RequestContext } from '@app/core';
import { PERMISSION_KEY, PUBLIC_KEY } from './auth.decorators.js';
import { can, type Permission } from './roles.js';

/** Every resolver needs an authenticated actor unless marked @Public; @RequirePermission checks the role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const ctx = GqlExecutionContext.create(context).getContext<{ ctx: RequestContext }>().ctx;
    const actor = ctx.requireActor();
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (permission && !can(actor.role, permission)) {
      throw new ForbiddenError(`Your role ${actor.role} does not allow ${permission.replace(':', ' ')}`);
    }
    return true;
  }
}
