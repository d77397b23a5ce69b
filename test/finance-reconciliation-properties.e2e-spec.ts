import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { problem, useFixture } from '@app/testing';
import { ReconciliationJobs } from '../src/modules/finance/reconciliation.jobs.js';
import { lastPeriod, openingDay } from '../src/modules/finance/reconciliation-period.js';
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
 * The semi-annual statement against the receivables finance computes: after a random sequence of invoices, credit
 * notes and receipts dated before, inside and after the last half-year, the worker's statement for the customer
 * opens on invoicedReceivables at the day before the period and closes on invoicedReceivables at its end, to the
 * cent; its lines are exactly the period's documents, and opening + lines = closing.
 */

type Op =
  | { t: 'invoice'; amount: number; day: number }
  | { t: 'credit'; invoice: number; amount: number; day: number }
  | { t: 'receipt'; amount: number; day: number };

// Day offsets from the period's first day: some before it, most inside, some after its end (up to today).
const DAY = fc.integer({ min: -60, max: 215 });
const OPS: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant('invoice' as const),
        amount: fc.integer({ min: 1, max: 90000 }),
        day: DAY,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        t: fc.constant('credit' as const),
        invoice: fc.nat(10),
        amount: fc.integer({ min: 1, max: 40000 }),
        day: DAY,
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant('receipt' as const),
        amount: fc.integer({ min: 1, max: 90000 }),
        day: DAY,
      }),
    },
  ),
  { minLength: 1, maxLength: 8 },
);

const RECEIVABLE_AT = `query($f: ReceivableFilter, $asOf: Date) {
  invoicedReceivables(by: CUSTOMER, asOf: $asOf, first: 10, filter: $f) { edges { node { receivable } } } }`;

const STATEMENTS = `query($f: ReconciliationStatementFilter) { reconciliationStatements(first: 10, filter: $f) {
  edges { node { id customerId periodStart periodEnd opening invoiced credited received closing state
    lines { position kind sourceId day amount } } } } }`;

interface Statement {
  id: string;
  periodStart: string;
  periodEnd: string;
  opening: string;
  invoiced: string;
  credited: string;
  received: string;
  closing: string;
  lines: { position: number; kind: string; sourceId: string; day: string; amount: string }[];
}

