import { describe, expect, it } from '@jest/globals';
import { useFixture } from '@app/testing';
import {
  APPROVE_STEP,
  CONFIRM_INVOICE,
  CONTRACT_INVOICING,
  CREDIT_INVOICE,
  DELIVER_INVOICE,
  GET_INVOICE,
  INVOICED_RECEIVABLES,
  ISSUE_INVOICE,
  RECORD,
  REJECT_STEP,
  REQUEST_INVOICE,
  newCustomer,
  pendingStep,
  signedContract,
  today,
  type InvoiceView,
} from './finance-fixture.js';

/**
 * Invoices over GraphQL: requested on a contract up to what is invoiceable (concurrent requests never over-invoice),
 * reviewed by finance through the approval engine, issued with a gap-free number, type and tax per line (half-up to
 * the cent), delivered and confirmed; red-letter invoices per line up to what remains; a rep cannot issue, credit or
 * move one; illegal moves are INVALID_STATE naming both states; bad input is typed and changes nothing.
 */

describe('finance invoices', () => {
  const f = useFixture({ env: { DB_POOL_SIZE: '20' }, people: { financeB: { branch: 'b', role: 'FINANCE' } } });

  /** Every row an invoice operation could touch, as one digest. */
  async function books(): Promise<string> {
    const r = await f.owner.query<{ h: string }>(
      `SELECT md5(coalesce((SELECT string_agg(to_jsonb(x)::text, '' ORDER BY x.id) FROM invoices x), '') ||
         coalesce((SELECT string_agg(to_jsonb(x)::text, '' ORDER BY x.id) FROM invoice_lines x), '') ||
         coalesce((SELECT string_agg(to_jsonb(x)::text, '' ORDER BY x.branch_id, x.series, x.year)
           FROM invoice_number_counters x), '') ||
         (SELECT count(*) FROM approval_requests)::text || (SELECT count(*) FROM audit_log)::text) AS h`,
    );
    return r.rows[0].h;
  }

  /** A SIGNED contract of a fresh customer of branch A, owned by repA, of `amount`. */
  async function contract(amount: string, branch: 'a' | 'b' = 'a') {
    const ownerId = branch === 'a' ? f.org.users.repA.id : f.org.users.repB.id;
    const branchId = f.org[branch].id;
    const customerId = await newCustomer(f, branchId, ownerId);
    const { contractId } = await signedContract(f, { branchId, customerId, ownerId }, [{ amount, dueOn: today() }]);
    return { contractId, customerId, branchId };
  }

  const request = async (who: string, contractId: string, amounts: string[]) =>
    (
      await f.ok<{ requestInvoice: InvoiceView }>(who, REQUEST_INVOICE, {
        in: {
          contractId,
          type: 'VAT_SPECIAL',
          lines: amounts.map((amount, i) => ({ description: `Pump ${i + 1}`, amount })),
        },
      })
    ).requestInvoice;

  const approve = async (inv: InvoiceView, who = 'financeA') => {
    await f.ok(who, APPROVE_STEP, { s: await pendingStep(f, inv.approvalRequestId!) });
    return (await f.ok<{ invoice: InvoiceView }>(who, GET_INVOICE, { id: inv.id })).invoice;
  };

  const issue = async (inv: InvoiceView, taxRate = '13', who = 'financeA') =>
    (
      await f.ok<{ issueInvoice: InvoiceView }>(who, ISSUE_INVOICE, {
        id: inv.id,
        in: { type: 'VAT_SPECIAL', taxRate },
      })
    ).issueInvoice;

  it('a rep requests, finance approves, issues, delivers and confirms; tax per line half-up; a rep moves nothing', async () => {
    const { contractId } = await contract('200000.00');
    const asked = await request('repA', contractId, ['113000.00', '10000.01', '0.17']);
    expect(asked).toMatchObject({ state: 'REQUESTED', amount: '123000.18', taxAmount: null, number: null });
    expect(asked.approvalRequestId).toBeTruthy();

    // The rep may not review, issue or move it; finance's approval moves it to APPROVED.
    const step = await pendingStep(f, asked.approvalRequestId!);
    expect((await f.refused('repA', APPROVE_STEP, { s: step })).code).toMatch(/FORBIDDEN|NOT_FOUND/);
    const approved = await approve(asked);
    expect(approved.state).toBe('APPROVED');
    const before = await books();
    for (const [doc, vars] of [
      [ISSUE_INVOICE, { id: asked.id, in: { type: 'VAT_SPECIAL', taxRate: '13' } }],
      [DELIVER_INVOICE, { id: asked.id }],
      [CONFIRM_INVOICE, { id: asked.id }],
      [
        CREDIT_INVOICE,
        { in: { invoiceId: asked.id, reason: 'Return', lines: [{ lineId: asked.lines[0].id, amount: '1' }] } },
      ],
    ] as const) {
      expect((await f.refused('repA', doc, vars)).code).toBe('FORBIDDEN');
      expect((await f.refused('managerA', doc, vars)).code).toBe('FORBIDDEN');
    }
    expect(await books()).toBe(before);

    // 13% on every line but the second, which is taxed at 6%.
    const issued = (
      await f.ok<{ issueInvoice: InvoiceView }>('financeA', ISSUE_INVOICE, {
        id: asked.id,
        in: { type: 'VAT_ORDINARY', taxRate: '13', lineTaxRates: [{ lineId: asked.lines[1].id, taxRate: '6' }] },
      })
    ).issueInvoice;
    // 113000 * 13/113 = 13000.00; 10000.01 * 6/106 = 566.0383 -> 566.04; 0.17 * 13/113 = 0.01955 -> 0.02
    expect(issued.lines.map((l) => [l.taxRate, l.taxAmount])).toEqual([
      ['13.00', '13000.00'],
      ['6.00', '566.04'],
      ['13.00', '0.02'],
    ]);
    expect(issued).toMatchObject({
      state: 'ISSUED',
      type: 'VAT_ORDINARY',
      taxAmount: '13566.06',
      netAmount: '109434.12',
      issuedOn: today(),
      number: `${f.org.a.code.toUpperCase()}-FP-${today().slice(0, 4)}-000001`,
    });

    const delivered = (await f.ok<{ deliverInvoice: InvoiceView }>('financeA', DELIVER_INVOICE, { id: asked.id }))
      .deliverInvoice;
    expect(delivered.state).toBe('DELIVERED');
    const confirmed = (await f.ok<{ confirmInvoice: InvoiceView }>('financeA', CONFIRM_INVOICE, { id: asked.id }))
      .confirmInvoice;
    expect(confirmed.state).toBe('CONFIRMED');

    // Illegal moves name both states and change nothing.
    const frozen = await books();
    const again = await f.refused('financeA', CONFIRM_INVOICE, { id: asked.id });
    expect(again).toMatchObject({ code: 'INVALID_STATE' });
    expect(again.message).toContain('from CONFIRMED to CONFIRMED');
    const reissue = await f.refused('financeA', ISSUE_INVOICE, {
      id: asked.id,
      in: { type: 'VAT_SPECIAL', taxRate: '13' },
    });
    expect(reissue.message).toContain('from CONFIRMED to ISSUED');
    expect(await books()).toBe(frozen);

    // The audit log has every step.
    const audit = await f.owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'invoice' AND entity_id = $1 ORDER BY created_at`,
      [asked.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['request', 'approved', 'issue', 'delivered', 'confirmed']);
  });

  it('never beyond the contract: over-requests refused and unchanged, a rejected request frees its amount', async () => {
    const { contractId } = await contract('1000.00');
    const first = await request('repA', contractId, ['600.00']);
    const before = await books();
    const over = await f.refused('repA', REQUEST_INVOICE, {
      in: {
        contractId,
        lines: [
          { description: 'More', amount: '300.00' },
          { description: 'Still', amount: '100.01' },
        ],
      },
    });
    expect(over).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['lines'] });
    expect(over.message).toContain('400.00');
    expect(await books()).toBe(before);
    expect(
      (await f.ok<{ contractInvoicing: object }>('repA', CONTRACT_INVOICING, { id: contractId })).contractInvoicing,
    ).toEqual({
      amount: '1000.00',
      standing: '600.00',
      invoiceable: '400.00',
    });
    await f.ok('financeA', REJECT_STEP, { s: await pendingStep(f, first.approvalRequestId!) });
    expect((await f.ok<{ invoice: InvoiceView }>('repA', GET_INVOICE, { id: first.id })).invoice.state).toBe(
      'REJECTED',
    );
    expect(
      (await f.ok<{ contractInvoicing: { invoiceable: string } }>('financeA', CONTRACT_INVOICING, { id: contractId }))
        .contractInvoicing.invoiceable,
    ).toBe('1000.00');
    // A rejected request cannot be issued: INVALID_STATE naming both states.
    const refused = await f.refused('financeA', ISSUE_INVOICE, {
      id: first.id,
      in: { type: 'VAT_SPECIAL', taxRate: '13' },
    });
    expect(refused.code).toBe('INVALID_STATE');
    expect(refused.message).toContain('from REJECTED to ISSUED');
  });

  it('concurrent requests on one contract never over-invoice (the contract lock)', async () => {
    const { contractId } = await contract('1000.00');
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        f.call('financeA', REQUEST_INVOICE, { in: { contractId, lines: [{ description: 'Part', amount: '300.00' }] } }),
      ),
    );
    const passed = results.filter((r) => !r.body.errors);
    expect(passed).toHaveLength(3);
    for (const r of results.filter((x) => x.body.errors)) {
      expect(r.body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const sum = await f.owner.query<{ s: string }>(
      `SELECT sum(amount)::text AS s FROM invoices WHERE contract_id = $1 AND state <> 'REJECTED'`,
      [contractId],
    );
    expect(sum.rows[0].s).toBe('900.00');
  });

  it('credit notes: per line up to what remains, their own gap-free series, tax nets to zero, amounts freed', async () => {
    const { contractId, branchId } = await contract('5000.00', 'b');
    const inv = await issue(
      await approve(await request('repB', contractId, ['1130.00', '100.00']), 'financeB'),
      '13',
      'financeB',
    );
    expect(inv.number).toMatch(/-FP-\d{4}-000001$/);
    const [l1, l2] = inv.lines;
    const before = await books();
    for (const [lines, field] of [
      [[{ lineId: l1.id, amount: '1130.01' }], 'lines[0].amount'],
      [
        [
          { lineId: l2.id, amount: '1' },
          { lineId: l2.id, amount: '1' },
        ],
        'lines[1].lineId',
      ],
      [[{ lineId: contractId, amount: '1' }], 'lines[0].lineId'],
      [[{ lineId: l1.id, amount: '0' }], 'lines[0].amount'],
      [[{ lineId: l1.id, amount: '-5' }], 'lines[0].amount'],
      [[{ lineId: l1.id, amount: '1.001' }], 'lines[0].amount'],
    ] as const) {
      const r = await f.refused('financeB', CREDIT_INVOICE, { in: { invoiceId: inv.id, reason: 'Return', lines } });
      expect({ field, r: { code: r.code, fields: r.fields } }).toEqual({
        field,
        r: { code: 'BAD_USER_INPUT', fields: [field] },
      });
    }
    expect(await books()).toBe(before);

    const credit = async (lines: { lineId: string; amount: string }[]) =>
      (
        await f.ok<{ creditInvoice: InvoiceView }>('financeB', CREDIT_INVOICE, {
          in: { invoiceId: inv.id, reason: 'Return of 1 pump', lines },
        })
      ).creditInvoice;
    const c1 = await credit([{ lineId: l1.id, amount: '0.17' }]);
    // 0.17 * 13/113 = 0.0195... -> 0.02
    expect(c1).toMatchObject({
      kind: 'CREDIT_NOTE',
      state: 'ISSUED',
      amount: '0.17',
      taxAmount: '0.02',
      creditedInvoiceId: inv.id,
    });
    expect(c1.number).toMatch(/-HZ-\d{4}-000001$/);
    expect(c1.lines[0]).toMatchObject({ creditedLineId: l1.id, taxRate: '13.00', taxAmount: '0.02' });
    const c2 = await credit([
      { lineId: l1.id, amount: '1129.83' },
      { lineId: l2.id, amount: '50.00' },
    ]);
    expect(c2.number).toMatch(/-HZ-\d{4}-000002$/);
    // the rest of line 1: its tax is what is left (130.00 - 0.02), so line 1 nets to zero tax
    expect(c2.lines.map((l) => l.taxAmount)).toEqual(['129.98', '5.75']);
    const after = (await f.ok<{ invoice: InvoiceView }>('financeB', GET_INVOICE, { id: inv.id })).invoice;
    expect(after).toMatchObject({ creditedAmount: '1180.00', remainingAmount: '50.00' });
    expect(after.lines[0]).toMatchObject({ creditedAmount: '1130.00', creditedTax: '130.00' });
    const full = await f.refused('financeB', CREDIT_INVOICE, {
      in: { invoiceId: inv.id, reason: 'Again', lines: [{ lineId: l1.id, amount: '0.01' }] },
    });
    expect(full).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['lines[0].amount'] });
    expect(
      (await f.ok<{ contractInvoicing: { invoiceable: string } }>('financeB', CONTRACT_INVOICING, { id: contractId }))
        .contractInvoicing.invoiceable,
    ).toBe('4950.00');

    // A credit note is not credited, and a request not yet issued cannot be.
    expect(
      (
        await f.refused('financeB', CREDIT_INVOICE, {
          in: { invoiceId: c1.id, reason: 'x', lines: [{ lineId: c1.lines[0].id, amount: '0.01' }] },
        })
      ).code,
    ).toBe('INVALID_STATE');
    const pending = await request('repB', contractId, ['10.00']);
    const early = await f.refused('financeB', CREDIT_INVOICE, {
      in: { invoiceId: pending.id, reason: 'x', lines: [{ lineId: pending.lines[0].id, amount: '1' }] },
    });
    expect(early.code).toBe('INVALID_STATE');
    expect(early.message).toContain('REQUESTED');

    // Receivable per contract and customer: 1230 invoiced - 1180 credited - 20 received = 30
    const customerId = inv.customerId;
    await f.ok('financeB', RECORD, {
      in: { customerId, kind: 'BANK_TRANSFER', amount: '20', receivedOn: today(), reference: 'T-1' },
    });
    const rows = await f.ok<{ invoicedReceivables: { edges: { node: Record<string, string> }[] } }>(
      'financeB',
      INVOICED_RECEIVABLES,
      {
        f: { customerId },
      },
    );
    expect(rows.invoicedReceivables.edges.map((e) => e.node)).toEqual([
      {
        branchId,
        customerId,
        contractId: null,
        currency: 'CNY',
        invoiced: '1230.00',
        credited: '1180.00',
        received: '20.00',
        receivable: '30.00',
      },
    ]);
  });

  it('numbers are gap-free per branch and year: a failed issue takes none, concurrent issues take consecutive ones', async () => {
    const { contractId } = await contract('100000.00');
    const ready: InvoiceView[] = [];
    for (let i = 0; i < 5; i++) ready.push(await approve(await request('repA', contractId, ['100.00'])));
    const bad = await f.refused('financeA', ISSUE_INVOICE, {
      id: ready[0].id,
      in: { type: 'VAT_SPECIAL', taxRate: '13.001' },
    });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['taxRate'] });
    const issued = await Promise.all(ready.map((r) => issue(r)));
    const seqs = issued.map((i) => Number(i.number!.slice(-6))).sort((x, y) => x - y);
    const first = seqs[0];
    expect(seqs).toEqual([first, first + 1, first + 2, first + 3, first + 4]);
    const max = await f.owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM invoices WHERE branch_id = $1 AND kind = 'INVOICE' AND number IS NOT NULL`,
      [f.org.a.id],
    );
    expect(seqs.at(-1)).toBe(max.rows[0].n);
  });

  it('hostile input is typed and changes nothing', async () => {
    const { contractId } = await contract('1000.00');
    const inv = await approve(await request('repA', contractId, ['10.00']));
    const before = await books();
    for (const taxRate of ['abc', '-1', '100.01', '1e2', '13.005', '', ' ']) {
      const r = await f.refused('financeA', ISSUE_INVOICE, { id: inv.id, in: { type: 'VAT_SPECIAL', taxRate } });
      expect({ taxRate, code: r.code }).toEqual({ taxRate, code: 'BAD_USER_INPUT' });
    }
    for (const lines of [
      [],
      [{ description: ' ', amount: '1' }],
      [{ description: 'x', amount: '1.001' }],
      [{ description: 'x', amount: '10000000000000' }],
      [{ description: 'x', amount: 'NaN' }],
    ]) {
      const r = await f.refused('repA', REQUEST_INVOICE, { in: { contractId, lines } });
      expect({ lines, code: r.code }).toEqual({ lines, code: 'BAD_USER_INPUT' });
    }
    const other = await f.refused('repB', REQUEST_INVOICE, {
      in: { contractId, lines: [{ description: 'x', amount: '1' }] },
    });
    expect(other.code).toBe('NOT_FOUND');
    const colleague = await f.refused('rep2A', REQUEST_INVOICE, {
      in: { contractId, lines: [{ description: 'x', amount: '1' }] },
    });
    expect(colleague.code).toBe('NOT_FOUND');
    expect(await books()).toBe(before);
  });
  it('two credit notes racing on one invoice never over-credit it (the invoice lock)', async () => {
    const { contractId } = await contract('5000.00');
    const inv = await issue(await approve(await request('repA', contractId, ['1000.00'])));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, k) =>
        f.call('financeA', CREDIT_INVOICE, {
          in: { invoiceId: inv.id, reason: `Return ${k}`, lines: [{ lineId: inv.lines[0].id, amount: '300.00' }] },
        }),
      ),
    );
    expect(results.filter((r) => !r.body.errors)).toHaveLength(3);
    for (const r of results.filter((x) => x.body.errors)) {
      expect(r.body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const after = (await f.ok<{ invoice: InvoiceView }>('financeA', GET_INVOICE, { id: inv.id })).invoice;
    expect(after).toMatchObject({ creditedAmount: '900.00', remainingAmount: '100.00' });
    const notes = await f.owner.query<{ s: string; n: number }>(
      `SELECT sum(amount)::text AS s, count(*)::int AS n FROM invoices WHERE credited_invoice_id = $1`,
      [inv.id],
    );
    expect(notes.rows[0]).toEqual({ s: '900.00', n: 3 });
  });

  it('head office reads invoice-based receivables of every branch in one statement, as many as for one branch', async () => {
    const a = await contract('1000.00', 'a');
    const b = await contract('2000.00', 'b');
    await issue(await approve(await request('repA', a.contractId, ['100.00'])));
    await issue(await approve(await request('repB', b.contractId, ['200.00']), 'financeB'), '13', 'financeB');
    const all = await f.call<{
      invoicedReceivables: { edges: { node: { customerId: string; receivable: string } }[] };
    }>('admin', INVOICED_RECEIVABLES, {});
    const one = await f.call('admin', INVOICED_RECEIVABLES, { f: { branchId: f.org.a.id } });
    const rows = all.body.data!.invoicedReceivables.edges.map((e) => e.node);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ customerId: a.customerId, receivable: '100.00' }),
        expect.objectContaining({ customerId: b.customerId, receivable: '200.00' }),
      ]),
    );
    expect(all.headers.get('x-sql-statements')).toBe(one.headers.get('x-sql-statements'));
    // A branch manager of A sees none of B's.
    const mine = await f.ok<{ invoicedReceivables: { edges: { node: { customerId: string } }[] } }>(
      'managerA',
      INVOICED_RECEIVABLES,
      {},
    );
    expect(mine.invoicedReceivables.edges.map((e) => e.node.customerId)).not.toContain(b.customerId);
  });
});
