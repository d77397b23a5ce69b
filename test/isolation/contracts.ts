import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { owner, slots, tokens, byName, ok, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Contracts: versions, rounds, instalments, milestones, risks, settings. */
export interface ContractsSlot {
  /** A contract the slot's user owns, in NEGOTIATION, with a round, a version and a timeline entry. */
  contract: string;
  /** An instalment and a milestone of that contract. */
  instalment: string;
  milestone: string;
  /** A HIGH, unanswered risk of that contract. */
  risk: string;
  /** A line of that contract (2 contracted, 1 ordered). */
  contractLine: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'contracts',
  'contract_negotiation_rounds',
  'contract_versions',
  'contract_events',
  'contract_number_counters',
  'contract_settings',
  'contract_instalments',
  'contract_milestones',
  'contract_risks',
  'contract_lines',
];

export const cases: Case[] = [
  {
    name: 'contract(id)',
    kind: 'contract',
    doc: `query($id: ID!) { contract(id: $id) { id title customer { id } owner { id } versions { version }
            negotiationRounds { round } timeline { action } approvalRequest { id }
            lines { id ordered remaining product { id } } } }`,
  },
  {
    name: 'contracts(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { contracts(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'contracts(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { contracts(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'contracts(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { contracts(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'contracts with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { contracts { totalCount edges { node { id } } } }`,
  },
  {
    name: 'contractSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { contractSettings(branchId: $id) { branchId numberRule nextNumberExample } }`,
  },
  {
    name: 'updateContractSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateContractSettings(input: { branchId: $id, numberRule: "P-{YYYY}-{NNNN}" }) { branchId } }`,
  },
  {
    name: 'contractVersionDiff(id)',
    kind: 'contract',
    doc: `query($id: ID!) { contractVersionDiff(id: $id, from: 1, to: 1) { field } }`,
  },
  {
    name: 'createContract(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createContract(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, title: "Probe", amount: "100.00", startsOn: "2027-01-01", endsOn: "2027-12-31" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createContract(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { createContract(input: { branchId: $id, customerId: $customer,
            title: "Probe", amount: "100.00", startsOn: "2027-01-01", endsOn: "2027-12-31" }) { id } }`,
    vars: (id, me) => ({ id, customer: me.own.customer }),
  },
  {
    name: 'createContract(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { createContract(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, title: "Probe", amount: "100.00", startsOn: "2027-01-01", endsOn: "2027-12-31" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, customer: me.own.customer }),
  },
  {
    name: 'updateContract(id)',
    kind: 'contract',
    doc: `mutation($id: ID!) { updateContract(id: $id, input: { amount: "1.00", specialTerms: "probe" }) { id amount } }`,
  },
  ...[
    'moveContractToLegalReview',
    'submitSpecialTermsForApproval',
    'submitContractForApproval',
    'activateContract',
    'completeContract',
    'renewContract',
  ].map((op) => ({
    name: `${op}(id)`,
    kind: 'contract' as const,
    doc: `mutation($id: ID!) { ${op}(id: $id) { id state } }`,
  })),
  {
    name: 'recordNegotiationRound(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!) { recordNegotiationRound(input: { contractId: $id, heldOn: "2026-11-20", counterpart: "Probe",
            points: "probe", outcome: "probe" }) { id } }`,
  },
  {
    name: 'signContract(id)',
    kind: 'contract',
    doc: `mutation($id: ID!) { signContract(id: $id, input: { signedOn: "2026-01-05",
            signatories: [{ name: "A", side: OURS }, { name: "B", side: CUSTOMER }] }) { id number } }`,
  },
  {
    name: 'terminateContract(id)',
    kind: 'contract',
    doc: `mutation($id: ID!) { terminateContract(id: $id, reason: "probe") { id state } }`,
  },
  {
    name: 'amendContract(id)',
    kind: 'contract',
    doc: `mutation($id: ID!) { amendContract(id: $id, input: { amount: "2.00", reason: "probe" }) { id } }`,
  },
  {
    name: 'reassignContract(id)',
    kind: 'contract',
    vars: (id, me) => ({ id, o: me.user.id }),
    doc: `mutation($id: ID!, $o: ID!) { reassignContract(id: $id, ownerId: $o) { id } }`,
  },
  {
    name: 'contract(id) { instalments milestones }',
    kind: 'contract',
    doc: `query($id: ID!) { contract(id: $id) { id instalments { id } milestones { id } } }`,
  },
  {
    name: 'addContractInstalment(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!) { addContractInstalment(input: { contractId: $id, kind: PREPAYMENT, dueOn: "2027-02-01",
            amount: "1.00" }) { id } }`,
  },
  {
    name: 'addContractMilestone(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!) { addContractMilestone(input: { contractId: $id, title: "Probe", dueOn: "2027-02-01" }) { id } }`,
  },
  {
    name: 'markContractOriginalReceived(id)',
    kind: 'contract',
    doc: `mutation($id: ID!) { markContractOriginalReceived(id: $id) { id } }`,
  },
  {
    name: 'contract(id) { legalReview specialTermsApproval }',
    kind: 'contract',
    doc: `query($id: ID!) { contract(id: $id) { id legalReview { id } specialTermsApproval { id } } }`,
  },
  {
    name: 'contractRisks(contractId)',
    kind: 'contract',
    doc: `query($id: ID!) { contractRisks(contractId: $id) { id } }`,
  },
  {
    name: 'addContractRisk(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!) { addContractRisk(input: { contractId: $id, description: "Probe", category: OTHER,
            probability: 5, impact: 5 }) { id } }`,
  },
  {
    name: 'addContractRisk(own contract, response.ownerId: foreign user)',
    kind: 'user',
    colleagueAllowed: true,
    vars: (id, me) => ({ id, c: me.own.contract }),
    doc: `mutation($id: ID!, $c: ID!) { addContractRisk(input: { contractId: $c, description: "Probe", category: OTHER,
            probability: 1, impact: 1, response: { mitigation: "probe", ownerId: $id, dueOn: "2027-01-01" } }) { id } }`,
  },
  {
    name: 'updateContractRisk(id)',
    kind: 'risk',
    doc: `mutation($id: ID!) { updateContractRisk(id: $id, input: { impact: 1 }) { id } }`,
  },
  {
    name: 'removeContractRisk(id)',
    kind: 'risk',
    doc: `mutation($id: ID!) { removeContractRisk(id: $id) { id } }`,
  },
  {
    name: 'updateContractInstalment(id)',
    kind: 'instalment',
    doc: `mutation($id: ID!) { updateContractInstalment(id: $id, input: { amount: "2.00", dueOn: "2027-03-01" }) { id } }`,
  },
  {
    name: 'waiveInstalment(id)',
    kind: 'instalment',
    doc: `mutation($id: ID!) { waiveInstalment(id: $id, reason: "Probe") { id } }`,
  },
  {
    name: 'updateContractMilestone(id)',
    kind: 'milestone',
    doc: `mutation($id: ID!) { updateContractMilestone(id: $id, input: { title: "Probe", dueOn: "2027-03-01" }) { id } }`,
  },
  {
    name: 'markMilestoneDone(id)',
    kind: 'milestone',
    doc: `mutation($id: ID!) { markMilestoneDone(id: $id, doneOn: "2026-01-05") { id } }`,
  },
  {
    name: 'cancelMilestone(id)',
    kind: 'milestone',
    doc: `mutation($id: ID!) { cancelMilestone(id: $id) { id } }`,
  },
  {
    name: 'contractValueReport with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { contractValueReport(from: "2000-01-01", to: "2002-12-31") { branch { id } state month count amount } }`,
  },
  {
    name: 'expiringContracts with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { expiringContracts(withinDays: 366) { totalCount edges { node { id } } } }`,
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { customer } = slot;
  const contract = randomUUID();
  await owner.query(
    `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state, created_by)
       VALUES ($1, $2, $3, $4, 50000, 'CNY', '2027-01-01', '2027-12-31', $5, 'NEGOTIATION', $5)`,
    [branch, contract, customer, `${name} supply`, u.id],
  );
  await owner.query(
    `INSERT INTO contract_negotiation_rounds (branch_id, id, contract_id, round, held_on, counterpart, points, outcome, recorded_by)
       VALUES ($1, $2, $3, 1, '2026-11-01', 'Buyer', 'Price', 'Agreed', $4)`,
    [branch, randomUUID(), contract, u.id],
  );
  await owner.query(
    `INSERT INTO contract_versions (branch_id, id, contract_id, version, status, snapshot, reason, created_by)
       VALUES ($1, $2, $3, 1, 'EFFECTIVE', '{"amount": "50000.00"}', 'Seed', $4)`,
    [branch, randomUUID(), contract, u.id],
  );
  await owner.query(
    `INSERT INTO contract_events (branch_id, id, contract_id, action, to_state, actor_id)
       VALUES ($1, $2, $3, 'CREATED', 'NEGOTIATION', $4)`,
    [branch, randomUUID(), contract, u.id],
  );
  const instalment = randomUUID();
  await owner.query(
    `INSERT INTO contract_instalments (branch_id, id, contract_id, kind, due_on, amount, currency, next_action_at, created_by)
       VALUES ($1, $2, $3, 'PREPAYMENT', '2027-01-15', 10000, 'CNY', '2027-01-14T16:00:00Z', $4)`,
    [branch, instalment, contract, u.id],
  );
  const milestone = randomUUID();
  await owner.query(
    `INSERT INTO contract_milestones (branch_id, id, contract_id, title, due_on, next_action_at, created_by)
       VALUES ($1, $2, $3, 'Delivery', '2027-02-01', '2027-01-31T16:00:00Z', $4)`,
    [branch, milestone, contract, u.id],
  );
  const risk = randomUUID();
  await owner.query(
    `INSERT INTO contract_risks (branch_id, id, contract_id, description, category, probability, impact, created_by)
       VALUES ($1, $2, $3, 'Port strike', 'DELIVERY', 4, 4, $4)`,
    [branch, risk, contract, u.id],
  );
  const contractLine = randomUUID();
  await owner.query(
    `INSERT INTO contract_lines (branch_id, id, contract_id, position, kind, description, quantity, unit_price,
       discount_percent, net_unit_price, line_total, ordered)
       VALUES ($1, $2, $3, 1, 'PRODUCT', 'Pumps', 2, 100, 5, 95, 190, 1)`,
    [branch, contractLine, contract],
  );
  Object.assign(slot, { contract, instalment, milestone, risk, contractLine });
}

