import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  branchToday,
  compareMoney,
  parseMoney,
  todayIn,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { Vendors } from '../catalogue.entity.js';
import { VendorKind } from '../fulfillment.enums.js';
import { checkText } from '../fulfillment-rules.js';
import { findOrganizationRow } from '../organization-rows.js';
import type { RecordSupplierOfferInput, RequestQuotationsInput } from './procurement.input.js';
import {
  ProcurementRequests,
  SupplierOfferLines,
  SupplierQuotations,
  type SupplierOfferLine,
  type SupplierQuotation,
} from './procurement.entity.js';
import { ProcurementRequestState } from './procurement.enums.js';
import { alreadyAsked } from './procurement-rules.js';
import { procurementRequestMove, supplierQuotationMove } from './procurement-state.js';
import { ProcurementRequestsService } from './procurement-requests.service.js';
import type { ProcurementComparisonLine, ProcurementComparisonOffer } from './procurement.types.js';

/** One row of the comparison statement: a request line, and one offer of it (or none). */
interface ComparisonRow {
  branchId: string;
  requestLineId: string;
  position: number;
  productId: string;
  quantity: string;
  quotationId: string | null;
  offerLineId: string | null;
  supplierId: string | null;
  unitPrice: string | null;
  lineTotal: string | null;
  leadTimeDays: number | null;
  validUntil: string | null;
  terms: string | null;
  expired: boolean | null;
}

/**
 * Requests for quotation (询价) to several suppliers for one procurement request, their offers recorded per line
 * (unit price, lead time, validity, terms; a revision replaces the lines it names), a supplier declining, and the
 * buyer's comparison of the offers side by side per line. The request's row lock orders every change of its
 * sourcing (asking, offers, awards), so an award never reads an offer half revised.
 */
@Injectable()
export class SupplierQuotationsService {
  constructor(private readonly requests: ProcurementRequestsService) {}

  /** PLANNED or SOURCING -> SOURCING: one request for quotation per supplier (a supplier asked twice: CONFLICT). */
  async request(ctx: RequestContext, id: string, input: RequestQuotationsInput): Promise<SupplierQuotation[]> {
    const before = await ProcurementRequests.lock(ctx, id.toLowerCase());
    procurementRequestMove(before.state, 'SOURCE');
    const branch = await this.requests.branch(ctx, before.branchId);
    if (input.replyBy < todayIn(branch.timeZone)) {
      throw BadUserInputError.field('replyBy', 'must be today or later (the branch’s today)');
    }
    const tx = await ctx.tx();
    const asked = new Set(
      (
        await tx.query<{ vendorId: string }>(
          `SELECT vendor_id AS "vendorId" FROM supplier_quotations WHERE branch_id = $1 AND request_id = $2`,
          [before.branchId, before.id],
        )
      ).map((r) => r.vendorId),
    );
    const seen = new Set<string>();
    const suppliers = [];
    for (const [i, raw] of input.vendorIds.entries()) {
      const vendorId = raw.toLowerCase();
      if (seen.has(vendorId)) throw BadUserInputError.field(`vendorIds[${i}]`, 'is named twice');
      seen.add(vendorId);
      const vendor = await findOrganizationRow(ctx, Vendors, vendorId);
      if (vendor.kind === VendorKind.MAKER) {
        throw BadUserInputError.field(`vendorIds[${i}]`, `${vendor.name} is a maker, not a supplier`);
      }
      if (!vendor.active) throw BadUserInputError.field(`vendorIds[${i}]`, `${vendor.name} is inactive`);
      if (asked.has(vendor.id)) throw alreadyAsked(vendor.id, vendor.code);
      suppliers.push(vendor);
    }
    const written: SupplierQuotation[] = [];
    for (const vendor of suppliers) {
      const after = await SupplierQuotations.insert(tx, {
        branchId: before.branchId,
        id: randomUUID(),
        requestId: before.id,
        organizationId: vendor.organizationId,
        vendorId: vendor.id,
        replyBy: input.replyBy,
        createdById: ctx.requireActor().userId,
      });
      await writeAudit(ctx, {
        branchId: after.branchId,
        entity: 'supplierQuotation',
        entityId: after.id,
        action: 'request',
        after,
      });
      written.push(after);
    }
    if (before.state !== ProcurementRequestState.SOURCING) await this.requests.move(ctx, before, 'SOURCE');
    return written;
  }

