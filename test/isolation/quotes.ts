import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { owner, slots, tokens, byName, ok, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Quotes and their lines. */
export interface QuotesSlot {
  /** A DRAFT quote the slot's user owns, with one line. */
  quote: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = ['quotes', 'quote_lines'];

export const cases: Case[] = [
  {
    name: 'contract(id) { quote }',
    kind: 'contract',
    doc: `query($id: ID!) { contract(id: $id) { id quote { id lines { id } } } }`,
  },
  {
    name: 'quote(id)',
    kind: 'quote',
    doc: `query($id: ID!) { quote(id: $id) { id title total needsApproval lines { lineTotal measuredDiscountPercent
            product { id } } customer { id } owner { id }
            approvalRequest { id } } }`,
  },
  {
    name: 'quotes(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { quotes(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'quotes(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { quotes(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'quotes(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { quotes(first: 50, filter: { customerId: $id, state: DRAFT }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'quotes with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { quotes { totalCount edges { node { id lines { id } } } } }`,
  },
  {
    name: 'createQuote(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createQuote(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, title: "Probe", validUntil: "2099-12-31",
            lines: [{ kind: PRODUCT, description: "Probe", quantity: "1", unitPrice: "10.00" }] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createQuote(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { createQuote(input: { branchId: $id, customerId: $customer, title: "Probe",
            validUntil: "2099-12-31", lines: [{ kind: SERVICE, description: "Probe", quantity: "1", unitPrice: "10.00" }] }) { id } }`,
    vars: (id, me) => ({ id, customer: me.own.customer }),
  },
  {
    name: 'createQuote(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { createQuote(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, title: "Probe", validUntil: "2099-12-31",
            lines: [{ kind: PRODUCT, description: "Probe", quantity: "1", unitPrice: "10.00" }] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, customer: me.own.customer }),
  },
  {
    name: 'updateQuote(id)',
    kind: 'quote',
    doc: `mutation($id: ID!) { updateQuote(id: $id, input: { title: "Probe",
            lines: [{ kind: PRODUCT, description: "Probe", quantity: "3", unitPrice: "1.00", discountPercent: "50" }] }) { id } }`,
  },
  ...['submitQuoteForApproval', 'sendQuote', 'acceptQuote'].map((op) => ({
    name: `${op}(id)`,
    kind: 'quote' as const,
    doc: `mutation($id: ID!) { ${op}(id: $id) { id state } }`,
  })),
  {
    name: 'declineQuote(id)',
    kind: 'quote',
    doc: `mutation($id: ID!) { declineQuote(id: $id, reason: "probe") { id state } }`,
  },
  {
    name: 'createContractFromQuote(quoteId)',
    kind: 'quote',
    doc: `mutation($id: ID!) { createContractFromQuote(quoteId: $id, input: { startsOn: "2027-01-01", endsOn: "2027-12-31" }) { id } }`,
  },
  {
    name: 'createQuote(lines.productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { createQuote(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, title: "Probe", validUntil: "2099-12-31",
            lines: [{ kind: PRODUCT, description: "Probe", quantity: "1", productId: $id }] }) { id } }`,
    vars: (id, me) => ({
      id,
      customer: me.own.customer,
      branch: me.headOffice ? me.own.branch : null,
      owner: me.headOffice ? me.user.id : null,
    }),
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { customer } = slot;
  const quote = randomUUID();
  await owner.query(
    `INSERT INTO quotes (branch_id, id, customer_id, owner_id, title, currency, valid_until, subtotal, discount_amount,
         total, max_discount_percent, created_by)
       VALUES ($1, $2, $3, $4, $5, 'CNY', '2099-12-31', 200, 10, 190, 5, $4)`,
    [branch, quote, customer, u.id, `${name} quote`],
  );
  await owner.query(
    `INSERT INTO quote_lines (branch_id, id, quote_id, position, kind, description, quantity, unit_price,
         discount_percent, gross_amount, line_total)
       VALUES ($1, $2, $3, 1, 'PRODUCT', 'Pumps', 2, 100, 5, 200, 190)`,
    [branch, randomUUID(), quote],
  );
  Object.assign(slot, { quote });
}

export async function ownIds(): Promise<void> {
  const rep = tokens.repA1;
  expect((await ok(rep, byName('quote(id)'), { id: slots.A1.quote })).quote.id).toBe(slots.A1.quote);
  await ok(rep, byName('updateQuote(id)'), { id: slots.A1.quote });
  await ok(rep, byName('createQuote(customerId)'), { id: slots.A1.customer, branch: null, owner: null });
  expect(
    (await ok(rep, byName('submitQuoteForApproval(id)'), { id: slots.A1.quote })).submitQuoteForApproval.state,
  ).toBe('PENDING_APPROVAL');
}