export async function ownIds(): Promise<void> {
  const rep = tokens.repA1;
  await ok(rep, byName('removeCustomerContact(id)'), { id: slots.A1.freeContact });
  await ok(rep, byName('markNotificationRead(id)'), { id: slots.A1.notification });
  expect((await ok(rep, byName('contract(id)'), { id: slots.A1.contract })).contract.id).toBe(slots.A1.contract);
  // The round first: a material edit sends the contract back to DRAFT, where no round is recorded.
  await ok(rep, byName('recordNegotiationRound(contractId)'), { id: slots.A1.contract });
  await ok(rep, byName('updateContract(id)'), { id: slots.A1.contract });
  await ok(rep, byName('submitSpecialTermsForApproval(id)'), { id: slots.A1.contract });
  expect((await ok(rep, byName('contractRisks(contractId)'), { id: slots.A1.contract })).contractRisks).toEqual([
    { id: slots.A1.risk },
  ]);
  await ok(rep, byName('addContractRisk(contractId)'), { id: slots.A1.contract });
  await ok(rep, byName('updateContractRisk(id)'), { id: slots.A1.risk });
  await ok(rep, byName('removeContractRisk(id)'), { id: slots.A1.risk });
  await ok(rep, byName('createContract(customerId)'), { id: slots.A1.customer, branch: null, owner: null });
}

export async function seedBranch(b: string): Promise<void> {
  await owner.query('INSERT INTO contract_number_counters (branch_id, year, last) VALUES ($1, 2026, 7)', [b]);
  await owner.query(`INSERT INTO contract_settings (branch_id, number_rule) VALUES ($1, 'S-{YYYY}-{NNNN}')`, [b]);
}
