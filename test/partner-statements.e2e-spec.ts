import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Database, todayIn } from '@app/core';
import { ownerClient, pdf, upload, useFixture } from '@app/testing';
import { ReconciliationGenerationService } from '../src/modules/finance/reconciliation-generation.service.js';
import { ReconciliationJobs } from '../src/modules/finance/reconciliation.jobs.js';
import { lastMonthEnd, monthEnding, openingDay } from '../src/modules/finance/reconciliation-period.js';
import {
  CREDIT_INVOICE,
  RECORD,
  addDays,
  backdate,
  cents,
  issuedInvoice,
  money,
  newCustomer,
  signedContract,
  today,
  type InvoiceView,
} from './finance-fixture.js';

/**
 * Partners' monthly statements (issue 12): one per partner (buying under a customer record) and month, made by racing
 * or killed workers exactly once, counted by the branch's business days, with the rebate of the agreement whose term
 * covers the whole month; opening, invoiced, credited, received and closing as the half-year statements, chained month
 * to month.
 */

const STATEMENT = `id branchId customerId partnerId cadence periodStart periodEnd opening invoiced credited received
  closing rebateAgreementId rebateRate rebateBase rebateAmount state pdfPath partner { id name }
  lines { id kind sourceId day amount }`;
const LIST = `query($f: ReconciliationStatementFilter) { reconciliationStatements(first: 50, filter: $f) {
  totalCount edges { node { ${STATEMENT} } } } }`;
const CREATE_PARTNER = `mutation($in: CreatePartnerInput!) { createPartner(input: $in) { id customerId } }`;
const CREATE_AGREEMENT = `mutation($in: CreatePartnerAgreementInput!) { createPartnerAgreement(input: $in) { id } }`;
const PARTNER_STATEMENTS = `query($id: ID!, $n: Int) { partner(id: $id) { id statements(first: $n) {
  id cadence periodEnd rebateAmount } } }`;
const TERMINATE = `mutation($id: ID!) { terminatePartnerAgreement(id: $id, reason: "Replaced") { id } }`;
const SIGN = `mutation($id: ID!, $file: ID!) { signReconciliationStatement(id: $id, fileId: $file) { id state } }`;

interface Statement {
  id: string;
  branchId: string;
  customerId: string;
  partnerId: string | null;
  cadence: string;
  periodStart: string;
  periodEnd: string;
  opening: string;
  invoiced: string;
  credited: string;
  received: string;
  closing: string;
  rebateAgreementId: string | null;
  rebateRate: string | null;
  rebateBase: string | null;
  rebateAmount: string | null;
  state: string;
  pdfPath: string;
  partner: { id: string; name: string } | null;
  lines: { id: string; kind: string; sourceId: string; day: string; amount: string }[];
}

/** round(rate x base / 100, 2), half away from zero, in cents: the rate as ten-thousandths of a percent. */
function rebateCents(baseCents: bigint, rate: string): bigint {
  const [whole, frac = ''] = rate.split('.');
  const units = BigInt(whole + frac.padEnd(4, '0').slice(0, 4));
  const n = baseCents * units;
  const d = 1_000_000n;
  const q = (2n * (n < 0n ? -n : n) + d) / (2n * d);
  return n < 0n ? -q : q;
}

