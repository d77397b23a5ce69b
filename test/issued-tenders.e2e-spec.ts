import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, todayIn } from '@app/core';
import { pdf, problem, upload, useFixture } from '@app/testing';

/**
 * Tenders the company issues (招标) for a procurement request, over GraphQL: drafted with scope, lines, documents,
 * criteria (weights sum to 100) and a committee (3+, odd, one from finance, nobody linked to a bidder), announced,
 * sealed bids received until the deadline (one live bid per supplier), opened (fewer than 3: FAILED), scored by each
 * member, ranked (price score = 100 × lowest valid price ÷ price), a tie for first refused (TENDER_TIE) until the
 * chair breaks it, the winner's offer awarded as a DRAFT purchase contract; a property over random prices and scores.
 *
 * Time passing is arranged by moving a tender's deadline and opening into the past as the table owner (`elapse`):
 * the rule under test is the comparison with the clock, which the service makes on every call.
 */

interface Bid {
  id: string;
  amount: string | null;
  revision: number;
  supplier: { id: string };
  lines: { tenderLineId: string; unitPrice: string | null; lineTotal: string | null }[];
}
interface Rank {
  bidId: string;
  amount: string;
  priceScore: string;
  technicalPoints: string;
  total: string;
  rank: number;
}
interface Tender {
  id: string;
  number: string;
  state: string;
  openedAt: string | null;
  endedReason: string | null;
  winnerBidId: string | null;
  purchaseContractId: string | null;
  tieBreakBidId: string | null;
  lines: { id: string; requestLine: { id: string; quantity: string } }[];
  criteria: { id: string; name: string; weight: string }[];
  committee: { chair: boolean; person: { id: string } }[];
  documents: { id: string }[];
  bids: Bid[];
  ranking: { complete: boolean; lowestPrice: string | null; rows: Rank[]; tiedForFirst: string[] };
  purchaseContract: { id: string; state: string; amount: string; supplier: { id: string } } | null;
}

const T = `id number state openedAt endedReason winnerBidId purchaseContractId tieBreakBidId
  lines { id requestLine { id quantity } } criteria { id name weight } committee { chair person { id } }
  documents { id } bids { id amount revision supplier { id } lines { tenderLineId unitPrice lineTotal } }
  ranking { complete lowestPrice rows { bidId amount priceScore technicalPoints total rank } tiedForFirst }
  purchaseContract { id state amount supplier { id } }`;
const GET = `query($id: ID!) { issuedTender(id: $id) { ${T} } }`;
const CREATE = `mutation($in: CreateIssuedTenderInput!) { createIssuedTender(input: $in) { ${T} } }`;
const ANNOUNCE = `mutation($id: ID!) { announceIssuedTender(id: $id) { id state } }`;
const OPEN = `mutation($id: ID!) { openIssuedTenderBids(id: $id) { id state endedReason } }`;
const BID = `mutation($id: ID!, $in: RecordIssuedTenderBidInput!) { recordIssuedTenderBid(tenderId: $id, input: $in) {
  id amount revision lines { unitPrice } } }`;
const SCORE = `mutation($b: ID!, $s: [IssuedTenderScoreInput!]!) { scoreIssuedTenderBid(bidId: $b, scores: $s) { id } }`;
const AWARD = `mutation($id: ID!) { awardIssuedTender(id: $id) { id state winnerBidId purchaseContractId } }`;
const TIE = `mutation($b: ID!, $r: String!) { breakIssuedTenderTie(bidId: $b, reason: $r) { id tieBreakBidId } }`;
const CANCEL = `mutation($id: ID!) { cancelIssuedTender(id: $id, reason: "Need changed") { id state } }`;
const DISQUALIFY = `mutation($b: ID!) { disqualifyIssuedTenderBid(bidId: $b, reason: "Forged certificate") { id state
  endedReason } }`;
