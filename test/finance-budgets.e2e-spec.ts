import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, todayIn } from '@app/core';
import { insertCustomer, useFixture } from '@app/testing';

/**
 * Budgets end to end: a budget per category and period of the department (the branch); expenses against it recorded
 * at once while they fit, PENDING for the approval engine above what is left (EXPENSE_OVERRUN), recorded with the
 * overrun widened exactly when approved; spent = sum of RECORDED expenses, never above amount + approved overrun,
 * also when expenses race for the last of a budget (a property over random sequences, and a concurrent test).
 * Business trips approved before (BUSINESS_TRIP: the branch manager) and claimed after; receptions within the
 * branch's per-head standard and a budget set in advance.
 */

interface BudgetView {
  id: string;
  amount: string;
  spent: string;
  approvedOverrun: string;
}
interface ExpenseView {
  id: string;
  state: string;
  amount: string;
  overReason: string | null;
  approvalRequestId: string | null;
}

const SET = `mutation($in: SetBudgetInput!) { setBudget(input: $in) { id branchId category amount spent approvedOverrun currency } }`;
const EXPENSE = `mutation($in: RecordExpenseInput!) { recordExpense(input: $in) {
  id state amount overReason approvalRequestId } }`;
const BUDGET = `query($id: ID!) { budget(id: $id) { id amount spent approvedOverrun } }`;
const EXPENSES = `query($id: ID!, $s: ExpenseState) { budgetExpenses(budgetId: $id, first: 100, filter: { state: $s }) {
  totalCount edges { node { id state amount } } } }`;
const APPLY = `mutation($in: ApplyForTripInput!) { applyForTrip(input: $in) { id state approvalRequestId estimatedAmount } }`;
const CLAIM = `mutation($in: ClaimTripInput!) { claimTrip(input: $in) { id state claimedAmount expenseId
  receipts { position amount } } }`;
const TRIP = `query($id: ID!) { businessTrip(id: $id) { id state } }`;
const PLAN = `mutation($in: PlanReceptionInput!) { planReception(input: $in) { id state plannedAmount perHeadCeiling } }`;
const HOSTED = `mutation($in: RecordReceptionInput!) { recordReception(input: $in) { id state actualAmount expenseId } }`;
const STANDARD = `mutation($in: UpdateReceptionSettingsInput!) { updateReceptionSettings(input: $in) { perHeadCeiling } }`;

const cents = (s: string) => BigInt(s.replace('.', ''));

