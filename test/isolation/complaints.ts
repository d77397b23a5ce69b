import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import {
  owner,
  org1,
  slots,
  tokens,
  byName,
  ok,
  type Case,
  type Slot,
  type SeedContext,
  type IdKind,
} from './harness.js';

/** Isolation cases of Complaints. */
export interface ComplaintsSlot {
  /** An INVESTIGATING complaint the slot's user owns, about the slot's customer, with its timeline. */
  complaint: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = ['complaints', 'complaint_events', 'complaint_settings'];

export const cases: Case[] = [
  {
    name: 'complaint(id)',
    kind: 'complaint',
    doc: `query($id: ID!) { complaint(id: $id) { id state timeline { action } customer { id } owner { id } } }`,
  },
  ...['branchId', 'ownerId', 'customerId'].map((f) => ({
    name: `complaints(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : f === 'ownerId' ? 'user' : 'customer') as IdKind,
    doc: `query($id: ID!) { complaints(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'complaints with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { complaints { totalCount edges { node { id timeline { action } } } } }`,
  },
  {
    name: 'complaintCounts(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { complaintCounts(filter: { branchId: $id }) { branchId state severity count overdue } }`,
  },
  {
    name: 'complaintCounts with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { complaintCounts { branchId count } }`,
  },
  {
    name: 'complaintSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { complaintSettings(branchId: $id) { branchId criticalHours } }`,
  },
  {
    name: 'updateComplaintSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateComplaintSettings(input: { branchId: $id, criticalHours: 2 }) { branchId } }`,
  },
  {
    name: 'createComplaint(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createComplaint(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, channel: PHONE, category: PRODUCT, severity: HIGH, description: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createComplaint(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { createComplaint(input: { branchId: $id, customerId: $customer,
            channel: EMAIL, category: SERVICE, severity: LOW, description: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, customer: me.own.customer }),
  },
  {
    name: 'createComplaint(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { createComplaint(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, channel: WEB, category: OTHER, severity: MEDIUM, description: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, customer: me.own.customer }),
  },
  {
    name: 'startComplaintInvestigation(id)',
    kind: 'complaint',
    doc: `mutation($id: ID!) { startComplaintInvestigation(id: $id, note: "probe") { id state } }`,
  },
  {
    name: 'recordComplaintRootCause(id)',
    kind: 'complaint',
    doc: `mutation($id: ID!) { recordComplaintRootCause(id: $id, rootCause: "probe") { id state } }`,
  },
  {
    name: 'resolveComplaint(id)',
    kind: 'complaint',
    doc: `mutation($id: ID!) { resolveComplaint(id: $id, input: { resolution: "probe", rootCause: "probe" }) { id state } }`,
  },
  {
    name: 'recordComplaintFollowUp(id)',
    kind: 'complaint',
    doc: `mutation($id: ID!) { recordComplaintFollowUp(id: $id, input: { confirmed: true }) { id state } }`,
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { customer } = slot;
  const complaint = randomUUID();
  await owner.query(
    `INSERT INTO complaints (branch_id, id, customer_id, owner_id, channel, category, severity, description, state,
         received_at, response_hours, working_time, response_due_at, responded_at, created_by)
       VALUES ($1, $2, $3, $4, 'PHONE', 'DELIVERY', 'HIGH', $5, 'INVESTIGATING', now() - interval '2 hours', 24, false,
         now() + interval '22 hours', now() - interval '1 hour', $4)`,
    [branch, complaint, customer, u.id, `${name} complaint`],
  );
  await owner.query(
    `INSERT INTO complaint_events (branch_id, id, complaint_id, action, from_state, to_state, actor_id)
       VALUES ($1, $2, $3, 'RECEIVED', NULL, 'RECEIVED', $4), ($1, $5, $3, 'INVESTIGATION_STARTED', 'RECEIVED', 'INVESTIGATING', $4)`,
    [branch, randomUUID(), complaint, u.id, randomUUID()],
  );
  Object.assign(slot, { complaint });
}

export async function ownIds(): Promise<void> {
  const rep = tokens.repA1;
  expect((await ok(rep, byName('complaint(id)'), { id: slots.A1.complaint })).complaint.id).toBe(slots.A1.complaint);
  await ok(rep, byName('recordComplaintRootCause(id)'), { id: slots.A1.complaint });
  await ok(rep, byName('createComplaint(customerId)'), { id: slots.A1.customer, branch: null, owner: null });
  await ok(tokens.managerA1, byName('updateComplaintSettings(branchId)'), { id: org1.a.id });
}

export async function seedBranch(b: string): Promise<void> {
  await owner.query('INSERT INTO complaint_settings (branch_id, critical_hours) VALUES ($1, 3)', [b]);
}
