import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../../branches/auth.decorators.js';
import { refFieldsResolver } from '../../branches/ref-fields.js';
import { StoredFile } from '../../documents/file.entity.js';
import { Vendor } from '../catalogue.entity.js';
import { VendorsService } from '../vendors.service.js';
import {
  IssuedTender,
  IssuedTenderBid,
  IssuedTenderBidLine,
  IssuedTenderCriterion,
  IssuedTenderLine,
  IssuedTenderMember,
  IssuedTenderScore,
  IssuedTenderSupplier,
} from './issued-tender.entity.js';
import {
  CreateIssuedTenderInput,
  IssuedTenderCommitteeInput,
  IssuedTenderConnection,
  IssuedTenderFilter,
  IssuedTenderRanking,
  IssuedTenderScoreInput,
  RecordIssuedTenderBidInput,
} from './issued-tender.types.js';
import { IssuedTenderAwardService } from './issued-tender-award.service.js';
import { IssuedTenderBidsService } from './issued-tender-bids.service.js';
import { IssuedTendersService } from './issued-tenders.service.js';
import {
  ProcurementRequest,
  ProcurementRequestLine,
  ProcurementRequestLines,
  ProcurementRequests,
} from './procurement.entity.js';
import { PurchaseContract, PurchaseContracts } from './purchase-contract.entity.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID, description: 'Id of the issued tender' };
const BID_ARG = { type: () => ID, description: 'Id of the bid' };

@Resolver(() => IssuedTender)
export class IssuedTendersResolver {
  constructor(
    private readonly service: IssuedTendersService,
    private readonly bidService: IssuedTenderBidsService,
    private readonly awards: IssuedTenderAwardService,
  ) {}

  @RequirePermission('procurement:read')
  @Query(() => IssuedTender, { nullable: true, description: 'One issued tender; null when unknown or out of reach' })
  issuedTender(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.service.findOne(ctx, id);
  }

