import { randomUUID } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { api, owner, org1, org2, tokens, snapshot, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Budgets, trips, receptions and the statistics downloads. */
export interface BudgetsSlot {
  /** A TRAVEL budget of the branch with one expense; a trip of the slot's user on it, claimed with a receipt; a
   *  reception of the slot's customer on it (arranged on one budget: the isolation, not the categories, is tested). */
  budget: string;
  trip: string;
  reception: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'budgets',
  'budget_expenses',
  'business_trips',
  'trip_receipts',
  'customer_receptions',
  'reception_settings',
];

/** Each slot's budget gets a year of its own (budgets of one category and branch may not overlap). */
let nextBudgetYear = 2031;

export const cases: Case[] = [
  { name: 'budget(id)', kind: 'budget', doc: `query($id: ID!) { budget(id: $id) { id amount spent } }` },
  {
    name: 'budgets(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { budgets(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'budgetExpenses(budgetId)',
    kind: 'budget',
    colleagueAllowed: true,
    doc: `query($id: ID!) { budgetExpenses(budgetId: $id, first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'setBudget(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { setBudget(input: { branchId: $id, category: MARKETING, name: "Probe",
            periodStart: "2199-01-01", periodEnd: "2199-12-31", amount: "10.00" }) { id } }`,
  },
  {
    name: 'recordExpense(budgetId)',
    kind: 'budget',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { recordExpense(input: { budgetId: $id, description: "Probe", amount: "1.00",
            spentOn: "2026-06-01" }) { id } }`,
  },
  {
    name: 'businessTrip(id)',
    kind: 'trip',
    doc: `query($id: ID!) { businessTrip(id: $id) { id state receipts { id } } }`,
  },
  {
    name: 'businessTrips(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { businessTrips(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'applyForTrip(budgetId)',
    kind: 'budget',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { applyForTrip(input: { budgetId: $id, destination: "Probe", purpose: "Probe",
            startsOn: "2199-01-02", endsOn: "2199-01-03", estimatedAmount: "10.00" }) { id } }`,
  },
  {
    name: 'claimTrip(tripId)',
    kind: 'trip',
    doc: `mutation($id: ID!) { claimTrip(input: { tripId: $id, receipts: [{ description: "Probe", spentOn: "2026-06-01",
            amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'customerReception(id)',
    kind: 'reception',
    doc: `query($id: ID!) { customerReception(id: $id) { id plannedAmount } }`,
  },
  {
    name: 'customerReceptions(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { customerReceptions(first: 50, filter: { branchId: $id }) {
            totalCount edges { node { id } } } }`,
  },
  {
    name: 'receptionSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { receptionSettings(branchId: $id) { branchId perHeadCeiling } }`,
  },
  {
    name: 'updateReceptionSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateReceptionSettings(input: { branchId: $id, perHeadCeiling: "1.00" }) { branchId } }`,
  },
  {
    name: 'planReception(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { planReception(input: { customerId: $id, budgetId: "${randomUUID()}",
            hostedOn: "2199-01-02", guests: 1, purpose: "Probe", plannedAmount: "1.00" }) { id } }`,
  },
  {
    name: 'planReception(budgetId)',
    kind: 'budget',
    colleagueAllowed: true,
    vars: (id, me) => ({ id, c: me.own.customer }),
    doc: `mutation($id: ID!, $c: ID!) { planReception(input: { customerId: $c, budgetId: $id,
            hostedOn: "2199-01-02", guests: 1, purpose: "Probe", plannedAmount: "1.00" }) { id } }`,
  },
  {
    name: 'recordReception(receptionId)',
    kind: 'reception',
    doc: `mutation($id: ID!) { recordReception(input: { receptionId: $id, actualAmount: "1.00" }) { id } }`,
  },
  {
    name: 'purchaseTotals(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { purchaseTotals(period: MONTH, from: "2026-01-01", to: "2026-12-31", branchId: $id) {
            branchId amount } }`,
  },
  {
    name: 'purchaseStatistics(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { purchaseStatistics(period: WEEK, from: "2026-01-01", to: "2026-12-31", branchId: $id,
            first: 50) { totalCount edges { node { id } } } }`,
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { customer } = slot;
  const budgetYear = nextBudgetYear++;
  const budget = randomUUID();
  await owner.query(
    `INSERT INTO budgets (branch_id, id, category, name, period_start, period_end, currency, amount, spent, created_by)
       VALUES ($1, $2, 'TRAVEL', $3, $4, $5, 'CNY', 10000, 300, $6)`,
    [branch, budget, `${name} travel`, `${budgetYear}-01-01`, `${budgetYear}-12-31`, u.id],
  );
  const trip = randomUUID();
  const tripExpense = randomUUID();
  await owner.query(
    `INSERT INTO budget_expenses (branch_id, id, budget_id, source, source_id, description, amount, spent_on, state,
         recorded_by) VALUES ($1, $2, $3, 'TRIP', $4, 'Trip', 300, $5, 'RECORDED', $6)`,
    [branch, tripExpense, budget, trip, `${budgetYear}-03-02`, u.id],
  );
  await owner.query(
    `INSERT INTO business_trips (branch_id, id, traveller_id, budget_id, destination, purpose, starts_on, ends_on,
         estimated_amount, state, claimed_amount, expense_id)
       VALUES ($1, $2, $3, $4, 'Wuhan', 'Customer visit', $5, $5, 500, 'CLAIMED', 300, $6)`,
    [branch, trip, u.id, budget, `${budgetYear}-03-02`, tripExpense],
  );
  await owner.query(
    `INSERT INTO trip_receipts (branch_id, id, trip_id, position, description, spent_on, amount)
       VALUES ($1, gen_random_uuid(), $2, 1, 'Train', $3, 300)`,
    [branch, trip, `${budgetYear}-03-02`],
  );
  const reception = randomUUID();
  await owner.query(
    `INSERT INTO customer_receptions (branch_id, id, customer_id, host_id, budget_id, hosted_on, guests, purpose,
         per_head_ceiling, planned_amount, state) VALUES ($1, $2, $3, $4, $5, $6, 2, 'Plant tour', 300, 500, 'PLANNED')`,
    [branch, reception, customer, u.id, budget, `${budgetYear}-04-01`],
  );
  await owner.query(`INSERT INTO reception_settings (branch_id) VALUES ($1) ON CONFLICT DO NOTHING`, [branch]);
  // A contract signed in 2026: the purchase statistics of the branch have a row to hide.
  await owner.query(
    `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         created_by, number, signed_on)
       VALUES ($1, $2, $3, 'Signed supply', 800, 'CNY', '2026-05-01', '2026-12-31', $4, 'SIGNED', $4, $5, '2026-05-04')`,
    [branch, budget, customer, u.id, `SIGNED-${budget}`],
  );
  Object.assign(slot, { budget, trip, reception });
}

export function beforeProbes(): void {
  it('statistics downloads given another branch or organization answer as for a branch that does not exist', async () => {
    const base = api.url.replace(/\/graphql$/, '');
    const get = async (key: string, branch: string) => {
      const r = await fetch(
        `${base}/statistics/purchases.csv?period=MONTH&from=2026-01-01&to=2026-12-31&branchId=${branch}`,
        { headers: { authorization: `Bearer ${tokens[key]}` } },
      );
      return { status: r.status, body: await r.text() };
    };
    // Not vacuous: the own branch's download holds the seeded signed contract.
    expect((await get('managerA1', org1.a.id)).body.split('\r\n').filter(Boolean).length).toBeGreaterThan(1);
    const before = await snapshot();
    for (const [key, foreign] of [
      ['managerA1', org1.b.id],
      ['managerA1', org2.a.id],
      ['repA1', org1.b.id],
      ['financeA1', org1.b.id],
      ['managerB1', org1.a.id],
      ['admin1', org2.a.id],
      ['admin2', org1.a.id],
    ]) {
      const [a, b] = [await get(key, foreign), await get(key, randomUUID())];
      expect({ key, foreign, ...a }).toEqual({ key, foreign, ...b });
      expect({ key, lines: a.body.split('\r\n').filter(Boolean).length }).toEqual({ key, lines: 1 });
    }
    // A colleague's contracts are not a rep's: repA's own download lacks rep2A's signed contract.
    const own = await get('repA1', org1.a.id);
    expect(own.body).toContain('Alpha Rep One');
    expect(own.body).not.toContain('Alpha Rep Two');
    expect(await snapshot()).toEqual(before);
  });
}
