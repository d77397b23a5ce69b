import { randomUUID } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { gql } from '@app/testing';
import { api, owner, org1, slots, tokens, type Case, type Slot, type SeedContext, allCases } from './harness.js';

/** Isolation cases of Reconciliation statements and instrument hand-over. */
export interface ReconciliationSlot {
  /** A SENT reconciliation statement of the slot's customer, with one line (the seeded invoice). */
  statement: string;
  statementLine: string;
  /** A SENT monthly statement (MONTH cadence, with a rebate) of the slot's partner, on the slot's customer record. */
  partnerStatement: string;
  /** A cheque of the slot's customer, not handed over. */
  instrument: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'reconciliation_statements',
  'reconciliation_lines',
  'instrument_handovers',
  'instrument_breaches',
  'reconciliation_runs',
];

export const cases: Case[] = [
  {
    name: 'reconciliationStatement(id)',
    kind: 'statement',
    doc: `query($id: ID!) { reconciliationStatement(id: $id) { id closing lines { id } customer { id } answeredBy { id } } }`,
  },
  {
    name: 'reconciliationStatements(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { reconciliationStatements(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'reconciliationStatements(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { reconciliationStatements(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'reconciliationStatements(filter: { partnerId })',
    kind: 'partner',
    doc: `query($id: ID!) { reconciliationStatements(first: 50, filter: { partnerId: $id, cadence: MONTH }) {
            totalCount edges { node { id rebateAmount partner { id } } } } }`,
  },
  {
    name: 'partner(id) { statements }',
    kind: 'partner',
    doc: `query($id: ID!) { partner(id: $id) { id statements(first: 5) { id cadence rebateAmount } } }`,
  },
  {
    name: 'signReconciliationStatement(id)',
    kind: 'statement',
    doc: `mutation($id: ID!) { signReconciliationStatement(id: $id, fileId: "${randomUUID()}") { id state } }`,
  },
  {
    name: 'signReconciliationStatement(foreign fileId)',
    kind: 'file',
    vars: (id, me) => ({ id, s: me.own.statement }),
    doc: `mutation($id: ID!, $s: ID!) { signReconciliationStatement(id: $s, fileId: $id) { id state } }`,
  },
  {
    name: 'disputeReconciliationStatement(statementId)',
    kind: 'statement',
    doc: `mutation($id: ID!) { disputeReconciliationStatement(input: { statementId: $id,
            lines: [{ lineId: "${randomUUID()}", reason: "Probe" }] }) { id state } }`,
  },
  {
    name: 'disputeReconciliationStatement(foreign lineId)',
    kind: 'statementLine',
    vars: (id, me) => ({ id, s: me.own.statement }),
    doc: `mutation($id: ID!, $s: ID!) { disputeReconciliationStatement(input: { statementId: $s,
            lines: [{ lineId: $id, reason: "Probe" }] }) { id state } }`,
  },
  {
    name: 'resolveStatementLine(lineId)',
    kind: 'statementLine',
    doc: `mutation($id: ID!) { resolveStatementLine(lineId: $id, resolution: "Probe") { id state } }`,
  },
  {
    name: 'instrumentBreaches(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { instrumentBreaches(first: 50, branchId: $id) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'recordInstrumentHandover(receiptId)',
    kind: 'instrument',
    vars: (id, me) => ({ id, u: me.user.id }),
    doc: `mutation($id: ID!, $u: ID!) { recordInstrumentHandover(input: { receiptId: $id, handedById: $u }) { id } }`,
  },
  {
    name: 'recordInstrumentHandover(foreign handedById)',
    kind: 'user',
    colleagueAllowed: true,
    vars: (id, me) => ({ id, r: me.own.instrument }),
    doc: `mutation($id: ID!, $r: ID!) { recordInstrumentHandover(input: { receiptId: $r, handedById: $id }) { id } }`,
  },
  {
    name: 'receipt(id) { handover }',
    kind: 'instrument',
    doc: `query($id: ID!) { receipt(id: $id) { id handover { id handedBy { id } } } }`,
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { customer, invoice } = slot;
  // A SENT statement of the customer for the first half of 2026 with the invoice as its line; a cheque not handed
  // over; a second one handed over late and told (every new table holds a row).
  const statement = randomUUID();
  const statementLine = randomUUID();
  await owner.query(
    `INSERT INTO reconciliation_statements (branch_id, id, customer_id, period_start, period_end, currency, opening,
         invoiced, credited, received, closing, remind_at)
       VALUES ($1, $2, $3, '2026-01-01', '2026-06-30', 'CNY', 0, 1130, 0, 0, 1130, now() + interval '15 days')`,
    [branch, statement, customer],
  );
  await owner.query(
    `INSERT INTO reconciliation_lines (branch_id, id, statement_id, position, kind, source_id, day, reference, amount)
       VALUES ($1, $2, $3, 1, 'INVOICE', $4, '2026-06-03', 'Seed invoice', 1130)`,
    [branch, statementLine, statement, invoice],
  );
  // The slot's partner's November statement: a month at a 3 % rebate, stated on the slot's customer record.
  const partnerStatement = randomUUID();
  await owner.query(
    `INSERT INTO reconciliation_statements (branch_id, id, customer_id, cadence, partner_id, period_start, period_end,
         currency, opening, invoiced, credited, received, closing, rebate_rate, rebate_base, rebate_amount, remind_at)
       VALUES ($1, $2, $3, 'MONTH', $4, '2026-11-01', '2026-11-30', 'CNY', 0, 1130, 0, 0, 1130, 3, 1130, 33.90,
         now() + interval '15 days')`,
    [branch, partnerStatement, customer, slot.partner],
  );
  const instrument = randomUUID();
  const handedCheque = randomUUID();
  for (const id of [instrument, handedCheque]) {
    await owner.query(
      `INSERT INTO receipts (branch_id, id, kind, customer_id, amount, currency, received_on, reference, recorded_by)
         VALUES ($1, $2, 'CHEQUE', $3, 500, 'CNY', '2026-11-05', $4, $5)`,
      [branch, id, customer, `${name} cheque ${id.slice(0, 4)}`, u.id],
    );
  }
  await owner.query(
    `INSERT INTO instrument_handovers (branch_id, id, receipt_id, handed_by, accepted_by, handed_at)
       VALUES ($1, $2, $3, $4, $4, '2026-11-09T10:00:00+08:00')`,
    [branch, randomUUID(), handedCheque, u.id],
  );
  await owner.query('INSERT INTO instrument_breaches (branch_id, id) VALUES ($1, $2)', [branch, handedCheque]);
  // The branch's run of the half-year, its cursor at the slot's customer (two slots share a branch: one row).
  await owner.query(
    `INSERT INTO reconciliation_runs (branch_id, period_end, last_customer_id, claimed)
       VALUES ($1, '2026-06-30', $2, 1) ON CONFLICT DO NOTHING`,
    [branch, customer],
  );
  await owner.query(
    `INSERT INTO reconciliation_runs (branch_id, cadence, period_end, claimed) VALUES ($1, 'MONTH', '2026-11-30', 1)
       ON CONFLICT DO NOTHING`,
    [branch],
  );
  Object.assign(slot, { statement, statementLine, partnerStatement, instrument });
}

export function afterOwnIds(): void {
  it('reconciliation probes are not vacuous: own statements, lines and instruments are found and answered', async () => {
    const call = (token: string, doc: string, vars: Record<string, unknown>) => gql(api.url, doc, vars, { token });
    const byName = (n: string) => allCases.find((c) => c.name === n)!.doc;
    const fin = tokens.financeA1;
    const got = await call(fin, byName('reconciliationStatement(id)'), { id: slots.A1.statement });
    expect(got.body.data).toMatchObject({ reconciliationStatement: { id: slots.A1.statement, closing: '1130.00' } });
    const listed = await call(fin, byName('reconciliationStatements(filter: { customerId })'), {
      id: slots.A1.customer,
    });
    // The customer's half-year statement and the slot partner's monthly one on the same record.
    expect(listed.body.data).toMatchObject({ reconciliationStatements: { totalCount: 2 } });
    const monthly = await call(fin, byName('reconciliationStatements(filter: { partnerId })'), {
      id: slots.A1.partner,
    });
    expect(monthly.body.data).toMatchObject({
      reconciliationStatements: {
        totalCount: 1,
        edges: [{ node: { id: slots.A1.partnerStatement, rebateAmount: '33.90', partner: { id: slots.A1.partner } } }],
      },
    });
    const onPartner = await call(tokens.managerA1, byName('partner(id) { statements }'), { id: slots.A1.partner });
    expect(onPartner.body.data).toMatchObject({
      partner: { id: slots.A1.partner, statements: [{ id: slots.A1.partnerStatement, cadence: 'MONTH' }] },
    });
    const breaches = await call(fin, byName('instrumentBreaches(branchId)'), { id: org1.a.id });
    const ids = (
      breaches.body.data as { instrumentBreaches: { edges: { node: { id: string } }[] } }
    ).instrumentBreaches.edges.map((e) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining([slots.A1.instrument, slots.A2.instrument]));
    const handed = await call(fin, byName('recordInstrumentHandover(receiptId)'), {
      id: slots.A1.instrument,
      u: org1.users.repA.id,
    });
    expect(handed.body.errors).toBeUndefined();
    const disputed = await call(fin, byName('disputeReconciliationStatement(foreign lineId)'), {
      id: slots.A1.statementLine,
      s: slots.A1.statement,
    });
    expect(disputed.body.data).toEqual({
      disputeReconciliationStatement: { id: slots.A1.statement, state: 'DISPUTED' },
    });
    const resolved = await call(fin, byName('resolveStatementLine(lineId)'), { id: slots.A1.statementLine });
    expect(resolved.body.data).toEqual({ resolveStatementLine: { id: slots.A1.statement, state: 'RESOLVED' } });
  });

  it('reconciliation PDF downloads: another branch’s or organization’s statement answers exactly as an unknown one', async () => {
    const base = api.url.replace(/\/graphql$/, '');
    const download = async (token: string, id: string) => {
      const r = await fetch(`${base}/reconciliation-statements/${id}/pdf`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = Buffer.from(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type') ?? '', body };
    };
    const own = await download(tokens.financeA1, slots.A1.statement);
    expect([own.status, own.type, own.body.subarray(0, 5).toString('latin1')]).toEqual([
      200,
      'application/pdf',
      '%PDF-',
    ]);
    const probes: [string, string][] = [
      ['managerA1', slots.B1.statement],
      ['managerA1', slots.X1.statement],
      ['financeA1', slots.B1.statement],
      ['managerB1', slots.A1.statement],
    ];
    for (const [who, id] of probes) {
      const foreign = await download(tokens[who], id);
      const random = randomUUID();
      const unknown = await download(tokens[who], random);
      expect({ who, status: foreign.status, body: foreign.body.toString().replaceAll(id, 'ID') }).toEqual({
        who,
        status: unknown.status,
        body: unknown.body.toString().replaceAll(random, 'ID'),
      });
      expect(foreign.status).toBe(404);
    }
    // A sales rep may not read statements at all: the same refusal for their own branch's and another's.
    const rep = [await download(tokens.repA1, slots.A1.statement), await download(tokens.repA1, slots.B1.statement)];
    expect(rep.map((r) => r.status)).toEqual([403, 403]);
  });
}
