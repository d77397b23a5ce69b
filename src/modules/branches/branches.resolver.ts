import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { Ctx, Public, RequirePermission } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { BranchesService } from './branches.service.js';
import { Branch } from './branch.entity.js';
import { AuthPayload } from './branch.types.js';
import { User } from './user.entity.js';
import { CreateBranchInput, CreateUserInput, LoginInput } from './dto/branch.input.js';

@Resolver()
export class BranchesResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly branchService: BranchesService,
  ) {}

  @Public()
  @Mutation(() => AuthPayload, {
    nullable: true,
    description:
      'Sign in with e-mail and password. Null with an error when refused; nullable so that one refused login ' +
      '(e.g. TOO_MANY_REQUESTS) does not blank the other fields of the same request',
  })
  async login(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'E-mail and password' }) input: LoginInput,
  ): Promise<AuthPayload> {
    const t = await this.auth.login(input.email, input.password, ctx.clientIp, input.organizationId);
    return { ...t, user: await this.branchService.userById(t.organizationId, t.userId) };
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Exchange a refresh token (once) for a new token pair' })
  async refreshToken(
    @Args('token', { description: 'The refreshToken of your last AuthPayload (single use)' }) token: string,
  ): Promise<AuthPayload> {
    const t = await this.auth.refresh(token);
    return { ...t, user: await this.branchService.userById(t.organizationId, t.userId) };
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Sign out: revokes the refresh token and every token rotated from the same sign-in, so none can be ' +
      'exchanged again (the access token lapses on its own within minutes). Always true, known token or not',
  })
  async logout(
    @Args('refreshToken', { description: 'The refreshToken of your last AuthPayload' }) refreshToken: string,
  ): Promise<boolean> {
    await this.auth.logout(refreshToken);
    return true;
  }

  @Query(() => User, { description: 'The signed-in user with their memberships' })
  me(@Ctx() ctx: RequestContext): Promise<User> {
    return this.branchService.me(ctx);
  }

  @Query(() => [Branch], { description: 'Branches you may act in; every branch of the organization for head office' })
  branches(@Ctx() ctx: RequestContext): Promise<Branch[]> {
    return this.branchService.list(ctx);
  }

  @RequirePermission('branches:manage')
  @Mutation(() => Branch, { description: 'Create a branch office of your organization (head-office administrators)' })
  createBranch(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new branch holds' }) input: CreateBranchInput,
  ): Promise<Branch> {
    return this.branchService.createBranch(ctx, input);
  }

  @RequirePermission('users:manage')
  @Mutation(() => User, { description: 'Add a person to a branch with a role' })
  createUser(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new user holds' }) input: CreateUserInput,
  ): Promise<User> {
    return this.branchService.createUser(ctx, input);
  }

  @RequirePermission('users:manage')
  @Mutation(() => User, {
    description:
      'Disable a person (someone who left): they can no longer sign in or refresh, and their access tokens stop ' +
      'working at once. Branch managers: people of their branch; head office admins: anyone of the organization',
  })
  disableUser(
    @Ctx() ctx: RequestContext,
    @Args('userId', { type: () => ID, description: 'The person to disable' }) userId: string,
  ): Promise<User> {
    return this.branchService.setDisabled(ctx, userId, true);
  }

  @RequirePermission('users:manage')
  @Mutation(() => User, { description: 'Enable a disabled person again (same rules as disableUser)' })
  enableUser(
    @Ctx() ctx: RequestContext,
    @Args('userId', { type: () => ID, description: 'The person to enable' }) userId: string,
  ): Promise<User> {
    return this.branchService.setDisabled(ctx, userId, false);
  }
}
