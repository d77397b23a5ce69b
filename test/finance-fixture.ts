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
export function newCustomer(w: FinanceWorld, branchId: string, ownerId: string): Promise<string> {
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

/** Cents of an amount and back, exact: libs/core's money arithmetic. */
export const cents = toCents;
export const money = (c: bigint | number): string => fromCents(BigInt(c));
