import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { owner, org1, slots, tokens, byName, ok, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Leads, tiering, purchases and account managers. */
export interface LeadsSlot {
  /** An OPEN, valid lead the slot's user owns, with its CREATED timeline entry. */
  lead: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'leads',
  'lead_events',
  'customer_purchases',
  'customer_tier_changes',
  'tiering_settings',
  'tiering_runs',
];

export const cases: Case[] = [
  {
    name: 'lead(id)',
    kind: 'lead',
    doc: `query($id: ID!) { lead(id: $id) { id company valid missing owner { id } timeline { kind }
            duplicates { matchedOn message lead { id } } customer { id } } }`,
  },
  {
    name: 'leads(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { leads(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'leads(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { leads(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'leads with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { leads { totalCount edges { node { id duplicates { matchedOn } } } } }`,
  },
  {
    name: 'customer(id) { lead }',
    kind: 'customer',
    doc: `query($id: ID!) { customer(id: $id) { id lead { id timeline { kind } } } }`,
  },
  {
    name: 'createLead(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $owner: ID) { createLead(input: { branchId: $id, ownerId: $owner, source: WEB,
            company: "Probe Branch", contactName: "Probe", contactRole: MANAGER, mobile: "+86 139 0000 0001" }) { id } }`,
    vars: (id, me) => ({ id, owner: me.headOffice ? null : undefined }),
  },
  {
    name: 'createLead(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID) { createLead(input: { branchId: $branch, ownerId: $id, source: WEB,
            company: "Probe Owner", mobile: "+86 139 0000 0001" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null }),
  },
  {
    name: 'updateLead(id)',
    kind: 'lead',
    doc: `mutation($id: ID!) { updateLead(id: $id, input: { company: "Probe", mobile: null }) { id } }`,
  },
  {
    name: 'screenLead(id)',
    kind: 'lead',
    doc: `mutation($id: ID!) { screenLead(id: $id, input: { outcome: UNFIT, note: "probe" }) { id screening } }`,
  },
  {
    name: 'addLeadNote(id)',
    kind: 'lead',
    doc: `mutation($id: ID!) { addLeadNote(id: $id, note: "probe") { kind } }`,
  },
  {
    name: 'convertLead(id)',
    kind: 'lead',
    doc: `mutation($id: ID!) { convertLead(id: $id, input: { name: "Probe Convert" }) { lead { id } customer { id } } }`,
  },
  {
    name: 'customer(id) { tierHistory purchases }',
    kind: 'customer',
    doc: `query($id: ID!) { customer(id: $id) { id tier purchasesLast12Months tierHistory { id reason }
            purchases(first: 5) { id amount } } }`,
  },
  {
    name: 'recordCustomerPurchase(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { recordCustomerPurchase(input: { customerId: $id, amount: "10.00", purchasedOn: "2026-01-05" }) {
            purchase { id } largeChange } }`,
  },
  {
    name: 'tieringSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { tieringSettings(branchId: $id) { branchId highAbove } }`,
  },
  {
    name: 'updateTieringSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateTieringSettings(input: { branchId: $id, largeChangePercent: 7 }) { branchId } }`,
  },
  {
    name: 'customerTierChanges(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { customerTierChanges(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'customerTierChanges(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { customerTierChanges(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'customerTierChanges with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { customerTierChanges { totalCount edges { node { id } } } }`,
  },
  {
    name: 'setCustomerAccountManager(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $m: ID) { setCustomerAccountManager(customerId: $id, accountManagerId: $m) { id accountManagerId } }`,
    vars: (id) => ({ id, m: null }),
  },
  {
    name: 'setCustomerAccountManager(own customer, accountManagerId: foreign user)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $c: ID!) { setCustomerAccountManager(customerId: $c, accountManagerId: $id) { id } }`,
    vars: (id, me) => ({ id, c: me.own.customer }),
  },
  {
    name: 'customer(id) { accountManager }',
    kind: 'customer',
    doc: `query($id: ID!) { customer(id: $id) { id accountManagerId accountManager { id } } }`,
  },
  {
    name: 'highValueCustomersWithoutAccountManager(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { highValueCustomersWithoutAccountManager(first: 50, filter: { branchId: $id }) {
            totalCount edges { node { id owner { id } } } } }`,
  },
  {
    name: 'highValueCustomersWithoutAccountManager(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { highValueCustomersWithoutAccountManager(first: 50, filter: { ownerId: $id }) {
            totalCount edges { node { id } } } }`,
  },
  {
    name: 'highValueCustomersWithoutAccountManager with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { highValueCustomersWithoutAccountManager { totalCount edges { node { id } } } }`,
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { customer } = slot;
  const lead = randomUUID();
  await owner.query(
    `INSERT INTO leads (branch_id, id, source, company, contact_name, contact_role, mobile, mobile_key, owner_id, created_by)
       VALUES ($1, $2, 'TRADE_SHOW', $3, 'Seed Person', 'MANAGER', '+86 139 0000 0001', '8613900000001', $4, $4)`,
    [branch, lead, `${name} prospect`, u.id],
  );
  await owner.query(
    `INSERT INTO lead_events (branch_id, id, lead_id, kind, actor_id) VALUES ($1, $2, $3, 'CREATED', $4)`,
    [branch, randomUUID(), lead, u.id],
  );
  await owner.query(
    `INSERT INTO customer_purchases (branch_id, id, customer_id, purchased_on, amount, currency, source, recorded_by)
       VALUES ($1, $2, $3, '2026-06-01', 1500000, 'CNY', 'MANUAL', $4)`,
    [branch, randomUUID(), customer, u.id],
  );
  await owner.query(
    `INSERT INTO customer_tier_changes (branch_id, id, customer_id, from_tier, to_tier, reason, trailing_total, changed_by)
       VALUES ($1, $2, $3, 'MEDIUM', 'HIGH', 'LARGE_CHANGE', 1500000, $4)`,
    [branch, randomUUID(), customer, u.id],
  );
  Object.assign(slot, { lead });
}

export async function ownIds(): Promise<void> {
  const rep = tokens.repA1;
  expect((await ok(rep, byName('lead(id)'), { id: slots.A1.lead })).lead.id).toBe(slots.A1.lead);
  await ok(rep, byName('addLeadNote(id)'), { id: slots.A1.lead });
  await ok(rep, byName('updateLead(id)'), { id: slots.A1.lead });
  await ok(rep, byName('screenLead(id)'), { id: slots.A1.lead });
  await ok(tokens.rep2A1, byName('convertLead(id)'), { id: slots.A2.lead });
  await ok(rep, byName('createLead(branchId)'), { id: org1.a.id, owner: undefined });
  await ok(tokens.managerA1, byName('createLead(ownerId)'), { id: org1.users.rep2A.id, branch: null });
  expect(
    (await ok(rep, byName('customer(id) { tierHistory purchases }'), { id: slots.A1.customer })).customer.tierHistory,
  ).toHaveLength(1);
  await ok(rep, byName('recordCustomerPurchase(customerId)'), { id: slots.A1.customer });
  await ok(tokens.managerA1, byName('tieringSettings(branchId)'), { id: org1.a.id });
  await ok(tokens.managerA1, byName('updateTieringSettings(branchId)'), { id: org1.a.id });
  await ok(tokens.admin1, byName('customerTierChanges(filter: { branchId })'), { id: org1.b.id });
  expect(
    (
      await ok(tokens.managerA1, byName('highValueCustomersWithoutAccountManager(filter: { branchId })'), {
        id: org1.a.id,
      })
    ).highValueCustomersWithoutAccountManager.totalCount,
  ).toBe(2);
  await ok(tokens.managerA1, byName('setCustomerAccountManager(own customer, accountManagerId: foreign user)'), {
    id: org1.users.rep2A.id,
    c: slots.A2.customer,
  });
  await ok(tokens.managerA1, byName('setCustomerAccountManager(customerId)'), { id: slots.A2.customer });
}

export async function seedBranch(b: string): Promise<void> {
  await owner.query(`INSERT INTO tiering_settings (branch_id, high_above) VALUES ($1, 900000)`, [b]);
  await owner.query(`INSERT INTO tiering_runs (branch_id, quarter, finished_at) VALUES ($1, '2026-Q3', now())`, [b]);
}
