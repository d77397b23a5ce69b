import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import type pg from 'pg';
import { addDays, fromCents, toCents, todayIn } from '@app/core';
import {
  PASSWORD,
  cleanRedis,
  createOrg,
  createTestDatabase,
  gql,
  insertCustomer,
  login,
  ownerClient,
  startApp,
  testConfig,
  type GqlResponse,
  type TestApp,
  type TestOrg,
} from '@app/testing';

/**
 * One arrangement for the finance specs: an organization (head office, branches A and B in Asia/Shanghai) and a
 * second one, the booted app, a token per person, and signed contracts with instalments inserted directly (the
 * contract lifecycle has its own specs).
 */

export const RECEIPT = `id branchId kind customerId amount appliedAmount unappliedAmount currency receivedOn maturityOn
  reference state reversalReason applications { id instalmentId contractId amount reversedAt }`;

export interface ReceiptView {
  id: string;
  branchId: string;
  amount: string;
  appliedAmount: string;
  unappliedAmount: string;
  state: string;
  receivedOn: string;
  applications: { id: string; instalmentId: string; amount: string; reversedAt: string | null }[];
}

export const RECORD = `mutation($in: RecordReceiptInput!) { recordReceipt(input: $in) { ${RECEIPT} } }`;
export const APPLY = `mutation($in: ApplyReceiptInput!) { applyReceipt(input: $in) { ${RECEIPT} } }`;
export const REVERSE = `mutation($id: ID!, $r: String!) { reverseReceipt(id: $id, reason: $r) { ${RECEIPT} } }`;
export const RECEIVABLE = `branchId customerId contractId currency asOf due paid outstanding notDue days0to30 days31to60
  days61to90 over90`;

/** Today in the branches' time zone, and calendar arithmetic: libs/core's business days. */
export const today = () => todayIn('Asia/Shanghai');
export { addDays };

export const problem = (r: GqlResponse) => ({
  code: r.body.errors?.[0]?.extensions?.code,
  fields: r.body.errors?.[0]?.extensions?.fields?.map((f) => f.field) ?? [],
});

export interface FinanceWorld {
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  owner: pg.Client;
  api: TestApp;
  org: TestOrg;
  org2: TestOrg;
  tokens: Record<string, string>;
}

export async function startFinanceWorld(): Promise<FinanceWorld> {
  const db = await createTestDatabase();
  const owner = await ownerClient(db.url);
  const org = await createOrg(owner);
  const org2 = await createOrg(owner);
  const api = await startApp(testConfig(db.url, { LOGIN_MAX_PER_CLIENT: '1000', LOGIN_MAX_PER_ACCOUNT: '1000' }));
  const tokens: Record<string, string> = {};
  for (const [k, u] of Object.entries(org.users)) tokens[k] = (await login(api.url, u.email, PASSWORD)).accessToken;
  tokens.admin2 = (await login(api.url, org2.users.admin.email, PASSWORD)).accessToken;
  tokens.finance2 = (await login(api.url, org2.users.financeA.email, PASSWORD)).accessToken;
  return { db, owner, api, org, org2, tokens };
}

export async function stopFinanceWorld(w: FinanceWorld | undefined): Promise<void> {
  await w?.api?.close();
  if (w?.api) await cleanRedis(w.api.config);
  await w?.owner?.end();
  await w?.db?.drop();
}

export function caller(w: FinanceWorld) {
  const call = <T = Record<string, unknown>>(who: string, doc: string, vars: Record<string, unknown> = {}) =>
    gql<T>(w.api.url, doc, vars, { token: w.tokens[who] });
  const ok = async <T = Record<string, unknown>>(who: string, doc: string, vars: Record<string, unknown> = {}) => {
    const r = await call<T>(who, doc, vars);
    expect({ who, errors: r.body.errors }).toEqual({ who, errors: undefined });
    return r.body.data!;
  };
  return { call, ok };
}

/** A customer of the branch (owned by `ownerId`). */
export function newCustomer(w: Pick<FinanceWorld, 'owner'>, branchId: string, ownerId: string): Promise<string> {
  return insertCustomer(w.owner, { branchId, ownerId, name: `Payer ${randomUUID().slice(0, 8)}` });
}