  /** REQUESTED or OFFERED -> OFFERED: the supplier's offer for the lines it names (a revision replaces those lines). */
  async offer(ctx: RequestContext, quotationId: string, input: RecordSupplierOfferInput): Promise<SupplierQuotation> {
    const reference = checkText('reference', input.reference, 200);
    const quotation = await SupplierQuotations.findInScope(ctx, quotationId.toLowerCase());
    if (!quotation) throw new NotFoundError('SupplierQuotation', quotationId);
    const request = await ProcurementRequests.lock(ctx, quotation.requestId);
    if (request.state !== ProcurementRequestState.SOURCING) {
      throw new InvalidStateError(
        `Offers are recorded while the procurement request is SOURCING; it is ${request.state}`,
      );
    }
    const before = await SupplierQuotations.lock(ctx, quotation.id);
    supplierQuotationMove(before.state, 'OFFER');
    const branch = await this.requests.branch(ctx, before.branchId);
    const today = todayIn(branch.timeZone);
    const key = `${request.branchId}:${request.id}`;
    const requestLines = new Set((await this.requests.linesLoader(ctx).load(key)).map((l) => l.id));
    const seen = new Set<string>();
    const lines = input.lines.map((l, i) => {
      const requestLineId = l.requestLineId.toLowerCase();
      if (!requestLines.has(requestLineId)) {
        throw BadUserInputError.field(`lines[${i}].requestLineId`, 'is not a line of this procurement request');
      }
      if (seen.has(requestLineId)) throw BadUserInputError.field(`lines[${i}].requestLineId`, 'is named twice');
      seen.add(requestLineId);
      if (l.validUntil < today) {
        throw BadUserInputError.field(`lines[${i}].validUntil`, 'must be today or later (the branch’s today)');
      }
      return {
        requestLineId,
        unitPrice: parseMoney(`lines[${i}].unitPrice`, l.unitPrice),
        leadTimeDays: l.leadTimeDays,
        validUntil: l.validUntil,
        terms: checkText(`lines[${i}].terms`, l.terms, 2000),
      };
    });
    const tx = await ctx.tx();
    const offered: SupplierOfferLine[] = [];
    for (const l of lines) {
      const [row] = await tx.query(
        `INSERT INTO supplier_offer_lines (branch_id, id, quotation_id, request_line_id, unit_price, lead_time_days,
           valid_until, terms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (branch_id, quotation_id, request_line_id) DO UPDATE SET unit_price = EXCLUDED.unit_price,
           lead_time_days = EXCLUDED.lead_time_days, valid_until = EXCLUDED.valid_until, terms = EXCLUDED.terms,
           updated_at = now()
         RETURNING ${SupplierOfferLines.cols()}`,
        [before.branchId, randomUUID(), before.id, l.requestLineId, l.unitPrice, l.leadTimeDays, l.validUntil, l.terms],
      );
      offered.push(SupplierOfferLines.map(row));
    }
    const to = supplierQuotationMove(before.state, 'OFFER');
    const after = await SupplierQuotations.update(tx, SupplierQuotations.keyOf(before), {
      state: to,
      offeredAt: new Date(),
      offerReference: reference ?? before.offerReference,
    });
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'supplierQuotation',
      entityId: after.id,
      action: before.state === to ? 'revise_offer' : 'offer',
      before,
      after: { ...after, lines: offered },
    });
    return after;
  }

  /** REQUESTED -> DECLINED: the supplier will not quote. */
  async decline(ctx: RequestContext, quotationId: string, reason: string): Promise<SupplierQuotation> {
    const why = checkText('reason', reason, 2000, true)!;
    const before = await SupplierQuotations.lock(ctx, quotationId.toLowerCase());
    const to = supplierQuotationMove(before.state, 'DECLINE');
    return SupplierQuotations.change(ctx, before, { state: to, declinedReason: why }, 'decline');
  }

  /**
   * The offers side by side per request line, in one statement: every offer of a supplier that quoted, its line
   * total, whether it still holds (its last day against the branch's today), and the cheapest that still holds
   * marked (ties: each). Offers come cheapest first, expired ones last.
   */
  async comparison(ctx: RequestContext, requestId: string): Promise<ProcurementComparisonLine[]> {
    const request = await ProcurementRequests.findInScope(ctx, requestId.toLowerCase());
    if (!request) throw new NotFoundError('ProcurementRequest', requestId);
    const tx = await ctx.tx();
    const rows = await tx.query<ComparisonRow>(
      `SELECT l.branch_id AS "branchId", l.id AS "requestLineId", l.position, l.product_id AS "productId",
              l.quantity::text AS quantity, o.quotation_id AS "quotationId", o.id AS "offerLineId",
              o.vendor_id AS "supplierId", o.unit_price::text AS "unitPrice",
              round(l.quantity * o.unit_price, 2)::text AS "lineTotal", o.lead_time_days AS "leadTimeDays",
              o.valid_until::text AS "validUntil", o.terms, o.valid_until < ${branchToday('l.branch_id')} AS expired
       FROM procurement_request_lines l
       LEFT JOIN (SELECT x.*, q.vendor_id FROM supplier_offer_lines x JOIN supplier_quotations q
                    ON q.branch_id = x.branch_id AND q.id = x.quotation_id AND q.state = 'OFFERED'
                  WHERE x.branch_id = $1) o
         ON o.branch_id = l.branch_id AND o.request_line_id = l.id
       WHERE l.branch_id = $1 AND l.request_id = $2
       ORDER BY l.position, o.valid_until < ${branchToday('l.branch_id')}, o.unit_price, o.lead_time_days, o.vendor_id`,
      [request.branchId, request.id],
    );
    const lines = new Map<string, ProcurementComparisonLine>();
    for (const r of rows) {
      let line = lines.get(r.requestLineId);
      if (!line) {
        const { branchId, requestLineId, position, productId, quantity } = r;
        line = { branchId, requestLineId, position, productId, quantity, cheapestUnitPrice: null, offers: [] };
        lines.set(r.requestLineId, line);
      }
      if (!r.offerLineId) continue;
      const offer: ProcurementComparisonOffer = {
        branchId: r.branchId,
        quotationId: r.quotationId!,
        offerLineId: r.offerLineId,
        supplierId: r.supplierId!,
        unitPrice: r.unitPrice!,
        lineTotal: r.lineTotal!,
        leadTimeDays: r.leadTimeDays!,
        validUntil: r.validUntil!,
        terms: r.terms,
        expired: r.expired!,
        cheapest: false,
      };
      line.offers.push(offer);
      if (
        !offer.expired &&
        (line.cheapestUnitPrice === null || compareMoney(offer.unitPrice, line.cheapestUnitPrice) < 0)
      ) {
        line.cheapestUnitPrice = offer.unitPrice;
      }
    }
    for (const line of lines.values()) {
      for (const o of line.offers) o.cheapest = !o.expired && compareMoney(o.unitPrice, line.cheapestUnitPrice!) === 0;
    }
    return [...lines.values()];
  }
}
