import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ForbiddenError, todayIn, writeAudit, type RequestContext } from '@app/core';
import { IssuedTenderBids, IssuedTenders, type IssuedTender } from './issued-tender.entity.js';
import { scoresIncomplete, tenderTie, issuedTenderMove } from './issued-tender-rules.js';
import { SupplierOfferLines, SupplierQuotations } from './procurement.entity.js';
import { ProcurementRequestState, SupplierQuotationState } from './procurement.enums.js';
import { ProcurementRequests } from './procurement.entity.js';
import { ProcurementRequestsService } from './procurement-requests.service.js';
import { PurchaseContractsService } from './purchase-contracts.service.js';
import { IssuedTenderBidsService } from './issued-tender-bids.service.js';
import { IssuedTendersService } from './issued-tenders.service.js';

/**
 * The winner chosen by the chair (EVALUATING -> AWARDED): the first of the ranking, every score in, no tie for
 * first unless the chair broke it (CONFLICT TENDER_TIE). The winning bid becomes the supplier's offer (a supplier
 * quotation, OFFERED, at the bid's prices) and that offer a DRAFT purchase contract through the existing award path
 * (PurchaseContractsService.award; its review is PURCHASE_CONTRACT). When that path cannot take it (the supplier
 * already has a request for quotation of this request, a line is on another live contract, the request is no longer
 * SOURCING, or the bid no longer holds) the award is recorded and the buyer makes the contract by hand.
 */
@Injectable()
export class IssuedTenderAwardService {
  constructor(
    private readonly tenders: IssuedTendersService,
    private readonly bids: IssuedTenderBidsService,
    private readonly requests: ProcurementRequestsService,
    private readonly contracts: PurchaseContractsService,
  ) {}

  async award(ctx: RequestContext, id: string): Promise<IssuedTender> {
    const before = await IssuedTenders.lock(ctx, id.toLowerCase());
    const key = `${before.branchId}:${before.id}`;
    const members = await this.tenders.membersLoader(ctx).load(key);
    if (!members.some((m) => m.chair && m.userId === ctx.requireActor().userId)) {
      throw new ForbiddenError('Only the chair of the evaluation committee chooses the winner');
    }
    issuedTenderMove(before.state, 'AWARD');
    const ranking = await this.bids.ranking(ctx, before);
    if (!ranking.complete) throw scoresIncomplete();
    const first = ranking.rows[0];
    let winnerId = first.bidId;
    if (ranking.tiedForFirst.length) {
      if (!before.tieBreakBidId || !ranking.tiedForFirst.includes(before.tieBreakBidId)) {
        throw tenderTie(ranking.tiedForFirst, first.total);
      }
      winnerId = before.tieBreakBidId;
    }
    const winner = (await IssuedTenderBids.find(await ctx.tx(), { branchId: before.branchId, id: winnerId }))!;
    const { quotationId, contractId } = await this.offerAndContract(ctx, before, winnerId);
    const after = await this.tenders.move(ctx, before, 'AWARD', {
      winnerBidId: winner.id,
      quotationId,
      purchaseContractId: contractId,
      awardedAt: new Date(),
    });
    return after;
  }

  /** The winner's offer and its DRAFT purchase contract when the existing path takes them; nulls otherwise. */
  private async offerAndContract(
    ctx: RequestContext,
    tender: IssuedTender,
    bidId: string,
  ): Promise<{ quotationId: string | null; contractId: string | null }> {
    const tx = await ctx.tx();
    const bid = (await IssuedTenderBids.find(tx, { branchId: tender.branchId, id: bidId }))!;
    const request = await ProcurementRequests.lock(ctx, tender.requestId);
    const branch = await this.requests.branch(ctx, tender.branchId);
    const today = todayIn(branch.timeZone);
    const tenderLines = await this.tenders.linesLoader(ctx).load(`${tender.branchId}:${tender.id}`);
    const asked = await SupplierQuotations.find(tx, {
      branchId: tender.branchId,
      requestId: request.id,
      vendorId: bid.vendorId,
    });
    const live = await this.contracts.awardedLines(tx, tender.branchId, request.id);
    const blocked =
      request.state !== ProcurementRequestState.SOURCING ||
      asked !== null ||
      bid.validUntil < today ||
      tenderLines.some((l) => live.has(l.requestLineId));
    if (blocked) return { quotationId: null, contractId: null };

    const prices = new Map(
      (await this.bids.bidLinesLoader(ctx).load(`${bid.branchId}:${bid.id}`)).map((l) => [
        l.tenderLineId,
        l.unitPrice!,
      ]),
    );
    const quotation = await SupplierQuotations.insert(tx, {
      branchId: tender.branchId,
      id: randomUUID(),
      requestId: request.id,
      organizationId: bid.organizationId,
      vendorId: bid.vendorId,
      state: SupplierQuotationState.OFFERED,
      replyBy: today,
      offeredAt: new Date(),
      offerReference: `Tender ${tender.number}`,
      createdById: ctx.requireActor().userId,
    });
    for (const l of tenderLines) {
      await SupplierOfferLines.insert(tx, {
        branchId: tender.branchId,
        id: randomUUID(),
        quotationId: quotation.id,
        requestLineId: l.requestLineId,
        unitPrice: prices.get(l.id)!,
        leadTimeDays: bid.leadTimeDays,
        validUntil: bid.validUntil,
      });
    }
    await writeAudit(ctx, {
      branchId: quotation.branchId,
      entity: 'supplierQuotation',
      entityId: quotation.id,
      action: 'tender_award',
      after: { ...quotation, tenderId: tender.id, bidId: bid.id },
    });
    const contract = await this.contracts.award(ctx, {
      quotationId: quotation.id,
      requestLineIds: tenderLines.map((l) => l.requestLineId),
    });
    return { quotationId: quotation.id, contractId: contract.id };
  }
}
