import { describe, expect, it } from '@jest/globals';
import { get, ownerClient, pdf, upload, useFixture } from '@app/testing';
import { RECONCILIATION_BATCH, ReconciliationJobs } from '../src/modules/finance/reconciliation.jobs.js';
import { lastPeriod } from '../src/modules/finance/reconciliation-period.js';
import { RECORD, addDays, issuedInvoice, newCustomer, signedContract, today } from './finance-fixture.js';

/**
 * Reconciliation statements: generated once per customer and half-year by racing workers, signed back with a scan
 * or disputed line by line, disputes resolved by finance, unanswered ones reminded once, and the PDF download.
 */

const STATEMENT = `id branchId customerId periodStart periodEnd opening invoiced credited received closing state
  signedFileId answeredAt resolvedAt remindedAt pdfPath
  lines { id position kind sourceId day reference amount disputeReason resolution resolvedAt }`;
const LIST = `query($f: ReconciliationStatementFilter) { reconciliationStatements(first: 20, filter: $f) {
  totalCount edges { node { ${STATEMENT} } } } }`;
const GET = `query($id: ID!) { reconciliationStatement(id: $id) { ${STATEMENT} } }`;
const SIGN = `mutation($id: ID!, $file: ID!) { signReconciliationStatement(id: $id, fileId: $file) { ${STATEMENT} } }`;
const DISPUTE = `mutation($in: DisputeStatementInput!) { disputeReconciliationStatement(input: $in) { ${STATEMENT} } }`;
const RESOLVE = `mutation($line: ID!, $r: String!) { resolveStatementLine(lineId: $line, resolution: $r) { ${STATEMENT} } }`;

interface Line {
  id: string;
  kind: string;
  amount: string;
  disputeReason: string | null;
  resolution: string | null;
}
interface Statement {
  id: string;
  customerId: string;
  state: string;
  closing: string;
  signedFileId: string | null;
  remindedAt: string | null;
  pdfPath: string;
  lines: Line[];
}