  @RequirePermission('procurement:read')
  @Query(() => IssuedTenderConnection, { description: 'Tenders the company issues (招标), newest first' })
  issuedTenders(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => IssuedTenderFilter, nullable: true, description: 'Narrows the list' })
    filter?: IssuedTenderFilter,
  ) {
    return this.service.list(ctx, { first, after, filter });
  }

  @RequirePermission('procurement:write')
  @Mutation(() => IssuedTender, {
    description:
      'Draft a tender for a PLANNED or SOURCING procurement request: scope, lines, documents, deadline and opening, ' +
      'criteria (weights sum to 100), committee (3+, odd, one from finance), invited suppliers or open',
  })
  createIssuedTender(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The tender' }) input: CreateIssuedTenderInput,
  ) {
    return this.service.create(ctx, input);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => IssuedTender, { description: 'Attach tender documents (uploaded with POST /files) while DRAFT' })
  attachIssuedTenderDocuments(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('fileIds', { type: () => [ID], description: 'Ids of the uploaded files' }) fileIds: string[],
  ) {
    return this.service.attachDocuments(ctx, id, fileIds);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => IssuedTender, { description: 'Replace the evaluation committee before the bids are opened' })
  setIssuedTenderCommittee(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('committee', { description: 'The committee' }) committee: IssuedTenderCommitteeInput,
  ) {
    return this.service.setCommittee(ctx, id, committee);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => IssuedTender, { description: 'DRAFT -> ANNOUNCED: bids are received until the deadline' })
  announceIssuedTender(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.service.announce(ctx, id);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => IssuedTender, { description: 'DRAFT, ANNOUNCED or EVALUATING -> CANCELLED' })
  cancelIssuedTender(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('reason', { description: 'Why, 1 to 2000 characters' }) reason: string,
  ) {
    return this.service.cancel(ctx, id, reason);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => IssuedTenderBid, {
    description:
      'A supplier’s sealed bid received before the deadline (after it: CONFLICT DEADLINE_PASSED); a revision ' +
      'replaces the supplier’s bid; the answer shows no amount until the opening',
  })
  recordIssuedTenderBid(
    @Ctx() ctx: RequestContext,
    @Args('tenderId', ID_ARG, UuidPipe) tenderId: string,
    @Args('input', { description: 'The bid' }) input: RecordIssuedTenderBidInput,
  ) {
    return this.bidService.record(ctx, tenderId, input);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => IssuedTender, {
    description: 'ANNOUNCED -> EVALUATING at the opening time; fewer than 3 bids: FAILED (流标)',
  })
  openIssuedTenderBids(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.bidService.open(ctx, id);
  }

  @RequirePermission('procurement:read')
  @Mutation(() => IssuedTender, {
    description: 'The chair finds a bid not valid; fewer than 3 valid bids left: FAILED',
  })
  disqualifyIssuedTenderBid(
    @Ctx() ctx: RequestContext,
    @Args('bidId', BID_ARG, UuidPipe) bidId: string,
    @Args('reason', { description: 'Why, 1 to 2000 characters' }) reason: string,
  ) {
    return this.bidService.disqualify(ctx, bidId, reason);
  }

  @RequirePermission('procurement:read')
  @Mutation(() => IssuedTenderBid, {
    description: 'A committee member’s scores of a bid on technical criteria (0 to 100; again: replaced)',
  })
  scoreIssuedTenderBid(
    @Ctx() ctx: RequestContext,
    @Args('bidId', BID_ARG, UuidPipe) bidId: string,
    @Args('scores', { type: () => [IssuedTenderScoreInput], description: 'Scores per criterion' })
    scores: IssuedTenderScoreInput[],
  ) {
    return this.bidService.score(ctx, bidId, scores);
  }

  @RequirePermission('procurement:read')
  @Mutation(() => IssuedTender, {
    description: 'The chair prefers one of the bids tied for first, with a reason (CONFLICT NO_TIE otherwise)',
  })
  breakIssuedTenderTie(
    @Ctx() ctx: RequestContext,
    @Args('bidId', BID_ARG, UuidPipe) bidId: string,
    @Args('reason', { description: 'Why, 1 to 2000 characters' }) reason: string,
  ) {
    return this.bidService.breakTie(ctx, bidId, reason);
  }

  @RequirePermission('procurement:read')
  @Mutation(() => IssuedTender, {
    description:
      'EVALUATING -> AWARDED by the chair: the first of the ranking (CONFLICT TENDER_TIE while bids share it, ' +
      'SCORES_INCOMPLETE before every score is in); its offer becomes a DRAFT purchase contract when it can',
  })
  awardIssuedTender(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.awards.award(ctx, id);
  }

  @ResolveField(() => [IssuedTenderLine], { description: 'The request lines it covers' })
  lines(t: IssuedTender, _a: unknown, { ctx }: GqlContext) {
    return this.service.linesLoader(ctx).load(`${t.branchId}:${t.id}`);
  }

  @ResolveField(() => [IssuedTenderCriterion], { description: 'Technical criteria and weights' })
  criteria(t: IssuedTender, _a: unknown, { ctx }: GqlContext) {
    return this.service.criteriaLoader(ctx).load(`${t.branchId}:${t.id}`);
  }

  @ResolveField(() => [IssuedTenderMember], { description: 'The evaluation committee, chair first' })
  committee(t: IssuedTender, _a: unknown, { ctx }: GqlContext) {
    return this.service.membersLoader(ctx).load(`${t.branchId}:${t.id}`);
  }

  @ResolveField(() => [IssuedTenderSupplier], { description: 'Suppliers invited to bid' })
  invitedSuppliers(t: IssuedTender, _a: unknown, { ctx }: GqlContext) {
    return this.service.suppliersLoader(ctx).load(`${t.branchId}:${t.id}`);
  }

  @ResolveField(() => [StoredFile], { description: 'The tender documents, oldest first' })
  documents(t: IssuedTender, _a: unknown, { ctx }: GqlContext) {
    return this.service.documentsLoader(ctx).load(`${t.branchId}:${t.id}`);
  }

  @ResolveField(() => [IssuedTenderBid], { description: 'Bids received (amounts sealed until the opening)' })
  bids(t: IssuedTender, _a: unknown, { ctx }: GqlContext) {
    return this.bidsOf(ctx, t);
  }

  @ResolveField(() => IssuedTenderRanking, { description: 'The valid bids ranked (after the opening)' })
  ranking(t: IssuedTender, _a: unknown, { ctx }: GqlContext) {
    return this.bidService.ranking(ctx, t);
  }

  @ResolveField(() => ProcurementRequest, { nullable: true, description: 'The procurement request it sources' })
  request(t: IssuedTender, _a: unknown, { ctx }: GqlContext) {
    return ProcurementRequests.loader(ctx).load(`${t.branchId}:${t.requestId}`);
  }

  @ResolveField(() => PurchaseContract, { nullable: true, description: 'The purchase contract awarded from it' })
  purchaseContract(t: IssuedTender, _a: unknown, { ctx }: GqlContext) {
    return t.purchaseContractId ? PurchaseContracts.loader(ctx).load(`${t.branchId}:${t.purchaseContractId}`) : null;
  }

  private bidsOf(ctx: RequestContext, t: IssuedTender) {
    return this.bidService.bids(ctx, t);
  }
}

