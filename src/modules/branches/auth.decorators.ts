import { SetMetadata } from '@nestjs/common';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import type { Permission } from './roles.js';

export const PUBLIC_KEY = 'auth:public';
export const PERMISSION_KEY = 'auth:permission';

/** The operation needs no access token (login, refreshToken). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The actor's role must grant this permission. */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** The request context of the GraphQL operation. */
export const Ctx = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestContext =>
    GqlExecutionContext.create(context).getContext<{ ctx: RequestContext }>().ctx,
);
