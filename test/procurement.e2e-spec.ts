import { beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, todayIn } from '@app/core';
import { problem, useFixture } from '@app/testing';

/**
 * Procurement from suppliers over GraphQL, first part: a procurement request (the need) numbered gap-free, its plan,
 * requests for quotation to several suppliers, their offers per line (revised, declined), and the buyer's comparison
 * side by side per line with the cheapest offer that still holds marked; typed errors naming both states, and refused
 * input changing nothing.
 */

interface Request {
  id: string;
  number: string;
  state: string;
  currency: string;
  planBudget: string | null;
  lines: { id: string; quantity: string; product: { id: string } }[];
  quotations: { id: string; state: string; supplier: { id: string }; offerLines: { unitPrice: string }[] }[];
}
interface Quotation {
  id: string;
  state: string;
  supplier: { id: string };
  offerLines: { requestLineId: string; unitPrice: string; leadTimeDays: number; validUntil: string }[];
}
interface Offer {
  supplier: { id: string };
  unitPrice: string;
  lineTotal: string;
  leadTimeDays: number;
  expired: boolean;
  cheapest: boolean;
}
interface ComparisonLine {
  requestLineId: string;
  quantity: string;
  cheapestUnitPrice: string | null;
  product: { id: string };
  offers: Offer[];
}

const R = `id number state currency planBudget planOrderBy buyer { id } branch { id }
  lines { id quantity product { id } } quotations { id state supplier { id } offerLines { unitPrice } }`;
const Q = `id state replyBy offerReference supplier { id } offerLines { requestLineId unitPrice leadTimeDays validUntil terms }`;
const CREATE = `mutation($in: CreateProcurementRequestInput!) { createProcurementRequest(input: $in) { ${R} } }`;
const PLAN = `mutation($id: ID!, $in: PlanProcurementInput!) { planProcurementRequest(id: $id, input: $in) { ${R} } }`;
const ASK = `mutation($id: ID!, $in: RequestQuotationsInput!) { requestSupplierQuotations(id: $id, input: $in) { ${Q} } }`;
const OFFER = `mutation($id: ID!, $in: RecordSupplierOfferInput!) { recordSupplierOffer(id: $id, input: $in) { ${Q} } }`;
const DECLINE = `mutation($id: ID!) { declineSupplierQuotation(id: $id, reason: "No capacity") { ${Q} } }`;
const CANCEL = `mutation($id: ID!) { cancelProcurementRequest(id: $id, reason: "Need gone") { ${R} } }`;
const GET = `query($id: ID!) { procurementRequest(id: $id) { ${R} } }`;
const COMPARE = `query($id: ID!) { procurementComparison(requestId: $id) { requestLineId quantity cheapestUnitPrice
  product { id } offers { supplier { id } unitPrice lineTotal leadTimeDays validUntil expired cheapest } } }`;
