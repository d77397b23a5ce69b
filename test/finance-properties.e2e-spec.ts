import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { problem, useFixture } from '@app/testing';
import {
  APPLY,
  RECEIVABLE,
  RECORD,
  REVERSE,
  addDays,
  cents,
  money,
  twoCustomerContracts,
  today,
  type ReceiptView,
} from './finance-fixture.js';

/**
 * A property over random sequences of receipts, applications (partial, exact, over and refused), waivers and
 * reversals, checked against a model in integer cents: every refusal is the one the model predicts and changes
 * nothing, and afterwards, for every contract and customer, due - paid = outstanding to the cent, paid equals the
 * live applications in the database, and every receipt's amount = applied + unapplied.
 */

type Op =
  | { t: 'record'; customer: number; amount: number }
  | { t: 'apply'; receipt: number; instalment: number; amount: number }
  | { t: 'reverse'; receipt: number }
  | { t: 'waive'; instalment: number };

const OPS: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant('record' as const),
        customer: fc.nat(1),
        amount: fc.integer({ min: 1, max: 90000 }),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        t: fc.constant('apply' as const),
        receipt: fc.nat(20),
        instalment: fc.nat(20),
        // Mostly amounts that fit (so applications go through), some that may not, a few that are no amount.
        amount: fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: 1, max: 5000 }) },
          { weight: 2, arbitrary: fc.integer({ min: 1, max: 60000 }) },
          { weight: 1, arbitrary: fc.constantFrom(0, -1) },
        ),
      }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('reverse' as const), receipt: fc.nat(20) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('waive' as const), instalment: fc.nat(20) }) },
  ),
  { minLength: 1, maxLength: 14 },
);

interface Inst {
  id: string;
  customer: number;
  contract: number;
  amount: number;
  paid: number;
  waived: boolean;
}

interface Rec {
  id: string;
  customer: number;
  amount: number;
  applied: number;
  reversed: boolean;
  /** Cents applied per instalment index, live while not reversed. */
  parts: Map<number, number>;
}

const LIST = `query($by: ReceivableGrouping, $f: ReceivableFilter) {
  receivables(by: $by, filter: $f, first: 100) { edges { node { ${RECEIVABLE} } } } }`;

interface Row {
  customerId: string;
  contractId: string | null;
  due: string;
  paid: string;
  outstanding: string;
  notDue: string;
  days0to30: string;
  days31to60: string;
  days61to90: string;
  over90: string;
}

