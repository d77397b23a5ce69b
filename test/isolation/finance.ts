import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { owner, org1, slots, tokens, byName, ok, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Finance: receipts, receivables, invoices. */
export interface FinanceSlot {
  /** A RECORDED receipt from the slot's customer, 1,000.00 of its 3,000.00 applied to the slot's instalment. */
  receipt: string;
  /** An ISSUED invoice of 1,130.00 (one line) on the slot's contract, requested by the slot's user. */
  invoice: string;
  invoiceLine: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = ['receipts', 'receipt_applications', 'invoices', 'invoice_lines', 'invoice_number_counters'];

export const cases: Case[] = [
  {
    name: 'receipt(id)',
    kind: 'receipt',
    doc: `query($id: ID!) { receipt(id: $id) { id amount applications { id instalmentId } customer { id } } }`,
  },
  {
    name: 'receipts(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { receipts(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'receipts(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { receipts(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'recordReceipt(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { recordReceipt(input: { customerId: $id, kind: BANK_TRANSFER, amount: "10.00",
            receivedOn: "2026-01-05", reference: "Probe" }) { id } }`,
  },
  {
    name: 'recordReceipt(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { recordReceipt(input: { branchId: $id, customerId: "${randomUUID()}", kind: CHEQUE,
            amount: "10.00", receivedOn: "2026-01-05", reference: "Probe" }) { id } }`,
  },
  {
    name: 'recordReceipt(own customer, applications: foreign instalment)',
    kind: 'instalment',
    vars: (id, me) => ({ id, c: me.own.customer }),
    doc: `mutation($id: ID!, $c: ID!) { recordReceipt(input: { customerId: $c, kind: BANK_TRANSFER, amount: "10.00",
            receivedOn: "2026-01-05", reference: "Probe", applications: [{ instalmentId: $id, amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'applyReceipt(receiptId)',
    kind: 'receipt',
    doc: `mutation($id: ID!) { applyReceipt(input: { receiptId: $id,
            applications: [{ instalmentId: "${randomUUID()}", amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'applyReceipt(own receipt, foreign instalment)',
    kind: 'instalment',
    vars: (id, me) => ({ id, r: me.own.receipt }),
    doc: `mutation($id: ID!, $r: ID!) { applyReceipt(input: { receiptId: $r,
            applications: [{ instalmentId: $id, amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'reverseReceipt(id)',
    kind: 'receipt',
    doc: `mutation($id: ID!) { reverseReceipt(id: $id, reason: "Probe") { id state } }`,
  },
  {
    name: 'receivables(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { receivables(first: 50, filter: { branchId: $id }) { totalCount edges { node { customerId outstanding } } } }`,
  },
  {
    name: 'receivables(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { receivables(first: 50, filter: { customerId: $id }) { totalCount edges { node { customerId } } } }`,
  },
  {
    name: 'receivables(by: CONTRACT, filter: { contractId })',
    kind: 'contract',
    doc: `query($id: ID!) { receivables(by: CONTRACT, first: 50, filter: { contractId: $id }) { totalCount edges { node { contractId } } } }`,
  },
  {
    name: 'branchReceivables(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { branchReceivables(branchId: $id) { branchId outstanding } }`,
  },
  {
    name: 'invoice(id)',
    kind: 'invoice',
    doc: `query($id: ID!) { invoice(id: $id) { id state amount lines { id amount } customer { id } } }`,
  },
  {
    name: 'invoices(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { invoices(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'invoices(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { invoices(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'invoices(filter: { contractId })',
    kind: 'contract',
    doc: `query($id: ID!) { invoices(first: 50, filter: { contractId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'contractInvoicing(contractId)',
    kind: 'contract',
    doc: `query($id: ID!) { contractInvoicing(contractId: $id) { amount standing invoiceable } }`,
  },
  {
    name: 'requestInvoice(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!) { requestInvoice(input: { contractId: $id, lines: [{ description: "Probe", amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'issueInvoice(id)',
    kind: 'invoice',
    doc: `mutation($id: ID!) { issueInvoice(id: $id, input: { type: VAT_SPECIAL, taxRate: "13" }) { id number } }`,
  },
  {
    name: 'deliverInvoice(id)',
    kind: 'invoice',
    doc: `mutation($id: ID!) { deliverInvoice(id: $id) { id state } }`,
  },
  {
    name: 'confirmInvoice(id)',
    kind: 'invoice',
    doc: `mutation($id: ID!) { confirmInvoice(id: $id) { id state } }`,
  },
  {
    name: 'creditInvoice(invoiceId)',
    kind: 'invoice',
    doc: `mutation($id: ID!) { creditInvoice(input: { invoiceId: $id, reason: "Probe",
            lines: [{ lineId: "${randomUUID()}", amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'creditInvoice(foreign line)',
    kind: 'invoiceLine',
    vars: (id, me) => ({ id, i: me.own.invoice }),
    doc: `mutation($id: ID!, $i: ID!) { creditInvoice(input: { invoiceId: $i, reason: "Probe",
            lines: [{ lineId: $id, amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'invoicedReceivables(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { invoicedReceivables(first: 50, filter: { branchId: $id }) { totalCount edges { node { customerId receivable } } } }`,
  },
  {
    name: 'invoicedReceivables(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { invoicedReceivables(first: 50, filter: { customerId: $id }) { totalCount edges { node { customerId } } } }`,
  },
  {
    name: 'invoicedReceivables(by: CONTRACT, filter: { contractId })',
    kind: 'contract',
    doc: `query($id: ID!) { invoicedReceivables(by: CONTRACT, first: 50, filter: { contractId: $id }) { totalCount edges { node { contractId } } } }`,
  },
  // Invoices from deliveries: the returns module's ACCEPTED shipment of each slot.
  {
    name: 'shipmentInvoicing(shipmentId)',
    kind: 'acceptedShipment',
    doc: `query($id: ID!) { shipmentInvoicing(shipmentId: $id) { shipmentId lines { shipmentLineId invoiceable } } }`,
  },
  {
    name: 'invoices(filter: { shipmentId })',
    kind: 'acceptedShipment',
    doc: `query($id: ID!) { invoices(first: 50, filter: { shipmentId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'requestDeliveryInvoice(shipmentId)',
    kind: 'acceptedShipment',
    doc: `mutation($id: ID!) { requestDeliveryInvoice(input: { shipmentId: $id }) { id lines { quantity } } }`,
  },
  {
    name: 'requestDeliveryInvoice(shipmentId, lines)',
    kind: 'acceptedShipment',
    doc: `mutation($id: ID!, $l: ID!) { requestDeliveryInvoice(input: { shipmentId: $id,
            lines: [{ shipmentLineId: $l, quantity: "1" }] }) { id } }`,
    vars: (id) => ({ id, l: randomUUID() }),
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { contract, customer, instalment } = slot;
  const receipt = randomUUID();
  await owner.query(
    `INSERT INTO receipts (branch_id, id, kind, customer_id, amount, applied_amount, currency, received_on, reference,
         recorded_by) VALUES ($1, $2, 'BANK_TRANSFER', $3, 3000, 1000, 'CNY', '2026-11-02', $4, $5)`,
    [branch, receipt, customer, `${name} transfer`, u.id],
  );
  await owner.query(
    `INSERT INTO receipt_applications (branch_id, id, receipt_id, instalment_id, contract_id, amount, applied_by)
       VALUES ($1, $2, $3, $4, $5, 1000, $6)`,
    [branch, randomUUID(), receipt, instalment, contract, u.id],
  );
  await owner.query('UPDATE contract_instalments SET paid_amount = 1000 WHERE branch_id = $1 AND id = $2', [
    branch,
    instalment,
  ]);
  const invoice = randomUUID();
  const invoiceLine = randomUUID();
  const seq = await owner.query<{ last: number }>(
    `INSERT INTO invoice_number_counters (branch_id, series, year, last) VALUES ($1, 'INVOICE', 2026, 1)
       ON CONFLICT (branch_id, series, year) DO UPDATE SET last = invoice_number_counters.last + 1 RETURNING last`,
    [branch],
  );
  await owner.query(
    `INSERT INTO invoices (branch_id, id, kind, customer_id, contract_id, state, type, currency, amount, tax_amount,
         number, number_year, number_seq, issued_on, requested_by, issued_by)
       VALUES ($1, $2, 'INVOICE', $3, $4, 'ISSUED', 'VAT_SPECIAL', 'CNY', 1130, 130, $5, 2026, $6, '2026-11-03', $7, $7)`,
    [branch, invoice, customer, contract, `${name}-FP-2026-${seq.rows[0].last}`, seq.rows[0].last, u.id],
  );
  await owner.query(
    `INSERT INTO invoice_lines (branch_id, id, invoice_id, position, description, amount, tax_rate, tax_amount)
       VALUES ($1, $2, $3, 1, 'Pumps', 1130, 13, 130)`,
    [branch, invoiceLine, invoice],
  );
  Object.assign(slot, { receipt, invoice, invoiceLine });
}

export async function ownIds(): Promise<void> {
  const fin = tokens.financeA1;
  expect((await ok(fin, byName('receipt(id)'), { id: slots.A1.receipt })).receipt.id).toBe(slots.A1.receipt);
  expect(
    (await ok(fin, byName('receivables(by: CONTRACT, filter: { contractId })'), { id: slots.A1.contract })).receivables
      .edges,
  ).toHaveLength(1);
  expect((await ok(fin, byName('branchReceivables(branchId)'), { id: org1.a.id })).branchReceivables).toHaveLength(1);
  await ok(fin, byName('applyReceipt(own receipt, foreign instalment)'), {
    id: slots.A1.instalment,
    r: slots.A1.receipt,
  });
  await ok(fin, byName('recordReceipt(customerId)'), { id: slots.A1.customer });
  await ok(fin, byName('reverseReceipt(id)'), { id: slots.A1.receipt });
}
