import { Injectable, type OnModuleInit } from '@nestjs/common';
import type DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  addDays,
  compareMoney,
  parseMoney,
  startOfLocalDay,
  todayIn,
  type RequestContext,
  type Tx,
  type Values,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import type { ApprovalRequest } from '../../approvals/approval.entity.js';
import { ApprovalSubjects, type ApprovalOutcome } from '../../approvals/approval-subjects.js';
import { ApprovalsService } from '../../approvals/approvals.service.js';
import { checkText } from '../fulfillment-rules.js';
import {
  insertWithLines,
  linesLoader,
  lockReviewed,
  moveDocument,
  nextDocumentNumber,
  priceLines,
  submitForReview,
  type SupplierDocumentKind,
} from '../supplier-documents.js';
import type {
  AwardPurchaseContractInput,
  FollowUpDeliveryInput,
  RecordDepositInput,
} from './purchase-contract.input.js';
import { ProcurementRequests, SupplierQuotations, type ProcurementRequest } from './procurement.entity.js';
import { ProcurementRequestState, SupplierQuotationState } from './procurement.enums.js';
import {
  PURCHASE_CONTRACT_NUMBER_RULE,
  PURCHASE_CONTRACT_SUBJECT,
  alreadyAwarded,
  depositShort,
  offerExpired,
} from './procurement-rules.js';
import { FOLLOWED_UP, purchaseContractMove, type PurchaseContractMove } from './procurement-state.js';
import { ProcurementRequestsService } from './procurement-requests.service.js';
import {
  PurchaseContractLines,
  PurchaseContracts,
  type PurchaseContract,
  type PurchaseContractLine,
} from './purchase-contract.entity.js';
import type { PurchaseContractFilter } from './purchase-contract.types.js';

/** Purchase contracts as a supplier document with lines (supplier-documents.ts, supplier-receipts.ts hold the rules). */
export const PURCHASE_CONTRACT: SupplierDocumentKind<PurchaseContract, PurchaseContractLine, PurchaseContractMove> = {
  noun: 'purchase contract',
  documents: PurchaseContracts,
  lines: PurchaseContractLines,
  parent: 'contractId',
  counters: 'purchase_contract_counters',
  numberRule: PURCHASE_CONTRACT_NUMBER_RULE,
  guard: purchaseContractMove,
  receivedCap: 'contracted',
};

/**
 * Purchase contracts with suppliers (采购合同): awarded from a supplier's offer for a procurement request (under the
 * request's row lock, so one request line is on one live contract and two awards queue), reviewed through the
 * approval engine (PURCHASE_CONTRACT: the branch's finance, and the branch manager above 50,000), the deposit
 * finance records, and the delivery's follow-up (expected day; the worker reminds the buyer of a late one).
 * Goods received, closing and cancelling are in PurchaseContractReceiptsService.
 */