describe('finance: receivables reconcile after any sequence of operations', () => {
  const f = useFixture();
  const { call, ok } = f;

  it('due - paid = outstanding, paid = live applications, amount = applied + unapplied, to the cent', async () => {
    const { a } = f.org;
    const { repA } = f.org.users;
    const outcomes: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        OPS,
        fc.array(fc.integer({ min: 1, max: 50000 }), { minLength: 4, maxLength: 4 }),
        async (ops, amounts) => {
          // Two customers, each with one contract of two instalments (one past due, one not yet due).
          const world = await twoCustomerContracts(f, {
            branchId: a.id,
            ownerId: repA.id,
            amounts,
            dues: [addDays(today(), -45), addDays(today(), 10)],
          });
          const { customers } = world;
          const contracts = world.contracts.map((c) => c.id);
          const insts: Inst[] = world.instalments.map((i) => ({ ...i, customer: i.contract, paid: 0, waived: false }));
          const recs: Rec[] = [];

          for (const op of ops) {
            if (op.t === 'record') {
              const r = await ok<{ recordReceipt: ReceiptView }>('financeA', RECORD, {
                in: {
                  customerId: customers[op.customer],
                  kind: 'BANK_TRANSFER',
                  amount: money(op.amount),
                  receivedOn: today(),
                  reference: `P-${recs.length}`,
                },
              });
              recs.push({
                id: r.recordReceipt.id,
                customer: op.customer,
                amount: op.amount,
                applied: 0,
                reversed: false,
                parts: new Map(),
              });
            } else if (op.t === 'apply' && recs.length) {
              const rec = recs[op.receipt % recs.length];
              const k = op.instalment % insts.length;
              const inst = insts[k];
              const expected = rec.reversed
                ? 'INVALID_STATE'
                : op.amount <= 0
                  ? 'BAD_USER_INPUT'
                  : op.amount > rec.amount - rec.applied
                    ? 'BAD_USER_INPUT'
                    : inst.customer !== rec.customer
                      ? 'BAD_USER_INPUT'
                      : inst.waived || inst.paid === inst.amount
                        ? 'INVALID_STATE'
                        : op.amount > inst.amount - inst.paid
                          ? 'BAD_USER_INPUT'
                          : 'OK';
              const r = await call('financeA', APPLY, {
                in: { receiptId: rec.id, applications: [{ instalmentId: inst.id, amount: money(op.amount) }] },
              });
              expect({ op, code: problem(r).code ?? 'OK' }).toMatchObject({ op, code: expected });
              outcomes[expected] = (outcomes[expected] ?? 0) + 1;
              if (expected === 'OK') {
                rec.applied += op.amount;
                rec.parts.set(k, (rec.parts.get(k) ?? 0) + op.amount);
                inst.paid += op.amount;
              }
            } else if (op.t === 'reverse' && recs.length) {
              const rec = recs[op.receipt % recs.length];
              const r = await call('financeA', REVERSE, { id: rec.id, r: 'Recorded in error' });
              expect({ op, code: problem(r).code ?? 'OK' }).toMatchObject({
                op,
                code: rec.reversed ? 'INVALID_STATE' : 'OK',
              });
              if (!rec.reversed) {
                for (const [k, c] of rec.parts) insts[k].paid -= c;
                rec.reversed = true;
                rec.applied = 0;
              }
            } else if (op.t === 'waive') {
              const inst = insts[op.instalment % insts.length];
              const r = await call(
                'managerA',
                `mutation($id: ID!) { waiveInstalment(id: $id, reason: "Goodwill") { id } }`,
                { id: inst.id },
              );
              const open = !inst.waived && inst.paid < inst.amount;
              expect({ op, code: problem(r).code ?? 'OK' }).toMatchObject({ op, code: open ? 'OK' : 'INVALID_STATE' });
              if (open) inst.waived = true;
            }
          }

          // The books against the model and against themselves.
          const live = await f.owner.query<{ instalment_id: string; s: string }>(
            `SELECT instalment_id, sum(amount)::text AS s FROM receipt_applications
             WHERE instalment_id = ANY($1::uuid[]) AND reversed_at IS NULL GROUP BY instalment_id`,
            [insts.map((i) => i.id)],
          );
          const liveOf = (id: string) => cents(live.rows.find((r) => r.instalment_id === id)?.s ?? '0');
          const dueOf = (i: Inst) => BigInt(i.waived ? i.paid : i.amount);
          for (const [by, key] of [
            ['CONTRACT', (i: Inst) => i.contract],
            ['CUSTOMER', (i: Inst) => i.customer],
          ] as const) {
            for (const c of [0, 1]) {
              const f = by === 'CONTRACT' ? { contractId: contracts[c] } : { customerId: customers[c] };
              const rows = (await ok<{ receivables: { edges: { node: Row }[] } }>('financeA', LIST, { by, f }))
                .receivables.edges;
              expect(rows).toHaveLength(1);
              const row = rows[0].node;
              const mine = insts.filter((i) => key(i) === c);
              const due = mine.reduce((s, i) => s + dueOf(i), 0n);
              const paid = mine.reduce((s, i) => s + BigInt(i.paid), 0n);
              const applied = mine.reduce((s, i) => s + liveOf(i.id), 0n);
              const bands = [row.notDue, row.days0to30, row.days31to60, row.days61to90, row.over90].map(cents);
              expect({ by, c, due: cents(row.due), paid: cents(row.paid), applied }).toEqual({
                by,
                c,
                due,
                paid,
                applied: paid,
              });
              expect(cents(row.due) - cents(row.paid)).toBe(cents(row.outstanding));
              expect(bands.reduce((s, x) => s + x, 0n)).toBe(cents(row.outstanding));
            }
          }
          for (const rec of recs) {
            const r = (
              await ok<{ receipt: ReceiptView }>(
                'financeA',
                `query($id: ID!) { receipt(id: $id) { ${'amount appliedAmount unappliedAmount state'} } }`,
                {
                  id: rec.id,
                },
              )
            ).receipt;
            expect(cents(r.appliedAmount)).toBe(BigInt(rec.applied));
            if (!rec.reversed) expect(cents(r.amount)).toBe(cents(r.appliedAmount) + cents(r.unappliedAmount));
            else expect(r.state).toBe('REVERSED');
          }
          const states = await f.owner.query<{ id: string; status: string; paid: string }>(
            'SELECT id, status, paid_amount::text AS paid FROM contract_instalments WHERE id = ANY($1::uuid[])',
            [insts.map((i) => i.id)],
          );
          for (const i of insts) {
            const s = states.rows.find((x) => x.id === i.id)!;
            const status = i.waived ? 'WAIVED' : i.paid === i.amount ? 'PAID' : 'PENDING|OVERDUE';
            expect({ id: i.id, paid: cents(s.paid), ok: status.split('|').includes(s.status) }).toEqual({
              id: i.id,
              paid: BigInt(i.paid),
              ok: true,
            });
          }
        },
      ),
      { numRuns: 20 },
    );
    // The runs were not vacuous: applications went through and each kind of refusal happened.
    expect(Object.keys(outcomes).sort()).toEqual(['BAD_USER_INPUT', 'INVALID_STATE', 'OK']);
  });
});