describe('finance: a reconciliation statement closes on the receivables figure at its date', () => {
  const f = useFixture({ worker: true });
  const period = lastPeriod(today());

  it('opening, lines and closing reconcile to invoicedReceivables after any sequence, to the cent', async () => {
    const { a } = f.org;
    const { repA } = f.org.users;
    const jobs = f.worker!.get(ReconciliationJobs);
    const receivable = async (customerId: string, asOf: string) => {
      const rows = (
        await f.ok<{ invoicedReceivables: { edges: { node: { receivable: string } }[] } }>('financeA', RECEIVABLE_AT, {
          f: { customerId },
          asOf,
        })
      ).invoicedReceivables.edges;
      return rows.length ? cents(rows[0].node.receivable) : 0n;
    };
    let statements = 0;
    await fc.assert(
      fc.asyncProperty(OPS, async (ops) => {
        const customerId = await newCustomer(f, a.id, repA.id);
        const { contractId } = await signedContract(f, { branchId: a.id, customerId, ownerId: repA.id }, [
          { amount: '900000.00', dueOn: period.end },
        ]);
        const day = (offset: number) => {
          const d = addDays(period.start, offset);
          return d > today() ? today() : d;
        };
        // The model: every document with its day and its effect on the balance, in cents.
        const docs: { id: string; kind: string; day: string; effect: bigint }[] = [];
        const invoices: { inv: InvoiceView; day: string; left: number }[] = [];
        for (const op of ops) {
          if (op.t === 'invoice') {
            const inv = await issuedInvoice(f, { contractId, amount: money(op.amount), day: day(op.day) });
            invoices.push({ inv, day: day(op.day), left: op.amount });
            docs.push({ id: inv.id, kind: 'INVOICE', day: day(op.day), effect: BigInt(op.amount) });
          } else if (op.t === 'credit' && invoices.length) {
            const target = invoices[op.invoice % invoices.length];
            const r = await f.call<{ creditInvoice: InvoiceView }>('financeA', CREDIT_INVOICE, {
              in: {
                invoiceId: target.inv.id,
                reason: 'Return',
                lines: [{ lineId: target.inv.lines[0].id, amount: money(op.amount) }],
              },
            });
            expect(problem(r).code ?? 'OK').toBe(op.amount <= target.left ? 'OK' : 'BAD_USER_INPUT');
            if (r.body.errors) continue;
            target.left -= op.amount;
            const when = day(op.day) < target.day ? target.day : day(op.day);
            await backdate(f, r.body.data!.creditInvoice.id, when);
            docs.push({
              id: r.body.data!.creditInvoice.id,
              kind: 'CREDIT_NOTE',
              day: when,
              effect: -BigInt(op.amount),
            });
          } else if (op.t === 'receipt') {
            const r = await f.ok<{ recordReceipt: { id: string } }>('financeA', RECORD, {
              in: {
                customerId,
                kind: 'BANK_TRANSFER',
                amount: money(op.amount),
                receivedOn: day(op.day),
                reference: `T-${docs.length}`,
              },
            });
            docs.push({ id: r.recordReceipt.id, kind: 'RECEIPT', day: day(op.day), effect: -BigInt(op.amount) });
          }
        }
        await jobs.scanStatements();
        const found = (
          await f.ok<{ reconciliationStatements: { edges: { node: Statement }[] } }>('financeA', STATEMENTS, {
            f: { customerId, periodEnd: period.end },
          })
        ).reconciliationStatements.edges.map((e) => e.node);
        const upTo = (d: string) => docs.filter((x) => x.day <= d).reduce((s, x) => s + x.effect, 0n);
        if (!docs.some((x) => x.day <= period.end)) {
          // Nothing up to the period's end: no statement to agree.
          expect(found).toEqual([]);
          return;
        }
        statements++;
        expect(found).toHaveLength(1);
        const s = found[0];
        expect([s.periodStart, s.periodEnd]).toEqual([period.start, period.end]);
        // The receivables finance computes, at the day before the period and at its end.
        expect(cents(s.opening)).toBe(await receivable(customerId, openingDay(period)));
        expect(cents(s.closing)).toBe(await receivable(customerId, period.end));
        // ... and the model's.
        expect(cents(s.opening)).toBe(upTo(openingDay(period)));
        expect(cents(s.closing)).toBe(upTo(period.end));
        const inPeriod = docs.filter((x) => x.day >= period.start && x.day <= period.end);
        expect(s.lines.map((l) => l.sourceId).sort()).toEqual(inPeriod.map((x) => x.id).sort());
        for (const l of s.lines) {
          const doc = inPeriod.find((x) => x.id === l.sourceId)!;
          expect({ id: l.sourceId, kind: l.kind, day: l.day, amount: cents(l.amount) }).toEqual({
            id: doc.id,
            kind: doc.kind,
            day: doc.day,
            amount: doc.effect,
          });
        }
        const lineSum = s.lines.reduce((t, l) => t + cents(l.amount), 0n);
        expect(cents(s.closing)).toBe(cents(s.opening) + lineSum);
        expect(cents(s.closing)).toBe(cents(s.opening) + cents(s.invoiced) - cents(s.credited) - cents(s.received));
        // Sorted by day.
        expect(s.lines.map((l) => l.day)).toEqual([...s.lines.map((l) => l.day)].sort());
      }),
      {
        numRuns: 12,
        examples: [
          [
            [
              { t: 'invoice', amount: 50000, day: -10 },
              { t: 'invoice', amount: 30000, day: 20 },
              { t: 'credit', invoice: 1, amount: 5000, day: 30 },
              { t: 'credit', invoice: 0, amount: 60000, day: 30 },
              { t: 'receipt', amount: 20000, day: 40 },
              { t: 'receipt', amount: 10000, day: 200 },
            ],
          ],
        ],
      },
    );
    // Not vacuous: statements were made and checked.
    expect(statements).toBeGreaterThan(0);
  }, 600_000);
});
