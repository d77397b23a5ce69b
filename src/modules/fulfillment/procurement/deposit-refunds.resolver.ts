import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../../branches/auth.decorators.js';
import { refFieldsResolver } from '../../branches/ref-fields.js';
import { Vendor } from '../catalogue.entity.js';
import { VendorsService } from '../vendors.service.js';
import { PurchaseDepositRefundReceipt } from './deposit-refund.entity.js';
import {
  PurchaseDepositRefund,
  PurchaseDepositRefundConnection,
  PurchaseDepositRefundFilter,
  RecordDepositRefundInput,
} from './deposit-refund.types.js';
import { DepositRefundsService } from './deposit-refunds.service.js';
import { PurchaseContract, PurchaseContracts } from './purchase-contract.entity.js';

interface GqlContext {
  ctx: RequestContext;
}

@Resolver(() => PurchaseDepositRefund)
export class DepositRefundsResolver {
  constructor(
    private readonly service: DepositRefundsService,
    private readonly vendors: VendorsService,
  ) {}

  @RequirePermission('procurement:read')
  @Query(() => PurchaseDepositRefundConnection, {
    description:
      'Deposits to collect back from suppliers (purchase contracts cancelled after the deposit was paid) of the ' +
      'branches you see, newest cancellation first; filter state DUE for what is still owed',
  })
  purchaseDepositRefunds(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => PurchaseDepositRefundFilter, nullable: true, description: 'Narrows the list' })
    filter?: PurchaseDepositRefundFilter,
  ) {
    return this.service.list(ctx, { first, after, filter });
  }

  @RequirePermission('procurement:deposit')
  @Mutation(() => PurchaseDepositRefund, {
    description:
      'DUE -> RECEIVED: finance records the supplier’s refund of a cancelled contract’s deposit (exactly the deposit ' +
      'paid); INVALID_STATE unless the contract is CANCELLED, CONFLICT NO_DEPOSIT_PAID or REFUND_ALREADY_RECEIVED',
  })
  recordPurchaseDepositRefund(
    @Ctx() ctx: RequestContext,
    @Args('contractId', { type: () => ID, description: 'Id of the cancelled purchase contract' }, UuidPipe)
    contractId: string,
    @Args('input', { description: 'The refund received' }) input: RecordDepositRefundInput,
  ) {
    return this.service.record(ctx, contractId, input);
  }

  @ResolveField(() => PurchaseContract, { nullable: true, description: 'The cancelled purchase contract' })
  contract(r: PurchaseDepositRefund, _args: unknown, { ctx }: GqlContext) {
    return PurchaseContracts.loader(ctx).load(`${r.branchId}:${r.id}`);
  }

  @ResolveField(() => Vendor, { nullable: true, description: 'The supplier who owes the refund' })
  supplier(r: PurchaseDepositRefund, _args: unknown, { ctx }: GqlContext) {
    return this.vendors.vendorLoader(ctx).load(r.supplierId);
  }
}

export const DEPOSIT_REFUND_RESOLVERS = [
  DepositRefundsResolver,
  refFieldsResolver(
    () => PurchaseDepositRefundReceipt,
    [{ name: 'recordedBy', kind: 'person', id: (r) => r.recordedById, description: 'Who recorded the refund' }],
  ),
];
