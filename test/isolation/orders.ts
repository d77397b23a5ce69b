import { randomUUID } from 'node:crypto';
import { owner, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Sales orders. */
export interface OrdersSlot {
  /** A DRAFT order without a contract that the slot's user owns, with one line. */
  order: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = ['orders', 'order_lines'];

export const cases: Case[] = [
  {
    name: 'order(id)',
    kind: 'order',
    doc: `query($id: ID!) { order(id: $id) { id amount quoteId lines { id lineTotal contractLineId product { id } }
            customer { id } owner { id }
            approvalRequest { id } } }`,
  },
  {
    name: 'orders(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { orders(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'orders(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { orders(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'orders(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { orders(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'orders with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { orders(filter: { withoutContract: true }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createOrder(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createOrder(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, channel: PHONE, receivedOn: "2026-11-20",
            lines: [{ description: "Probe", quantity: "1", unitPrice: "1.00" }] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createOrder(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { createOrder(input: { branchId: $id, customerId: $customer, channel: FAX,
            receivedOn: "2026-11-20", lines: [{ description: "Probe", quantity: "1", unitPrice: "1.00" }] }) { id } }`,
    vars: (id, me) => ({ id, customer: me.own.customer }),
  },
  {
    name: 'createOrder(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { createOrder(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, channel: PHONE, receivedOn: "2026-11-20",
            lines: [{ description: "Probe", quantity: "1", unitPrice: "1.00" }] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, customer: me.own.customer }),
  },
  {
    name: 'createOrder(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { createOrder(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, contractId: $id, channel: EMAIL, receivedOn: "2026-11-20",
            lines: [{ description: "Probe", quantity: "1", unitPrice: "1.00" }] }) { id } }`,
    vars: (id, me) => ({
      id,
      branch: me.headOffice ? me.own.branch : null,
      owner: me.headOffice ? me.user.id : null,
      customer: me.own.customer,
    }),
  },
  {
    name: 'updateOrder(id)',
    kind: 'order',
    doc: `mutation($id: ID!) { updateOrder(id: $id, input: { notes: "probe",
            lines: [{ description: "Probe", quantity: "2", unitPrice: "1.00" }] }) { id amount } }`,
  },
  {
    name: 'confirmOrder(id)',
    kind: 'order',
    doc: `mutation($id: ID!) { confirmOrder(id: $id) { id state } }`,
  },
  {
    name: 'releaseOrderForShipment(id)',
    kind: 'order',
    doc: `mutation($id: ID!) { releaseOrderForShipment(id: $id) { id state } }`,
  },
  {
    name: 'cancelOrder(id)',
    kind: 'order',
    doc: `mutation($id: ID!) { cancelOrder(id: $id, reason: "probe") { id state } }`,
  },
  {
    // The caller's own contract (which has lines) with another's contract line: not a line of it, as a random id.
    name: 'createOrder(lines.contractLineId)',
    kind: 'contractLine',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!, $contract: ID!) { createOrder(input: {
            branchId: $branch, ownerId: $owner, customerId: $customer, contractId: $contract, channel: PHONE,
            receivedOn: "2026-11-20", lines: [{ contractLineId: $id, quantity: "1" }] }) { id } }`,
    vars: (id, me) => ({
      id,
      branch: me.headOffice ? me.own.branch : null,
      owner: me.headOffice ? me.user.id : null,
      customer: me.own.customer,
      contract: me.own.contract,
    }),
  },
  {
    name: 'createOrderFromQuote(quoteId)',
    kind: 'quote',
    doc: `mutation($id: ID!) { createOrderFromQuote(quoteId: $id, input: { channel: PHONE, receivedOn: "2026-11-20" }) {
            id } }`,
  },
  {
    name: 'createOrder(lines.productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { createOrder(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, channel: PHONE, receivedOn: "2026-11-20",
            lines: [{ description: "Probe", quantity: "1", unitPrice: "1.00", productId: $id }] }) { id } }`,
    vars: (id, me) => ({
      id,
      customer: me.own.customer,
      branch: me.headOffice ? me.own.branch : null,
      owner: me.headOffice ? me.user.id : null,
    }),
  },
];

export async function seedSlot({ branch, u }: SeedContext, slot: Slot): Promise<void> {
  const { customer } = slot;
  const order = randomUUID();
  await owner.query(
    `INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, received_on, amount, currency, created_by)
       VALUES ($1, $2, $3, $4, 'PHONE', '2026-11-20', 24.00, 'CNY', $4)`,
    [branch, order, customer, u.id],
  );
  await owner.query(
    `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total)
       VALUES ($1, $2, $3, 1, 'Seed line', 2, 12.00, 24.00)`,
    [branch, randomUUID(), order],
  );
  Object.assign(slot, { order });
}