const reason = (r: { body: { errors?: { extensions?: object }[] } }) =>
  (r.body.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;

describe('fulfillment: tenders the company issues (招标)', () => {
  const f = useFixture({
    env: { DB_POOL_SIZE: '20' },
    people: {
      clerkA: { branch: 'a', role: 'CLERK' },
      clerk2A: { branch: 'a', role: 'CLERK' },
      clerk3A: { branch: 'a', role: 'CLERK' },
    },
  });
  const today = todayIn('Asia/Shanghai');
  const products: string[] = [];
  const suppliers: string[] = [];
  let committee: { memberIds: string[]; chairId: string };

  beforeAll(async () => {
    for (const i of [0, 1]) {
      const r = await f.ok<{ createProduct: { id: string } }>(
        'admin',
        `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
        { in: { code: `IT-P-${i}`, name: `Valve ${i}`, unit: 'pcs', listPrice: '100.00', costPrice: '60.00' } },
      );
      products.push(r.createProduct.id);
    }
    for (const code of ['IT1', 'IT2', 'IT3', 'IT4', 'IT5']) {
      const r = await f.ok<{ createVendor: { id: string } }>(
        'admin',
        `mutation($in: CreateVendorInput!) { createVendor(input: $in) { id } }`,
        { in: { code, name: `Supplier ${code}`, kind: 'SUPPLIER' } },
      );
      suppliers.push(r.createVendor.id);
    }
    // clerk3A is a contact of supplier IT5: the link a committee member may not have with a bidder.
    await f.ok('admin', `mutation($in: AddVendorContactInput!) { addVendorContact(input: $in) { id } }`, {
      in: { vendorId: suppliers[4], name: 'Cousin', email: f.u.clerk3A.email.toUpperCase() },
    });
    committee = { memberIds: [f.u.managerA.id, f.u.clerkA.id, f.u.financeA.id], chairId: f.u.managerA.id };
  });

  /** A PLANNED procurement request of 10 and 4 units of the two products. */
  const planned = async () => {
    const r = await f.ok<{ createProcurementRequest: { id: string; lines: { id: string }[] } }>(
      'clerkA',
      `mutation($in: CreateProcurementRequestInput!) { createProcurementRequest(input: $in) { id lines { id } } }`,
      {
        in: {
          title: 'Valves for the plant',
          reason: 'New line',
          wantedBy: addDays(today, 60),
          lines: [
            { productId: products[0], quantity: '10' },
            { productId: products[1], quantity: '4' },
          ],
        },
      },
    );
    await f.ok(
      'clerkA',
      `mutation($id: ID!) { planProcurementRequest(id: $id, input: { budget: "100000.00", orderBy: "${addDays(today, 30)}" }) { id } }`,
      { id: r.createProcurementRequest.id },
    );
    return r.createProcurementRequest;
  };

  const input = (requestId: string, extra: Record<string, unknown> = {}) => ({
    in: {
      requestId,
      title: 'Valves 2027',
      scope: 'DN50 valves, delivered to the Pudong plant, 2 years warranty',
      submissionDeadline: new Date(Date.now() + 3_600_000).toISOString(),
      openingAt: new Date(Date.now() + 3_600_000).toISOString(),
      priceWeight: '60',
      criteria: [
        { name: 'Technical solution', weight: '30' },
        { name: 'Service', weight: '10' },
      ],
      committee,
      supplierIds: suppliers.slice(0, 3),
      ...extra,
    },
  });

  /** A drafted tender (as clerkA) for a new request. */
  const draft = async (extra: Record<string, unknown> = {}) => {
    const request = await planned();
    return (await f.ok<{ createIssuedTender: Tender }>('clerkA', CREATE, input(request.id, extra))).createIssuedTender;
  };
  const get = async (who: string, id: string) => (await f.ok<{ issuedTender: Tender }>(who, GET, { id })).issuedTender;
  const bid = (t: Tender, supplier: string, prices: [string, string], who = 'clerkA') =>
    f.call<{ recordIssuedTenderBid: Bid }>(who, BID, {
      id: t.id,
      in: {
        supplierId: supplier,
        leadTimeDays: 14,
        validUntil: addDays(today, 90),
        lines: t.lines.map((l, i) => ({ tenderLineId: l.id, unitPrice: prices[i] })),
      },
    });
  /** The deadline and the opening have passed. */
  const elapse = (id: string) =>
    f.owner.query(
      `UPDATE issued_tenders SET submission_deadline = now() - interval '2 seconds',
         opening_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
  const tables = async () =>
    (
      await f.owner.query<{ x: string }>(
        `SELECT concat_ws('|',
           (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM issued_tenders t),
           (SELECT md5(coalesce(string_agg(b::text, ',' ORDER BY b.id), '')) FROM issued_tender_bids b),
           (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.id), '')) FROM issued_tender_scores s),
           (SELECT count(*) FROM issued_tender_members), (SELECT count(*) FROM audit_log)) AS x`,
      )
    ).rows[0].x;
  /** Every member scores every bid: scores[bid][member] = [technical, service]. */
  const scoreAll = async (t: Tender, scores: string[][][]) => {
    const members = ['managerA', 'clerkA', 'financeA'];
    for (const [b, perMember] of scores.entries()) {
      for (const [m, s] of perMember.entries()) {
        await f.ok(members[m], SCORE, {
          b: t.bids[b].id,
          s: t.criteria.map((c, i) => ({ criterionId: c.id, score: s[i] })),
        });
      }
    }
  };
  /** Announced with three bids at these prices (per unit of line 1 and line 2), then opened. */
  const evaluating = async (prices: [string, string][], extra: Record<string, unknown> = {}) => {
    const t = await draft(extra);
    await f.ok('clerkA', ANNOUNCE, { id: t.id });
    for (const [i, p] of prices.entries()) expect((await bid(t, suppliers[i], p)).body.errors).toBeUndefined();
    await elapse(t.id);
    await f.ok('clerkA', OPEN, { id: t.id });
    return get('clerkA', t.id);
  };

  it('drafted, announced, sealed bids, opened, scored, ranked and awarded as a purchase contract', async () => {
    const file = await upload(f.api.url.replace(/\/graphql$/, ''), {
      token: f.tokens.clerkA,
      query: 'kind=LETTER',
      name: 'tender-documents.pdf',
      content: pdf(),
    });
    expect(file.status).toBe(201);
    const fileId = (file.json.data!.file as { id: string }).id;
    const t = await draft({ documentFileIds: [fileId] });
    expect(t).toMatchObject({ state: 'DRAFT', documents: [{ id: fileId }], bids: [] });
    expect(t.number).toMatch(/^IT-.+-\d{4}-0001$/);
    expect(t.criteria.map((c) => [c.name, c.weight])).toEqual([
      ['Technical solution', '30.00'],
      ['Service', '10.00'],
    ]);
    expect(t.committee.find((m) => m.chair)!.person.id).toBe(f.u.managerA.id);
    expect(t.lines.map((l) => l.requestLine.quantity)).toEqual(['10.000', '4.000']);
    await f.ok('clerkA', ANNOUNCE, { id: t.id });

    // 10 × 100 + 4 × 250 = 2000; 10 × 110 + 4 × 250 = 2100; 10 × 120 + 4 × 300 = 2400.
    expect((await bid(t, suppliers[0], ['105.00', '250.00'])).body.data!.recordIssuedTenderBid).toMatchObject({
      amount: null,
      revision: 1,
      lines: [{ unitPrice: null }, { unitPrice: null }],
    });
    const revised = (await bid(t, suppliers[0], ['100.00', '250.00'])).body.data!.recordIssuedTenderBid;
    expect(revised.revision).toBe(2);
    await bid(t, suppliers[1], ['110.00', '250.00']);
    await bid(t, suppliers[2], ['120.00', '300.00']);
    // Sealed: nobody reads an amount before the opening, the chair and finance included.
    for (const who of ['clerkA', 'managerA', 'financeA', 'admin']) {
      const seen = await get(who, t.id);
      expect(seen.bids).toHaveLength(3);
      expect(seen.bids.flatMap((b) => [b.amount, ...b.lines.flatMap((l) => [l.unitPrice, l.lineTotal])])).toEqual(
        Array(15).fill(null),
      );
      expect(seen.ranking).toEqual({ complete: false, lowestPrice: null, rows: [], tiedForFirst: [] });
    }
    const early = await f.call('clerkA', OPEN, { id: t.id });
    expect(reason(early)).toBe('BEFORE_OPENING');

    await elapse(t.id);
    expect(
      (await f.ok<{ openIssuedTenderBids: Tender }>('clerkA', OPEN, { id: t.id })).openIssuedTenderBids.state,
    ).toBe('EVALUATING');
    const open = await get('financeA', t.id);
    expect(open.bids.map((b) => b.amount)).toEqual(['2000.00', '2100.00', '2400.00']);
    // Scores [technical, service] of each member; S2's technical solution is much better.
    await scoreAll(open, [
      [
        ['60', '80'],
        ['70', '80'],
        ['65', '80'],
      ],
      [
        ['95', '90'],
        ['90', '90'],
        ['100', '90'],
      ],
      [
        ['80', '100'],
        ['80', '100'],
        ['80', '100'],
      ],
    ]);
    const ranked = (await get('managerA', t.id)).ranking;
    // S1: 60 + 30 × 65 / 100 + 10 × 80 / 100 = 60 + 19.5 + 8 = 87.5
    // S2: 60 × 2000 / 2100 = 57.142857.. + 30 × 95 / 100 + 9 = 57.1429 + 28.5 + 9 = 94.6429
    // S3: 60 × 2000 / 2400 = 50 + 24 + 10 = 84
    expect(ranked).toEqual({
      complete: true,
      lowestPrice: '2000.00',
      tiedForFirst: [],
      rows: [
        {
          bidId: open.bids[1].id,
          amount: '2100.00',
          priceScore: '95.2381',
          technicalPoints: '37.5000',
          total: '94.6429',
          rank: 1,
        },
        {
          bidId: open.bids[0].id,
          amount: '2000.00',
          priceScore: '100.0000',
          technicalPoints: '27.5000',
          total: '87.5000',
          rank: 2,
        },
        {
          bidId: open.bids[2].id,
          amount: '2400.00',
          priceScore: '83.3333',
          technicalPoints: '34.0000',
          total: '84.0000',
          rank: 3,
        },
      ],
    });
    // Only the chair chooses.
    expect(problem(await f.call('clerkA', AWARD, { id: t.id })).code).toBe('FORBIDDEN');
    const awarded = (await f.ok<{ awardIssuedTender: Tender }>('managerA', AWARD, { id: t.id })).awardIssuedTender;
    expect(awarded).toMatchObject({ state: 'AWARDED', winnerBidId: open.bids[1].id });
    const done = await get('clerkA', t.id);
    expect(done.purchaseContract).toMatchObject({ state: 'DRAFT', amount: '2100.00', supplier: { id: suppliers[1] } });
    // The contract goes on through the existing path: reviewed as PURCHASE_CONTRACT.
    const submitted = await f.ok<{ submitPurchaseContract: { state: string } }>(
      'clerkA',
      `mutation($id: ID!) { submitPurchaseContract(id: $id) { state } }`,
      { id: done.purchaseContractId },
    );
    expect(submitted.submitPurchaseContract.state).toBe('IN_REVIEW');
    const audit = await f.owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'issuedTender' AND entity_id = $1 ORDER BY created_at`,
      [t.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'announce', 'open', 'award']);
    expect(problem(await f.call('clerkA', CANCEL, { id: t.id })).message).toMatch(/from AWARDED to CANCELLED/);
  });

  it('a bid after the deadline is refused (DEADLINE_PASSED) and changes nothing; times are checked', async () => {
    const t = await draft();
    await f.ok('clerkA', ANNOUNCE, { id: t.id });
    await elapse(t.id);
    const before = await tables();
    const late = await bid(t, suppliers[0], ['100.00', '100.00']);
    expect(problem(late).code).toBe('CONFLICT');
    expect(reason(late)).toBe('DEADLINE_PASSED');
    expect(await tables()).toBe(before);

    const request = await planned();
    const past = new Date(Date.now() - 60_000).toISOString();
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    for (const [extra, field] of [
      [{ submissionDeadline: past }, 'submissionDeadline'],
      [{ submissionDeadline: soon, openingAt: new Date(Date.now() + 60_000).toISOString() }, 'openingAt'],
    ] as const) {
      expect(problem(await f.call('clerkA', CREATE, input(request.id, extra)))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [field],
      });
    }
    // Drafted, then the deadline passed before the announcement.
    const stale = await draft();
    await elapse(stale.id);
    expect(reason(await f.call('clerkA', ANNOUNCE, { id: stale.id }))).toBe('DEADLINE_PASSED');
  });

  it('weights must sum to 100 and the committee follows the rules; nothing is written otherwise', async () => {
    const request = await planned();
    const before = await tables();
    const refused = async (extra: Record<string, unknown>) =>
      problem(await f.call('clerkA', CREATE, input(request.id, extra)));
    expect(await refused({ priceWeight: '50' })).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['criteria'] });
    expect((await refused({ priceWeight: '59.99' })).message).toMatch(/sum to 99.99/);
    const c = (memberIds: string[], chairId = memberIds[0]) => ({ committee: { memberIds, chairId } });
    const { managerA, clerkA, financeA, clerk2A, repA, clerk3A } = f.u;
    expect(await refused(c([managerA.id, financeA.id]))).toMatchObject({ fields: ['committee.memberIds'] });
    expect((await refused(c([managerA.id, clerkA.id, financeA.id, clerk2A.id]))).message).toMatch(/odd number/);
    expect((await refused(c([managerA.id, clerkA.id, clerk2A.id]))).message).toMatch(/from finance/);
    expect(await refused(c([managerA.id, repA.id, financeA.id]))).toMatchObject({ fields: ['committee.memberIds[1]'] });
    expect(await refused(c([managerA.id, f.u.managerB.id, financeA.id]))).toMatchObject({
      fields: ['committee.memberIds[1]'],
    });
    expect(await refused(c([managerA.id, clerkA.id, financeA.id], clerk2A.id))).toMatchObject({
      fields: ['committee.chairId'],
    });
    // A member who is a contact of an invited supplier.
    const linked = await f.call(
      'clerkA',
      CREATE,
      input(request.id, { ...c([managerA.id, clerk3A.id, financeA.id]), supplierIds: suppliers.slice(2, 5) }),
    );
    expect({ code: problem(linked).code, reason: reason(linked) }).toEqual({
      code: 'CONFLICT',
      reason: 'COMMITTEE_MEMBER_LINKED',
    });
    expect(await refused({ supplierIds: suppliers.slice(0, 2) })).toMatchObject({ fields: ['supplierIds'] });
    expect(await tables()).toBe(before);

    // Open bidding: the linked supplier's bid is refused while that member sits on the committee.
    const open = await draft({ ...c([managerA.id, clerk3A.id, financeA.id]), openBidding: true, supplierIds: [] });
    await f.ok('clerkA', ANNOUNCE, { id: open.id });
    expect(reason(await bid(open, suppliers[4], ['1.00', '1.00']))).toBe('COMMITTEE_MEMBER_LINKED');
    await f.ok(
      'clerkA',
      `mutation($id: ID!, $c: IssuedTenderCommitteeInput!) { setIssuedTenderCommittee(id: $id,
      committee: $c) { id } }`,
      { id: open.id, c: committee },
    );
    expect((await bid(open, suppliers[4], ['1.00', '1.00'])).body.errors).toBeUndefined();
  });

  it('fewer than 3 bids: the opening fails the tender; a disqualification below 3 fails it too', async () => {
    const t = await draft();
    await f.ok('clerkA', ANNOUNCE, { id: t.id });
    await bid(t, suppliers[0], ['100.00', '100.00']);
    await bid(t, suppliers[1], ['90.00', '100.00']);
    await elapse(t.id);
    const failed = (await f.ok<{ openIssuedTenderBids: Tender }>('clerkA', OPEN, { id: t.id })).openIssuedTenderBids;
    expect(failed).toMatchObject({ state: 'FAILED', endedReason: 'Fewer than 3 valid bids (2): the tender failed' });
    expect(problem(await f.call('managerA', AWARD, { id: t.id })).message).toMatch(/from FAILED to AWARDED/);

    const e = await evaluating([
      ['100.00', '100.00'],
      ['100.00', '90.00'],
      ['90.00', '100.00'],
    ]);
    expect(problem(await f.call('clerkA', DISQUALIFY, { b: e.bids[0].id })).code).toBe('FORBIDDEN');
    const after = (await f.ok<{ disqualifyIssuedTenderBid: Tender }>('managerA', DISQUALIFY, { b: e.bids[0].id }))
      .disqualifyIssuedTenderBid;
    expect(after.state).toBe('FAILED');
    expect(after.endedReason).toMatch(/Fewer than 3 valid bids \(2\)/);
  });

  it('a tie for first is CONFLICT TENDER_TIE until the chair breaks it (or the committee re-scores)', async () => {
    const e = await evaluating([
      ['100.00', '100.00'],
      ['100.00', '100.00'],
      ['120.00', '100.00'],
    ]);
    const same = [
      ['80', '80'],
      ['80', '80'],
      ['80', '80'],
    ];
    await scoreAll(e, [same, same, same]);
    const tied = (await get('clerkA', e.id)).ranking;
    expect([...tied.tiedForFirst].sort()).toEqual([e.bids[0].id, e.bids[1].id].sort());
    const before = await tables();
    const refused = await f.call('managerA', AWARD, { id: e.id });
    expect(problem(refused).code).toBe('CONFLICT');
    expect(reason(refused)).toBe('TENDER_TIE');
    expect(await tables()).toBe(before);
    // Only the chair, and only for a tied bid.
    expect(problem(await f.call('financeA', TIE, { b: e.bids[0].id, r: 'Faster delivery' })).code).toBe('FORBIDDEN');
    expect(reason(await f.call('managerA', TIE, { b: e.bids[2].id, r: 'Faster delivery' }))).toBe('NO_TIE');
    await f.ok('managerA', TIE, { b: e.bids[1].id, r: 'Shorter lead time on site visit' });
    const won = (await f.ok<{ awardIssuedTender: Tender }>('managerA', AWARD, { id: e.id })).awardIssuedTender;
    expect(won.winnerBidId).toBe(e.bids[1].id);

    // Re-scoring breaks a tie as well.
    const r = await evaluating([
      ['100.00', '100.00'],
      ['100.00', '100.00'],
      ['120.00', '100.00'],
    ]);
    await scoreAll(r, [same, same, same]);
    expect(reason(await f.call('managerA', AWARD, { id: r.id }))).toBe('TENDER_TIE');
    await f.ok('financeA', SCORE, { b: r.bids[0].id, s: [{ criterionId: r.criteria[0].id, score: '81' }] });
    const first = (await f.ok<{ awardIssuedTender: Tender }>('managerA', AWARD, { id: r.id })).awardIssuedTender;
    expect(first.winnerBidId).toBe(r.bids[0].id);
  });

  it('illegal moves name both states; members only score; sales reps have no access', async () => {
    const t = await draft();
    expect(problem(await f.call('clerkA', OPEN, { id: t.id })).message).toMatch(/from DRAFT to EVALUATING/);
    await f.ok('clerkA', ANNOUNCE, { id: t.id });
    expect(problem(await f.call('clerkA', ANNOUNCE, { id: t.id })).message).toMatch(/from ANNOUNCED to ANNOUNCED/);
    expect(problem(await f.call('managerA', AWARD, { id: t.id })).message).toMatch(/from ANNOUNCED to AWARDED/);
    const e = await evaluating([
      ['100.00', '100.00'],
      ['110.00', '100.00'],
      ['120.00', '100.00'],
    ]);
    expect(reason(await f.call('managerA', AWARD, { id: e.id }))).toBe('SCORES_INCOMPLETE');
    const s = { b: e.bids[0].id, s: [{ criterionId: e.criteria[0].id, score: '50' }] };
    expect(problem(await f.call('clerk2A', SCORE, s)).code).toBe('FORBIDDEN');
    expect(
      problem(await f.call('financeA', SCORE, { ...s, s: [{ criterionId: e.criteria[0].id, score: '100.01' }] })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['scores[0].score'],
    });
    expect(problem(await f.call('repA', GET, { id: e.id })).code).toBe('FORBIDDEN');
    expect(problem(await f.call('repA', CREATE, input(e.id))).code).toBe('FORBIDDEN');
    expect((await f.ok<{ issuedTender: Tender | null }>('managerB', GET, { id: e.id })).issuedTender).toBeNull();
    const cancelled = (await f.ok<{ cancelIssuedTender: Tender }>('clerkA', CANCEL, { id: e.id })).cancelIssuedTender;
    expect(cancelled.state).toBe('CANCELLED');
    expect(problem(await f.call('clerkA', CANCEL, { id: e.id })).message).toMatch(/from CANCELLED to CANCELLED/);
  });

  it('random prices and scores: the ranking equals a reference, the winner is unique or TENDER_TIE', async () => {
    const members = ['managerA', 'clerkA', 'financeA'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 8, max: 12 }), { minLength: 3, maxLength: 3 }),
        fc.array(
          fc.array(fc.array(fc.integer({ min: 7, max: 9 }), { minLength: 2, maxLength: 2 }), {
            minLength: 3,
            maxLength: 3,
          }),
          {
            minLength: 3,
            maxLength: 3,
          },
        ),
        async (unit, scores) => {
          // Prices per unit of line 1 (x 10), line 2 fixed at 10.00: amounts 10 × unit × 10 + 40.
          const e = await evaluating(unit.map((u) => [`${u * 10}.00`, '10.00'] as [string, string]));
          await scoreAll(
            e,
            scores.map((perMember) => perMember.map((s) => s.map((x) => `${x * 10}`))),
          );
          const got = (await get('clerkA', e.id)).ranking;
          // Reference: per member (60 × 100 × L / P + 30 × s1 + 10 × s2) / 100, averaged, half-up to 4 decimals.
          const amounts = unit.map((u) => BigInt(u * 10 * 10 * 100 + 40 * 100)); // cents
          const lowest = amounts.reduce((a, b) => (b < a ? b : a));
          const totals = amounts.map((p, b) => {
            let n = 0n; // in 1 / (100 × P × 3)
            for (let m = 0; m < members.length; m++) {
              n += 6000n * lowest + (30n * BigInt(scores[b][m][0] * 10) + 10n * BigInt(scores[b][m][1] * 10)) * p;
            }
            const d = 100n * p * 3n;
            const q = (2n * n * 10_000n + d) / (2n * d);
            return `${q / 10_000n}.${(q % 10_000n).toString().padStart(4, '0')}`;
          });
          const byBid = new Map(got.rows.map((r) => [r.bidId, r]));
          e.bids.forEach((b, i) => expect(byBid.get(b.id)!.total).toBe(totals[i]));
          const best = totals.reduce((a, b) => (Number(b) > Number(a) ? b : a));
          const firsts = e.bids.filter((_, i) => totals[i] === best).map((b) => b.id);
          const award = await f.call<{ awardIssuedTender: Tender }>('managerA', AWARD, { id: e.id });
          if (firsts.length > 1) {
            expect(reason(award)).toBe('TENDER_TIE');
            expect([...got.tiedForFirst].sort()).toEqual([...firsts].sort());
          } else {
            expect(award.body.data!.awardIssuedTender.winnerBidId).toBe(firsts[0]);
          }
        },
      ),
      { numRuns: 6 },
    );
  });
});
