import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { ApprovalRequest } from '../approvals/approval.entity.js';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { Customer } from '../customers/customer.types.js';
import { CustomersService } from '../customers/customers.service.js';
import { Product } from '../fulfillment/catalogue.entity.js';
import { CatalogueService } from '../fulfillment/catalogue.service.js';
import { CreateOrderInput, OrderFromQuoteInput, UpdateOrderInput } from './dto/order.input.js';
import { OrderFromQuoteService } from './order-from-quote.service.js';
import { Order, OrderLine } from './order.entity.js';
import { OrderConnection, OrderFilter } from './order.types.js';
import { OrdersService } from './orders.service.js';

interface GqlContext {
  ctx: RequestContext;
}

@Resolver(() => Order)
export class OrdersResolver {
  constructor(
    private readonly orderService: OrdersService,
    private readonly branches: BranchesService,
    private readonly customersService: CustomersService,
    private readonly fromQuote: OrderFromQuoteService,
  ) {}

  @RequirePermission('orders:read')
  @Query(() => Order, { nullable: true, description: 'An order you may see, or null' })
  order(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the order' }, UuidPipe) id: string,
  ) {
    return this.orderService.findOne(ctx, id);
  }

  @RequirePermission('orders:read')
  @Query(() => OrderConnection, {
    description:
      'Orders you may see, newest first; a sales rep sees the ones they own. Head office sees every branch ' +
      '(e.g. filter { state: APPROVED } for the orders awaiting release)',
  })
  orders(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => OrderFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: OrderFilter,
  ) {
    return this.orderService.list(ctx, { first, after, filter });
  }

  @RequirePermission('orders:write')
  @Mutation(() => Order, {
    description: 'Record an order taken by phone, fax, e-mail or in person: it starts in DRAFT',
  })
  createOrder(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new order holds' }) input: CreateOrderInput,
  ) {
    return this.orderService.create(ctx, input);
  }

  @RequirePermission('orders:write')
  @Mutation(() => Order, {
    description:
      'An order from an ACCEPTED quote, in DRAFT: its customer, owner and contract; with a contract made from the quote, ' +
      'what is left of each contract line (CONFLICT when nothing is), else the quote lines (products, prices after ' +
      'discount), one live order per quote (CONFLICT for a second)',
  })
  createOrderFromQuote(
    @Ctx() ctx: RequestContext,
    @Args('quoteId', { type: () => ID, description: 'Id of the accepted quote' }, UuidPipe) quoteId: string,
    @Args('input', { description: 'How and when the order came in' }) input: OrderFromQuoteInput,
  ) {
    return this.fromQuote.create(ctx, quoteId, input);
  }

  @RequirePermission('orders:write')
  @Mutation(() => Order, { description: 'Change a DRAFT order (lines are replaced as a whole)' })
  updateOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the order' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateOrderInput,
  ) {
    requireChange(input);
    return this.orderService.update(ctx, id, input);
  }

  @RequirePermission('orders:write')
  @Mutation(() => Order, {
    description:
      'DRAFT -> CONFIRMED when a SIGNED or ACTIVE contract of the customer backs the order; ' +
      'otherwise DRAFT -> PENDING_APPROVAL: leadership approves an order without a contract',
  })
  confirmOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the order' }, UuidPipe) id: string,
  ) {
    return this.orderService.confirm(ctx, id);
  }

  @RequirePermission('orders:release')
  @Mutation(() => Order, { description: 'APPROVED or CONFIRMED -> RELEASED: the goods may ship' })
  releaseOrderForShipment(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the APPROVED or CONFIRMED order' }, UuidPipe) id: string,
  ) {
    return this.orderService.release(ctx, id);
  }

  @RequirePermission('orders:write')
  @Mutation(() => Order, {
    description: 'DRAFT, PENDING_APPROVAL, APPROVED or CONFIRMED -> CANCELLED, with the reason',
  })
  cancelOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the order' }, UuidPipe) id: string,
    @Args('reason', { description: 'Why (required)' }) reason: string,
  ) {
    return this.orderService.cancel(ctx, id, reason);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [OrderLine], { description: 'The order lines, in order' })
  lines(o: Order, _args: unknown, { ctx }: GqlContext) {
    return this.orderService.linesLoader(ctx).load(`${o.branchId}:${o.id}`);
  }

  @ResolveField(() => Customer, { nullable: true, description: 'The customer; null if you may not see them' })
  customer(o: Order, _args: unknown, { ctx }: GqlContext) {
    return this.customersService.byKeyLoader(ctx).load(`${o.branchId}:${o.customerId}`);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'The person responsible for the order' })
  owner(o: Order, _args: unknown, { ctx }: GqlContext) {
    return this.branches.staffLoader(ctx).load(`${o.branchId}:${o.ownerId}`);
  }

  @ResolveField(() => ApprovalRequest, { nullable: true, description: 'The latest approval request of the order' })
  approvalRequest(o: Order, _args: unknown, { ctx }: GqlContext) {
    return o.approvalRequestId ? this.orderService.requestLoader(ctx).load(o.approvalRequestId) : null;
  }
}

/** The catalogue product of an order line, through the catalogue's by-key loader (one statement per request). */
@Resolver(() => OrderLine)
export class OrderLineResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => Product, { nullable: true, description: 'The catalogue product (productId), if any' })
  product(l: OrderLine, _args: unknown, { ctx }: GqlContext) {
    return l.productId ? this.catalogue.productLoader(ctx).load(l.productId) : null;
  }
}
