import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { BadUserInputError, ForbiddenError, type RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { can } from '../branches/roles.js';
import { Partner } from '../channels/channel.entity.js';
import { PartnersService } from '../channels/partners.service.js';
import { Customer } from '../customers/customer.types.js';
import { CustomersService } from '../customers/customers.service.js';
import { ReconciliationLine, ReconciliationStatement } from './reconciliation.entity.js';
import { ReconciliationService } from './reconciliation.service.js';
import {
  DisputeStatementInput,
  ReconciliationStatementConnection,
  ReconciliationStatementFilter,
} from './reconciliation.types.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

/** Reconciliation statements (对账单): finance and the overseers read them; finance records the customer's answer. */
@Resolver(() => ReconciliationStatement)
export class ReconciliationResolver {
  constructor(
    private readonly statements: ReconciliationService,
    private readonly customersService: CustomersService,
    private readonly branches: BranchesService,
    private readonly partners: PartnersService,
  ) {}

  @RequirePermission('receivables:read')
  @Query(() => ReconciliationStatement, {
    nullable: true,
    description: 'A reconciliation statement you may see, or null',
  })
  reconciliationStatement(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the statement' }, UuidPipe) id: string,
  ) {
    return this.statements.findOne(ctx, id);
  }

  @RequirePermission('receivables:read')
  @Query(() => ReconciliationStatementConnection, {
    description: 'Reconciliation statements, latest period first; head office every branch in one list',
  })
  reconciliationStatements(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => ReconciliationStatementFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: ReconciliationStatementFilter,
  ) {
    return this.statements.list(ctx, { first, after, filter });
  }

  @RequirePermission('receipts:write')
  @Mutation(() => ReconciliationStatement, {
    description: 'SENT -> SIGNED: the customer signed the statement back; the scan is a file uploaded with POST /files',
  })
  signReconciliationStatement(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the statement' }, UuidPipe) id: string,
    @Args('fileId', { ...ID_ARG, description: 'Id of the uploaded scan of the signed statement' }, UuidPipe)
    fileId: string,
  ) {
    return this.statements.sign(ctx, id, fileId);
  }

  @RequirePermission('receipts:write')
  @Mutation(() => ReconciliationStatement, {
    description: 'SENT -> DISPUTED: the customer disputes lines of the statement, each with a reason',
  })
  disputeReconciliationStatement(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The statement and the disputed lines' }) input: DisputeStatementInput,
  ) {
    return this.statements.dispute(ctx, input);
  }

  @RequirePermission('receipts:write')
  @Mutation(() => ReconciliationStatement, {
    description: 'Finance resolves one disputed line; DISPUTED -> RESOLVED once no disputed line is open',
  })
  resolveStatementLine(
    @Ctx() ctx: RequestContext,
    @Args('lineId', { ...ID_ARG, description: 'Id of a disputed line' }, UuidPipe) lineId: string,
    @Args('resolution', { description: 'How it was resolved (1 to 1000 characters)' }) resolution: string,
  ) {
    return this.statements.resolveLine(ctx, lineId, resolution);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [ReconciliationLine], { description: 'The period’s invoices, credit notes and receipts, by day' })
  lines(s: ReconciliationStatement, _args: unknown, { ctx }: GqlContext) {
    return this.statements.linesLoader(ctx).load(`${s.branchId}:${s.id}`);
  }

  @ResolveField(() => Customer, { nullable: true, description: 'The customer; null if you may not see them' })
  customer(s: ReconciliationStatement, _args: unknown, { ctx }: GqlContext) {
    return this.customersService.byKeyLoader(ctx).load(`${s.branchId}:${s.customerId}`);
  }

  @ResolveField(() => Partner, {
    nullable: true,
    description: 'The partner of a monthly statement; null for a half-yearly one or a partner you may not see',
  })
  partner(s: ReconciliationStatement, _args: unknown, { ctx }: GqlContext) {
    return s.partnerId ? this.partners.byKeyLoader(ctx).load(`${s.branchId}:${s.partnerId}`) : null;
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'Who recorded the customer’s answer' })
  answeredBy(s: ReconciliationStatement, _args: unknown, { ctx }: GqlContext) {
    return this.branches.person(ctx, s.branchId, s.answeredById);
  }

  @ResolveField(() => String, {
    description: 'Where to download the statement as a PDF for the customer to sign (GET, same bearer token)',
  })
  pdfPath(s: ReconciliationStatement) {
    return `/reconciliation-statements/${s.id}/pdf`;
  }
}

/** A partner's monthly statements on the partner (finance and the overseers, as the statements list). */
@Resolver(() => Partner)
export class PartnerStatementsResolver {
  constructor(private readonly service: ReconciliationService) {}

  @ResolveField(() => [ReconciliationStatement], {
    nullable: true,
    description:
      'The partner’s monthly statements (对账单, with the month’s rebate), latest month first; the whole list: ' +
      'reconciliationStatements(filter: { partnerId }). Refused (FORBIDDEN) to roles that may not read statements',
  })
  statements(
    @Ctx() ctx: RequestContext,
    @Parent() p: Partner,
    @Args('first', { type: () => Int, defaultValue: 12, description: 'How many months: 1 to 60 (default 12)' })
    first: number,
  ) {
    if (!can(ctx.requireActor().role, 'receivables:read')) {
      throw new ForbiddenError('Your role may not read reconciliation statements; ask finance or your manager');
    }
    if (!Number.isInteger(first) || first < 1 || first > 60) throw BadUserInputError.field('first', 'must be 1 to 60');
    return this.service.partnerStatementsLoader(ctx, first).load(`${p.branchId}:${p.id}`);
  }
}
