import { beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, gql, login, useFixture } from '@app/testing';
import { DEMO_PASSWORD, seedDemo, seedDemoActivity } from '../scripts/seed-demo.js';

/** `npm run seed:demo` on an empty database: the people, customers and work in progress the README promises, once. */
describe('the demo seed', () => {
  // An empty database (no organization, nobody signed in): the seed brings the company and its people.
  const f = useFixture({ orgs: 0 });
  /** What the first run of the seed answered: it runs once before the tests, whose every one reads what it made. */
  let seededFirst: boolean;

  beforeAll(async () => {
    await seedDemo(f.db.url);
    seededFirst = await seedDemoActivity(f.api.config);
  });

  const counts = async () =>
    (
      await f.owner.query<{ k: string; n: number }>(
        `SELECT 'contracts ' || state AS k, count(*)::int AS n FROM contracts GROUP BY state
         UNION ALL SELECT 'requests ' || subject_type || ' ' || status, count(*)::int FROM approval_requests GROUP BY 1
         UNION ALL SELECT 'quotes ' || state, count(*)::int FROM quotes GROUP BY state
         UNION ALL SELECT 'orders ' || state, count(*)::int FROM orders GROUP BY state
         UNION ALL SELECT 'tenders ' || state, count(*)::int FROM tenders GROUP BY state
         UNION ALL SELECT 'instalments', count(*)::int FROM contract_instalments
         UNION ALL SELECT 'contract risks', count(*)::int FROM contract_risks
         UNION ALL SELECT 'customers', count(*)::int FROM customers
         UNION ALL SELECT 'users', count(*)::int FROM users
         UNION ALL SELECT 'leads ' || state || CASE WHEN valid THEN ' valid' ELSE ' invalid' END, count(*)::int
           FROM leads GROUP BY 1
         UNION ALL SELECT 'partners ' || kind || ' tier ' || coalesce(tier, '-'), count(*)::int FROM partners GROUP BY 1
         UNION ALL SELECT 'partners buying under a customer', count(*)::int FROM partners WHERE customer_id IS NOT NULL
         UNION ALL SELECT 'agreements ' || status, count(*)::int FROM partner_agreements GROUP BY status
         UNION ALL SELECT 'agreements with a rebate', count(*)::int FROM partner_agreements WHERE rebate_rate IS NOT NULL
         UNION ALL SELECT 'evaluations', count(*)::int FROM partner_evaluations
         UNION ALL SELECT 'disputes ' || state, count(*)::int FROM partner_disputes GROUP BY state
         UNION ALL SELECT 'support records', count(*)::int FROM partner_support_records
         UNION ALL SELECT 'end users', count(*)::int FROM partner_end_users
         UNION ALL SELECT 'research items ' || kind, count(*)::int FROM research_items GROUP BY kind
         UNION ALL SELECT 'competitors', count(*)::int FROM competitors
         UNION ALL SELECT 'competitor observations', count(*)::int FROM competitor_observations
         UNION ALL SELECT 'segments', count(*)::int FROM market_segments
         UNION ALL SELECT 'personas', count(*)::int FROM segment_personas
         UNION ALL SELECT 'visits ' || state || CASE WHEN effective THEN ' effective' ELSE '' END
           || CASE WHEN reviewed_at IS NOT NULL THEN ' reviewed' ELSE '' END, count(*)::int FROM visits GROUP BY 1
         UNION ALL SELECT 'visit tasks', count(*)::int FROM visit_tasks
         UNION ALL SELECT 'satisfaction surveys', count(*)::int FROM satisfaction_surveys
         UNION ALL SELECT 'purchases', count(*)::int FROM customer_purchases
         UNION ALL SELECT 'tier changes ' || from_tier || '->' || to_tier || ' ' || reason, count(*)::int
           FROM customer_tier_changes GROUP BY 1
         UNION ALL SELECT 'customers tier ' || tier, count(*)::int FROM customers GROUP BY tier
         UNION ALL SELECT 'complaints ' || state || ' ' || severity, count(*)::int FROM complaints GROUP BY 1
         UNION ALL SELECT 'research events', count(*)::int FROM research_events
         UNION ALL SELECT 'campaigns', count(*)::int FROM campaigns
         UNION ALL SELECT 'campaign customers', count(*)::int FROM campaign_customers
         UNION ALL SELECT 'purchase orders ' || state, count(*)::int FROM purchase_orders GROUP BY state
         UNION ALL SELECT 'rmas ' || state, count(*)::int FROM rmas GROUP BY state
         UNION ALL SELECT 'procurement requests ' || state, count(*)::int FROM procurement_requests GROUP BY state
         UNION ALL SELECT 'supplier quotations ' || state, count(*)::int FROM supplier_quotations GROUP BY state
         UNION ALL SELECT 'purchase contracts ' || state, count(*)::int FROM purchase_contracts GROUP BY state
         UNION ALL SELECT 'issued tenders ' || state, count(*)::int FROM issued_tenders GROUP BY state
         UNION ALL SELECT 'issued tender bids', count(*)::int FROM issued_tender_bids
         UNION ALL SELECT 'issued tender scores', count(*)::int FROM issued_tender_scores
         UNION ALL SELECT 'reconciliation statements ' || state || CASE WHEN cadence = 'MONTH' THEN ' monthly' ELSE '' END,
           count(*)::int FROM reconciliation_statements GROUP BY 1
         UNION ALL SELECT 'invoices ' || state || CASE WHEN shipment_id IS NOT NULL THEN ' from a delivery' ELSE '' END,
           count(*)::int FROM invoices GROUP BY 1
         UNION ALL SELECT 'contract lines ' || CASE WHEN ordered = quantity THEN 'ordered in full' ELSE 'open' END,
           count(*)::int FROM contract_lines GROUP BY 1
         ORDER BY 1`,
      )
    ).rows;

  it('seeds people, customers and every branch’s work in progress through the services, and only once', async () => {
    expect(seededFirst).toBe(true);
    const first = await counts();
    expect(Object.fromEntries(first.map((r) => [r.k, r.n]))).toEqual({
      'contracts ACTIVE': 3,
      'contracts APPROVAL': 6,
      'contracts LEGAL_REVIEW': 3,
      'contract risks': 6,
      customers: 18,
      instalments: 9,
      'orders PENDING_APPROVAL': 3,
      // Purchase orders (po): an order for the active contract, its PO to the maker reviewed and PLACED; an RMA.
      'orders CONFIRMED': 3,
      'requests PURCHASE_ORDER APPROVED': 3,
      'purchase orders PLACED': 3,
      'rmas ENGINEER_CONFIRMED': 3,
      // Procurement: a need sent to two suppliers, both offered; each line awarded to the cheapest; the rope's
      // contract reviewed, its deposit paid and partly received, the hooks' contract a draft.
      // Tenders the company issues: a second need (chain hoists) tendered in every branch and announced; Beijing's
      // two sealed bids; Shanghai's three bids opened, scored by its three members on two criteria and awarded: the
      // winner's offer (a quotation) became a DRAFT purchase contract and the request AWARDED.
      'procurement requests AWARDED': 4,
      'procurement requests SOURCING': 2,
      'supplier quotations OFFERED': 7,
      'purchase contracts PARTLY_RECEIVED': 3,
      'purchase contracts DRAFT': 4,
      'issued tenders ANNOUNCED': 2,
      'issued tenders AWARDED': 1,
      'issued tender bids': 5,
      'issued tender scores': 18,
      'requests PURCHASE_CONTRACT APPROVED': 3,
      // Returns: a phone order approved, shipped, accepted and closed; one unit returned (leadership's note).
      'orders CLOSED': 6,
      'requests ORDER_WITHOUT_CONTRACT APPROVED': 3,
      'requests RETURN APPROVED': 6,
      'quotes ACCEPTED': 6,
      // Contract lines: a contract from the accepted fridge quote, a call-off and an order from the quote for the rest.
      'contracts DRAFT': 3,
      'contract lines ordered in full': 6,
      'orders DRAFT': 6,
      'quotes PENDING_APPROVAL': 3,
      'quotes SENT': 3,
      'requests BUSINESS_TRIP APPROVED': 3,
      'requests CONTRACT APPROVED': 6,
      'requests CONTRACT PENDING': 6,
      'requests DOCUMENT_LOAN PENDING': 3,
      'requests DOCUMENT_REVIEW APPROVED': 3,
      // Every contract past DRAFT went through the branch's legal reviewer; a fourth one waits for them.
      'requests LEGAL_REVIEW APPROVED': 12,
      'requests LEGAL_REVIEW PENDING': 3,
      'requests ORDER_WITHOUT_CONTRACT PENDING': 3,
      'requests QUOTE PENDING': 3,
      'requests SPECIAL_TERMS PENDING': 3,
      'requests STOCK_COUNT APPROVED': 3,
      'tenders PREPARING': 3,
      // Every branch has a manager, a rep, a legal reviewer, finance and a back-office clerk.
      users: 17,
      // Issue 4, per branch: five leads (one converted into the 6th customer, one invalid, one duplicate).
      'leads CONVERTED valid': 3,
      'leads OPEN invalid': 3,
      'leads OPEN valid': 9,
      // A distributor evaluated twice (C, then B) and an online store once (C); the distributor's records.
      'partners DISTRIBUTOR tier B': 3,
      'partners ECOMMERCE_PLATFORM tier C': 3,
      'partners buying under a customer': 3,
      'agreements with a rebate': 3,
      'agreements ACTIVE': 3,
      evaluations: 9,
      'disputes OPENED': 3,
      'support records': 3,
      'end users': 3,
      'research items NEWS': 3,
      'research items POLICY': 3,
      competitors: 6,
      'competitor observations': 6,
      segments: 3,
      personas: 3,
      'visits PLANNED': 3,
      'visits DONE effective': 3,
      'visits DONE reviewed': 3,
      'visit tasks': 3,
      'satisfaction surveys': 6,
      // Pearl Logistics MEDIUM -> HIGH on a large purchase, the converted lead's customer LOW -> MEDIUM; then its
      // accepted pumps (ORDER_DELIVERED) and the returned one (RETURN), in every branch; the exchange's replacement;
      // the invoices slice's accepted call-off of filter cartridges.
      purchases: 21,
      'tier changes LOW->MEDIUM LARGE_CHANGE': 3,
      'tier changes MEDIUM->HIGH LARGE_CHANGE': 3,
      'customers tier HIGH': 9,
      'customers tier MEDIUM': 6,
      'customers tier LOW': 3,
      'complaints CLOSED LOW': 3,
      'complaints RECEIVED HIGH': 3,
      'research events': 3,
      campaigns: 3,
      'campaign customers': 3,
      // Two customers paid on account in the last half-year per branch: one statement sent, one signed back.
      'reconciliation statements SENT': 3,
      'reconciliation statements SIGNED': 3,
      // Each branch's distributor: last month's statement, at its agreement's 3 % rebate.
      'reconciliation statements SENT monthly': 3,
      // Invoices from deliveries: a signed frame contract, a call-off accepted, 6 of 10 asked to be invoiced.
      'contracts SIGNED': 3,
      'invoices REQUESTED from a delivery': 3,
      'requests INVOICE_REQUEST PENDING': 3,
      // KPIs: the pumps the customer kept invoiced (finance's review, leadership's where a branch has no finance
      // reviewer), issued, and a 200.00 allowance credited on it (the credit note: ISSUED, no delivery of its own).
      'invoices ISSUED from a delivery': 3,
      'invoices ISSUED': 3,
      'requests INVOICE_REQUEST APPROVED': 3,
    });
    // Signed today (Shanghai time; a signing cannot predate the application): numbered in this year.
    const signedYear = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4);
    const numbers = await f.owner.query<{ number: string }>(
      `SELECT number FROM contracts WHERE number IS NOT NULL ORDER BY 1`,
    );
    // The second of each branch: the invoices slice's frame contract, signed after the active one.
    expect(numbers.rows.map((r) => r.number)).toEqual(
      ['BJ', 'SH', 'SZ'].flatMap((b) => ['0001', '0002'].map((n) => `${b}-HT-${signedYear}-${n}`)),
    );
    await seedDemo(f.db.url);
    expect(await seedDemoActivity(f.api.config)).toBe(false);
    expect(await counts()).toEqual(first);
    // A demo database made before a module existed gets that module's slice on the next run, once.
    await f.owner.query('DELETE FROM satisfaction_surveys');
    expect(await seedDemoActivity(f.api.config)).toBe(true);
    expect(await counts()).toEqual(first);
  });

  it('the accounts the README lists log in and find work waiting for them', async () => {
    const pending = async (email: string) => {
      const { accessToken } = await login(f.api.url, email, DEMO_PASSWORD);
      const r = await gql<{ myPendingApprovals: { totalCount: number } }>(
        f.api.url,
        'query { myPendingApprovals { totalCount } }',
        {},
        { token: accessToken },
      );
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.myPendingApprovals.totalCount;
    };
    // Shanghai's manager: the waiting contract, the special quote, the phone order, the large contract's
    // special terms and the rep's loan of the price list notice's original.
    expect(await pending('manager@sh.demo')).toBe(5);
    // Leadership: the large contract of every branch.
    expect(await pending('leader@hq.demo')).toBe(3);
    expect(await pending('rep@sh.demo')).toBe(0);
    // Shanghai's legal reviewer: the new application's legal review.
    expect(await pending('legal@sh.demo')).toBe(1);
  });

  it('the README’s accounts meet the issue-4 modules: leads, visits, quotas, tiers, complaints, a due agreement reminder, partners by tier', async () => {
    const ask = async <T>(email: string, query: string): Promise<T> => {
      const { accessToken } = await login(f.api.url, email, DEMO_PASSWORD);
      const r = await gql<T>(f.api.url, query, {}, { token: accessToken });
      expect(r.body.errors).toBeUndefined();
      return r.body.data!;
    };
    type Lead = { company: string; state: string; valid: boolean; missing: string[]; duplicates: unknown[] };
    // The rep sees their four leads (not the manager's): one converted, one invalid saying why, a duplicate pair.
    const rep = await ask<{
      leads: { totalCount: number; edges: { node: Lead }[] };
      visits: { totalCount: number; edges: { node: { state: string; effective: boolean } }[] };
      visitTasks: { totalCount: number };
    }>(
      'rep@sh.demo',
      `{ leads { totalCount edges { node { company state valid missing duplicates { matchedOn } } } }
         visits { totalCount edges { node { state effective } } }
         visitTasks(filter: { open: true }) { totalCount } }`,
    );
    const leads = Object.fromEntries(rep.leads.edges.map((e) => [e.node.company, e.node]));
    expect(rep.leads.totalCount).toBe(4);
    expect(leads['Shanghai Hengda Packaging']).toMatchObject({ state: 'CONVERTED', valid: true });
    expect(leads['Shanghai Golden Bridge Trading']).toMatchObject({
      valid: false,
      missing: ['RESPONSIBLE_ROLE', 'DIRECT_CONTACT'],
    });
    expect(leads['Shanghai Riverside Foods'].duplicates).toEqual([{ matchedOn: ['PHONE'] }]);
    expect(leads['Shanghai Riverside Foods Co., Ltd.'].duplicates).toEqual([{ matchedOn: ['PHONE'] }]);
    expect(rep.visits.totalCount).toBe(3);
    expect(rep.visits.edges.map((e) => e.node).filter((v) => v.effective)).toEqual([
      { state: 'DONE', effective: true },
    ]);
    expect(rep.visitTasks.totalCount).toBe(1);

    // The manager: five leads, a report to review, and the distributor's agreement: its 60-day reminder is due.
    const manager = await ask<{
      leads: { totalCount: number };
      visits: { edges: { node: { effective: boolean; reviewedAt: string | null } }[] };
      partners: {
        edges: {
          node: { name: string; tier: string; agreements: { nextReminderDays: number | null; nextActionAt: string }[] };
        }[];
      };
    }>(
      'manager@sh.demo',
      `{ leads { totalCount }
         visits(filter: { state: DONE }) { edges { node { effective reviewedAt } } }
         partners { edges { node { name tier agreements { nextReminderDays nextActionAt } } } } }`,
    );
    expect(manager.leads.totalCount).toBe(5);
    expect(manager.visits.edges.filter((e) => e.node.reviewedAt === null).map((e) => e.node.effective)).toEqual([true]);
    const distributor = manager.partners.edges.find((e) => e.node.name === 'Shanghai Eastern Distribution')!.node;
    expect(distributor.tier).toBe('B');
    expect(distributor.agreements).toHaveLength(1);
    expect(distributor.agreements[0].nextReminderDays).toBe(60);
    expect(new Date(distributor.agreements[0].nextActionAt).getTime()).toBeLessThanOrEqual(Date.now());

    // The rep's activity quotas this ISO week and month (Shanghai time): their valid leads, the three quotes
    // sent (one of them the catalogue quote the returns slice orders from) and the contract-lines slice's fridges, the effective visit. Tiering: Pearl Logistics became HIGH on its large purchase, with its history.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7)); // the Thursday of the ISO week names its year
    const week = Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / (7 * 864e5)) + 1;
    const isoWeek = `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
    type Attainment = {
      repAttainment: { edges: { node: { metrics: { metric: string; actual: number; target: number }[] } }[] };
    };
    const metrics = async (period: string) =>
      Object.fromEntries(
        (
          await ask<Attainment>(
            'rep@sh.demo',
            `{ repAttainment(period: "${period}") { edges { node { metrics { metric actual } } } } }`,
          )
        ).repAttainment.edges.flatMap((e) => e.node.metrics.map((m) => [m.metric, m.actual])),
      );
    expect(await metrics(isoWeek)).toMatchObject({ VALID_LEADS: 3, PROPOSALS_SENT: 3 });
    expect(await metrics(today.slice(0, 7))).toMatchObject({ EFFECTIVE_VISITS: 1 });
    const tiers = await ask<{
      customers: {
        edges: {
          node: { name: string; tier: string; tierHistory: { fromTier: string; toTier: string; reason: string }[] };
        }[];
      };
      complaints: { edges: { node: { state: string; severity: string } }[] };
    }>(
      'rep@sh.demo',
      `{ customers(first: 20) { edges { node { name tier tierHistory { fromTier toTier reason } } } }
         complaints { edges { node { state severity } } } }`,
    );
    const pearl = tiers.customers.edges.find((e) => e.node.name === 'Shanghai Pearl Logistics')!.node;
    expect(pearl).toMatchObject({
      tier: 'HIGH',
      tierHistory: [{ fromTier: 'MEDIUM', toTier: 'HIGH', reason: 'LARGE_CHANGE' }],
    });
    expect(tiers.complaints.edges.map((e) => `${e.node.state} ${e.node.severity}`).sort()).toEqual([
      'CLOSED LOW',
      'RECEIVED HIGH',
    ]);

    // Head office: partners by branch and tier, every branch in one answer.
    const hq = await ask<{ partnerCountsByTier: { branch: { code: string }; tier: string | null; count: number }[] }>(
      'leader@hq.demo',
      '{ partnerCountsByTier { branch { code } tier count } }',
    );
    expect(hq.partnerCountsByTier.map((r) => `${r.branch.code} ${r.tier} ${r.count}`).sort()).toEqual([
      'BJ B 1',
      'BJ C 1',
      'SH B 1',
      'SH C 1',
      'SZ B 1',
      'SZ C 1',
    ]);
  });

  it('every branch has an issued tender with a valid committee; Shanghai’s is awarded and clerk@sh.demo reads it', async () => {
    const { rows } = await f.owner.query(
      `SELECT b.code, t.state, t.number,
         (SELECT string_agg(m.role || CASE WHEN x.chair THEN ' chair' ELSE '' END, ', ' ORDER BY m.role)
            FROM issued_tender_members x JOIN memberships m ON m.user_id = x.user_id AND m.branch_id = x.branch_id
            WHERE x.branch_id = t.branch_id AND x.tender_id = t.id) AS committee,
         (SELECT count(*) FROM issued_tender_suppliers s WHERE s.branch_id = t.branch_id AND s.tender_id = t.id)::int
           AS invited,
         (SELECT count(*) FROM issued_tender_bids s WHERE s.branch_id = t.branch_id AND s.tender_id = t.id)::int AS bids
       FROM issued_tenders t JOIN branches b ON b.id = t.branch_id ORDER BY b.code`,
    );
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4);
    const committee = 'BRANCH_MANAGER chair, CLERK, FINANCE';
    expect(rows).toEqual([
      { code: 'BJ', state: 'ANNOUNCED', number: `IT-BJ-${year}-0001`, committee, invited: 3, bids: 2 },
      { code: 'SH', state: 'AWARDED', number: `IT-SH-${year}-0001`, committee, invited: 3, bids: 3 },
      { code: 'SZ', state: 'ANNOUNCED', number: `IT-SZ-${year}-0001`, committee, invited: 3, bids: 0 },
    ]);
    const { accessToken } = await login(f.api.url, 'clerk@sh.demo', DEMO_PASSWORD);
    type Seen = {
      issuedTenders: {
        edges: {
          node: {
            state: string;
            bids: { amount: string; supplier: { code: string } }[];
            ranking: { complete: boolean; rows: { supplierId: string; rank: number }[] };
            winnerBidId: string;
            purchaseContract: { state: string; amount: string; supplier: { code: string } };
          };
        }[];
      };
    };
    const r = await gql<Seen>(
      f.api.url,
      `{ issuedTenders { edges { node { state winnerBidId bids { id amount supplier { code } }
         ranking { complete rows { supplierId rank } } purchaseContract { state amount supplier { code } } } } } }`,
      {},
      { token: accessToken },
    );
    expect(r.body.errors).toBeUndefined();
    const [t] = r.body.data!.issuedTenders.edges.map((e) => e.node);
    expect(r.body.data!.issuedTenders.edges).toHaveLength(1);
    // 8 hoists at 1,650.00, 1,720.00 and 1,580.00: Hangzhou is not the cheapest, but its technical solution wins.
    expect(t.bids.map((b) => `${b.supplier.code} ${b.amount}`).sort()).toEqual([
      'SUP-HZ 13200.00',
      'SUP-NB 13760.00',
      'SUP-WX 12640.00',
    ]);
    expect(t.ranking.complete).toBe(true);
    expect(t.purchaseContract).toEqual({ state: 'DRAFT', amount: '13200.00', supplier: { code: 'SUP-HZ' } });
  });

  it('the worker builds each branch’s research digest of the week that just closed, which the README promises', async () => {
    // The seed's research items were published last week; a branch that did not exist by that week's end gets no
    // digest of it, so the demo company must not look created today.
    const { ws } = await f.startWorkers(1);
    try {
      const { accessToken } = await login(f.api.url, 'manager@sh.demo', DEMO_PASSWORD);
      type Digest = { weekStart: string; itemCount: number | null; state: string };
      type Digests = { researchDigests: { edges: { node: Digest }[] } };
      const deadline = Date.now() + 45_000;
      let digests: Digests['researchDigests']['edges'] = [];
      while (Date.now() < deadline) {
        const r = await gql<Digests>(
          f.api.url,
          '{ researchDigests(first: 5) { edges { node { weekStart itemCount state } } } }',
          {},
          {
            token: accessToken,
          },
        );
        expect(r.body.errors).toBeUndefined();
        digests = r.body.data!.researchDigests.edges;
        // The scan records the week's digest PENDING, then builds it: wait for BUILT (its counts are null before).
        if (digests.length > 0 && digests.every((d) => d.node.state === 'BUILT')) break;
        await new Promise((res) => setTimeout(res, 250));
      }
      const lastMonday = (
        await f.owner.query<{ d: string }>(
          `SELECT to_char(date_trunc('week', (now() AT TIME ZONE 'Asia/Shanghai') - interval '7 days'), 'YYYY-MM-DD') AS d`,
        )
      ).rows[0].d;
      expect(digests.map((e) => e.node)).toEqual([{ weekStart: lastMonday, itemCount: 2, state: 'BUILT' }]);
    } finally {
      await f.stopWorkers(ws);
    }
  }, 90_000);

  it('every branch gets this month’s targets and the documents flow: an issued notice, a loan, an NDA and a share', async () => {
    const rows = async (sql: string) => (await f.owner.query(sql)).rows;
    const month = (
      await f.owner.query<{ m: string }>(`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m`)
    ).rows[0].m;
    expect(
      await rows(
        `SELECT kpi, measure, target::text, to_char(period_start, 'YYYY-MM') AS month, count(*)::int AS branches
         FROM kpi_targets GROUP BY 1, 2, 3, 4 ORDER BY 1`,
      ),
    ).toEqual([
      { kpi: 'CONTRACTS_SIGNED', measure: 'AMOUNT', target: '500000.00', month, branches: 3 },
      { kpi: 'SALES_AMOUNT', measure: 'AMOUNT', target: '800000.00', month, branches: 3 },
      { kpi: 'VALID_LEADS', measure: 'COUNT', target: '12.00', month, branches: 3 },
    ]);
    expect(await rows(`SELECT target::text, count(*)::int AS n FROM kpi_target_splits GROUP BY 1`)).toEqual([
      { target: '300000.00', n: 3 },
    ]);
    expect(
      await rows(
        `SELECT (SELECT count(*) FROM documents WHERE state = 'ISSUED' AND number IS NOT NULL)::int AS issued,
                (SELECT count(*) FROM document_loans WHERE state = 'REQUESTED' AND medium = 'PHYSICAL')::int AS loans,
                (SELECT count(*) FROM nda_records)::int AS ndas,
                (SELECT count(*) FROM document_shares WHERE revoked_at IS NULL AND nda_id IS NOT NULL)::int AS shares`,
      ),
    ).toEqual([{ issued: 3, loans: 3, ndas: 3, shares: 3 }]);
  });

  // ---- appraisals (appr) ----
  it('every branch has last month’s and last year’s appraisal cycles open, the rep’s self-assessment handed in', async () => {
    const rows = (
      await f.owner.query<{ kind: string; branches: number; appraisals: number; assessed: number }>(
        `SELECT c.kind, count(DISTINCT c.branch_id)::int AS branches, count(a.id)::int AS appraisals,
           count(a.id) FILTER (WHERE a.state = 'HEAD_REVIEW')::int AS assessed
         FROM appraisal_cycles c JOIN appraisals a ON a.branch_id = c.branch_id AND a.cycle_id = c.id
         GROUP BY 1 ORDER BY 1`,
      )
    ).rows;
    const people = (
      await f.owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM memberships m JOIN branches b ON b.id = m.branch_id WHERE b.kind = 'BRANCH'`,
      )
    ).rows[0].n;
    expect(rows).toEqual([
      { kind: 'ANNUAL', branches: 3, appraisals: people, assessed: 0 },
      { kind: 'MONTHLY', branches: 3, appraisals: people, assessed: 3 },
    ]);
  });

  it('every branch has this week’s department meeting with minutes and two open action items', async () => {
    const rows = (
      await f.owner.query<{ kind: string; minutes: boolean; items: number; open: number }>(
        `SELECT m.kind, m.minutes IS NOT NULL AS minutes, count(i.id)::int AS items,
           count(i.id) FILTER (WHERE i.state = 'OPEN')::int AS open
         FROM meetings m JOIN meeting_action_items i ON i.branch_id = m.branch_id AND i.meeting_id = m.id
         GROUP BY m.branch_id, m.id ORDER BY m.branch_id`,
      )
    ).rows;
    expect(rows).toEqual([1, 2, 3].map(() => ({ kind: 'WEEKLY', minutes: true, items: 2, open: 2 })));
  });
  // ---- end appraisals (appr) ----
  // ---- returns ----
  it('every branch has a closed month-end count: two valves written off as a COUNT_ADJUSTMENT', async () => {
    const { rows } = await f.owner.query(
      `SELECT c.status, c.variance_value::text AS value, l.book_quantity::text AS book, l.posted_quantity::text AS posted,
         (SELECT count(*)::int FROM stock_movements m WHERE m.reference = 'Count ' || c.id AND m.cause = 'COUNT_ADJUSTMENT')
           AS moves, count(*) OVER ()::int AS n
       FROM stock_counts c JOIN stock_count_lines l ON l.branch_id = c.branch_id AND l.count_id = c.id`,
    );
    expect(rows).toEqual(
      [1, 2, 3].map(() => ({ status: 'CLOSED', value: '760.00', book: '40.000', posted: '-2.000', moves: 1, n: 3 })),
    );
  });
  it('every branch has a processed return: stock back in, the purchase reduced, finance told to credit', async () => {
    const rows = async (sql: string) => (await f.owner.query(sql)).rows;
    expect(
      await rows(
        `SELECT r.kind, r.reason, r.status, r.amount::text, count(*)::int AS branches,
           sum((SELECT count(*) FROM stock_movements m WHERE m.reference = 'Return ' || r.id AND m.cause = 'RETURN'))::int
             AS movements
         FROM goods_returns r GROUP BY 1, 2, 3, 4 ORDER BY 1`,
      ),
    ).toEqual([
      { kind: 'EXCHANGE', reason: 'WRONG_ITEM', status: 'PROCESSED', amount: '4560.00', branches: 3, movements: 3 },
      { kind: 'RETURN', reason: 'DEFECTIVE', status: 'PROCESSED', amount: '4560.00', branches: 3, movements: 3 },
    ]);
    // Each exchange's replacement ships straight from the maker, linked, for the unit it took back.
    expect(
      await rows(
        `SELECT s.mode, s.status, sl.quantity::text, count(*)::int AS n FROM goods_returns r
         JOIN shipments s ON s.branch_id = r.branch_id AND s.id = r.replacement_shipment_id
         JOIN shipment_lines sl ON sl.branch_id = s.branch_id AND sl.shipment_id = s.id GROUP BY 1, 2, 3`,
      ),
    ).toEqual([{ mode: 'DIRECT_FROM_MAKER', status: 'PREPARED', quantity: '1.000', n: 3 }]);
    expect(
      await rows(
        `SELECT cause, source, amount::text, count(*)::int AS n FROM customer_purchases
         WHERE source IN ('SHIPMENT', 'RETURN') GROUP BY 1, 2, 3 ORDER BY 1, 3`,
      ),
    ).toEqual([
      // The invoices slice's accepted call-off (10 filter cartridges at 1,180.00), then the returns slice's pumps.
      { cause: 'ORDER_DELIVERED', source: 'SHIPMENT', amount: '11800.00', n: 3 },
      { cause: 'ORDER_DELIVERED', source: 'SHIPMENT', amount: '18240.00', n: 3 },
      { cause: 'RETURN', source: 'RETURN', amount: '-4560.00', n: 6 },
    ]);
    // Finance's notice is the worker's (outbox): one job per branch waits for it.
    expect(await rows(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'fulfillment.return-processed'`)).toEqual(
      [{ n: 6 }],
    );
  });
  it('every branch’s processed return and credit note reach its KPI figures through the worker', async () => {
    const { ws } = await f.startWorkers(1);
    try {
      await eventually(async () => {
        const r = await f.owner.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'events.domain-event' AND finished_at IS NULL`,
        );
        return r.rows[0].n === 0;
      }, 120_000);
    } finally {
      await f.stopWorkers(ws);
    }
    // The ledger: the returned pump (its amount) and the 200.00 allowance taken off each branch's sales, nothing waiting.
    const counted = await f.owner.query(
      `SELECT CASE WHEN r.id IS NOT NULL THEN 'return' ELSE 'credit note' END AS what, e.kpi, e.n, e.amount::text,
         count(DISTINCT e.branch_id)::int AS branches
       FROM kpi_events e
       LEFT JOIN goods_returns r ON r.branch_id = e.branch_id AND r.id = e.subject_id AND r.kind = 'RETURN'
       LEFT JOIN invoices i ON i.branch_id = e.branch_id AND i.id = e.subject_id AND i.kind = 'CREDIT_NOTE'
       WHERE e.kpi = 'SALES_AMOUNT' AND (r.id IS NOT NULL OR i.id IS NOT NULL) GROUP BY 1, 2, 3, 4 ORDER BY 1`,
    );
    expect(counted.rows).toEqual([
      { what: 'credit note', kpi: 'SALES_AMOUNT', n: 0, amount: '-200.00', branches: 3 },
      { what: 'return', kpi: 'SALES_AMOUNT', n: 0, amount: '-4560.00', branches: 3 },
    ]);
    expect((await f.owner.query('SELECT count(*)::int AS n FROM kpi_waiting')).rows).toEqual([{ n: 0 }]);
    // Head office's ranking of the month: the pumps (18,240.00) and the filter call-off (11,800.00) closed, less
    // the returned pump and the allowance, in every branch.
    const { accessToken } = await login(f.api.url, 'admin@hq.demo', DEMO_PASSWORD);
    const month = (
      await f.owner.query<{ m: string }>(`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m`)
    ).rows[0].m;
    const r = await gql<{ kpiRanking: { count: number; amount: string }[] }>(
      f.api.url,
      `query($p: String!) { kpiRanking(input: { kpi: SALES_AMOUNT, period: $p, measure: AMOUNT }) { count amount } }`,
      { p: month },
      { token: accessToken },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.kpiRanking).toEqual([1, 2, 3].map(() => ({ count: 2, amount: '25280.00' })));
  }, 300_000);
  // ---- end returns ----
  it('every branch gets a travel budget with an expense against it and an approved trip', async () => {
    const r = await f.owner.query(
      `SELECT b.category, b.spent::text, count(DISTINCT e.id)::int AS expenses, count(DISTINCT t.id)::int AS trips
       FROM budgets b
       LEFT JOIN budget_expenses e ON e.branch_id = b.branch_id AND e.budget_id = b.id AND e.state = 'RECORDED'
       LEFT JOIN business_trips t ON t.branch_id = b.branch_id AND t.budget_id = b.id AND t.state = 'APPROVED'
       GROUP BY b.branch_id, b.id ORDER BY b.branch_id`,
    );
    expect(r.rows).toEqual(Array(3).fill({ category: 'TRAVEL', spent: '1280.50', expenses: 1, trips: 1 }));
  });

  it('every person of every branch has a month of device punches: in and out each weekday, a few late', async () => {
    const r = await f.owner.query<{ people: number; missing: number; unpaired: number; late: number; weekend: number }>(
      `WITH p AS (
         SELECT d.branch_id, d.user_id, count(a.id)::int AS punches,
           count(*) FILTER (WHERE a.kind = 'IN')::int - count(*) FILTER (WHERE a.kind = 'OUT')::int AS unpaired,
           count(*) FILTER (WHERE a.kind = 'IN' AND (a.at AT TIME ZONE 'Asia/Shanghai')::time > '09:30')::int AS late,
           count(*) FILTER (WHERE extract(isodow FROM a.day) > 5)::int AS weekend
         FROM (SELECT DISTINCT branch_id, user_id FROM memberships
               WHERE branch_id IN (SELECT id FROM branches WHERE kind = 'BRANCH')) d
         LEFT JOIN attendance_punches a ON a.branch_id = d.branch_id AND a.person_id = d.user_id
           AND a.source = 'DEVICE' AND a.state = 'COUNTED'
         GROUP BY 1, 2)
       SELECT count(*)::int AS people, count(*) FILTER (WHERE punches < 40)::int AS missing,
         sum(abs(unpaired))::int AS unpaired, sum(late)::int AS late, sum(weekend)::int AS weekend FROM p`,
    );
    const x = r.rows[0];
    expect(x.people).toBeGreaterThanOrEqual(9);
    expect({ missing: x.missing, unpaired: x.unpaired, weekend: x.weekend }).toEqual({
      missing: 0,
      unpaired: 0,
      weekend: 0,
    });
    expect(x.late).toBeGreaterThan(0);
  });
});
