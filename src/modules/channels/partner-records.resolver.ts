import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Partner, PartnerDispute, PartnerEndUser, PartnerSupportRecord } from './channel.entity.js';
import {
  HandlePartnerDisputeInput,
  OpenPartnerDisputeInput,
  PartnerDisputeConnection,
  PartnerDisputeFilter,
  PartnerEndUserConnection,
  PartnerEndUserFilter,
  PartnerSupportFilter,
  PartnerSupportRecordConnection,
  RecordPartnerEndUserInput,
  RecordPartnerSupportInput,
} from './partner-records.types.js';
import { PartnerRecordsService } from './partner-records.service.js';
import { PartnersService } from './partners.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };
const FIRST = { type: () => Int, nullable: true, defaultValue: 20 };

@Resolver(() => PartnerDispute)
export class PartnerRecordsResolver {
  constructor(
    private readonly records: PartnerRecordsService,
    private readonly partnerService: PartnersService,
  ) {}

  @RequirePermission('channels:read')
  @Query(() => PartnerDisputeConnection, {
    description: 'Disputes with the partners you may see, latest opened first; head office sees every branch',
  })
  partnerDisputes(
    @Ctx() ctx: RequestContext,
    @Args('first', { ...FIRST, description: 'Page size: 1 to 100 rows (default 20)' }) first: number,
    @Args('after', {
      nullable: true,
      description: 'Continue after this cursor (the endCursor of the previous page); omit for the first page',
    })
    after?: string,
    @Args('filter', {
      type: () => PartnerDisputeFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: PartnerDisputeFilter,
  ) {
    return this.records.disputes(ctx, { first, after, filter });
  }

  @RequirePermission('channels:read')
  @Query(() => PartnerSupportRecordConnection, {
    description: 'Training, support and resources given to the partners you may see, latest first',
  })
  partnerSupportRecords(
    @Ctx() ctx: RequestContext,
    @Args('first', { ...FIRST, description: 'Page size: 1 to 100 rows (default 20)' }) first: number,
    @Args('after', {
      nullable: true,
      description: 'Continue after this cursor (the endCursor of the previous page); omit for the first page',
    })
    after?: string,
    @Args('filter', {
      type: () => PartnerSupportFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: PartnerSupportFilter,
  ) {
    return this.records.supportRecords(ctx, { first, after, filter });
  }

  @RequirePermission('channels:read')
  @Query(() => PartnerEndUserConnection, {
    description: 'End users recorded under the partners you may see, latest recorded first',
  })
  partnerEndUsers(
    @Ctx() ctx: RequestContext,
    @Args('first', { ...FIRST, description: 'Page size: 1 to 100 rows (default 20)' }) first: number,
    @Args('after', {
      nullable: true,
      description: 'Continue after this cursor (the endCursor of the previous page); omit for the first page',
    })
    after?: string,
    @Args('filter', {
      type: () => PartnerEndUserFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: PartnerEndUserFilter,
  ) {
    return this.records.endUsers(ctx, { first, after, filter });
  }

  @RequirePermission('channels:write')
  @Mutation(() => PartnerDispute, { description: 'Log a dispute with a partner: it starts OPENED' })
  openPartnerDispute(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The partner, subject and description' }) input: OpenPartnerDisputeInput,
  ) {
    return this.records.openDispute(ctx, input);
  }

  @RequirePermission('channels:write')
  @Mutation(() => PartnerDispute, { description: 'OPENED -> HANDLING: someone of the branch takes it on' })
  handlePartnerDispute(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the partner dispute' }, UuidPipe) id: string,
    @Args('input', { type: () => HandlePartnerDisputeInput, nullable: true, description: 'Who handles it and notes' })
    input?: HandlePartnerDisputeInput,
  ) {
    return this.records.handleDispute(ctx, id, input ?? {});
  }

  @RequirePermission('channels:write')
  @Mutation(() => PartnerDispute, { description: 'HANDLING -> CLOSED, with the resolution' })
  closePartnerDispute(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the partner dispute' }, UuidPipe) id: string,
    @Args('resolution', { description: 'How the dispute was settled (required)' }) resolution: string,
  ) {
    return this.records.closeDispute(ctx, id, resolution);
  }

  @RequirePermission('channels:write')
  @Mutation(() => PartnerSupportRecord, { description: 'Record training, support or resources given to a partner' })
  recordPartnerSupport(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The training, support or resources given' }) input: RecordPartnerSupportInput,
  ) {
    return this.records.recordSupport(ctx, input);
  }

  @RequirePermission('channels:write')
  @Mutation(() => PartnerEndUser, { description: 'Record an end user of a partner and what they bought' })
  recordPartnerEndUser(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The end user' }) input: RecordPartnerEndUserInput,
  ) {
    return this.records.recordEndUser(ctx, input);
  }

  @ResolveField(() => Partner, { nullable: true, description: 'The partner in dispute' })
  partner(d: PartnerDispute, _args: unknown, { ctx }: GqlContext) {
    return this.partnerService.byKeyLoader(ctx).load(`${d.branchId}:${d.partnerId}`);
  }
}

@Resolver(() => PartnerSupportRecord)
export class PartnerSupportResolver {
  constructor(private readonly partnerService: PartnersService) {}

  @ResolveField(() => Partner, { nullable: true, description: 'The partner supported' })
  partner(s: PartnerSupportRecord, _args: unknown, { ctx }: GqlContext) {
    return this.partnerService.byKeyLoader(ctx).load(`${s.branchId}:${s.partnerId}`);
  }
}

@Resolver(() => PartnerEndUser)
export class PartnerEndUserResolver {
  constructor(private readonly partnerService: PartnersService) {}

  @ResolveField(() => Partner, { nullable: true, description: 'The partner who sold to them' })
  partner(e: PartnerEndUser, _args: unknown, { ctx }: GqlContext) {
    return this.partnerService.byKeyLoader(ctx).load(`${e.branchId}:${e.partnerId}`);
  }
}
