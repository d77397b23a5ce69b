import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { Ctx, RequirePermission } from './auth.decorators.js';
import { PeopleService } from './people.service.js';
import { AuditEntryConnection, AuditLogFilter, StaffDirectoryFilter, StaffMemberConnection } from './people.types.js';

@Resolver()
export class PeopleResolver {
  constructor(private readonly people: PeopleService) {}

  @Query(() => StaffMemberConnection, {
    description:
      'The active people of a branch, by name: for every field that asks for a person’s id. Staff see their own ' +
      'branch; head office names any branch of the organization',
  })
  staffDirectory(
    @Ctx() ctx: RequestContext,
    @Args('branchId', {
      type: () => ID,
      nullable: true,
      description: 'The branch; yours when omitted (head office must name one unless X-Branch-Id narrows it)',
    })
    branchId?: string,
    @Args('filter', { type: () => StaffDirectoryFilter, nullable: true, description: 'Role and name search' })
    filter?: StaffDirectoryFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: 'Page size, 1 to 100' })
    first?: number,
    @Args('after', { nullable: true, description: 'The endCursor of the previous page' }) after?: string,
  ) {
    return this.people.directory(ctx, branchId, filter, { first, after });
  }

  @RequirePermission('audit:read')
  @Query(() => AuditEntryConnection, {
    description:
      'Who changed what, newest first: head office admins see every branch of the organization, branch ' +
      'managers their own branch',
  })
  auditLog(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => AuditLogFilter, nullable: true, description: 'Branch, person, record, action, time' })
    filter?: AuditLogFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: 'Page size, 1 to 100' })
    first?: number,
    @Args('after', { nullable: true, description: 'The endCursor of the previous page' }) after?: string,
  ) {
    return this.people.auditLog(ctx, filter, { first, after });
  }
}