@Resolver(() => IssuedTenderLine)
export class IssuedTenderLineResolver {
  @ResolveField(() => ProcurementRequestLine, { nullable: true, description: 'The request line (product, quantity)' })
  requestLine(l: IssuedTenderLine, _a: unknown, { ctx }: GqlContext) {
    return ProcurementRequestLines.loader(ctx).load(`${l.branchId}:${l.requestLineId}`);
  }
}

@Resolver(() => IssuedTenderSupplier)
export class IssuedTenderSupplierResolver {
  constructor(private readonly vendors: VendorsService) {}

  @ResolveField(() => Vendor, { nullable: true, description: 'The supplier' })
  supplier(s: IssuedTenderSupplier, _a: unknown, { ctx }: GqlContext) {
    return this.vendors.vendorLoader(ctx).load(s.vendorId);
  }
}

@Resolver(() => IssuedTenderBid)
export class IssuedTenderBidResolver {
  constructor(
    private readonly bids: IssuedTenderBidsService,
    private readonly vendors: VendorsService,
  ) {}

  @ResolveField(() => Vendor, { nullable: true, description: 'The supplier bidding' })
  supplier(b: IssuedTenderBid, _a: unknown, { ctx }: GqlContext) {
    return this.vendors.vendorLoader(ctx).load(b.vendorId);
  }

  @ResolveField(() => [IssuedTenderBidLine], { description: 'Its price per tender line (sealed until the opening)' })
  async lines(b: IssuedTenderBid, _a: unknown, { ctx }: GqlContext) {
    const lines = await this.bids.bidLinesLoader(ctx).load(`${b.branchId}:${b.id}`);
    return b.amount === null ? lines.map((l) => ({ ...l, unitPrice: null, lineTotal: null })) : lines;
  }

  @ResolveField(() => [IssuedTenderScore], { description: 'The committee’s scores of it' })
  scores(b: IssuedTenderBid, _a: unknown, { ctx }: GqlContext) {
    return this.bids.scoresLoader(ctx).load(`${b.branchId}:${b.id}`);
  }
}

export const ISSUED_TENDER_RESOLVERS = [
  IssuedTendersResolver,
  IssuedTenderLineResolver,
  IssuedTenderSupplierResolver,
  IssuedTenderBidResolver,
  refFieldsResolver(
    () => IssuedTender,
    [
      { name: 'branch', kind: 'branch', description: 'The branch issuing it' },
      { name: 'createdBy', kind: 'person', id: (t) => t.createdById, description: 'Who drafted it' },
    ],
  ),
  refFieldsResolver(
    () => IssuedTenderMember,
    [{ name: 'person', kind: 'person', id: (m) => m.userId, description: 'The member' }],
  ),
  refFieldsResolver(
    () => IssuedTenderBid,
    [{ name: 'recordedBy', kind: 'person', id: (b) => b.recordedById, description: 'Who recorded it' }],
  ),
];
