import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { InstrumentHandover } from './instrument.entity.js';
import { InstrumentService } from './instrument.service.js';
import { InstrumentBreachConnection, RecordInstrumentHandoverInput } from './instrument.types.js';
import { Receipt } from './receipt.entity.js';

interface GqlContext {
  ctx: RequestContext;
}

/** Instruments handed to finance the same business day: finance records hand-overs; the overseers read breaches. */
@Resolver(() => InstrumentHandover)
export class InstrumentResolver {
  constructor(
    private readonly instruments: InstrumentService,
    private readonly branches: BranchesService,
  ) {}

  @RequirePermission('receipts:write')
  @Mutation(() => InstrumentHandover, {
    description: 'Record that a cheque, bank acceptance bill or bank draft was handed to finance (who, when)',
  })
  recordInstrumentHandover(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The receipt, who handed it over and when' }) input: RecordInstrumentHandoverInput,
  ) {
    return this.instruments.recordHandover(ctx, input);
  }

  @RequirePermission('receipts:read')
  @Query(() => InstrumentBreachConnection, {
    description:
      'Instruments not handed to finance by the close of their receiving day (branch time zone), latest first; ' +
      'head office every branch in one list',
  })
  instrumentBreaches(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @BranchIdArg('Head office: only this branch')
    branchId?: string,
  ) {
    return this.instruments.breaches(ctx, { branchId, first, after });
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'Who handed it over' })
  handedBy(h: InstrumentHandover, _args: unknown, { ctx }: GqlContext) {
    return this.branches.person(ctx, h.branchId, h.handedById);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'Who in finance took it' })
  acceptedBy(h: InstrumentHandover, _args: unknown, { ctx }: GqlContext) {
    return this.branches.person(ctx, h.branchId, h.acceptedById);
  }
}

/** A receipt's instrument hand-over, beside the receipt's own fields. */
@Resolver(() => Receipt)
export class ReceiptHandoverResolver {
  constructor(private readonly instruments: InstrumentService) {}

  @ResolveField(() => InstrumentHandover, {
    nullable: true,
    description: 'A cheque’s, bill’s or draft’s hand-over to finance; null until recorded (and for transfers)',
  })
  handover(r: Receipt, _args: unknown, { ctx }: GqlContext) {
    return this.instruments.handoverLoader(ctx).load(`${r.branchId}:${r.id}`);
  }
}