/** A SIGNED contract of the customer with instalments (amount, due day), inserted directly. Returns their ids. */
export async function signedContract(
  w: Pick<FinanceWorld, 'owner'>,
  c: { branchId: string; customerId: string; ownerId: string },
  instalments: { amount: string; dueOn: string }[],
): Promise<{ contractId: string; instalmentIds: string[] }> {
  const contractId = randomUUID();
  const total = instalments.reduce((s, i) => s + toCents(i.amount), 0n);
  await w.owner.query(
    `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
       number, signed_on, version, created_by)
     VALUES ($1, $2, $3, 'Pumps', $4, 'CNY', '2026-01-01', '2028-12-31', $5, 'SIGNED', $6, '2026-01-02', 1, $5)`,
    [c.branchId, contractId, c.customerId, fromCents(total), c.ownerId, `N-${contractId.slice(0, 8)}`],
  );
  const instalmentIds: string[] = [];
  for (const i of instalments) {
    const id = randomUUID();
    await w.owner.query(
      `INSERT INTO contract_instalments (branch_id, id, contract_id, kind, due_on, amount, currency, next_action_at,
         created_by)
       VALUES ($1, $2, $3, 'PROGRESS', $4, $5, 'CNY', ($4::date)::timestamp AT TIME ZONE 'Asia/Shanghai', $6)`,
      [c.branchId, id, contractId, i.dueOn, i.amount, c.ownerId],
    );
    instalmentIds.push(id);
  }
  return { contractId, instalmentIds };
}

/**
 * The property tests' world for one run: two customers of the branch, each with one SIGNED contract of two
 * instalments (`amounts[c * 2 + k]` cents, due on `dues[k]`). Contract c belongs to customer c.
 */
export async function twoCustomerContracts(
  w: Pick<FinanceWorld, 'owner'>,
  c: { branchId: string; ownerId: string; amounts: number[]; dues: [string, string] },
): Promise<{
  customers: string[];
  contracts: { id: string; amount: number }[];
  instalments: { id: string; contract: number; amount: number }[];
}> {
  const customers = [await newCustomer(w, c.branchId, c.ownerId), await newCustomer(w, c.branchId, c.ownerId)];
  const contracts: { id: string; amount: number }[] = [];
  const instalments: { id: string; contract: number; amount: number }[] = [];
  for (const k of [0, 1]) {
    const made = await signedContract(
      w,
      { branchId: c.branchId, customerId: customers[k], ownerId: c.ownerId },
      c.dues.map((dueOn, i) => ({ amount: money(c.amounts[k * 2 + i]), dueOn })),
    );
    contracts.push({ id: made.contractId, amount: c.amounts[k * 2] + c.amounts[k * 2 + 1] });
    made.instalmentIds.forEach((id, i) => instalments.push({ id, contract: k, amount: c.amounts[k * 2 + i] }));
  }
  return { customers, contracts, instalments };
}

/** Cents of an amount and back, exact: libs/core's money arithmetic. */
export const cents = toCents;
export const money = (c: bigint | number): string => fromCents(BigInt(c));

// ---- invoices ----
export const INVOICE = `id branchId kind state type customerId contractId creditedInvoiceId currency amount taxAmount
  netAmount creditedAmount remainingAmount number issuedOn note approvalRequestId
  lines { id position description amount taxRate taxAmount creditedAmount creditedTax creditedLineId }`;

export interface InvoiceLineView {
  id: string;
  position: number;
  description: string;
  amount: string;
  taxRate: string | null;
  taxAmount: string | null;
  creditedAmount: string;
  creditedTax: string;
  creditedLineId: string | null;
}

export interface InvoiceView {
  id: string;
  branchId: string;
  kind: 'INVOICE' | 'CREDIT_NOTE';
  state: string;
  type: string | null;
  customerId: string;
  contractId: string;
  creditedInvoiceId: string | null;
  amount: string;
  taxAmount: string | null;
  netAmount: string | null;
  creditedAmount: string;
  remainingAmount: string;
  number: string | null;
  issuedOn: string | null;
  approvalRequestId: string | null;
  lines: InvoiceLineView[];
}

