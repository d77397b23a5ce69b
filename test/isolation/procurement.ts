import { randomUUID } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { gql } from '@app/testing';
import {
  api,
  owner,
  slots,
  tokens,
  type Actor,
  type Case,
  type IdKind,
  type SeedContext,
  type Slot,
  allCases,
} from './harness.js';

/** Isolation cases of procurement from suppliers: requests, requests for quotation and offers, the comparison. */
export interface ProcurementSlot {
  /** A SOURCING procurement request (planned) of 2 of the slot's product, wanted by 2099-12-31, and its line. */
  procurementRequest: string;
  procurementRequestLine: string;
  /** An OFFERED request for quotation of that request to the slot's vendor, with an offer for the line. */
  supplierQuotation: string;
  /** An IN_DELIVERY purchase contract (no deposit) awarded from that offer: the line, 2 of the product, none received. */
  purchaseContract: string;
  purchaseContractLine: string;
  /** A purchase contract CANCELLED after its deposit of 10.00 was paid: its deposit refund is DUE. */
  depositRefundContract: string;
  /** An issued tender of that request, EVALUATING (opened), the slot's user its chair, with its line and criterion. */
  issuedTender: string;
  issuedTenderLine: string;
  issuedTenderCriterion: string;
  /** The slot vendor's bid on it (10 × 2 = 20.00), scored 50 by the chair. */
  issuedTenderBid: string;
  /** An issued tender of that request in DRAFT, and one ANNOUNCED (open bidding, deadline 2099). */
  issuedTenderDraft: string;
  issuedTenderAnnounced: string;
  issuedTenderAnnouncedLine: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'procurement_requests',
  'procurement_request_lines',
  'supplier_quotations',
  'supplier_offer_lines',
  'procurement_request_counters',
  'purchase_contracts',
  'purchase_contract_lines',
  'purchase_contract_counters',
  'purchase_deposit_refunds',
  'issued_tenders',
  'issued_tender_lines',
  'issued_tender_criteria',
  'issued_tender_members',
  'issued_tender_suppliers',
  'issued_tender_bids',
  'issued_tender_bid_lines',
  'issued_tender_scores',
  'issued_tender_counters',
];

const own = (me: Actor) => ({ branch: me.headOffice ? me.own.branch : null, buyer: me.headOffice ? me.user.id : null });