@Injectable()
export class PurchaseContractsService implements OnModuleInit {
  constructor(
    private readonly requests: ProcurementRequestsService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: PURCHASE_CONTRACT_SUBJECT,
      label: 'Purchase contract',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<PurchaseContract | null> {
    return PurchaseContracts.findInScope(ctx, id);
  }

  /** Newest first; head office without a branch filter pages across its branches. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: PurchaseContractFilter },
  ): Promise<ConnectionShape<PurchaseContract>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .eq('request_id', f.requestId?.toLowerCase(), 'uuid')
      .eq('vendor_id', f.supplierId?.toLowerCase(), 'uuid')
      .eq('state', f.state);
    return keysetPage(ctx, args, {
      columns: PurchaseContracts.cols(),
      from: 'purchase_contracts',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (c: PurchaseContract) => c.createdAt },
      map: PurchaseContracts.map,
    });
  }

  /** The lines of many contracts ("branchId:contractId" keys), in position order. */
  linesLoader(ctx: RequestContext): DataLoader<string, PurchaseContractLine[]> {
    return linesLoader(ctx, PURCHASE_CONTRACT);
  }

  /** The contracts of many requests ("branchId:requestId" keys), in the order they were awarded. */
  byRequestLoader(ctx: RequestContext): DataLoader<string, PurchaseContract[]> {
    return PurchaseContracts.childLoader(ctx, 'requestId', 'x.created_at, x.id');
  }

  // ---------- writes ----------

  /**
   * A DRAFT contract from a supplier's offer for the request lines chosen (default: every line it offered), each
   * at the offered price; the offer must still hold and no line may be on another live contract (CONFLICT
   * OFFER_EXPIRED / ALREADY_AWARDED, no change). The request is AWARDED once every line is on a live contract.
   */
  async award(ctx: RequestContext, input: AwardPurchaseContractInput): Promise<PurchaseContract> {
    const quotation = await SupplierQuotations.findInScope(ctx, input.quotationId.toLowerCase());
    if (!quotation) throw new NotFoundError('SupplierQuotation', input.quotationId);
    const request = await ProcurementRequests.lock(ctx, quotation.requestId);
    if (request.state !== ProcurementRequestState.SOURCING) {
      throw new InvalidStateError(
        `A purchase contract is awarded while the procurement request is SOURCING; it is ${request.state}`,
      );
    }
    if (quotation.state !== SupplierQuotationState.OFFERED) {
      throw new InvalidStateError(`Only an offer is awarded: the request for quotation is ${quotation.state}`);
    }
    const branch = await this.requests.branch(ctx, request.branchId);
    const today = todayIn(branch.timeZone);
    const key = `${request.branchId}:${request.id}`;
    const requestLines = new Map((await this.requests.linesLoader(ctx).load(key)).map((l) => [l.id, l]));
    const offerKey = `${quotation.branchId}:${quotation.id}`;
    const offers = await this.requests.offerLinesLoader(ctx).clear(offerKey).load(offerKey);
    const offerByLine = new Map(offers.map((o) => [o.requestLineId, o]));
    const tx = await ctx.tx();
    const live = await this.awardedLines(tx, request.branchId, request.id);
    const chosenIds = input.requestLineIds?.map((x) => x.toLowerCase()) ?? offers.map((o) => o.requestLineId);
    const seen = new Set<string>();
    const chosen = chosenIds.map((lineId, i) => {
      const field = `requestLineIds[${i}]`;
      const line = requestLines.get(lineId);
      if (!line) throw BadUserInputError.field(field, 'is not a line of this procurement request');
      if (seen.has(lineId)) throw BadUserInputError.field(field, 'is named twice');
      seen.add(lineId);
      const offer = offerByLine.get(lineId);
      if (!offer) throw BadUserInputError.field(field, 'the supplier offered nothing for this line');
      if (offer.validUntil < today) throw offerExpired(lineId, offer.validUntil, today);
      const awarded = live.get(lineId);
      if (awarded) throw alreadyAwarded(lineId, awarded);
      return {
        requestId: request.id,
        requestLineId: line.id,
        offerLineId: offer.id,
        organizationId: line.organizationId,
        productId: line.productId,
        quantity: line.quantity,
        unitPrice: offer.unitPrice,
      };
    });
    if (chosen.length === 0) throw BadUserInputError.field('requestLineIds', 'name at least one line');
    const { lines, amount } = priceLines('requestLineIds', chosen);
    const depositDue = parseMoney('depositDue', input.depositDue ?? '0');
    if (compareMoney(depositDue, amount) > 0) {
      throw BadUserInputError.field('depositDue', `must not be more than the contract amount ${amount}`);
    }
    const lead = Math.max(...chosen.map((c) => offerByLine.get(c.requestLineId)!.leadTimeDays));
    const expectedOn = input.expectedOn ?? addDays(today, lead);
    if (expectedOn < today) throw BadUserInputError.field('expectedOn', 'must be today or later (the branch’s today)');

    const document = {
      branchId: request.branchId,
      number: await nextDocumentNumber(tx, PURCHASE_CONTRACT, branch, today),
      requestId: request.id,
      quotationId: quotation.id,
      organizationId: quotation.organizationId,
      vendorId: quotation.vendorId,
      buyerId: request.buyerId,
      currency: request.currency,
      amount,
      depositDue,
      expectedOn,
      terms: checkText('terms', input.terms, 4000),
      createdById: ctx.requireActor().userId,
    };
    const contract = await insertWithLines(ctx, PURCHASE_CONTRACT, document, lines, 'award');
    if (chosen.length + live.size === requestLines.size) await this.requests.move(ctx, request, 'AWARD_ALL');
    return contract;
  }

  /** DRAFT -> IN_REVIEW: reviewed through the approval engine (subject PURCHASE_CONTRACT). */
  submit(ctx: RequestContext, id: string): Promise<PurchaseContract> {
    return submitForReview(
      ctx,
      PURCHASE_CONTRACT,
      this.approvals,
      id,
      PURCHASE_CONTRACT_SUBJECT,
      (before) => `Purchase contract ${before.number}, ${before.amount} ${before.currency}`,
    );
  }

  /** AWAITING_DEPOSIT -> IN_DELIVERY: finance records the deposit paid (at least what the contract asks for). */
  async recordDeposit(ctx: RequestContext, id: string, input: RecordDepositInput): Promise<PurchaseContract> {
    const amount = parseMoney('amount', input.amount, 'positive');
    const before = await PurchaseContracts.lock(ctx, id.toLowerCase());
    purchaseContractMove(before.state, 'RECORD_DEPOSIT');
    const branch = await this.requests.branch(ctx, before.branchId);
    if (input.paidOn > todayIn(branch.timeZone)) {
      throw BadUserInputError.field('paidOn', 'must not be in the future (the branch’s today)');
    }
    if (compareMoney(amount, before.amount) > 0) {
      throw BadUserInputError.field('amount', `must not be more than the contract amount ${before.amount}`);
    }
    if (compareMoney(amount, before.depositDue) < 0) throw depositShort(before.depositDue, amount);
    return this.move(ctx, before, 'RECORD_DEPOSIT', {
      depositPaid: amount,
      depositPaidOn: input.paidOn,
      depositRecordedById: ctx.requireActor().userId,
      depositRecordedAt: new Date(),
    });
  }

  /** The delivery followed up: a new expected day (and what the supplier said); the late reminder is re-armed. */
  async followUp(ctx: RequestContext, id: string, input: FollowUpDeliveryInput): Promise<PurchaseContract> {
    const note = checkText('note', input.note, 2000, true)!;
    const before = await PurchaseContracts.lock(ctx, id.toLowerCase());
    if (!FOLLOWED_UP.includes(before.state)) {
      throw new InvalidStateError(
        `A purchase contract's delivery is followed up while ${FOLLOWED_UP.join(', ')}; it is ${before.state}`,
      );
    }
    const branch = await this.requests.branch(ctx, before.branchId);
    if (input.expectedOn < todayIn(branch.timeZone)) {
      throw BadUserInputError.field('expectedOn', 'must be today or later (the branch’s today)');
    }
    const set = {
      expectedOn: input.expectedOn,
      followUpNote: note,
      lateCheckAt: lateCheck(input.expectedOn, branch.timeZone),
      updatedAt: new Date(),
    };
    return PurchaseContracts.change(ctx, before, set, 'follow_up');
  }

  /** Sets a new state (and other columns) after the guard, with the audit row of the move. */
  move(
    ctx: RequestContext,
    before: PurchaseContract,
    move: PurchaseContractMove,
    set: Values<PurchaseContract> = {},
  ): Promise<PurchaseContract> {
    return moveDocument(ctx, PURCHASE_CONTRACT, before, move, set);
  }

  /** A contract cancelled frees its request lines: an AWARDED request is SOURCING again. */
  async reopenRequest(ctx: RequestContext, contract: PurchaseContract): Promise<ProcurementRequest> {
    const request = await ProcurementRequests.lock(ctx, contract.requestId);
    if (request.state !== ProcurementRequestState.AWARDED) return request;
    return this.requests.move(ctx, request, 'REOPEN');
  }

  /** When the worker first looks for a late delivery: the start of the day after the expected day, branch time. */
  async lateCheckOf(ctx: RequestContext, contract: PurchaseContract, expectedOn = contract.expectedOn): Promise<Date> {
    const branch = await this.requests.branch(ctx, contract.branchId);
    return lateCheck(expectedOn, branch.timeZone);
  }

  /** In the deciding transaction: APPROVED awaits the deposit (or goes to delivery), RETURNED / WITHDRAWN reopen. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const before = await lockReviewed(ctx, PURCHASE_CONTRACT, request);
    const set: Values<PurchaseContract> = { approvalRequestId: request.id };
    if (outcome === 'APPROVED') {
      const noDeposit = compareMoney(before.depositDue, '0') === 0;
      set.lateCheckAt = await this.lateCheckOf(ctx, before);
      await this.move(ctx, before, noDeposit ? 'REVIEW_APPROVED_NO_DEPOSIT' : 'REVIEW_APPROVED', set);
    } else if (outcome === 'REJECTED') {
      const after = await this.move(ctx, before, 'REVIEW_REJECTED', {
        ...set,
        cancelledAt: new Date(),
        cancelReason: 'Rejected in review',
      });
      await this.reopenRequest(ctx, after);
    } else {
      await this.move(ctx, before, 'REVIEW_RETURNED', set);
    }
  }

  /** Request lines on contracts that are not cancelled, with the contract's number. */
  async awardedLines(tx: Tx, branchId: string, requestId: string): Promise<Map<string, string>> {
    const rows = await tx.query<{ requestLineId: string; number: string }>(
      `SELECT l.request_line_id AS "requestLineId", c.number
       FROM purchase_contract_lines l JOIN purchase_contracts c ON c.branch_id = l.branch_id AND c.id = l.contract_id
       WHERE l.branch_id = $1 AND l.request_id = $2 AND c.state <> 'CANCELLED'`,
      [branchId, requestId],
    );
    return new Map(rows.map((r) => [r.requestLineId, r.number]));
  }
}

/** The start of the day after `expectedOn` in the branch's time zone: from then on the delivery is late. */
function lateCheck(expectedOn: string, timeZone: string): Date {
  return startOfLocalDay(addDays(expectedOn, 1), timeZone);
}
