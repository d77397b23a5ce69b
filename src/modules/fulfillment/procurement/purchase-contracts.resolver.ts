import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../../branches/auth.decorators.js';
import { refFieldsResolver } from '../../branches/ref-fields.js';
import { Product, Vendor } from '../catalogue.entity.js';
import { CatalogueService } from '../catalogue.service.js';
import { VendorsService } from '../vendors.service.js';
import { ProcurementRequest } from './procurement.entity.js';
import {
  AwardPurchaseContractInput,
  FollowUpDeliveryInput,
  ReceivePurchaseContractInput,
  RecordDepositInput,
} from './purchase-contract.input.js';
import { PurchaseContract, PurchaseContractLine } from './purchase-contract.entity.js';
import { PurchaseContractConnection, PurchaseContractFilter } from './purchase-contract.types.js';
import { PurchaseContractReceiptsService } from './purchase-contract-receipts.service.js';
import { PurchaseContractsService } from './purchase-contracts.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID, description: 'Id of the purchase contract' };

@Resolver(() => PurchaseContract)
export class PurchaseContractsResolver {
  constructor(
    private readonly service: PurchaseContractsService,
    private readonly receipts: PurchaseContractReceiptsService,
    private readonly vendors: VendorsService,
  ) {}

  @RequirePermission('procurement:read')
  @Query(() => PurchaseContract, {
    nullable: true,
    description: 'One purchase contract; null when unknown or out of reach',
  })
  purchaseContract(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.service.findOne(ctx, id);
  }

  @RequirePermission('procurement:read')
  @Query(() => PurchaseContractConnection, { description: 'Purchase contracts of the branches you see, newest first' })
  purchaseContracts(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', {
      type: () => PurchaseContractFilter,
      nullable: true,
      description: 'Narrows the list; omit for all',
    })
    filter?: PurchaseContractFilter,
  ) {
    return this.service.list(ctx, { first, after, filter });
  }

  @RequirePermission('procurement:write')
  @Mutation(() => PurchaseContract, {
    description:
      'Award a supplier’s offer: a DRAFT purchase contract (numbered) for the request lines chosen at the offered ' +
      'prices; CONFLICT OFFER_EXPIRED or ALREADY_AWARDED and no change when an offer no longer holds or a line is ' +
      'on another live contract',
  })
  awardPurchaseContract(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The award' }) input: AwardPurchaseContractInput,
  ) {
    return this.service.award(ctx, input);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => PurchaseContract, {
    description: 'DRAFT -> IN_REVIEW: reviewed through the approval engine (subject PURCHASE_CONTRACT)',
  })
  submitPurchaseContract(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.service.submit(ctx, id);
  }

  @RequirePermission('procurement:deposit')
  @Mutation(() => PurchaseContract, {
    description:
      'AWAITING_DEPOSIT -> IN_DELIVERY: finance records the deposit paid; CONFLICT DEPOSIT_SHORT and no change ' +
      'below what the contract asks for',
  })
  recordPurchaseContractDeposit(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'The deposit paid' }) input: RecordDepositInput,
  ) {
    return this.service.recordDeposit(ctx, id, input);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => PurchaseContract, {
    description:
      'A delivery follow-up: the day the supplier now promises, and what it said (re-arms the late reminder)',
  })
  followUpPurchaseContract(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'The follow-up' }) input: FollowUpDeliveryInput,
  ) {
    return this.service.followUp(ctx, id, input);
  }

  @RequirePermission('stock:write')
  @Mutation(() => PurchaseContract, {
    description:
      'Goods of a contract IN_DELIVERY received into stock (PURCHASE_RECEIPT movements); PARTLY_RECEIVED or ' +
      'RECEIVED; CONFLICT OVER_RECEIPT and no change beyond what was contracted',
  })
  receivePurchaseContract(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'Where the goods go and how many per line' }) input: ReceivePurchaseContractInput,
  ) {
    return this.receipts.receive(ctx, id, input);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => PurchaseContract, { description: 'RECEIVED (or PARTLY_RECEIVED, short-closed) -> CLOSED' })
  closePurchaseContract(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.receipts.close(ctx, id);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => PurchaseContract, {
    description:
      'Cancel a purchase contract before any goods came (not while IN_REVIEW); its lines may be awarded again',
  })
  cancelPurchaseContract(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('reason', { description: 'Why, 1 to 2000 characters' }) reason: string,
  ) {
    return this.receipts.cancel(ctx, id, reason);
  }

  @ResolveField(() => [PurchaseContractLine], { description: 'What it buys, in position order' })
  lines(c: PurchaseContract, _args: unknown, { ctx }: GqlContext) {
    return this.service.linesLoader(ctx).load(`${c.branchId}:${c.id}`);
  }

  @ResolveField(() => Vendor, { nullable: true, description: 'The supplier' })
  supplier(c: PurchaseContract, _args: unknown, { ctx }: GqlContext) {
    return this.vendors.vendorLoader(ctx).load(c.vendorId);
  }
}

@Resolver(() => PurchaseContractLine)
export class PurchaseContractLineResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => Product, { nullable: true, description: 'The product bought' })
  product(l: PurchaseContractLine, _args: unknown, { ctx }: GqlContext) {
    return this.catalogue.productLoader(ctx).load(l.productId);
  }
}

@Resolver(() => ProcurementRequest)
export class ProcurementRequestContractsResolver {
  constructor(private readonly service: PurchaseContractsService) {}

  @ResolveField(() => [PurchaseContract], { description: 'Its purchase contracts, in the order they were awarded' })
  contracts(r: ProcurementRequest, _args: unknown, { ctx }: GqlContext) {
    return this.service.byRequestLoader(ctx).load(`${r.branchId}:${r.id}`);
  }
}

export const PURCHASE_CONTRACT_RESOLVERS = [
  PurchaseContractsResolver,
  PurchaseContractLineResolver,
  ProcurementRequestContractsResolver,
  refFieldsResolver(
    () => PurchaseContract,
    [
      { name: 'branch', kind: 'branch', description: 'The branch buying' },
      { name: 'buyer', kind: 'person', id: (c) => c.buyerId, description: 'The buyer who follows the delivery' },
      { name: 'createdBy', kind: 'person', id: (c) => c.createdById, description: 'Who awarded it' },
      {
        name: 'depositRecordedBy',
        kind: 'person',
        id: (c) => c.depositRecordedById,
        description: 'The finance person who recorded the deposit',
      },
    ],
  ),
];
