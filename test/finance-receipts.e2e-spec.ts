import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  APPLY,
  RECORD,
  REVERSE,
  addDays,
  caller,
  newCustomer,
  problem,
  signedContract,
  startFinanceWorld,
  stopFinanceWorld,
  today,
  type FinanceWorld,
  type ReceiptView,
} from './finance-fixture.js';

/**
 * Receipts (回款) over GraphQL: finance records them (a rep cannot record, apply or reverse one), applies them to
 * instalments partly, exactly or with a rest left unapplied; an instalment is PAID exactly when receipts paid its
 * amount; over-applications and bad input are typed and change nothing; a reversal takes the payments off again;
 * two receipts applied to one instalment at the same moment never over-pay it.
 */

const INSTALMENT = `query($id: ID!) { contract(id: $id) { instalments { id amount paidAmount status state paidOn } } }`;

describe('finance receipts', () => {
  let w: FinanceWorld;
  let call: ReturnType<typeof caller>['call'];
  let ok: ReturnType<typeof caller>['ok'];

  beforeAll(async () => {
    w = await startFinanceWorld();
    ({ call, ok } = caller(w));
  });

  afterAll(() => stopFinanceWorld(w));

  /** Every row finance or the schedule could have touched, as one digest. */
  async function books(): Promise<string> {
    const r = await w.owner.query<{ h: string }>(
      `SELECT md5(coalesce((SELECT string_agg(to_jsonb(x)::text, '' ORDER BY x.id) FROM receipts x), '') ||
         coalesce((SELECT string_agg(to_jsonb(x)::text, '' ORDER BY x.id) FROM receipt_applications x), '') ||
         coalesce((SELECT string_agg(to_jsonb(x)::text, '' ORDER BY x.id) FROM contract_instalments x), '') ||
         (SELECT count(*) FROM audit_log)::text) AS h`,
    );
    return r.rows[0].h;
  }

  const instalments = async (who: string, contractId: string) =>
    (
      await ok<{
        contract: { instalments: { id: string; paidAmount: string; status: string; paidOn: string | null }[] };
      }>(who, INSTALMENT, { id: contractId })
    ).contract.instalments;

  it('finance records and applies receipts; PAID follows from them; a rep can do none of it', async () => {
    const { a } = w.org;
    const { repA, financeA } = w.org.users;
    const customer = await newCustomer(w, a.id, repA.id);
    const other = await newCustomer(w, a.id, repA.id);
    const {
      contractId,
      instalmentIds: [first, second],
    } = await signedContract(w, { branchId: a.id, customerId: customer, ownerId: repA.id }, [
      { amount: '30000.00', dueOn: addDays(today(), -40) },
      { amount: '70000.00', dueOn: addDays(today(), 30) },
    ]);
    const foreign = await signedContract(w, { branchId: a.id, customerId: other, ownerId: repA.id }, [
      { amount: '10.00', dueOn: today() },
    ]);
    const input = {
      customerId: customer,
      kind: 'BANK_TRANSFER',
      amount: '50000',
      receivedOn: today(),
      reference: 'TRX-0001',
      applications: [{ instalmentId: first, amount: '30000' }],
    };

    // A sales rep (and the branch manager) may not record one: refused, nothing changes.
    const untouched = await books();
    for (const who of ['repA', 'managerA']) {
      expect(problem(await call(who, RECORD, { in: input })).code).toBe('FORBIDDEN');
    }
    expect(await books()).toBe(untouched);

    const r1 = (await ok<{ recordReceipt: ReceiptView }>('financeA', RECORD, { in: input })).recordReceipt;
    expect(r1).toMatchObject({ amount: '50000.00', appliedAmount: '30000.00', unappliedAmount: '20000.00' });
    expect(r1.applications.map((x) => [x.instalmentId, x.amount])).toEqual([[first, '30000.00']]);
    let rows = await instalments('repA', contractId);
    expect(rows.map((i) => [i.paidAmount, i.status, i.paidOn])).toEqual([
      ['30000.00', 'PAID', today()],
      ['0.00', 'PENDING', null],
    ]);
    const next = await w.owner.query('SELECT next_action_at FROM contract_instalments WHERE id = $1', [first]);
    expect(next.rows[0].next_action_at).toBeNull();

    // The rest later, partly: the second instalment shows what was paid and stays open.
    const r1b = (
      await ok<{ applyReceipt: ReceiptView }>('financeA', APPLY, {
        in: { receiptId: r1.id, applications: [{ instalmentId: second, amount: '20000.00' }] },
      })
    ).applyReceipt;
    expect(r1b).toMatchObject({ appliedAmount: '50000.00', unappliedAmount: '0.00' });
    rows = await instalments('financeA', contractId);
    expect(rows[1]).toMatchObject({ paidAmount: '20000.00', status: 'PENDING' });

    // Refusals, each typed, naming the field, changing nothing.
    const r2 = (
      await ok<{ recordReceipt: ReceiptView }>('financeA', RECORD, {
        in: { ...input, amount: '100000', reference: 'TRX-0002', applications: [] },
      })
    ).recordReceipt;
    const before = await books();
    const refusals: [string, unknown, { code: string; fields?: string[] }][] = [
      [
        'beyond the instalment',
        { in: { receiptId: r2.id, applications: [{ instalmentId: second, amount: '50000.01' }] } },
        { code: 'BAD_USER_INPUT', fields: ['applications[0].amount'] },
      ],
      [
        'beyond the receipt',
        {
          in: {
            receiptId: r1.id,
            applications: [{ instalmentId: second, amount: '0.01' }],
          },
        },
        { code: 'BAD_USER_INPUT', fields: ['applications'] },
      ],
      [
        'a PAID instalment',
        { in: { receiptId: r2.id, applications: [{ instalmentId: first, amount: '1' }] } },
        { code: 'INVALID_STATE' },
      ],
      [
        'another customer’s instalment',
        { in: { receiptId: r2.id, applications: [{ instalmentId: foreign.instalmentIds[0], amount: '1' }] } },
        { code: 'BAD_USER_INPUT', fields: ['applications[0].instalmentId'] },
      ],
      [
        'the same instalment twice',
        {
          in: {
            receiptId: r2.id,
            applications: [
              { instalmentId: second, amount: '1' },
              { instalmentId: second, amount: '1' },
            ],
          },
        },
        { code: 'BAD_USER_INPUT', fields: ['applications[1].instalmentId'] },
      ],
      [
        'a bad amount',
        { in: { receiptId: r2.id, applications: [{ instalmentId: second, amount: '1.234' }] } },
        { code: 'BAD_USER_INPUT', fields: ['applications[0].amount'] },
      ],
    ];
    for (const [label, vars, expected] of refusals) {
      const p = problem(await call('financeA', APPLY, vars as Record<string, unknown>));
      expect({ label, ...p, fields: expected.fields ? p.fields : undefined }).toEqual({ label, ...expected });
    }
    const bad: [string, Record<string, unknown>, string][] = [
      ['future', { receivedOn: addDays(today(), 1) }, 'receivedOn'],
      ['bill without maturity', { kind: 'BANK_ACCEPTANCE_BILL' }, 'maturityOn'],
      ['maturity on a cheque', { kind: 'CHEQUE', maturityOn: addDays(today(), 90) }, 'maturityOn'],
      ['maturity before receipt', { kind: 'BANK_ACCEPTANCE_BILL', maturityOn: addDays(today(), -1) }, 'maturityOn'],
      ['zero', { amount: '0.00' }, 'amount'],
      ['negative', { amount: '-5' }, 'amount'],
      ['another currency', { currency: 'USD' }, 'currency'],
    ];
    for (const [label, change, field] of bad) {
      const r = await call('financeA', RECORD, { in: { ...input, applications: [], ...change } });
      expect({ label, ...problem(r) }).toEqual({ label, code: 'BAD_USER_INPUT', fields: [field] });
    }
    const lower = await call(
      'managerA',
      `mutation($id: ID!) { updateContractInstalment(id: $id, input: { amount: "19999.99" }) { id } }`,
      { id: second },
    );
    expect(problem(lower)).toEqual({ code: 'BAD_USER_INPUT', fields: ['amount'] });
    // A rep can neither apply nor reverse.
    expect(problem(await call('repA', APPLY, { in: { receiptId: r2.id, applications: [] } })).code).toBe('FORBIDDEN');
    expect(problem(await call('repA', REVERSE, { id: r1.id, r: 'Wrong' })).code).toBe('FORBIDDEN');
    expect(await books()).toBe(before);

    // A bank acceptance bill keeps its maturity day.
    const bill = (
      await ok<{ recordReceipt: { maturityOn: string; kind: string } }>('financeA', RECORD, {
        in: {
          ...input,
          kind: 'BANK_ACCEPTANCE_BILL',
          maturityOn: addDays(today(), 180),
          reference: 'BILL-1',
          applications: [],
        },
      })
    ).recordReceipt;
    expect(bill).toMatchObject({ kind: 'BANK_ACCEPTANCE_BILL', maturityOn: addDays(today(), 180) });

    // Reversal: with a reason, audited; the payments come off; the PAID instalment opens again from its due day.
    expect(problem(await call('financeA', REVERSE, { id: r1.id, r: ' ' }))).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['reason'],
    });
    const reversed = (
      await ok<{ reverseReceipt: ReceiptView }>('financeA', REVERSE, { id: r1.id, r: 'Duplicate entry' })
    ).reverseReceipt;
    expect(reversed).toMatchObject({ state: 'REVERSED', appliedAmount: '0.00', unappliedAmount: '0.00' });
    expect(reversed.applications.every((x) => x.reversedAt !== null)).toBe(true);
    rows = await instalments('financeA', contractId);
    expect(rows.map((i) => [i.paidAmount, i.status, i.paidOn])).toEqual([
      ['0.00', 'PENDING', null],
      ['0.00', 'PENDING', null],
    ]);
    const reopened = await w.owner.query(
      `SELECT next_action_at = (due_on::timestamp AT TIME ZONE 'Asia/Shanghai') AS due FROM contract_instalments WHERE id = $1`,
      [first],
    );
    expect(reopened.rows[0].due).toBe(true);
    const audit = await w.owner.query(
      `SELECT action, actor_id, after->>'reversalReason' AS reason FROM audit_log WHERE entity_id = $1 ORDER BY created_at`,
      [r1.id],
    );
    expect(audit.rows.map((x) => x.action)).toEqual(['create', 'applied', 'applied', 'reversed']);
    expect(audit.rows.at(-1)).toMatchObject({ actor_id: financeA.id, reason: 'Duplicate entry' });
    const paidAudit = await w.owner.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND entity = 'contract_instalment' ORDER BY created_at`,
      [first],
    );
    expect(paidAudit.rows.map((x) => x.action)).toEqual(['payment_applied', 'payment_reversed']);
    // Once reversed, a receipt is closed.
    const again = await call('financeA', REVERSE, { id: r1.id, r: 'Again' });
    expect(problem(again).code).toBe('INVALID_STATE');
    const late = await call('financeA', APPLY, {
      in: { receiptId: r1.id, applications: [{ instalmentId: second, amount: '1' }] },
    });
    expect(problem(late).code).toBe('INVALID_STATE');

    // Head office's admin may record too, naming the branch; another organization's finance sees nothing.
    const hq = await ok<{ recordReceipt: ReceiptView }>('admin', RECORD, {
      in: { ...input, branchId: a.id, reference: 'HQ-1', applications: [{ instalmentId: first, amount: '30000' }] },
    });
    expect(hq.recordReceipt.branchId).toBe(a.id);
    const theirs = await ok<{ receipt: unknown; receipts: { totalCount: number } }>(
      'finance2',
      `query($id: ID!) { receipt(id: $id) { id } receipts(first: 5) { totalCount } }`,
      { id: r2.id },
    );
    expect(theirs).toEqual({ receipt: null, receipts: { totalCount: 0 } });
  });

  it('two receipts applied to one instalment at the same moment never over-pay it', async () => {
    const { a } = w.org;
    const { repA } = w.org.users;
    for (let round = 0; round < 5; round++) {
      const customer = await newCustomer(w, a.id, repA.id);
      const {
        contractId,
        instalmentIds: [only],
      } = await signedContract(w, { branchId: a.id, customerId: customer, ownerId: repA.id }, [
        { amount: '70000.00', dueOn: today() },
      ]);
      const receipts: string[] = [];
      for (const reference of ['RACE-1', 'RACE-2']) {
        const r = await ok<{ recordReceipt: { id: string } }>('financeA', RECORD, {
          in: { customerId: customer, kind: 'BANK_TRANSFER', amount: '60000', receivedOn: today(), reference },
        });
        receipts.push(r.recordReceipt.id);
      }
      const answers = await Promise.all(
        receipts.map((receiptId) =>
          call('financeA', APPLY, { in: { receiptId, applications: [{ instalmentId: only, amount: '60000' }] } }),
        ),
      );
      const codes = answers.map((r) => problem(r).code ?? 'OK').sort();
      expect({ round, codes }).toEqual({ round, codes: ['BAD_USER_INPUT', 'OK'] });
      const sums = await w.owner.query(
        `SELECT i.paid_amount::text AS paid, i.status,
           (SELECT sum(x.amount)::text FROM receipt_applications x WHERE x.instalment_id = i.id AND x.reversed_at IS NULL) AS applied,
           (SELECT sum(r.applied_amount)::text FROM receipts r WHERE r.id = ANY($2::uuid[])) AS receipts
         FROM contract_instalments i WHERE i.id = $1`,
        [only, receipts],
      );
      expect(sums.rows[0]).toEqual({ paid: '60000.00', status: 'PENDING', applied: '60000.00', receipts: '60000.00' });
      // The loser's money stays unapplied: 10,000.00 of it still fits, exactly.
      const loser = receipts[answers.findIndex((r) => r.body.errors)];
      const rest = await ok<{ applyReceipt: ReceiptView }>('financeA', APPLY, {
        in: { receiptId: loser, applications: [{ instalmentId: only, amount: '10000' }] },
      });
      expect(rest.applyReceipt.unappliedAmount).toBe('50000.00');
      expect((await instalments('financeA', contractId))[0]).toMatchObject({ status: 'PAID', paidAmount: '70000.00' });
    }
  });
});
