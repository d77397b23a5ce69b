import { ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { Product } from '../fulfillment/catalogue.entity.js';
import { CatalogueService } from '../fulfillment/catalogue.service.js';
import { ContractLine } from './contract-line.entity.js';
import { ContractLinesService } from './contract-lines.service.js';
import { Contract } from './contract.entity.js';
import { QuoteLine } from './quote.entity.js';

interface GqlContext {
  ctx: RequestContext;
}

// Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).

/** A contract's lines (copied from its accepted quote), with what orders hold of each. */
@Resolver(() => Contract)
export class ContractLinesFieldResolver {
  constructor(private readonly contractLines: ContractLinesService) {}

  @ResolveField(() => [ContractLine], {
    description: 'The lines, in position order: those of the accepted quote it was made from; none otherwise',
  })
  lines(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return this.contractLines.linesLoader(ctx).load(`${c.branchId}:${c.id}`);
  }
}

/** The catalogue product of a contract line, through the catalogue's by-key loader (one statement per request). */
@Resolver(() => ContractLine)
export class ContractLineProductResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => Product, { nullable: true, description: 'The catalogue product (productId), if any' })
  product(l: ContractLine, _args: unknown, { ctx }: GqlContext) {
    return l.productId ? this.catalogue.productLoader(ctx).load(l.productId) : null;
  }
}

/** The catalogue product of a quote line, through the catalogue's by-key loader (one statement per request). */
@Resolver(() => QuoteLine)
export class QuoteLineProductResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => Product, { nullable: true, description: 'The catalogue product (productId), if any' })
  product(l: QuoteLine, _args: unknown, { ctx }: GqlContext) {
    return l.productId ? this.catalogue.productLoader(ctx).load(l.productId) : null;
  }
}

export const CONTRACT_LINE_RESOLVERS = [
  ContractLinesFieldResolver,
  ContractLineProductResolver,
  QuoteLineProductResolver,
];