export const REQUEST_INVOICE = `mutation($in: RequestInvoiceInput!) { requestInvoice(input: $in) { ${INVOICE} } }`;
export const ISSUE_INVOICE = `mutation($id: ID!, $in: IssueInvoiceInput!) { issueInvoice(id: $id, input: $in) { ${INVOICE} } }`;
export const DELIVER_INVOICE = `mutation($id: ID!) { deliverInvoice(id: $id) { ${INVOICE} } }`;
export const CONFIRM_INVOICE = `mutation($id: ID!) { confirmInvoice(id: $id) { ${INVOICE} } }`;
export const CREDIT_INVOICE = `mutation($in: CreditInvoiceInput!) { creditInvoice(input: $in) { ${INVOICE} } }`;
export const GET_INVOICE = `query($id: ID!) { invoice(id: $id) { ${INVOICE} } }`;
export const CONTRACT_INVOICING = `query($id: ID!) { contractInvoicing(contractId: $id) { amount standing invoiceable } }`;
export const APPROVE_STEP = `mutation($s: ID!) { approveStep(stepId: $s) { id status } }`;
export const REJECT_STEP = `mutation($s: ID!) { rejectStep(stepId: $s, reason: "Wrong buyer") { id status } }`;
export const INVOICED_RECEIVABLES = `query($by: ReceivableGrouping, $f: ReceivableFilter) {
  invoicedReceivables(by: $by, first: 100, filter: $f) { totalCount edges { node {
    branchId customerId contractId currency invoiced credited received receivable } } } }`;

/** The pending step of an approval request (the finance reviewer decides it). */
export async function pendingStep(w: Pick<FinanceWorld, 'owner'>, requestId: string): Promise<string> {
  const r = await w.owner.query<{ id: string }>(
    `SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`,
    [requestId],
  );
  return r.rows[0]?.id;
}
// Invoices from deliveries.
export const DELIVERY_LINES = `id position description amount quantity unitPrice creditedQuantity shipmentLineId
  orderLineId creditedAmount`;
export const REQUEST_DELIVERY = `mutation($in: RequestDeliveryInvoiceInput!) { requestDeliveryInvoice(input: $in) {
  id state amount contractId orderId shipmentId approvalRequestId lines { ${DELIVERY_LINES} } } }`;
export const SHIPMENT_INVOICING = `query($id: ID!) { shipmentInvoicing(shipmentId: $id) { branchId shipmentId orderId
  contractId status currency lines { shipmentLineId orderLineId description unitPrice delivered returned invoiced
  invoiceable } } }`;

export interface DeliveryInvoice {
  id: string;
  state: string;
  amount: string;
  approvalRequestId: string;
  lines: { id: string; amount: string; quantity: string; unitPrice: string; shipmentLineId: string }[];
}
// ---- end invoices ----

// ---- reconciliation ----
type Caller = {
  owner: pg.Client;
  ok: <T = Record<string, unknown>>(who: string, doc: string, vars?: Record<string, unknown>) => Promise<T>;
};

/** An invoice on the contract requested by `rep`, approved and issued by finance (13% VAT); its issue day set to `day`. */
export async function issuedInvoice(
  f: Caller,
  c: { contractId: string; amount: string; day?: string; rep?: string },
): Promise<InvoiceView> {
  const requested = (
    await f.ok<{ requestInvoice: InvoiceView }>(c.rep ?? 'repA', REQUEST_INVOICE, {
      in: { contractId: c.contractId, lines: [{ description: 'Goods', amount: c.amount }] },
    })
  ).requestInvoice;
  await f.ok('financeA', APPROVE_STEP, { s: await pendingStep(f, requested.approvalRequestId!) });
  const issued = (
    await f.ok<{ issueInvoice: InvoiceView }>('financeA', ISSUE_INVOICE, {
      id: requested.id,
      in: { type: 'VAT_SPECIAL', taxRate: '13' },
    })
  ).issueInvoice;
  if (c.day) await backdate(f, issued.id, c.day);
  return { ...issued, issuedOn: c.day ?? issued.issuedOn };
}

/** An invoice's or credit note's issue day moved (issuing dates it today): arrangement, as the database owner. */
export async function backdate(f: Pick<Caller, 'owner'>, invoiceId: string, day: string): Promise<void> {
  await f.owner.query('UPDATE invoices SET issued_on = $2 WHERE id = $1', [invoiceId, day]);
}
// ---- end reconciliation ----
