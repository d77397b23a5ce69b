import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, GraphQLDate, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { ContractReportsService } from './contract-reports.service.js';
import { ContractValueRow } from './contract-report.types.js';
import { ContractInstalment, ContractMilestone } from './contract-schedule.entity.js';
import { ContractSchedulesService } from './contract-schedules.service.js';
import { Contract } from './contract.entity.js';
import { MilestoneStatus } from './contract.enums.js';
import { ContractConnection } from './contract.types.js';
import { ContractsService } from './contracts.service.js';
import { ContractOriginalsService } from './contract-originals.service.js';
import { StoredFile } from '../documents/file.entity.js';
import {
  AddInstalmentInput,
  AddMilestoneInput,
  UpdateInstalmentInput,
  UpdateMilestoneInput,
} from './dto/contract-schedule.input.js';

interface GqlContext {
  ctx: RequestContext;
}

const key = (c: Contract) => `${c.branchId}:${c.id}`;
const ID_ARG = { type: () => ID };

/** Performance tracking (payment schedule, milestones), the original, and head office's contract views. */
@Resolver(() => Contract)
export class ContractSchedulesResolver {
  constructor(
    private readonly schedules: ContractSchedulesService,
    private readonly reports: ContractReportsService,
    private readonly contractService: ContractsService,
    private readonly originals: ContractOriginalsService,
  ) {}

  @RequirePermission('contracts:read')
  @Query(() => [ContractValueRow], {
    description: 'Contract count and value by branch, state and month (of signing; of application while unsigned)',
  })
  contractValueReport(
    @Ctx() ctx: RequestContext,
    @Args('from', {
      type: () => GraphQLDate,
      description: 'First business day of the period (by signing day; by application day while unsigned)',
    })
    from: string,
    @Args('to', { type: () => GraphQLDate, description: 'Last business day of the period, inclusive' }) to: string,
  ) {
    return this.reports.valueReport(ctx, from, to);
  }

  @RequirePermission('contracts:read')
  @Query(() => ContractConnection, { description: 'SIGNED and ACTIVE contracts ending within the days, soonest first' })
  expiringContracts(
    @Ctx() ctx: RequestContext,
    @Args('withinDays', {
      type: () => Int,
      description: 'Contracts whose last day is within this many days from today (1 to 3650)',
    })
    withinDays: number,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
  ) {
    return this.reports.expiring(ctx, { withinDays, first, after });
  }

  @RequirePermission('contracts:write')
  @Mutation(() => ContractInstalment, { description: 'Add a payment to a SIGNED or ACTIVE contract’s schedule' })
  addContractInstalment(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The contract, kind, due day and amount' }) input: AddInstalmentInput,
  ) {
    return this.schedules.addInstalment(ctx, input);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => ContractInstalment, {
    description: 'Change an open instalment; a new due day restarts its reminders',
  })
  updateContractInstalment(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the contract instalment' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateInstalmentInput,
  ) {
    return this.schedules.updateInstalment(ctx, id, input);
  }

  // PAID is not set by hand: it follows from receipts finance records and applies (applyReceipt).
  @RequirePermission('contracts:waive')
  @Mutation(() => ContractInstalment, {
    description:
      'PENDING or OVERDUE -> WAIVED: the rest will not be collected (what receipts paid stays paid); ' +
      'a branch manager’s or head office’s decision, audited with its reason',
  })
  waiveInstalment(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the instalment' }, UuidPipe) id: string,
    @Args('reason', { description: 'Why it will not be collected (1 to 1000 characters)' }) reason: string,
  ) {
    return this.schedules.waiveInstalment(ctx, id, reason);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => ContractMilestone, { description: 'Add a delivery obligation to a SIGNED or ACTIVE contract' })
  addContractMilestone(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The contract, title and due day' }) input: AddMilestoneInput,
  ) {
    return this.schedules.addMilestone(ctx, input);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => ContractMilestone, { description: 'Change an open milestone; a new due day restarts its reminders' })
  updateContractMilestone(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the contract milestone' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateMilestoneInput,
  ) {
    return this.schedules.updateMilestone(ctx, id, input);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => ContractMilestone, { description: 'PENDING or OVERDUE -> DONE' })
  markMilestoneDone(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the milestone' }, UuidPipe) id: string,
    @Args('doneOn', {
      type: () => GraphQLDate,
      description: 'Business day it was done (branch time zone), not in the future',
    })
    doneOn: string,
  ) {
    return this.schedules.setMilestoneStatus(ctx, id, MilestoneStatus.DONE, doneOn);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => ContractMilestone, { description: 'PENDING or OVERDUE -> CANCELLED' })
  cancelMilestone(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the milestone' }, UuidPipe) id: string,
  ) {
    return this.schedules.setMilestoneStatus(ctx, id, MilestoneStatus.CANCELLED);
  }

  @RequirePermission('contracts:original')
  @Mutation(() => Contract, {
    description:
      'The signed original is in the archive: it leaves the monthly check. With the scan of the signed paper (a file ' +
      'uploaded with POST /files), also later for an original received without one',
  })
  markContractOriginalReceived(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the signed contract' }, UuidPipe) id: string,
    @Args('scanFileId', {
      type: () => ID,
      nullable: true,
      description: 'Id of the uploaded scan of the signed original (kind CONTRACT)',
    })
    scanFileId?: string | null,
  ) {
    return this.originals.receive(ctx, id, scanFileId ?? null);
  }

  @ResolveField(() => [StoredFile], {
    description: 'Scans of the signed original, oldest first (download: GET /files/<id> or fileLink)',
  })
  originalScans(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return this.originals.scansLoader(ctx).load(key(c));
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [ContractInstalment], { description: 'The payment schedule, by due day' })
  instalments(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return this.schedules.instalmentsLoader(ctx).load(key(c));
  }

  @ResolveField(() => [ContractMilestone], { description: 'Delivery obligations, by due day' })
  milestones(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return this.schedules.milestonesLoader(ctx).load(key(c));
  }
}