export const cases: Case[] = [
  {
    name: 'procurementRequest(id)',
    kind: 'procurementRequest',
    colleagueAllowed: true,
    doc: `query($id: ID!) { procurementRequest(id: $id) { id lines { id product { id } }
            quotations { id supplier { id } offerLines { id } createdBy { id } } buyer { id } branch { id } } }`,
  },
  {
    name: 'procurementRequests(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { procurementRequests(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'procurementRequests with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { procurementRequests { totalCount edges { node { id lines { id } } } } }`,
  },
  {
    name: 'procurementComparison(requestId)',
    kind: 'procurementRequest',
    colleagueAllowed: true,
    doc: `query($id: ID!) { procurementComparison(requestId: $id) { requestLineId product { id }
            offers { quotationId supplier { id } unitPrice cheapest } } }`,
  },
  ...(
    [
      ['branchId', 'branch', false],
      ['buyerId', 'user', false],
      ['productId', 'product', true],
    ] as const
  ).map(([arg, kind, orgLevel]) => ({
    name: `createProcurementRequest(${arg})`,
    kind: kind as IdKind,
    ...(orgLevel ? { orgLevel: true } : { colleagueAllowed: arg === 'buyerId' }),
    doc: `mutation($b: ID, $u: ID, $p: ID!) { createProcurementRequest(input: { branchId: $b, buyerId: $u,
            title: "Probe", reason: "Probe", wantedBy: "2099-12-31", lines: [{ productId: $p, quantity: "1" }] }) { id } }`,
    vars: (id: string, me: Actor) => ({
      b: own(me).branch,
      u: own(me).buyer,
      p: me.own.product,
      [{ branchId: 'b', buyerId: 'u', productId: 'p' }[arg]]: id,
    }),
  })),
  {
    name: 'planProcurementRequest(id)',
    kind: 'procurementRequest',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { planProcurementRequest(id: $id, input: { budget: "1.00", orderBy: "2099-01-01" }) {
            id state } }`,
  },
  {
    name: 'cancelProcurementRequest(id)',
    kind: 'procurementRequest',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { cancelProcurementRequest(id: $id, reason: "Probe") { id state } }`,
  },
  ...(
    [
      ['id', 'procurementRequest', false],
      ['vendorIds', 'vendor', true],
    ] as const
  ).map(([arg, kind, orgLevel]) => ({
    name: `requestSupplierQuotations(${arg})`,
    kind: kind as IdKind,
    ...(orgLevel ? { orgLevel: true } : { colleagueAllowed: true }),
    doc: `mutation($r: ID!, $v: ID!) { requestSupplierQuotations(id: $r, input: { vendorIds: [$v], replyBy: "2099-01-01" }) {
            id } }`,
    vars: (id: string, me: Actor) => ({
      r: me.own.procurementRequest,
      v: me.own.vendor,
      [{ id: 'r', vendorIds: 'v' }[arg]]: id,
    }),
  })),
  ...(
    [
      ['id', 'supplierQuotation'],
      ['requestLineId', 'procurementRequestLine'],
    ] as const
  ).map(([arg, kind]) => ({
    name: `recordSupplierOffer(${arg})`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($q: ID!, $l: ID!) { recordSupplierOffer(id: $q, input: { lines: [{ requestLineId: $l, unitPrice: "1.00",
            leadTimeDays: 1, validUntil: "2099-01-01" }] }) { id state } }`,
    vars: (id: string, me: Actor) => ({
      q: me.own.supplierQuotation,
      l: me.own.procurementRequestLine,
      [{ id: 'q', requestLineId: 'l' }[arg]]: id,
    }),
  })),
  {
    name: 'declineSupplierQuotation(id)',
    kind: 'supplierQuotation',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { declineSupplierQuotation(id: $id, reason: "Probe") { id state } }`,
  },
  {
    name: 'purchaseContract(id)',
    kind: 'purchaseContract',
    colleagueAllowed: true,
    doc: `query($id: ID!) { purchaseContract(id: $id) { id lines { id product { id } } supplier { id } buyer { id }
            branch { id } createdBy { id } depositRecordedBy { id } } }`,
  },
  ...(
    [
      ['branchId', 'branch', false],
      ['requestId', 'procurementRequest', false],
      ['supplierId', 'vendor', true],
    ] as const
  ).map(([f, kind, orgLevel]) => ({
    name: `purchaseContracts(filter: { ${f} })`,
    kind: kind as IdKind,
    ...(orgLevel ? { orgLevel: true } : { colleagueAllowed: f !== 'branchId' }),
    doc: `query($id: ID!) { purchaseContracts(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'purchaseContracts with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { purchaseContracts { totalCount edges { node { id lines { id } } } } }`,
  },
  ...(
    [
      ['quotationId', 'supplierQuotation'],
      ['requestLineIds', 'procurementRequestLine'],
    ] as const
  ).map(([arg, kind]) => ({
    name: `awardPurchaseContract(${arg})`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($q: ID!, $l: ID!) { awardPurchaseContract(input: { quotationId: $q, requestLineIds: [$l] }) { id } }`,
    vars: (id: string, me: Actor) => ({
      q: me.own.supplierQuotation,
      l: me.own.procurementRequestLine,
      [{ quotationId: 'q', requestLineIds: 'l' }[arg]]: id,
    }),
  })),
  ...(['submitPurchaseContract', 'closePurchaseContract'] as const).map((m) => ({
    name: `${m}(id)`,
    kind: 'purchaseContract' as IdKind,
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { ${m}(id: $id) { id state } }`,
  })),
  {
    name: 'cancelPurchaseContract(id)',
    kind: 'purchaseContract',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { cancelPurchaseContract(id: $id, reason: "Probe") { id state } }`,
  },
  {
    name: 'recordPurchaseContractDeposit(id)',
    kind: 'purchaseContract',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { recordPurchaseContractDeposit(id: $id, input: { amount: "1.00", paidOn: "2026-01-02" }) {
            id state } }`,
  },
  {
    name: 'followUpPurchaseContract(id)',
    kind: 'purchaseContract',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { followUpPurchaseContract(id: $id, input: { expectedOn: "2099-01-01", note: "Probe" }) {
            id state } }`,
  },
  ...(
    [
      ['id', 'purchaseContract'],
      ['locationId', 'location'],
      ['lineId', 'purchaseContractLine'],
    ] as const
  ).map(([arg, kind]) => ({
    name: `receivePurchaseContract(${arg})`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($c: ID!, $loc: ID!, $line: ID!) { receivePurchaseContract(id: $c, input: { locationId: $loc,
            lines: [{ lineId: $line, quantity: "1" }] }) { id state } }`,
    vars: (id: string, me: Actor) => ({
      c: me.own.purchaseContract,
      loc: me.own.location,
      line: me.own.purchaseContractLine,
      [{ id: 'c', locationId: 'loc', lineId: 'line' }[arg]]: id,
    }),
  })),
  ...(
    [
      ['branchId', 'branch', false],
      ['supplierId', 'vendor', true],
    ] as const
  ).map(([f, kind, orgLevel]) => ({
    name: `purchaseDepositRefunds(filter: { ${f} })`,
    kind: kind as IdKind,
    ...(orgLevel ? { orgLevel: true } : { colleagueAllowed: f !== 'branchId' }),
    doc: `query($id: ID!) { purchaseDepositRefunds(first: 50, filter: { ${f}: $id }) { totalCount
            edges { node { id contract { id } supplier { id } receipt { id recordedBy { id } } } } } }`,
  })),
  {
    name: 'purchaseDepositRefunds with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { purchaseDepositRefunds { totalCount edges { node { id receipt { id } } } } }`,
  },
  {
    name: 'recordPurchaseDepositRefund(contractId)',
    kind: 'depositRefundContract',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { recordPurchaseDepositRefund(contractId: $id, input: { amount: "10.00",
            receivedOn: "2026-01-02" }) { id state } }`,
  },
  {
    name: 'issuedTender(id)',
    kind: 'issuedTender',
    colleagueAllowed: true,
    doc: `query($id: ID!) { issuedTender(id: $id) { id lines { id requestLine { id } } criteria { id }
            committee { person { id } } invitedSuppliers { supplier { id } } documents { id } branch { id }
            createdBy { id } request { id } purchaseContract { id }
            bids { id amount supplier { id } lines { unitPrice } scores { score } recordedBy { id } }
            ranking { rows { bidId total } } } }`,
  },
  ...(
    [
      ['branchId', 'branch'],
      ['requestId', 'procurementRequest'],
    ] as const
  ).map(([f, kind]) => ({
    name: `issuedTenders(filter: { ${f} })`,
    kind: kind as IdKind,
    colleagueAllowed: f !== 'branchId',
    doc: `query($id: ID!) { issuedTenders(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'issuedTenders with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { issuedTenders { totalCount edges { node { id bids { id amount } } } } }`,
  },
  ...(
    [
      ['requestId', 'procurementRequest', false],
      ['requestLineIds', 'procurementRequestLine', false],
      ['supplierIds', 'vendor', true],
      ['memberIds', 'user', false],
      ['chairId', 'user', false],
      ['documentFileIds', 'file', false],
    ] as const
  ).map(([arg, kind, orgLevel]) => ({
    name: `createIssuedTender(${arg})`,
    kind: kind as IdKind,
    ...(orgLevel ? { orgLevel: true } : { colleagueAllowed: true }),
    doc: `mutation($r: ID!, $l: ID!, $s: ID!, $m: ID!, $c: ID!, $f: ID!) { createIssuedTender(input: { requestId: $r,
            requestLineIds: [$l], title: "Probe", scope: "Probe", submissionDeadline: "2099-01-01T00:00:00Z",
            openingAt: "2099-01-01T00:00:00Z", priceWeight: "100", criteria: [], openBidding: true, supplierIds: [$s],
            committee: { memberIds: [$m, $c, $c], chairId: $c }, documentFileIds: [$f] }) { id } }`,
    vars: (id: string, me: Actor) => ({
      r: me.own.procurementRequest,
      l: me.own.procurementRequestLine,
      s: me.own.vendor,
      m: me.user.id,
      c: me.user.id,
      f: me.own.file,
      [{ requestId: 'r', requestLineIds: 'l', supplierIds: 's', memberIds: 'm', chairId: 'c', documentFileIds: 'f' }[
        arg
      ]]: id,
    }),
  })),
  ...(
    [
      ['id', 'issuedTenderDraft'],
      ['fileIds', 'file'],
    ] as const
  ).map(([arg, kind]) => ({
    name: `attachIssuedTenderDocuments(${arg})`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($t: ID!, $f: ID!) { attachIssuedTenderDocuments(id: $t, fileIds: [$f]) { id } }`,
    vars: (id: string, me: Actor) => ({
      t: me.own.issuedTenderDraft,
      f: me.own.file,
      [{ id: 't', fileIds: 'f' }[arg]]: id,
    }),
  })),
  ...(
    [
      ['id', 'issuedTenderDraft'],
      ['memberIds', 'user'],
    ] as const
  ).map(([arg, kind]) => ({
    name: `setIssuedTenderCommittee(${arg})`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($t: ID!, $m: ID!, $c: ID!) { setIssuedTenderCommittee(id: $t, committee: { memberIds: [$m, $c, $c],
            chairId: $c }) { id } }`,
    vars: (id: string, me: Actor) => ({
      t: me.own.issuedTenderDraft,
      m: me.user.id,
      c: me.user.id,
      [{ id: 't', memberIds: 'm' }[arg]]: id,
    }),
  })),
  ...(
    [
      ['announceIssuedTender', 'issuedTenderDraft'],
      ['openIssuedTenderBids', 'issuedTender'],
      ['awardIssuedTender', 'issuedTender'],
    ] as const
  ).map(([m, kind]) => ({
    name: `${m}(id)`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { ${m}(id: $id) { id state } }`,
  })),
  {
    name: 'cancelIssuedTender(id)',
    kind: 'issuedTender',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { cancelIssuedTender(id: $id, reason: "Probe") { id state } }`,
  },
  ...(
    [
      ['tenderId', 'issuedTenderAnnounced', false],
      ['supplierId', 'vendor', true],
      ['tenderLineId', 'issuedTenderAnnouncedLine', false],
    ] as const
  ).map(([arg, kind, orgLevel]) => ({
    name: `recordIssuedTenderBid(${arg})`,
    kind: kind as IdKind,
    ...(orgLevel ? { orgLevel: true } : { colleagueAllowed: true }),
    doc: `mutation($t: ID!, $s: ID!, $l: ID!) { recordIssuedTenderBid(tenderId: $t, input: { supplierId: $s,
            leadTimeDays: 1, validUntil: "2099-01-01", lines: [{ tenderLineId: $l, unitPrice: "1.00" }] }) { id } }`,
    vars: (id: string, me: Actor) => ({
      t: me.own.issuedTenderAnnounced,
      s: me.own.vendor,
      l: me.own.issuedTenderAnnouncedLine,
      [{ tenderId: 't', supplierId: 's', tenderLineId: 'l' }[arg]]: id,
    }),
  })),
  ...(['disqualifyIssuedTenderBid', 'breakIssuedTenderTie'] as const).map((m) => ({
    name: `${m}(bidId)`,
    kind: 'issuedTenderBid' as IdKind,
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { ${m}(bidId: $id, reason: "Probe") { id state } }`,
  })),
  ...(
    [
      ['bidId', 'issuedTenderBid'],
      ['criterionId', 'issuedTenderCriterion'],
    ] as const
  ).map(([arg, kind]) => ({
    name: `scoreIssuedTenderBid(${arg})`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($b: ID!, $c: ID!) { scoreIssuedTenderBid(bidId: $b, scores: [{ criterionId: $c, score: "1" }]) { id } }`,
    vars: (id: string, me: Actor) => ({
      b: me.own.issuedTenderBid,
      c: me.own.issuedTenderCriterion,
      [{ bidId: 'b', criterionId: 'c' }[arg]]: id,
    }),
  })),
];

export async function seedSlot({ branch, u, name, orgId }: SeedContext, slot: Slot): Promise<void> {
  const { product, vendor } = slot;
  const procurementRequest = randomUUID();
  const procurementRequestLine = randomUUID();
  const supplierQuotation = randomUUID();
  await owner.query(
    `INSERT INTO procurement_requests (branch_id, id, number, title, reason, wanted_by, buyer_id, state, currency,
         plan_budget, plan_order_by, planned_at, created_by)
       VALUES ($1, $2, $3, 'Seed need', 'Seed reason', '2099-12-31', $4, 'SOURCING', 'CNY', 500.00, '2099-06-01', now(), $4)`,
    [branch, procurementRequest, `PR-${name}-1`, u.id],
  );
  await owner.query(
    `INSERT INTO procurement_request_lines (branch_id, id, request_id, position, organization_id, product_id, quantity)
       VALUES ($1, $2, $3, 1, $4, $5, 2)`,
    [branch, procurementRequestLine, procurementRequest, orgId, product],
  );
  await owner.query(
    `INSERT INTO supplier_quotations (branch_id, id, request_id, organization_id, vendor_id, state, reply_by, offered_at,
         created_by) VALUES ($1, $2, $3, $4, $5, 'OFFERED', '2099-01-01', now(), $6)`,
    [branch, supplierQuotation, procurementRequest, orgId, vendor, u.id],
  );
  const offerLine = randomUUID();
  await owner.query(
    `INSERT INTO supplier_offer_lines (branch_id, id, quotation_id, request_line_id, unit_price, lead_time_days,
         valid_until) VALUES ($1, $2, $3, $4, 40.00, 10, '2099-01-01')`,
    [branch, offerLine, supplierQuotation, procurementRequestLine],
  );
  const purchaseContract = randomUUID();
  const purchaseContractLine = randomUUID();
  await owner.query(
    `INSERT INTO purchase_contracts (branch_id, id, number, request_id, quotation_id, organization_id, vendor_id,
         buyer_id, state, currency, amount, deposit_due, expected_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'IN_DELIVERY', 'CNY', 80.00, 0, '2099-01-01', $8)`,
    [branch, purchaseContract, `PC-${name}-1`, procurementRequest, supplierQuotation, orgId, vendor, u.id],
  );
  await owner.query(
    `INSERT INTO purchase_contract_lines (branch_id, id, contract_id, position, request_id, request_line_id,
         offer_line_id, organization_id, product_id, quantity, unit_price, line_total)
       VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, 2, 40.00, 80.00)`,
    [
      branch,
      purchaseContractLine,
      purchaseContract,
      procurementRequest,
      procurementRequestLine,
      offerLine,
      orgId,
      product,
    ],
  );
  // Two cancelled after a deposit of 10.00: one refund due, one received (so every branch has a receipt row).
  const depositRefundContract = randomUUID();
  const refundedContract = randomUUID();
  for (const [id, n] of [
    [depositRefundContract, 2],
    [refundedContract, 3],
  ] as const) {
    await owner.query(
      `INSERT INTO purchase_contracts (branch_id, id, number, request_id, quotation_id, organization_id, vendor_id,
           buyer_id, state, currency, amount, deposit_due, deposit_paid, deposit_paid_on, deposit_recorded_by,
           deposit_recorded_at, expected_on, cancelled_at, cancel_reason, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'CANCELLED', 'CNY', 80.00, 10.00, 10.00, '2026-01-01', $8,
           '2026-01-01T02:00:00Z', '2099-01-01', '2026-01-01T03:00:00Z', 'Seed cancel', $8)`,
      [branch, id, `PC-${name}-${n}`, procurementRequest, supplierQuotation, orgId, vendor, u.id],
    );
  }
  await owner.query(
    `INSERT INTO purchase_deposit_refunds (branch_id, id, contract_id, amount, received_on, recorded_by)
       VALUES ($1, $2, $3, 10.00, '2026-01-02', $4)`,
    [branch, randomUUID(), refundedContract, u.id],
  );
  const issued = await seedIssuedTenders(branch, name, u.id, orgId, vendor, procurementRequest, procurementRequestLine);
  await owner.query(
    `INSERT INTO purchase_contract_counters (branch_id, year, last) VALUES ($1, 2026, 1)
       ON CONFLICT (branch_id, year) DO UPDATE SET last = purchase_contract_counters.last + 1`,
    [branch],
  );
  await owner.query(
    `INSERT INTO procurement_request_counters (branch_id, year, last) VALUES ($1, 2026, 1)
       ON CONFLICT (branch_id, year) DO UPDATE SET last = procurement_request_counters.last + 1`,
    [branch],
  );
  Object.assign(slot, {
    procurementRequest,
    procurementRequestLine,
    supplierQuotation,
    purchaseContract,
    purchaseContractLine,
    depositRefundContract,
    ...issued,
  });
}

/** Three issued tenders of the slot's request: EVALUATING (one bid, scored), DRAFT and ANNOUNCED. */
async function seedIssuedTenders(
  branch: string,
  name: string,
  user: string,
  orgId: string,
  vendor: string,
  request: string,
  requestLine: string,
) {
  const ids = { evaluating: randomUUID(), draft: randomUUID(), announced: randomUUID() };
  const lines: Record<string, string> = {};
  const criteria: Record<string, string> = {};
  for (const [n, [k, state, opened]] of (
    [
      ['evaluating', 'EVALUATING', true],
      ['draft', 'DRAFT', false],
      ['announced', 'ANNOUNCED', false],
    ] as const
  ).entries()) {
    const id = ids[k];
    await owner.query(
      `INSERT INTO issued_tenders (branch_id, id, number, request_id, title, scope, state, open_bidding, currency,
           submission_deadline, opening_at, price_weight, announced_at, opened_at, created_by)
         VALUES ($1, $2, $3, $4, 'Seed tender', 'Seed scope', $5, true, 'CNY', $6, $6, 60, $7, $8, $9)`,
      [
        branch,
        id,
        `IT-${name}-${n + 1}`,
        request,
        state,
        opened ? '2026-01-01T00:00:00Z' : '2099-01-01T00:00:00Z',
        state === 'DRAFT' ? null : '2025-12-01T00:00:00Z',
        opened ? '2026-01-01T01:00:00Z' : null,
        user,
      ],
    );
    lines[k] = randomUUID();
    await owner.query(
      `INSERT INTO issued_tender_lines (branch_id, id, tender_id, position, request_line_id) VALUES ($1, $2, $3, 1, $4)`,
      [branch, lines[k], id, requestLine],
    );
    criteria[k] = randomUUID();
    await owner.query(
      `INSERT INTO issued_tender_criteria (branch_id, id, tender_id, position, name, weight)
         VALUES ($1, $2, $3, 1, 'Technical', 40)`,
      [branch, criteria[k], id],
    );
    await owner.query(
      `INSERT INTO issued_tender_members (branch_id, id, tender_id, user_id, chair) VALUES ($1, $2, $3, $4, true)`,
      [branch, randomUUID(), id, user],
    );
    await owner.query(
      `INSERT INTO issued_tender_suppliers (branch_id, id, tender_id, organization_id, vendor_id)
         VALUES ($1, $2, $3, $4, $5)`,
      [branch, randomUUID(), id, orgId, vendor],
    );
  }
  const bid = randomUUID();
  await owner.query(
    `INSERT INTO issued_tender_bids (branch_id, id, tender_id, organization_id, vendor_id, amount, lead_time_days,
         valid_until, received_at, recorded_by) VALUES ($1, $2, $3, $4, $5, 20.00, 5, '2099-01-01', '2025-12-15', $6)`,
    [branch, bid, ids.evaluating, orgId, vendor, user],
  );
  await owner.query(
    `INSERT INTO issued_tender_bid_lines (branch_id, id, bid_id, tender_line_id, unit_price, line_total)
       VALUES ($1, $2, $3, $4, 10.00, 20.00)`,
    [branch, randomUUID(), bid, lines.evaluating],
  );
  await owner.query(
    `INSERT INTO issued_tender_scores (branch_id, id, tender_id, bid_id, criterion_id, member_id, score)
       VALUES ($1, $2, $3, $4, $5, $6, 50)`,
    [branch, randomUUID(), ids.evaluating, bid, criteria.evaluating, user],
  );
  await owner.query(
    `INSERT INTO issued_tender_counters (branch_id, year, last) VALUES ($1, 2026, 3)
       ON CONFLICT (branch_id, year) DO UPDATE SET last = issued_tender_counters.last + 3`,
    [branch],
  );
  return {
    issuedTender: ids.evaluating,
    issuedTenderLine: lines.evaluating,
    issuedTenderCriterion: criteria.evaluating,
    issuedTenderBid: bid,
    issuedTenderDraft: ids.draft,
    issuedTenderAnnounced: ids.announced,
    issuedTenderAnnouncedLine: lines.announced,
  };
}

export function afterOwnIds(): void {
  it('procurement probes are not vacuous: own ids succeed', async () => {
    const ok = async (token: string, doc: string, vars: Record<string, unknown>) => {
      const r = await gql(api.url, doc, vars, { token });
      expect({ doc, errors: r.body.errors }).toEqual({ doc, errors: undefined });
      return r.body.data as Record<string, unknown>;
    };
    const byName = (n: string) => allCases.find((c) => c.name === n)!.doc;
    const m = tokens.managerA1;
    const a2 = slots.A2;
    const got = await ok(m, byName('procurementRequest(id)'), { id: a2.procurementRequest });
    expect((got.procurementRequest as { id: string }).id).toBe(a2.procurementRequest);
    const cmp = (await ok(m, byName('procurementComparison(requestId)'), { id: a2.procurementRequest }))
      .procurementComparison as { offers: { cheapest: boolean }[] }[];
    expect(cmp.map((l) => l.offers.map((o) => o.cheapest))).toEqual([[true]]);
    await ok(m, byName('createProcurementRequest(productId)'), { b: null, u: null, p: a2.product });
    const offered = await ok(m, byName('recordSupplierOffer(id)'), {
      q: a2.supplierQuotation,
      l: a2.procurementRequestLine,
    });
    expect((offered.recordSupplierOffer as { state: string }).state).toBe('OFFERED');
    const listed = (await ok(tokens.admin1, byName('procurementRequests(filter: { branchId })'), { id: a2.branch }))
      .procurementRequests as { totalCount: number };
    expect(listed.totalCount).toBeGreaterThan(0);
    const contract = await ok(m, byName('purchaseContract(id)'), { id: a2.purchaseContract });
    expect((contract.purchaseContract as { id: string }).id).toBe(a2.purchaseContract);
    const received = await ok(m, byName('receivePurchaseContract(id)'), {
      c: a2.purchaseContract,
      loc: a2.location,
      line: a2.purchaseContractLine,
    });
    expect((received.receivePurchaseContract as { state: string }).state).toBe('PARTLY_RECEIVED');
    await ok(m, byName('closePurchaseContract(id)'), { id: a2.purchaseContract });
    const due = (await ok(tokens.admin1, byName('purchaseDepositRefunds(filter: { branchId })'), { id: a2.branch }))
      .purchaseDepositRefunds as { edges: { node: { id: string } }[] };
    expect(due.edges.map((e) => e.node.id)).toContain(a2.depositRefundContract);
    const refunded = await ok(tokens.admin1, byName('recordPurchaseDepositRefund(contractId)'), {
      id: a2.depositRefundContract,
    });
    expect((refunded.recordPurchaseDepositRefund as { state: string }).state).toBe('RECEIVED');
    const tender = (await ok(m, byName('issuedTender(id)'), { id: a2.issuedTender })).issuedTender as {
      bids: { id: string; amount: string }[];
      ranking: { rows: { bidId: string }[] };
    };
    expect(tender.bids).toEqual([expect.objectContaining({ id: a2.issuedTenderBid, amount: '20.00' })]);
    expect(tender.ranking.rows.map((r) => r.bidId)).toEqual([a2.issuedTenderBid]);
    const tenders = (await ok(tokens.admin1, byName('issuedTenders(filter: { branchId })'), { id: a2.branch }))
      .issuedTenders as { totalCount: number };
    expect(tenders.totalCount).toBeGreaterThanOrEqual(3);
  });
}
