import { randomUUID } from 'node:crypto';
import { owner, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Tenders and their documents. */
export interface TendersSlot {
  /** A PREPARING tender the slot's user owns, with a deposit and one required document. */
  tender: string;
  tenderDocument: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = ['tenders', 'tender_documents'];

export const cases: Case[] = [
  {
    name: 'tender(id)',
    kind: 'tender',
    doc: `query($id: ID!) { tender(id: $id) { id project documents { id name } customer { id } owner { id } } }`,
  },
  {
    name: 'tenders(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { tenders(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'tenders(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { tenders(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'tenders with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { tenders { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createTender(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createTender(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, project: "Probe", issuer: "Probe", submissionDeadline: "2030-01-01T00:00:00.000Z" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createTender(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createTender(input: { branchId: $id, project: "Probe", issuer: "Probe",
            submissionDeadline: "2030-01-01T00:00:00.000Z" }) { id } }`,
  },
  {
    name: 'createTender(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID) { createTender(input: { branchId: $branch, ownerId: $id, project: "Probe",
            issuer: "Probe", submissionDeadline: "2030-01-01T00:00:00.000Z" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null }),
  },
  {
    name: 'updateTender(id)',
    kind: 'tender',
    doc: `mutation($id: ID!) { updateTender(id: $id, input: { project: "Probe", submissionDeadline: "2030-02-01T00:00:00.000Z" }) { id } }`,
  },
  {
    name: 'addTenderDocument(tenderId)',
    kind: 'tender',
    doc: `mutation($id: ID!) { addTenderDocument(input: { tenderId: $id, name: "Probe" }) { id } }`,
  },
  {
    name: 'setTenderDocumentReady(id)',
    kind: 'tenderDocument',
    doc: `mutation($id: ID!) { setTenderDocumentReady(id: $id, ready: true) { id ready } }`,
  },
  ...['submitTender', 'markTenderDepositReturned'].map((op) => ({
    name: `${op}(id)`,
    kind: 'tender' as const,
    doc: `mutation($id: ID!) { ${op}(id: $id) { id state } }`,
  })),
  ...['withdrawTender', 'cancelTender'].map((op) => ({
    name: `${op}(id)`,
    kind: 'tender' as const,
    doc: `mutation($id: ID!) { ${op}(id: $id, reason: "probe") { id state } }`,
  })),
  {
    name: 'recordTenderResult(id)',
    kind: 'tender',
    doc: `mutation($id: ID!) { recordTenderResult(id: $id, input: { result: LOST, winnerName: "Probe" }) { id state } }`,
  },
  {
    name: 'linkTenderContract(id)',
    kind: 'tender',
    doc: `mutation($id: ID!, $c: ID!) { linkTenderContract(id: $id, contractId: $c) { id } }`,
    vars: (id) => ({ id, c: randomUUID() }),
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { customer } = slot;
  const tender = randomUUID();
  await owner.query(
    `INSERT INTO tenders (branch_id, id, project, issuer, customer_id, owner_id, submission_deadline, bid_amount,
         currency, deposit_amount, created_by)
       VALUES ($1, $2, $3, 'Seed issuer', $4, $5, '2030-06-01T02:00:00Z', 1000, 'CNY', 100, $5)`,
    [branch, tender, `${name} tender`, customer, u.id],
  );
  const tenderDocument = randomUUID();
  await owner.query(
    `INSERT INTO tender_documents (branch_id, id, tender_id, name) VALUES ($1, $2, $3, 'Seed licence')`,
    [branch, tenderDocument, tender],
  );
  Object.assign(slot, { tender, tenderDocument });
}