describe('finance: reconciliation statements', () => {
  const f = useFixture({
    workers: {
      count: 2,
      env: { RECONCILIATION_SCAN_MS: '3600000', INSTRUMENT_SCAN_MS: '3600000' },
      firstScan: 'finance.reconciliation-scan',
    },
  });
  const period = lastPeriod(today());
  const base = () => f.api.url.replace(/\/graphql$/, '');
  const scan = (i = 0) => f.workers[i].get(ReconciliationJobs).scanStatements();

  /** A customer of branch A with an invoice and a receipt in the last half-year, and their statement. */
  async function statementFor(): Promise<Statement> {
    const { a } = f.org;
    const { repA } = f.org.users;
    const customerId = await newCustomer(f, a.id, repA.id);
    const { contractId } = await signedContract(f, { branchId: a.id, customerId, ownerId: repA.id }, [
      { amount: '10000.00', dueOn: period.end },
    ]);
    await issuedInvoice(f, { contractId, amount: '1200.00', day: addDays(period.start, 3) });
    await f.ok('financeA', RECORD, {
      in: {
        customerId,
        kind: 'BANK_TRANSFER',
        amount: '200.00',
        receivedOn: addDays(period.start, 9),
        reference: 'T1',
      },
    });
    await scan();
    const found = await f.ok<{ reconciliationStatements: { edges: { node: Statement }[] } }>('financeA', LIST, {
      f: { customerId },
    });
    return found.reconciliationStatements.edges[0].node;
  }

  it('makes one statement per customer and period, also with two workers scanning at once', async () => {
    const { a } = f.org;
    const { repA } = f.org.users;
    const customers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await newCustomer(f, a.id, repA.id);
      await f.ok('financeA', RECORD, {
        in: { customerId: c, kind: 'BANK_TRANSFER', amount: '10.00', receivedOn: period.end, reference: `R${i}` },
      });
      customers.push(c);
    }
    await Promise.all([scan(0), scan(1), scan(0)]);
    await scan(1);
    const rows = await f.owner.query<{ customer_id: string; n: number }>(
      `SELECT customer_id, count(*)::int AS n FROM reconciliation_statements WHERE customer_id = ANY($1::uuid[])
       GROUP BY customer_id`,
      [customers],
    );
    expect(rows.rows.map((r) => r.n)).toEqual([1, 1, 1, 1, 1]);
    const one = await f.ok<{ reconciliationStatements: { edges: { node: Statement & { received: string } }[] } }>(
      'financeA',
      LIST,
      { f: { customerId: customers[0], periodEnd: period.end } },
    );
    expect(one.reconciliationStatements.edges.map((e) => [e.node.state, e.node.received, e.node.closing])).toEqual([
      ['SENT', '10.00', '-10.00'],
    ]);
  });

  it('goes on from its branch cursor batch by batch; a killed worker’s batch is claimed again, each made once', async () => {
    const { a } = f.org;
    const { repA } = f.org.users;
    // The period's runs exist and are committed (a claim opens them: the doomed claim below must not be the first).
    await scan(0);
    const customers: string[] = [];
    for (let i = 0; i < 7; i++) {
      const c = await newCustomer(f, a.id, repA.id);
      await f.ok('financeA', RECORD, {
        in: { customerId: c, kind: 'BANK_TRANSFER', amount: '5.00', receivedOn: period.end, reference: `K${i}` },
      });
      customers.push(c);
    }
    const run = async () =>
      (
        await f.owner.query<{ claimed: number; passes: number; last_customer_id: string | null }>(
          'SELECT claimed, passes, last_customer_id FROM reconciliation_runs WHERE branch_id = $1 AND period_end = $2',
          [a.id, period.end],
        )
      ).rows[0];
    const before = (await run()) ?? { claimed: 0, passes: 0 };
    const jobs = f.workers.map((w) => w.get(ReconciliationJobs));
    for (const j of jobs) j.batchSize = 2;
    try {
      // A worker that claimed a batch (the run locked, its cursor moved) and dies before committing.
      const doomed = await ownerClient(f.db.url);
      doomed.on('error', () => undefined);
      await doomed.query('BEGIN');
      await doomed.query('SET LOCAL ROLE app_worker');
      const held = await doomed.query<{ branch_id: string; customer_id: string }>(
        'SELECT branch_id, customer_id FROM claim_due_reconciliation_statements(2, now())',
      );
      expect(held.rows).toHaveLength(2);
      expect(held.rows.every((r) => r.branch_id === a.id)).toBe(true);
      const pid = (await doomed.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      // Meanwhile a replica passes over the locked run (SKIP LOCKED) and makes none of the branch's statements.
      await scan(1);
      const none = await f.owner.query('SELECT 1 FROM reconciliation_statements WHERE customer_id = ANY($1::uuid[])', [
        customers,
      ]);
      expect(none.rowCount).toBe(0);
      await f.owner.query('SELECT pg_terminate_backend($1)', [pid]);
      await doomed.end().catch(() => undefined);
      await Promise.all([scan(0), scan(1)]);
    } finally {
      for (const j of jobs) j.batchSize = RECONCILIATION_BATCH;
    }
    const rows = await f.owner.query<{ customer_id: string; n: number }>(
      `SELECT customer_id, count(*)::int AS n FROM reconciliation_statements WHERE customer_id = ANY($1::uuid[])
       GROUP BY customer_id`,
      [customers],
    );
    expect(rows.rows.map((r) => r.n)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    // The pass went over the seven once (in four batches of at most two): the killed batch counted nothing.
    const after = await run();
    expect(after.claimed - before.claimed).toBe(7);
    expect(after.passes).toBeGreaterThan(before.passes);
    expect(after.last_customer_id).toBeNull();
  });

  it('is signed back with an uploaded scan, once', async () => {
    const s = await statementFor();
    expect(s.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['INVOICE', '1200.00'],
      ['RECEIPT', '-200.00'],
    ]);
    expect(s.closing).toBe('1000.00');
    const up = await upload(base(), {
      token: f.tokens.financeA,
      query: 'kind=LETTER',
      name: 'signed.pdf',
      content: pdf(),
    });
    expect(up.status).toBe(201);
    const fileId = up.json.data!.file!.id as string;
    expect(await f.refused('financeA', SIGN, { id: s.id, file: '00000000-0000-4000-8000-000000000000' })).toMatchObject(
      { code: 'BAD_USER_INPUT', fields: ['fileId'] },
    );
    expect(await f.refused('repA', SIGN, { id: s.id, file: fileId })).toMatchObject({ code: 'FORBIDDEN' });
    const signed = (
      await f.ok<{ signReconciliationStatement: Statement }>('financeA', SIGN, { id: s.id, file: fileId })
    ).signReconciliationStatement;
    expect([signed.state, signed.signedFileId]).toEqual(['SIGNED', fileId]);
    const again = await f.refused('financeA', SIGN, { id: s.id, file: fileId });
    expect(again.code).toBe('INVALID_STATE');
    expect(again.message).toContain('SIGNED');
  });

  it('is disputed line by line, and resolved by finance line by line', async () => {
    const s = await statementFor();
    const [invoiceLine, receiptLine] = s.lines;
    const other = await statementFor();
    expect(
      await f.refused('financeA', DISPUTE, {
        in: { statementId: s.id, lines: [{ lineId: other.lines[0].id, reason: 'Not ours' }] },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['lines[0].lineId'] });
    expect(
      await f.refused('financeA', DISPUTE, {
        in: { statementId: s.id, lines: [{ lineId: invoiceLine.id, reason: '   ' }] },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      (await f.ok<{ reconciliationStatement: Statement }>('financeA', GET, { id: s.id })).reconciliationStatement.state,
    ).toBe('SENT');
    const disputed = (
      await f.ok<{ disputeReconciliationStatement: Statement }>('financeA', DISPUTE, {
        in: {
          statementId: s.id,
          lines: [
            { lineId: invoiceLine.id, reason: 'We were invoiced 1,000.00' },
            { lineId: receiptLine.id, reason: 'We paid 300.00' },
          ],
        },
      })
    ).disputeReconciliationStatement;
    expect(disputed.state).toBe('DISPUTED');
    expect(disputed.lines.map((l) => l.disputeReason)).toEqual(['We were invoiced 1,000.00', 'We paid 300.00']);
    const twice = await f.refused('financeA', DISPUTE, {
      in: { statementId: s.id, lines: [{ lineId: invoiceLine.id, reason: 'Again' }] },
    });
    expect(twice.code).toBe('INVALID_STATE');
    expect(twice.message).toMatch(/DISPUTED.*DISPUTED/);
    // A line nobody disputed cannot be resolved; a disputed one once.
    expect((await f.refused('financeA', RESOLVE, { line: other.lines[0].id, r: 'x' })).code).toBe('INVALID_STATE');
    const half = (
      await f.ok<{ resolveStatementLine: Statement }>('financeA', RESOLVE, {
        line: invoiceLine.id,
        r: 'Copy of the invoice sent: 1,200.00 stands',
      })
    ).resolveStatementLine;
    expect(half.state).toBe('DISPUTED');
    expect((await f.refused('financeA', RESOLVE, { line: invoiceLine.id, r: 'again' })).code).toBe('INVALID_STATE');
    expect((await f.refused('repA', RESOLVE, { line: receiptLine.id, r: 'x' })).code).toBe('FORBIDDEN');
    const done = (
      await f.ok<{ resolveStatementLine: Statement }>('financeA', RESOLVE, {
        line: receiptLine.id,
        r: 'The second 100.00 arrived in July',
      })
    ).resolveStatementLine;
    expect(done.state).toBe('RESOLVED');
    expect(done.lines.map((l) => l.resolution)).toEqual([
      'Copy of the invoice sent: 1,200.00 stands',
      'The second 100.00 arrived in July',
    ]);
    const audit = await f.owner.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY created_at`, [s.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['disputed', 'resolved']);
  });

  it('reminds an unanswered statement once, to the branch finance, and not an answered one', async () => {
    const open = await statementFor();
    const answered = await statementFor();
    await f.ok('financeA', DISPUTE, {
      in: { statementId: answered.id, lines: [{ lineId: answered.lines[0].id, reason: 'No' }] },
    });
    await f.owner.query(
      `UPDATE reconciliation_statements SET remind_at = now() - interval '1 minute' WHERE id = ANY($1)`,
      [[open.id, answered.id]],
    );
    await Promise.all([scan(0), scan(1)]);
    await scan(0);
    const notes = await f.owner.query<{ user_id: string; subject_id: string }>(
      `SELECT user_id, subject_id FROM notifications WHERE kind = 'RECONCILIATION_UNANSWERED' AND subject_id = ANY($1)`,
      [[open.id, answered.id]],
    );
    expect(notes.rows).toEqual([{ user_id: f.org.users.financeA.id, subject_id: open.id }]);
    const s = (await f.ok<{ reconciliationStatement: Statement }>('financeA', GET, { id: open.id }))
      .reconciliationStatement;
    expect(s.remindedAt).not.toBeNull();
  });

  it('downloads as a PDF to whoever may read it; another branch’s answers as unknown', async () => {
    const s = await statementFor();
    const r = await get(base(), s.pdfPath, { token: f.tokens.financeA });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(r.body.length).toBeGreaterThan(1000);
    expect((await get(base(), s.pdfPath, { token: f.tokens.admin })).status).toBe(200);
    expect((await get(base(), s.pdfPath, { token: f.tokens.repA })).status).toBe(403);
    expect((await get(base(), s.pdfPath, { token: f.tokens.managerB })).status).toBe(404);
    expect((await get(base(), s.pdfPath, {})).status).toBe(401);
    const unknown = await get(base(), '/reconciliation-statements/00000000-0000-4000-8000-000000000000/pdf', {
      token: f.tokens.financeA,
    });
    expect([unknown.status, unknown.json.errors?.[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
    expect((await get(base(), '/reconciliation-statements/nope/pdf', { token: f.tokens.financeA })).status).toBe(404);
  });
});