describe('finance: partners’ monthly statements', () => {
  const f = useFixture({
    workers: {
      count: 2,
      env: { RECONCILIATION_SCAN_MS: '3600000', INSTRUMENT_SCAN_MS: '3600000' },
      firstScan: 'finance.reconciliation-scan',
    },
  });
  const month = lastMonthEnd(today());
  const scan = (i = 0) => f.workers[i].get(ReconciliationJobs).scanStatements();

  /** A partner of branch A buying under a new customer record, with an invoiceable contract; its ids. */
  async function partner(agreements: { startsOn: string; endsOn: string; rebateRate?: string }[] = []) {
    const { a } = f.org;
    const { repA } = f.org.users;
    const customerId = await newCustomer(f, a.id, repA.id);
    const { contractId } = await signedContract(f, { branchId: a.id, customerId, ownerId: repA.id }, [
      { amount: '9000000.00', dueOn: month.end },
    ]);
    const made = await f.ok<{ createPartner: { id: string } }>('managerA', CREATE_PARTNER, {
      in: { kind: 'DISTRIBUTOR', name: `Distributor ${randomUUID().slice(0, 8)}`, region: 'East', customerId },
    });
    const partnerId = made.createPartner.id;
    const agreementIds: string[] = [];
    for (const g of agreements) {
      const r = await f.ok<{ createPartnerAgreement: { id: string } }>('managerA', CREATE_AGREEMENT, {
        in: { partnerId, territory: 'East', terms: 'Rebate on net purchases', ...g },
      });
      agreementIds.push(r.createPartnerAgreement.id);
    }
    return { customerId, contractId, partnerId, agreementIds };
  }

  /** A credit note of `amount` on the invoice's first line, dated `day`. */
  async function credit(inv: InvoiceView, amount: string, day: string): Promise<string> {
    const r = await f.ok<{ creditInvoice: InvoiceView }>('financeA', CREDIT_INVOICE, {
      in: { invoiceId: inv.id, reason: 'Return', lines: [{ lineId: inv.lines[0].id, amount }] },
    });
    await backdate(f, r.creditInvoice.id, day);
    return r.creditInvoice.id;
  }

  async function receipt(customerId: string, amount: string, day: string): Promise<string> {
    const r = await f.ok<{ recordReceipt: { id: string } }>('financeA', RECORD, {
      in: { customerId, kind: 'BANK_TRANSFER', amount, receivedOn: day, reference: `P-${randomUUID().slice(0, 6)}` },
    });
    return r.recordReceipt.id;
  }

  /** The partner's statements for months ending on `ends`, made as the worker makes them (in month order). */
  async function generateMonths(p: { customerId: string; partnerId: string }, ends: string[]): Promise<void> {
    const w = f.workers[0];
    for (const end of ends) {
      await w
        .get(Database)
        .run(
          { branchIds: [f.org.a.id] },
          (tx) =>
            w
              .get(ReconciliationGenerationService)
              .generateMonthly(tx, [
                { branch_id: f.org.a.id, customer_id: p.customerId, partner_id: p.partnerId, period_end: end },
              ]),
          'system',
        );
    }
  }

  async function listed(filter: Record<string, unknown>, who = 'financeA'): Promise<Statement[]> {
    const r = await f.ok<{ reconciliationStatements: { edges: { node: Statement }[] } }>(who, LIST, { f: filter });
    return r.reconciliationStatements.edges.map((e) => e.node);
  }

  it('makes one statement per partner for the branch’s last month, also with two workers scanning at once', async () => {
    const made = [];
    for (let i = 0; i < 4; i++) {
      const p = await partner();
      await receipt(p.customerId, '10.00', month.end);
      made.push(p);
    }
    // A partner that buys under no customer record gets none; nor does one without books.
    await f.ok('managerA', CREATE_PARTNER, { in: { kind: 'AGENT', name: `Agent ${randomUUID()}`, region: 'East' } });
    const idle = await partner();
    await Promise.all([scan(0), scan(1), scan(0)]);
    await scan(1);
    const rows = await f.owner.query<{ partner_id: string; n: number }>(
      `SELECT partner_id, count(*)::int AS n FROM reconciliation_statements
       WHERE cadence = 'MONTH' AND customer_id = ANY($1::uuid[]) GROUP BY partner_id ORDER BY partner_id`,
      [[...made, idle].map((p) => p.customerId)],
    );
    expect(rows.rows).toEqual(
      made.map((p) => ({ partner_id: p.partnerId, n: 1 })).sort((x, y) => x.partner_id.localeCompare(y.partner_id)),
    );
    const [s] = await listed({ partnerId: made[0].partnerId });
    expect(s).toMatchObject({
      cadence: 'MONTH',
      partnerId: made[0].partnerId,
      customerId: made[0].customerId,
      periodStart: month.start,
      periodEnd: month.end,
      received: '10.00',
      closing: '-10.00',
      rebateAgreementId: null,
      rebateRate: '0.0000',
      rebateBase: '0.00',
      rebateAmount: '0.00',
      state: 'SENT',
      partner: { id: made[0].partnerId },
    });
    // The month is the branch's: its last month-end in its own time zone.
    const tz = await f.owner.query<{ time_zone: string }>('SELECT time_zone FROM branches WHERE id = $1', [f.org.a.id]);
    expect(s.periodEnd).toBe(lastMonthEnd(todayIn(tz.rows[0].time_zone)).end);
  });

  it('a killed worker’s batch is claimed again; each partner’s month is made once', async () => {
    const { a } = f.org;
    await scan(0); // the month's runs exist and are committed
    const made = [];
    for (let i = 0; i < 5; i++) {
      const p = await partner();
      await receipt(p.customerId, '5.00', month.end);
      made.push(p);
    }
    const jobs = f.workers.map((w) => w.get(ReconciliationJobs));
    for (const j of jobs) j.batchSize = 2;
    try {
      const doomed = await ownerClient(f.db.url);
      doomed.on('error', () => undefined);
      await doomed.query('BEGIN');
      await doomed.query('SET LOCAL ROLE app_worker');
      const held = await doomed.query<{ branch_id: string; partner_id: string }>(
        'SELECT branch_id, partner_id FROM claim_due_partner_statements(2, now())',
      );
      expect(held.rows).toHaveLength(2);
      expect(held.rows.every((r) => r.branch_id === a.id)).toBe(true);
      const pid = (await doomed.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await scan(1); // the run is locked: the replica skips the branch
      const none = await f.owner.query(
        `SELECT 1 FROM reconciliation_statements WHERE cadence = 'MONTH' AND customer_id = ANY($1::uuid[])`,
        [made.map((p) => p.customerId)],
      );
      expect(none.rowCount).toBe(0);
      await f.owner.query('SELECT pg_terminate_backend($1)', [pid]);
      await doomed.end().catch(() => undefined);
      await Promise.all([scan(0), scan(1)]);
      await scan(0);
    } finally {
      for (const j of jobs) j.batchSize = 200;
    }
    const rows = await f.owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reconciliation_statements WHERE cadence = 'MONTH'
       AND customer_id = ANY($1::uuid[]) GROUP BY customer_id`,
      [made.map((p) => p.customerId)],
    );
    expect(rows.rows.map((r) => r.n)).toEqual([1, 1, 1, 1, 1]);
  });

  it('counts the month by the branch’s business days: the last day is in, the next day is out', async () => {
    const p = await partner([{ startsOn: '2026-01-01', endsOn: '2027-12-31', rebateRate: '2' }]);
    // Issuing at 23:30 local on the month's last day dates the invoice that day (the branch's, not UTC's).
    expect(todayIn('Asia/Shanghai', new Date(`${month.end}T23:30:00+08:00`))).toBe(month.end);
    const before = await issuedInvoice(f, { contractId: p.contractId, amount: '70.00', day: openingDay(month) });
    const last = await issuedInvoice(f, { contractId: p.contractId, amount: '1000.00', day: month.end });
    const first = await issuedInvoice(f, { contractId: p.contractId, amount: '1000.00', day: month.start });
    const after = await issuedInvoice(f, { contractId: p.contractId, amount: '500.00', day: addDays(month.end, 1) });
    await scan(0);
    const [s] = await listed({ partnerId: p.partnerId, cadence: 'MONTH' });
    expect([s.opening, s.invoiced, s.credited, s.received, s.closing]).toEqual([
      '70.00',
      '2000.00',
      '0.00',
      '0.00',
      '2070.00',
    ]);
    expect(s.lines.map((l) => l.sourceId).sort()).toEqual([first.id, last.id].sort());
    expect(s.lines.map((l) => l.sourceId)).not.toContain(after.id);
    expect(s.lines.map((l) => l.sourceId)).not.toContain(before.id);
    expect([s.rebateAgreementId, s.rebateRate, s.rebateBase, s.rebateAmount]).toEqual([
      expect.any(String),
      '2.0000',
      '2000.00',
      '40.00',
    ]);
  });

  it('takes the rate of the agreement covering each whole month: a mid-year change, credit notes, half-up cents', async () => {
    const p = await partner([
      { startsOn: '2026-01-01', endsOn: '2026-06-30', rebateRate: '3' },
      { startsOn: '2026-07-01', endsOn: '2026-12-31', rebateRate: '2.5' },
    ]);
    const [first, second] = p.agreementIds;
    const june = await issuedInvoice(f, { contractId: p.contractId, amount: '10000.00', day: '2026-06-30' });
    const july = await issuedInvoice(f, { contractId: p.contractId, amount: '1001.00', day: '2026-07-01' });
    await credit(july, '1000.00', '2026-07-31');
    await credit(june, '200.00', '2026-07-15'); // a credit note counts in the month it is issued
    await receipt(p.customerId, '4000.00', '2026-07-20');
    await generateMonths(p, ['2026-06-30', '2026-07-31']);
    const [jul, jun] = await listed({ partnerId: p.partnerId });
    expect(jun).toMatchObject({
      periodStart: '2026-06-01',
      opening: '0.00',
      invoiced: '10000.00',
      closing: '10000.00',
      rebateAgreementId: first,
      rebateRate: '3.0000',
      rebateBase: '10000.00',
      rebateAmount: '300.00',
    });
    // July: 1001.00 - 1000.00 - 200.00 = -199.00; 2.5 % of it is -4.975, half away from zero -4.98.
    expect(jul).toMatchObject({
      periodStart: '2026-07-01',
      opening: '10000.00',
      invoiced: '1001.00',
      credited: '1200.00',
      received: '4000.00',
      closing: '5801.00',
      rebateAgreementId: second,
      rebateRate: '2.5000',
      rebateBase: '-199.00',
      rebateAmount: '-4.98',
    });
    expect(jul.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['INVOICE', '1001.00'],
      ['CREDIT_NOTE', '-200.00'],
      ['RECEIPT', '-4000.00'],
      ['CREDIT_NOTE', '-1000.00'],
    ]);
    // The half-up cent: 1.00 at 2.5 % is 0.025 -> 0.03 (a float product would say 0.025000000000000001 or less).
    const q = await partner([{ startsOn: '2026-08-01', endsOn: '2026-08-31', rebateRate: '2.5' }]);
    await issuedInvoice(f, { contractId: q.contractId, amount: '1.00', day: '2026-08-10' });
    await generateMonths(q, ['2026-08-31']);
    expect((await listed({ partnerId: q.partnerId }))[0]).toMatchObject({ rebateBase: '1.00', rebateAmount: '0.03' });
  });

  it('states no rebate when no agreement covers the whole month (one starting mid-month, one terminated)', async () => {
    const p = await partner([{ startsOn: '2026-09-15', endsOn: '2027-09-14', rebateRate: '4' }]);
    const old = await f.ok<{ createPartnerAgreement: { id: string } }>('managerA', CREATE_AGREEMENT, {
      in: {
        partnerId: p.partnerId,
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        territory: 'E',
        terms: 'Old',
        rebateRate: '9',
      },
    });
    await f.ok('managerA', TERMINATE, { id: old.createPartnerAgreement.id });
    await issuedInvoice(f, { contractId: p.contractId, amount: '800.00', day: '2026-09-20' });
    await issuedInvoice(f, { contractId: p.contractId, amount: '100.00', day: '2026-10-02' });
    await generateMonths(p, ['2026-09-30', '2026-10-31']);
    const [oct, sep] = await listed({ partnerId: p.partnerId });
    expect([sep.rebateAgreementId, sep.rebateRate, sep.rebateBase, sep.rebateAmount]).toEqual([
      null,
      '0.0000',
      '800.00',
      '0.00',
    ]);
    expect([oct.rebateAgreementId, oct.rebateRate, oct.rebateAmount]).toEqual([p.agreementIds[0], '4.0000', '4.00']);
  });

  it('lists by cadence and partner, on the partner too; another branch sees none; typed errors', async () => {
    const p = await partner([{ startsOn: '2026-01-01', endsOn: '2026-12-31', rebateRate: '1' }]);
    await issuedInvoice(f, { contractId: p.contractId, amount: '300.00', day: '2026-03-05' });
    await generateMonths(p, ['2026-03-31', '2026-04-30']);
    await scan(0); // the half-year statement to 30 June as well: its own cadence, its own key
    const all = await listed({ customerId: p.customerId });
    expect(all.map((s) => [s.cadence, s.periodEnd])).toEqual(
      expect.arrayContaining([
        ['HALF_YEAR', '2026-06-30'],
        ['MONTH', '2026-04-30'],
        ['MONTH', '2026-03-31'],
      ]),
    );
    const half = (await listed({ customerId: p.customerId, cadence: 'HALF_YEAR' }))[0];
    expect([half.partnerId, half.rebateRate, half.rebateAmount]).toEqual([null, null, null]);
    const monthly = await listed({ customerId: p.customerId, cadence: 'MONTH' });
    // The scan stated the last month as well (the customer has books up to its end).
    expect(monthly.map((s) => s.periodEnd)).toEqual([month.end, '2026-04-30', '2026-03-31']);
    expect((await listed({ partnerId: p.partnerId }, 'admin')).map((s) => s.periodEnd)).toEqual(
      expect.arrayContaining(['2026-04-30', '2026-03-31']),
    );
    expect(await listed({ partnerId: p.partnerId }, 'managerB')).toEqual([]);
    const onPartner = await f.ok<{ partner: { statements: { periodEnd: string; rebateAmount: string }[] } }>(
      'managerA',
      PARTNER_STATEMENTS,
      { id: p.partnerId, n: 1 },
    );
    expect(onPartner.partner.statements.map((s) => [s.periodEnd, s.rebateAmount])).toEqual([[month.end, '0.00']]);
    // A rep may not read statements (as the list), nor ask for more than 60 months, nor filter by a non-id.
    const own = await f.ok<{ createPartner: { id: string } }>('repA', CREATE_PARTNER, {
      in: { kind: 'AGENT', name: `Rep agent ${randomUUID().slice(0, 8)}`, region: 'East' },
    });
    const rep = await f.call<{ partner: { id: string; statements: unknown } | null }>('repA', PARTNER_STATEMENTS, {
      id: own.createPartner.id,
    });
    expect([rep.body.data?.partner, rep.body.errors?.[0]?.extensions?.code]).toEqual([
      { id: own.createPartner.id, statements: null },
      'FORBIDDEN',
    ]);
    expect(await f.refused('managerA', PARTNER_STATEMENTS, { id: p.partnerId, n: 61 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['first'],
    });
    expect(await f.refused('financeA', LIST, { f: { partnerId: 'nope' } })).toMatchObject({ code: 'BAD_USER_INPUT' });
    // The PDF is the statements' own (with the rebate lines).
    const download = await fetch(`${f.api.url.replace(/\/graphql$/, '')}${monthly[0].pdfPath}`, {
      headers: { authorization: `Bearer ${f.tokens.financeA}` },
    });
    const body = Buffer.from(await download.arrayBuffer());
    expect([download.status, body.subarray(0, 5).toString('latin1')]).toEqual([200, '%PDF-']);
    // Sign-back is the statements' own: a signed monthly statement cannot be signed again, both states named.
    const up = await upload(f.api.url.replace(/\/graphql$/, ''), {
      token: f.tokens.financeA,
      query: 'kind=LETTER',
      name: 'signed.pdf',
      content: pdf(),
    });
    const fileId = up.json.data!.file!.id as string;
    const target = monthly[0].id;
    await f.ok('financeA', SIGN, { id: target, file: fileId });
    const again = await f.refused('financeA', SIGN, { id: target, file: fileId });
    expect(again.code).toBe('INVALID_STATE');
    expect(again.message).toMatch(/SIGNED.*SIGNED/);
  });

  it('property: monthly bases add up to the net invoiced of the span, rebates are exact, balances chain', async () => {
    // Months July to October 2026; an agreement for July-August and another for September-December.
    const MONTHS = ['2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31'];
    const DAY = fc.integer({ min: -10, max: 122 }); // days from 1 July: some before the span
    type Op =
      | { t: 'invoice'; amount: number; day: number }
      | { t: 'credit'; invoice: number; amount: number; day: number }
      | { t: 'receipt'; amount: number; day: number };
    const OPS: fc.Arbitrary<Op[]> = fc.array(
      fc.oneof(
        fc.record({ t: fc.constant('invoice' as const), amount: fc.integer({ min: 1, max: 900000 }), day: DAY }),
        fc.record({
          t: fc.constant('credit' as const),
          invoice: fc.nat(10),
          amount: fc.integer({ min: 1, max: 400000 }),
          day: DAY,
        }),
        fc.record({ t: fc.constant('receipt' as const), amount: fc.integer({ min: 1, max: 900000 }), day: DAY }),
      ),
      { minLength: 1, maxLength: 7 },
    );
    const RATE = fc
      .integer({ min: 0, max: 1_000_000 })
      .map((u) => `${(u / 10000) | 0}.${String(u % 10000).padStart(4, '0')}`);
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(OPS, RATE, RATE, async (ops, r1, r2) => {
        const p = await partner([
          { startsOn: '2026-07-01', endsOn: '2026-08-31', rebateRate: r1 },
          { startsOn: '2026-09-01', endsOn: '2026-12-31', rebateRate: r2 },
        ]);
        const docs: { kind: string; day: string; cents: bigint }[] = [];
        const invoices: { inv: InvoiceView; day: string; left: number }[] = [];
        for (const op of ops) {
          const day = addDays('2026-07-01', op.day);
          if (op.t === 'invoice') {
            const inv = await issuedInvoice(f, { contractId: p.contractId, amount: money(op.amount), day });
            invoices.push({ inv, day, left: op.amount });
            docs.push({ kind: 'INVOICE', day, cents: BigInt(op.amount) });
          } else if (op.t === 'credit' && invoices.length) {
            const target = invoices[op.invoice % invoices.length];
            const amount = Math.min(op.amount, target.left);
            if (amount < 1) continue;
            const when = day < target.day ? target.day : day;
            await credit(target.inv, money(amount), when);
            target.left -= amount;
            docs.push({ kind: 'CREDIT_NOTE', day: when, cents: BigInt(amount) });
          } else if (op.t === 'receipt') {
            await receipt(p.customerId, money(op.amount), day);
            docs.push({ kind: 'RECEIPT', day, cents: BigInt(op.amount) });
          }
        }
        await generateMonths(p, MONTHS);
        const got = (await listed({ partnerId: p.partnerId })).reverse();
        const sum = (kind: string, from: string, to: string) =>
          docs.filter((d) => d.kind === kind && d.day >= from && d.day <= to).reduce((s, d) => s + d.cents, 0n);
        const balance = (to: string) =>
          sum('INVOICE', '0000-01-01', to) - sum('CREDIT_NOTE', '0000-01-01', to) - sum('RECEIPT', '0000-01-01', to);
        // Generation is asked for every month (the claim would skip a month without books up to its end).
        expect(got.map((s) => s.periodEnd)).toEqual(MONTHS);
        let bases = 0n;
        got.forEach((s, i) => {
          const m = monthEnding(MONTHS[i]);
          const rate = i < 2 ? r1 : r2;
          expect(cents(s.opening)).toBe(balance(openingDay(m)));
          if (i > 0) expect(s.opening).toBe(got[i - 1].closing);
          expect(cents(s.closing)).toBe(cents(s.opening) + cents(s.invoiced) - cents(s.credited) - cents(s.received));
          expect(cents(s.closing)).toBe(balance(m.end));
          expect(cents(s.rebateBase!)).toBe(sum('INVOICE', m.start, m.end) - sum('CREDIT_NOTE', m.start, m.end));
          expect(Number(s.rebateRate)).toBe(Number(rate));
          expect(cents(s.rebateAmount!)).toBe(rebateCents(cents(s.rebateBase!), rate));
          bases += cents(s.rebateBase!);
        });
        const span = [monthEnding(MONTHS[0]).start, MONTHS[MONTHS.length - 1]] as const;
        expect(bases).toBe(sum('INVOICE', ...span) - sum('CREDIT_NOTE', ...span));
        checked++;
      }),
      {
        numRuns: 8,
        examples: [
          [
            [
              { t: 'invoice', amount: 100000, day: -5 },
              { t: 'invoice', amount: 100, day: 40 },
              { t: 'credit', invoice: 0, amount: 50000, day: 70 },
              { t: 'receipt', amount: 30000, day: 100 },
            ],
            '2.5000',
            '33.3333',
          ],
        ],
      },
    );
    expect(checked).toBeGreaterThan(0);
  }, 900_000);
});