const reason = (r: { body: { errors?: { extensions?: object }[] } }) =>
  (r.body.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;

describe('fulfillment: procurement requests, quotations and the comparison', () => {
  const f = useFixture({ people: { clerkA: { branch: 'a', role: 'CLERK' } } });
  const products: string[] = [];
  const suppliers: Record<string, string> = {};
  const today = todayIn('Asia/Shanghai');

  const tables = async () =>
    (
      await f.owner.query<{ x: string }>(
        `SELECT concat_ws('|',
           (SELECT md5(coalesce(string_agg(p::text, ',' ORDER BY p.id), '')) FROM procurement_requests p),
           (SELECT md5(coalesce(string_agg(l::text, ',' ORDER BY l.id), '')) FROM procurement_request_lines l),
           (SELECT md5(coalesce(string_agg(q::text, ',' ORDER BY q.id), '')) FROM supplier_quotations q),
           (SELECT md5(coalesce(string_agg(o::text, ',' ORDER BY o.id), '')) FROM supplier_offer_lines o),
           (SELECT count(*) FROM audit_log)) AS x`,
      )
    ).rows[0].x;

  const create = (who = 'clerkA', lines = [0, 1].map((i) => ({ productId: products[i], quantity: `${i + 4}` }))) =>
    f.call<{ createProcurementRequest: Request }>(who, CREATE, {
      in: {
        title: 'Hoists for the new workshop',
        reason: 'Two lines open in March',
        wantedBy: addDays(today, 30),
        lines,
      },
    });

  /** A request planned and sent to the named suppliers. */
  const sourcing = async (codes: string[]): Promise<{ request: Request; quotations: Quotation[] }> => {
    const request = (await create()).body.data!.createProcurementRequest;
    await f.ok('clerkA', PLAN, { id: request.id, in: { budget: '9000.00', orderBy: addDays(today, 10) } });
    const asked = await f.ok<{ requestSupplierQuotations: Quotation[] }>('clerkA', ASK, {
      id: request.id,
      in: { vendorIds: codes.map((c) => suppliers[c]), replyBy: addDays(today, 5) },
    });
    return { request, quotations: asked.requestSupplierQuotations };
  };

  const offer = (q: Quotation, lines: { requestLineId: string; unitPrice: string; leadTimeDays?: number }[]) =>
    f.call<{ recordSupplierOffer: Quotation }>('clerkA', OFFER, {
      id: q.id,
      in: {
        reference: 'OF-1',
        lines: lines.map((l) => ({ leadTimeDays: 14, validUntil: addDays(today, 20), ...l })),
      },
    });

  beforeAll(async () => {
    for (const i of [0, 1]) {
      const r = await f.ok<{ createProduct: { id: string } }>(
        'admin',
        `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
        { in: { code: `PR-P-${i}`, name: `Hoist ${i}`, unit: 'pcs', listPrice: '100.00', costPrice: '60.00' } },
      );
      products.push(r.createProduct.id);
    }
    for (const [code, kind] of [
      ['S1', 'SUPPLIER'],
      ['S2', 'MAKER_AND_SUPPLIER'],
      ['S3', 'SUPPLIER'],
      ['M1', 'MAKER'],
    ]) {
      suppliers[code] = (
        await f.ok<{ createVendor: { id: string } }>(
          'admin',
          `mutation($in: CreateVendorInput!) { createVendor(input: $in) { id } }`,
          { in: { code, name: `Vendor ${code}`, kind } },
        )
      ).createVendor.id;
    }
  });

  it('a need is recorded, planned and sent to several suppliers; the offers are compared side by side', async () => {
    // Only the people who buy may record a need; refused input changes nothing.
    const before = await tables();
    expect(problem(await create('repA')).code).toBe('FORBIDDEN');
    const past = await f.call('clerkA', CREATE, {
      in: { title: 'X', reason: 'Y', wantedBy: addDays(today, -1), lines: [{ productId: products[0], quantity: '1' }] },
    });
    expect(problem(past)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['wantedBy'] });
    const twice = await create('clerkA', [
      { productId: products[0], quantity: '1' },
      { productId: products[0], quantity: '2' },
    ]);
    expect(problem(twice)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['lines[1].productId'] });
    expect(await tables()).toBe(before);

    const r = (await create()).body.data!.createProcurementRequest;
    expect(r).toMatchObject({ state: 'DRAFT', currency: 'CNY', planBudget: null, buyer: { id: f.u.clerkA.id } });
    expect(r.number).toMatch(/^PR-[A-Z0-9]+-\d{4}-\d{4}$/);
    expect(r.lines.map((l) => [l.product.id, l.quantity])).toEqual([
      [products[0], '4.000'],
      [products[1], '5.000'],
    ]);
    // Suppliers are asked only once the request is planned; the refusal names both states.
    const early = await f.call('clerkA', ASK, { id: r.id, in: { vendorIds: [suppliers.S1], replyBy: today } });
    expect(problem(early).code).toBe('INVALID_STATE');
    expect(problem(early).message).toMatch(/from DRAFT to SOURCING/);
    const late = await f.call('clerkA', PLAN, { id: r.id, in: { budget: '1.00', orderBy: addDays(today, 31) } });
    expect(problem(late)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['orderBy'] });
    const planned = (
      await f.ok<{ planProcurementRequest: Request }>('clerkA', PLAN, {
        id: r.id,
        in: { budget: '9000.00', orderBy: addDays(today, 10), note: 'Three suppliers, competitive negotiation' },
      })
    ).planProcurementRequest;
    expect(planned).toMatchObject({ state: 'PLANNED', planBudget: '9000.00' });

    // A maker is no supplier: refused, nothing asked.
    const mid = await tables();
    const maker = await f.call('clerkA', ASK, {
      id: r.id,
      in: { vendorIds: [suppliers.S1, suppliers.M1], replyBy: addDays(today, 5) },
    });
    expect(problem(maker)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['vendorIds[1]'] });
    expect(await tables()).toBe(mid);
    const asked = (
      await f.ok<{ requestSupplierQuotations: Quotation[] }>('clerkA', ASK, {
        id: r.id,
        in: { vendorIds: [suppliers.S1, suppliers.S2, suppliers.S3], replyBy: addDays(today, 5) },
      })
    ).requestSupplierQuotations;
    expect(asked.map((q) => [q.supplier.id, q.state])).toEqual([
      [suppliers.S1, 'REQUESTED'],
      [suppliers.S2, 'REQUESTED'],
      [suppliers.S3, 'REQUESTED'],
    ]);
    // Asking a supplier twice: CONFLICT, nothing changes.
    const again = await tables();
    const twiceAsked = await f.call('clerkA', ASK, {
      id: r.id,
      in: { vendorIds: [suppliers.S2], replyBy: addDays(today, 5) },
    });
    expect(problem(twiceAsked).code).toBe('CONFLICT');
    expect(reason(twiceAsked)).toBe('ALREADY_ASKED');
    expect(await tables()).toBe(again);

    const [s1, s2, s3] = asked;
    const [l1, l2] = r.lines;
    await offer(s1, [
      { requestLineId: l1.id, unitPrice: '10.00' },
      { requestLineId: l2.id, unitPrice: '5.00' },
    ]);
    const first = (await offer(s2, [{ requestLineId: l1.id, unitPrice: '9.80', leadTimeDays: 30 }])).body.data!;
    expect(first.recordSupplierOffer).toMatchObject({ state: 'OFFERED', offerLines: [{ unitPrice: '9.80' }] });
    // A revision replaces the lines it names and keeps the others.
    const revised = (
      await offer(s2, [
        { requestLineId: l1.id, unitPrice: '9.50', leadTimeDays: 21 },
        { requestLineId: l2.id, unitPrice: '5.00' },
      ])
    ).body.data!.recordSupplierOffer;
    expect(revised.offerLines.map((o) => o.unitPrice).sort()).toEqual(['5.00', '9.50']);
    // A line of another request, or named twice: refused, nothing changes.
    const other = (await create()).body.data!.createProcurementRequest;
    const stray = await offer(s3, [{ requestLineId: other.lines[0].id, unitPrice: '1.00' }]);
    expect(problem(stray)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['lines[0].requestLineId'] });
    const declined = (await f.ok<{ declineSupplierQuotation: Quotation }>('clerkA', DECLINE, { id: s3.id }))
      .declineSupplierQuotation;
    expect(declined.state).toBe('DECLINED');
    const declineAgain = await f.call('clerkA', DECLINE, { id: s1.id });
    expect(problem(declineAgain).message).toMatch(/from OFFERED to DECLINED/);

    // Side by side: cheapest first and marked; a tie marks both.
    const cmp = (await f.ok<{ procurementComparison: ComparisonLine[] }>('managerA', COMPARE, { id: r.id }))
      .procurementComparison;
    expect(cmp.map((l) => [l.requestLineId, l.quantity, l.cheapestUnitPrice])).toEqual([
      [l1.id, '4.000', '9.50'],
      [l2.id, '5.000', '5.00'],
    ]);
    expect(cmp[0].offers.map((o) => [o.supplier.id, o.unitPrice, o.lineTotal, o.leadTimeDays, o.cheapest])).toEqual([
      [suppliers.S2, '9.50', '38.00', 21, true],
      [suppliers.S1, '10.00', '40.00', 14, false],
    ]);
    expect(cmp[1].offers.map((o) => o.cheapest)).toEqual([true, true]);
    // An offer past its last day is shown last and never marked: the next cheapest that holds is.
    await f.owner.query(
      `UPDATE supplier_offer_lines SET valid_until = $2 WHERE quotation_id = $1 AND request_line_id = $3`,
      [s2.id, addDays(today, -1), l1.id],
    );
    const after = (await f.ok<{ procurementComparison: ComparisonLine[] }>('financeA', COMPARE, { id: r.id }))
      .procurementComparison;
    expect(after[0].cheapestUnitPrice).toBe('10.00');
    expect(after[0].offers.map((o) => [o.supplier.id, o.expired, o.cheapest])).toEqual([
      [suppliers.S1, false, true],
      [suppliers.S2, true, false],
    ]);
    // Branch B's manager does not see branch A's request; a sales rep may not read procurement.
    expect((await f.ok<{ procurementRequest: null }>('managerB', GET, { id: r.id })).procurementRequest).toBeNull();
    expect(problem(await f.call('managerB', COMPARE, { id: r.id })).code).toBe('NOT_FOUND');
    expect(problem(await f.call('repA', COMPARE, { id: r.id })).code).toBe('FORBIDDEN');

    const audits = await f.owner.query<{ entity: string; action: string }>(
      `SELECT entity, action FROM audit_log WHERE entity_id = ANY($1) ORDER BY created_at, action`,
      [[r.id, s2.id]],
    );
    expect(audits.rows.map((a) => `${a.entity}:${a.action}`)).toEqual([
      'procurementRequest:create',
      'procurementRequest:plan',
      'supplierQuotation:request',
      'procurementRequest:source',
      'supplierQuotation:offer',
      'supplierQuotation:revise_offer',
    ]);
  });

  it('a cancelled request takes no plan and no offers; the refusals name both states', async () => {
    const { request, quotations } = await sourcing(['S1']);
    const cancelled = (await f.ok<{ cancelProcurementRequest: Request }>('managerA', CANCEL, { id: request.id }))
      .cancelProcurementRequest;
    expect(cancelled.state).toBe('CANCELLED');
    const before = await tables();
    const plan = await f.call('clerkA', PLAN, { id: request.id, in: { budget: '1.00', orderBy: today } });
    expect(problem(plan)).toMatchObject({ code: 'INVALID_STATE' });
    expect(problem(plan).message).toMatch(/from CANCELLED to PLANNED/);
    const late = await offer(quotations[0], [{ requestLineId: request.lines[0].id, unitPrice: '1.00' }]);
    expect(problem(late)).toMatchObject({ code: 'INVALID_STATE' });
    expect(problem(late).message).toMatch(/SOURCING; it is CANCELLED/);
    const again = await f.call('managerA', CANCEL, { id: request.id });
    expect(problem(again).message).toMatch(/from CANCELLED to CANCELLED/);
    expect(await tables()).toBe(before);
  });

  it('numbers are gap-free per branch and year, also when requests are recorded at once', async () => {
    const made = await Promise.all(Array.from({ length: 6 }, () => create()));
    const numbers = made.map((r) => r.body.data!.createProcurementRequest.number);
    const all = await f.owner.query<{ number: string }>(
      `SELECT number FROM procurement_requests WHERE branch_id = $1 ORDER BY number`,
      [f.org.a.id],
    );
    const seq = all.rows.map((x) => Number(x.number.slice(-4)));
    expect(seq).toEqual(seq.map((_, i) => i + 1));
    expect(new Set(numbers).size).toBe(6);
  });
});
