import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { gql, insertCustomer } from '@app/testing';
import {
  api,
  owner,
  org1,
  org2,
  slots,
  tokens,
  byName,
  ok,
  sorted,
  type Case,
  type Slot,
  type SeedContext,
} from './harness.js';

/** Isolation cases of Customers, their contacts and logs, branch settings, notifications, users and me. */
export interface CustomersSlot {
  /** What one customer brings along in the seed: its contacts, a contact log and its owner's notification. */
  customer: string;
  contact: string;
  /** A contact that no log refers to: removeCustomerContact would succeed on it. */
  freeContact: string;
  log: string;
  notification: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = ['customers', 'customer_contacts', 'contact_logs', 'notifications'];

export const cases: Case[] = [
  {
    name: 'customer(id)',
    kind: 'customer',
    doc: `query($id: ID!) { customer(id: $id) { id name branchId ownerId owner { id } branch { id }
            contacts { id } contactLogs(first: 5) { id } } }`,
  },
  {
    name: 'customers(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { customers(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'customers(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { customers(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'customers(filter: { ownerId, status: ARCHIVED })',
    kind: 'user',
    doc: `query($id: ID!) { customers(filter: { ownerId: $id, status: ARCHIVED }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'branchSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { branchSettings(branchId: $id) { branchId contactCadenceHighDays } }`,
  },
  {
    name: 'updateBranchSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateBranchSettings(input: { branchId: $id, contactCadenceHighDays: 3 }) { branchId } }`,
  },
  {
    name: 'createCustomer(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $owner: ID) { createCustomer(input: { branchId: $id, ownerId: $owner, name: "Probe Branch", tier: LOW }) { id } }`,
    vars: (id, me) => ({ id, owner: me.headOffice ? null : undefined }),
  },
  {
    name: 'createCustomer(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID) { createCustomer(input: { branchId: $branch, ownerId: $id, name: "Probe Owner", tier: LOW }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null }),
  },
  {
    name: 'updateCustomer(id)',
    kind: 'customer',
    doc: `mutation($id: ID!) { updateCustomer(id: $id, input: { notes: "probe", tier: HIGH }) { id notes } }`,
  },
  {
    name: 'updateCustomer(own id, ownerId: foreign user)',
    kind: 'user',
    doc: `mutation($id: ID!, $customer: ID!) { updateCustomer(id: $customer, input: { ownerId: $id }) { id ownerId } }`,
    vars: (id, me) => ({ id, customer: me.own.customer }),
  },
  {
    name: 'archiveCustomer(id)',
    kind: 'customer',
    doc: `mutation($id: ID!) { archiveCustomer(id: $id) { id status } }`,
  },
  {
    name: 'addCustomerContact(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { addCustomerContact(input: { customerId: $id, name: "Probe Person", isPrimary: true }) { id } }`,
  },
  {
    name: 'updateCustomerContact(id)',
    kind: 'contact',
    doc: `mutation($id: ID!) { updateCustomerContact(id: $id, input: { name: "Probe Rename", isPrimary: true }) { id name } }`,
  },
  {
    name: 'removeCustomerContact(id)',
    kind: 'freeContact',
    doc: `mutation($id: ID!) { removeCustomerContact(id: $id) { id } }`,
  },
  {
    name: 'logContact(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { logContact(input: { customerId: $id, channel: PHONE, summary: "probe",
            occurredAt: "2026-01-05T08:00:00.000Z" }) { id } }`,
  },
  {
    name: 'logContact(own customer, foreign contactId)',
    kind: 'contact',
    doc: `mutation($id: ID!, $customer: ID!) { logContact(input: { customerId: $customer, contactId: $id, channel: VISIT,
            summary: "probe", occurredAt: "2026-01-05T08:00:00.000Z" }) { id } }`,
    vars: (id, me) => ({ id, customer: me.own.customer }),
  },
  {
    name: 'markNotificationRead(id)',
    kind: 'notification',
    doc: `mutation($id: ID!) { markNotificationRead(id: $id) { id readAt } }`,
  },
  {
    name: 'createUser(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $email: String!) { createUser(input: { branchId: $id, email: $email, displayName: "Probe",
            password: "probe-password-1", role: SALES_REP }) { id } }`,
    vars: (id, me) => ({ id, email: `probe.${me.label.toLowerCase()}@test.example` }),
  },
  {
    name: 'me with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { me { id memberships { branch { id } } } }`,
  },
  {
    name: 'customers with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { customers { totalCount edges { node { id } } } }`,
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const customer = await insertCustomer(owner, { branchId: branch, ownerId: u.id, name, tier: 'HIGH' });
  const contact = randomUUID();
  const freeContact = randomUUID();
  await owner.query(
    `INSERT INTO customer_contacts (branch_id, id, customer_id, name, phone, is_primary)
       VALUES ($1, $2, $3, $4, '+86 21 5555 0001', true), ($1, $5, $3, $6, NULL, false)`,
    [branch, contact, customer, `${name} Buyer`, freeContact, `${name} Spare`],
  );
  const log = randomUUID();
  await owner.query(
    `INSERT INTO contact_logs (branch_id, id, customer_id, contact_id, channel, summary, occurred_at, logged_by)
       VALUES ($1, $2, $3, $4, 'VISIT', $5, now() - interval '2 days', $6)`,
    [branch, log, customer, contact, `Visited ${name}`, u.id],
  );
  const notification = randomUUID();
  await owner.query(
    `INSERT INTO notifications (branch_id, id, user_id, kind, title, subject_type, subject_id, dedupe_key)
       VALUES ($1, $2, $3, 'CUSTOMER_CONTACT_DUE', $4, 'customer', $5, $6)`,
    [branch, notification, u.id, `Contact ${name}`, customer, `seed:${customer}`],
  );
  Object.assign(slot, { customer, contact, freeContact, log, notification });
}

export async function ownIds(): Promise<void> {
  const rep = tokens.repA1;
  expect((await ok(rep, byName('customer(id)'), { id: slots.A1.customer })).customer.id).toBe(slots.A1.customer);
  await ok(rep, byName('updateCustomer(id)'), { id: slots.A1.customer });
  await ok(rep, byName('addCustomerContact(customerId)'), { id: slots.A1.customer });
  await ok(rep, byName('updateCustomerContact(id)'), { id: slots.A1.contact });
  await ok(rep, byName('logContact(customerId)'), { id: slots.A1.customer });
  await ok(rep, byName('logContact(own customer, foreign contactId)'), {
    id: slots.A1.contact,
    customer: slots.A1.customer,
  });
}

export function afterProbes(): void {
  describe('what each person sees', () => {
    interface Conn {
      totalCount: number;
      edges: { node: { id: string; branchId: string; ownerId: string } }[];
    }
    const list = async (token: string, branchId?: string, filter: Record<string, unknown> = {}) => {
      const r = await gql<{ customers: Conn }>(
        api.url,
        `query($f: CustomerFilter) { customers(first: 100, filter: $f) { totalCount edges { node { id branchId ownerId } } } }`,
        { f: filter },
        { token, branchId },
      );
      expect(r.body.errors).toBeUndefined();
      const c = r.body.data!.customers;
      return { total: c.totalCount, ids: c.edges.map((e) => e.node.id).sort() };
    };

    it('a sales rep sees only the customers they own; the branch manager and finance see all of the branch', async () => {
      expect(await list(tokens.repA1)).toEqual({ total: 1, ids: [slots.A1.customer] });
      expect(await list(tokens.rep2A1)).toEqual({ total: 1, ids: [slots.A2.customer] });
      expect(await list(tokens.repA1, undefined, { ownerId: org1.users.rep2A.id })).toEqual({ total: 0, ids: [] });
      expect(await list(tokens.repA1, undefined, { search: 'Alpha' })).toEqual({ total: 1, ids: [slots.A1.customer] });
      const both = { total: 2, ids: sorted(slots.A1.customer, slots.A2.customer) };
      expect(await list(tokens.managerA1)).toEqual(both);
      expect(await list(tokens.financeA1)).toEqual(both);
      expect(await list(tokens.managerB1)).toEqual({ total: 1, ids: [slots.B1.customer] });
      expect(await list(tokens.managerA1, undefined, { search: 'Bravo' })).toEqual({ total: 0, ids: [] });

      const byId = async (token: string, id: string) =>
        (
          await gql<{ customer: { id: string; contacts: { id: string }[]; contactLogs: { id: string }[] } | null }>(
            api.url,
            'query($id: ID!) { customer(id: $id) { id contacts { id } contactLogs { id } } }',
            { id },
            { token },
          )
        ).body.data?.customer;
      expect(await byId(tokens.repA1, slots.A2.customer)).toBeNull();
      expect(await byId(tokens.managerA1, slots.A2.customer)).toEqual({
        id: slots.A2.customer,
        contacts: expect.arrayContaining([{ id: slots.A2.contact }, { id: slots.A2.freeContact }]),
        contactLogs: [{ id: slots.A2.log }],
      });
      expect(await byId(tokens.repA1, slots.A1.customer)).toEqual({
        id: slots.A1.customer,
        contacts: expect.arrayContaining([{ id: slots.A1.contact }, { id: slots.A1.freeContact }]),
        contactLogs: [{ id: slots.A1.log }],
      });
    });

    it('head office of org 1 sees branches A and B, and X-Branch-Id narrows; head office of org 2 sees none of it', async () => {
      const all = { total: 3, ids: sorted(slots.A1.customer, slots.A2.customer, slots.B1.customer) };
      expect(await list(tokens.admin1)).toEqual(all);
      expect(await list(tokens.admin1, org1.a.id)).toEqual({
        total: 2,
        ids: sorted(slots.A1.customer, slots.A2.customer),
      });
      expect(await list(tokens.admin1, org1.b.id)).toEqual({ total: 1, ids: [slots.B1.customer] });
      expect(await list(tokens.admin1, undefined, { branchId: org1.b.id })).toEqual({
        total: 1,
        ids: [slots.B1.customer],
      });
      expect(await list(tokens.admin1, org1.a.id, { branchId: org1.b.id })).toEqual({ total: 0, ids: [] });
      expect(await list(tokens.admin2)).toEqual({ total: 1, ids: [slots.X1.customer] });
      for (const s of ['Alpha', 'Bravo', 'One']) {
        const seen = await list(tokens.admin2, undefined, { search: s });
        expect(seen.ids.filter((id) => id !== slots.X1.customer)).toEqual([]);
      }
    });

    it('branches and me list only what the person may act in', async () => {
      const branches = async (token: string) =>
        (await gql<{ branches: { id: string }[] }>(api.url, '{ branches { id } }', {}, { token })).body
          .data!.branches.map((b) => b.id)
          .sort();
      expect(await branches(tokens.admin1)).toEqual(sorted(org1.hq.id, org1.a.id, org1.b.id));
      expect(await branches(tokens.admin2)).toEqual(sorted(org2.hq.id, org2.a.id, org2.b.id));
      expect(await branches(tokens.repA1)).toEqual([org1.a.id]);
      expect(await branches(tokens.managerB1)).toEqual([org1.b.id]);
      const me = await gql<{ me: { id: string; memberships: { branch: { id: string }; role: string }[] } }>(
        api.url,
        '{ me { id memberships { branch { id } role } } }',
        {},
        { token: tokens.repA1 },
      );
      expect(me.body.data!.me).toEqual({
        id: org1.users.repA.id,
        memberships: [{ branch: { id: org1.a.id }, role: 'SALES_REP' }],
      });
    });

    it('notifications: each person sees their own, in their own branch', async () => {
      const mine = async (token: string) => {
        const r = await gql<{ notifications: { totalCount: number; edges: { node: { id: string } }[] } }>(
          api.url,
          '{ notifications(first: 50) { totalCount edges { node { id } } } }',
          {},
          { token },
        );
        const n = r.body.data!.notifications;
        return { total: n.totalCount, ids: n.edges.map((e) => e.node.id) };
      };
      expect(await mine(tokens.repA1)).toEqual({ total: 1, ids: [slots.A1.notification] });
      expect(await mine(tokens.rep2A1)).toEqual({ total: 1, ids: [slots.A2.notification] });
      expect(await mine(tokens.repB1)).toEqual({ total: 1, ids: [slots.B1.notification] });
      expect(await mine(tokens.managerA1)).toEqual({ total: 0, ids: [] });
      expect(await mine(tokens.admin1)).toEqual({ total: 0, ids: [] });
      expect(await mine(tokens.repA2)).toEqual({ total: 1, ids: [slots.X1.notification] });
    });

    it('the same name may exist in two branches: a unique key never tells one branch about another', async () => {
      const r = await gql<{ createCustomer: { id: string } }>(
        api.url,
        'mutation { createCustomer(input: { name: "Alpha Rep One", tier: LOW }) { id } }',
        {},
        { token: tokens.managerB1 },
      );
      expect(r.body.errors).toBeUndefined();
      await owner.query('DELETE FROM audit_log WHERE entity_id = $1', [r.body.data!.createCustomer.id]);
      await owner.query('DELETE FROM customers WHERE id = $1', [r.body.data!.createCustomer.id]);
    });
  });
}

export async function seedBranch(b: string): Promise<void> {
  await owner.query('INSERT INTO branch_settings (branch_id, contact_cadence_high_days) VALUES ($1, 5)', [b]);
}

/** The managers' and head office's steps: settings, reassigning, archiving the customer (after the others). */
export async function ownIdsOfManagers(): Promise<void> {
  const mgr = tokens.managerA1;
  await ok(mgr, byName('updateBranchSettings(branchId)'), { id: org1.a.id });
  await ok(mgr, byName('updateContractSettings(branchId)'), { id: org1.a.id });
  await ok(mgr, byName('createCustomer(ownerId)'), { id: org1.users.rep2A.id, branch: null });
  const reassign = byName('updateCustomer(own id, ownerId: foreign user)');
  await ok(mgr, reassign, { id: org1.users.rep2A.id, customer: slots.A1.customer });
  await ok(mgr, reassign, { id: org1.users.repA.id, customer: slots.A1.customer });
  await ok(mgr, byName('archiveCustomer(id)'), { id: slots.A1.customer });
  await ok(mgr, byName('createUser(branchId)'), { id: org1.a.id, email: 'probe.control@test.example' });
  const hq = tokens.admin1;
  await ok(hq, byName('createCustomer(branchId)'), { id: org1.b.id, owner: org1.users.repB.id });
}