describe('finance budgets', () => {
  const f = useFixture();
  const { ok, call, refused } = f;
  const today = () => todayIn('Asia/Shanghai');
  let nextYear = 2100;
  /** A year no other test of the file uses: budgets of one category may not overlap. */
  const freshYear = () => nextYear++;

  const setBudget = async (who: string, input: Record<string, unknown>) =>
    (await ok<{ setBudget: BudgetView }>(who, SET, { in: input })).setBudget;
  const budgetOf = async (id: string) => (await ok<{ budget: BudgetView }>('managerA', BUDGET, { id })).budget;
  const stepOf = async (requestId: string) =>
    (await f.owner.query(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [requestId]))
      .rows[0]?.id as string;
  const approve = async (who: string, requestId: string) =>
    ok(who, `mutation($s: ID!) { approveStep(stepId: $s) { id } }`, { s: await stepOf(requestId) });
  const reject = async (who: string, requestId: string) =>
    ok(who, `mutation($s: ID!) { rejectStep(stepId: $s, reason: "Not now") { id } }`, { s: await stepOf(requestId) });
  /** spent as the database has it, and the sum of the budget's RECORDED expenses. */
  const ledger = async (budgetId: string) =>
    (
      await f.owner.query<{ spent: string; recorded: string; amount: string; overrun: string }>(
        `SELECT b.spent::text, b.amount::text, b.approved_overrun::text AS overrun,
           (SELECT coalesce(sum(e.amount), 0)::numeric(18,2)::text FROM budget_expenses e
             WHERE e.branch_id = b.branch_id AND e.budget_id = b.id AND e.state = 'RECORDED') AS recorded
         FROM budgets b WHERE b.id = $1`,
        [budgetId],
      )
    ).rows[0];

  it('sets a budget per category and period; bad input names its field and changes nothing', async () => {
    const y = freshYear();
    const b = await setBudget('financeA', {
      category: 'GENERAL',
      name: `General ${y}`,
      periodStart: `${y}-01-01`,
      periodEnd: `${y}-12-31`,
      amount: '1000.5',
    });
    expect(b).toMatchObject({ category: 'GENERAL', amount: '1000.50', spent: '0.00', currency: 'CNY' });
    const base = { category: 'GENERAL', name: 'X', periodStart: `${y}-06-01`, periodEnd: `${y}-06-30`, amount: '10' };
    expect((await refused('financeA', SET, { in: base })).code).toBe('CONFLICT');
    for (const [patch, field] of [
      [{ amount: '-1' }, 'amount'],
      [{ amount: '1.001' }, 'amount'],
      [{ periodEnd: `${y}-05-01` }, 'periodEnd'],
      [{ periodStart: `${y + 50}-01-01`, periodEnd: `${y + 52}-01-01` }, 'periodEnd'],
      [{ name: '   ' }, 'name'],
    ] as const) {
      const p = await refused('financeA', SET, { in: { ...base, ...patch } });
      expect({ patch, code: p.code, fields: p.fields }).toEqual({ patch, code: 'BAD_USER_INPUT', fields: [field] });
    }
    expect((await refused('repA', SET, { in: base })).code).toBe('FORBIDDEN');
    expect((await refused('admin', SET, { in: base })).fields).toEqual(['branchId']);
    const n = await f.owner.query(
      `SELECT count(*)::int AS n FROM budgets WHERE branch_id = $1 AND category = 'GENERAL'
      AND period_start >= $2::date AND period_start <= $3::date`,
      [f.org.a.id, `${y}-01-01`, `${y}-12-31`],
    );
    expect(n.rows[0].n).toBe(1);
  });

  it('an expense over what is left waits for approval; approved it counts and widens the overrun exactly', async () => {
    const y = freshYear();
    const b = await setBudget('managerA', {
      category: 'GENERAL',
      name: `General ${y}`,
      periodStart: `${y}-01-01`,
      periodEnd: `${y}-12-31`,
      amount: '100',
    });
    const spend = (amount: string, who = 'financeA') =>
      ok<{ recordExpense: ExpenseView }>(who, EXPENSE, {
        in: { budgetId: b.id, description: `Paper ${amount}`, amount, spentOn: `${y}-03-01` },
      }).then((r) => r.recordExpense);
    expect(await spend('60')).toMatchObject({ state: 'RECORDED', overReason: null, approvalRequestId: null });
    const over = await spend('50');
    expect(over.state).toBe('PENDING');
    expect(over.overReason).toContain('40.00 left');
    expect(await budgetOf(b.id)).toMatchObject({ spent: '60.00', approvedOverrun: '0.00' });
    const refusedOne = await spend('70');
    await reject('managerA', refusedOne.approvalRequestId!);
    await approve('managerA', over.approvalRequestId!);
    expect(await budgetOf(b.id)).toMatchObject({ spent: '110.00', approvedOverrun: '10.00' });
    const e = await ok<{ budgetExpenses: { totalCount: number } }>('managerA', EXPENSES, { id: b.id, s: 'REJECTED' });
    expect(e.budgetExpenses.totalCount).toBe(1);
    // Outside the period, and for a budget of another branch: refused, nothing recorded.
    const p = await refused('financeA', EXPENSE, {
      in: { budgetId: b.id, description: 'Late', amount: '1', spentOn: `${y + 1}-01-01` },
    });
    expect(p).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['spentOn'] });
    expect(
      (
        await refused('managerB', EXPENSE, {
          in: { budgetId: b.id, description: 'X', amount: '1', spentOn: `${y}-03-01` },
        })
      ).code,
    ).toBe('NOT_FOUND');
    expect(await ledger(b.id)).toMatchObject({ spent: '110.00', recorded: '110.00', overrun: '10.00' });
  });

  it('concurrent expenses against the last of a budget never overspend it: the budget row is locked', async () => {
    const y = freshYear();
    const b = await setBudget('financeA', {
      category: 'MARKETING',
      name: `Marketing ${y}`,
      periodStart: `${y}-01-01`,
      periodEnd: `${y}-12-31`,
      amount: '100',
    });
    await ok('financeA', EXPENSE, {
      in: { budgetId: b.id, description: 'Stand', amount: '70', spentOn: `${y}-02-01` },
    });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call<{ recordExpense: ExpenseView }>(i % 2 ? 'financeA' : 'managerA', EXPENSE, {
          in: { budgetId: b.id, description: `Flyers ${i}`, amount: '10', spentOn: `${y}-02-02` },
        }),
      ),
    );
    const states = results.map((r) => r.body.data?.recordExpense.state ?? 'ERROR').sort();
    expect(states).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING', 'RECORDED', 'RECORDED', 'RECORDED']);
    expect(await ledger(b.id)).toEqual({ spent: '100.00', recorded: '100.00', amount: '100.00', overrun: '0.00' });
  });

  it('spent = the sum of RECORDED expenses and never exceeds amount + approved overrun (random sequences)', async () => {
    const OPS = fc.array(
      fc.oneof(
        {
          weight: 3,
          arbitrary: fc.record({ t: fc.constant('spend' as const), cents: fc.integer({ min: 1, max: 40_000 }) }),
        },
        { weight: 1, arbitrary: fc.record({ t: fc.constant('approve' as const), i: fc.nat(20) }) },
        { weight: 1, arbitrary: fc.record({ t: fc.constant('reject' as const), i: fc.nat(20) }) },
      ),
      { minLength: 1, maxLength: 12 },
    );
    const money = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 100_000 }), OPS, async (budgetCents, ops) => {
        const y = freshYear();
        const b = await setBudget('financeA', {
          category: 'GENERAL',
          name: `Property ${y}`,
          periodStart: `${y}-01-01`,
          periodEnd: `${y}-12-31`,
          amount: money(BigInt(budgetCents)),
        });
        // The model, in integer cents.
        let spent = 0n;
        let overrun = 0n;
        const amount = BigInt(budgetCents);
        const pending: { requestId: string; cents: bigint }[] = [];
        for (const op of ops) {
          if (op.t === 'spend') {
            const e = (
              await ok<{ recordExpense: ExpenseView }>('financeA', EXPENSE, {
                in: { budgetId: b.id, description: 'Item', amount: money(BigInt(op.cents)), spentOn: `${y}-05-05` },
              })
            ).recordExpense;
            const fits = spent + BigInt(op.cents) <= amount + overrun;
            expect(e.state).toBe(fits ? 'RECORDED' : 'PENDING');
            if (fits) spent += BigInt(op.cents);
            else pending.push({ requestId: e.approvalRequestId!, cents: BigInt(op.cents) });
          } else if (pending.length) {
            const [p] = pending.splice(op.i % pending.length, 1);
            if (op.t === 'approve') {
              await approve('managerA', p.requestId);
              spent += p.cents;
              if (spent - amount > overrun) overrun = spent - amount;
            } else await reject('managerA', p.requestId);
          }
        }
        const l = await ledger(b.id);
        expect({ spent: cents(l.spent), recorded: cents(l.recorded), overrun: cents(l.overrun) }).toEqual({
          spent,
          recorded: spent,
          overrun,
        });
        expect(cents(l.spent) <= cents(l.amount) + cents(l.overrun)).toBe(true);
      }),
      { numRuns: 12 },
    );
  });

  it('a trip is approved before by the branch manager and claimed after; above the approved amount it waits', async () => {
    const t = today();
    const b = await setBudget('financeA', {
      category: 'TRAVEL',
      name: 'Travel this year',
      periodStart: addDays(t, -30),
      periodEnd: addDays(t, 300),
      amount: '5000',
    });
    const trip = (input: Record<string, unknown>, who = 'repA') =>
      ok<{ applyForTrip: { id: string; state: string; approvalRequestId: string } }>(who, APPLY, {
        in: {
          budgetId: b.id,
          destination: 'Shenzhen',
          purpose: 'Customer visit',
          startsOn: t,
          endsOn: addDays(t, 2),
          estimatedAmount: '1200',
          ...input,
        },
      }).then((r) => r.applyForTrip);
    for (const [patch, field] of [
      [{ startsOn: addDays(t, -1) }, 'startsOn'],
      [{ endsOn: addDays(t, -1) }, 'endsOn'],
      [{ estimatedAmount: '0' }, 'estimatedAmount'],
      [{ destination: '' }, 'destination'],
    ] as const) {
      const p = await refused('repA', APPLY, {
        in: {
          budgetId: b.id,
          destination: 'Shenzhen',
          purpose: 'Visit',
          startsOn: t,
          endsOn: addDays(t, 2),
          estimatedAmount: '1200',
          ...patch,
        },
      });
      expect({ patch, code: p.code, fields: p.fields }).toEqual({ patch, code: 'BAD_USER_INPUT', fields: [field] });
    }
    const first = await trip({});
    expect(first.state).toBe('REQUESTED');
    const receipts = [
      { description: 'Train', reference: 'G1234', spentOn: t, amount: '553.5' },
      { description: 'Hotel', spentOn: t, amount: '600' },
    ];
    // Not yet approved: the claim is an illegal move naming both states.
    const early = await refused('repA', CLAIM, { in: { tripId: first.id, receipts } });
    expect(early.code).toBe('INVALID_STATE');
    expect(early.message).toMatch(/REQUESTED.*CLAIMED/);
    // A colleague sees nothing; finance and the manager see it.
    expect((await ok<{ businessTrip: null }>('rep2A', TRIP, { id: first.id })).businessTrip).toBeNull();
    expect((await ok<{ businessTrip: { state: string } }>('financeA', TRIP, { id: first.id })).businessTrip.state).toBe(
      'REQUESTED',
    );
    expect((await refused('rep2A', CLAIM, { in: { tripId: first.id, receipts } })).code).toBe('NOT_FOUND');
    await approve('managerA', first.approvalRequestId);
    const claimed = (
      await ok<{ claimTrip: { state: string; claimedAmount: string; expenseId: string; receipts: unknown[] } }>(
        'repA',
        CLAIM,
        {
          in: { tripId: first.id, receipts },
        },
      )
    ).claimTrip;
    expect(claimed).toMatchObject({
      state: 'CLAIMED',
      claimedAmount: '1153.50',
      receipts: [
        { position: 1, amount: '553.50' },
        { position: 2, amount: '600.00' },
      ],
    });
    expect((await refused('repA', CLAIM, { in: { tripId: first.id, receipts } })).code).toBe('INVALID_STATE');
    // A second trip claimed above its approved amount: PENDING until a further approval records it.
    const second = await trip({ estimatedAmount: '500', destination: 'Wuhan' }, 'rep2A');
    await approve('managerA', second.approvalRequestId);
    const over = (
      await ok<{ claimTrip: { expenseId: string } }>('rep2A', CLAIM, {
        in: { tripId: second.id, receipts: [{ description: 'Taxi', spentOn: t, amount: '650' }] },
      })
    ).claimTrip;
    const e = await f.owner.query(`SELECT state, over_reason, approval_request_id FROM budget_expenses WHERE id = $1`, [
      over.expenseId,
    ]);
    expect(e.rows[0].state).toBe('PENDING');
    expect(e.rows[0].over_reason).toContain('more than the 500.00 approved for the trip');
    expect(await budgetOf(b.id)).toMatchObject({ spent: '1153.50' });
    await approve('managerA', e.rows[0].approval_request_id);
    expect(await budgetOf(b.id)).toMatchObject({ spent: '1803.50', approvedOverrun: '0.00' });
    expect(await ledger(b.id)).toMatchObject({ spent: '1803.50', recorded: '1803.50' });
  });

  it('a reception is planned within the per-head standard and its cost above the plan waits for approval', async () => {
    const t = today();
    const b = await setBudget('managerA', {
      category: 'RECEPTION',
      name: 'Receptions this year',
      periodStart: addDays(t, -10),
      periodEnd: addDays(t, 300),
      amount: '3000',
    });
    const customer = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.repA.id,
      name: 'Guest Co',
    });
    await ok('managerA', STANDARD, { in: { perHeadCeiling: '200' } });
    const base = { customerId: customer, budgetId: b.id, hostedOn: addDays(t, 3), guests: 4, purpose: 'Plant tour' };
    const p = await refused('repA', PLAN, { in: { ...base, plannedAmount: '800.01' } });
    expect(p).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['plannedAmount'] });
    expect((await refused('rep2A', PLAN, { in: { ...base, plannedAmount: '800' } })).code).toBe('NOT_FOUND');
    const r = (
      await ok<{ planReception: { id: string; perHeadCeiling: string } }>('repA', PLAN, {
        in: { ...base, plannedAmount: '800' },
      })
    ).planReception;
    expect(r.perHeadCeiling).toBe('200.00');
    const hosted = (
      await ok<{ recordReception: { state: string; expenseId: string } }>('repA', HOSTED, {
        in: { receptionId: r.id, actualAmount: '900' },
      })
    ).recordReception;
    expect(hosted.state).toBe('HOSTED');
    const e = await f.owner.query(`SELECT state, over_reason FROM budget_expenses WHERE id = $1`, [hosted.expenseId]);
    expect(e.rows[0]).toMatchObject({ state: 'PENDING' });
    expect(e.rows[0].over_reason).toContain('more than the 800.00 planned');
    const again = await refused('repA', HOSTED, { in: { receptionId: r.id, actualAmount: '100' } });
    expect(again.code).toBe('INVALID_STATE');
    expect(again.message).toMatch(/HOSTED.*HOSTED/);
    expect(await ledger(b.id)).toMatchObject({ spent: '0.00', recorded: '0.00' });
  });
});
