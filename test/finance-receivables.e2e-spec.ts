import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql } from '@app/testing';
import {
  RECEIVABLE,
  RECORD,
  addDays,
  caller,
  newCustomer,
  problem,
  signedContract,
  startFinanceWorld,
  stopFinanceWorld,
  today,
  type FinanceWorld,
} from './finance-fixture.js';

/**
 * Receivables with ageing over GraphQL: per customer and per contract, the bands 0-30, 31-60, 61-90 and over 90
 * days past due at their boundary days as of any day, due - paid = outstanding; head office over its branches in
 * one statement for the page whatever the number of branches and rows; nothing of another organization.
 */

const LIST = `query($by: ReceivableGrouping, $asOf: Date, $f: ReceivableFilter, $first: Int, $after: String) {
  receivables(by: $by, asOf: $asOf, filter: $f, first: $first, after: $after) {
    edges { cursor node { ${RECEIVABLE} } } pageInfo { hasNextPage endCursor } } }`;

interface Row {
  branchId: string;
  customerId: string;
  contractId: string | null;
  asOf: string;
  due: string;
  paid: string;
  outstanding: string;
  notDue: string;
  days0to30: string;
  days31to60: string;
  days61to90: string;
  over90: string;
}

describe('finance receivables', () => {
  let w: FinanceWorld;
  let ok: ReturnType<typeof caller>['ok'];
  let call: ReturnType<typeof caller>['call'];
  const AS_OF = '2026-09-30';

  beforeAll(async () => {
    w = await startFinanceWorld();
    ({ ok, call } = caller(w));
  });

  afterAll(() => stopFinanceWorld(w));

  it('ages each open amount into its band as of the day, at the boundaries; due - paid = outstanding', async () => {
    const { a } = w.org;
    const { repA } = w.org.users;
    const customer = await newCustomer(w, a.id, repA.id);
    // Days past due as of AS_OF: -1 (not due), 0 and 30, 31 and 60, 61 and 90, 91.
    const days = [-1, 0, 30, 31, 60, 61, 90, 91];
    const { contractId, instalmentIds } = await signedContract(
      w,
      { branchId: a.id, customerId: customer, ownerId: repA.id },
      days.map((d, i) => ({ amount: `${(i + 1) * 100}.00`, dueOn: addDays(AS_OF, -d) })),
    );
    const second = await signedContract(w, { branchId: a.id, customerId: customer, ownerId: repA.id }, [
      { amount: '5000.00', dueOn: addDays(AS_OF, -200) },
    ]);
    // 150.00 of the 0-day instalment (200.00) paid; the 61-day one (600.00) waived after 100.00 was paid.
    await ok('financeA', RECORD, {
      in: {
        customerId: customer,
        kind: 'BANK_TRANSFER',
        amount: '1000.00',
        receivedOn: today(),
        reference: 'AGE-1',
        applications: [
          { instalmentId: instalmentIds[1], amount: '150.00' },
          { instalmentId: instalmentIds[5], amount: '100.00' },
        ],
      },
    });
    await ok('managerA', `mutation($id: ID!) { waiveInstalment(id: $id, reason: "Settled in kind") { id } }`, {
      id: instalmentIds[5],
    });

    const byContract = (
      await ok<{ receivables: { edges: { node: Row }[] } }>('financeA', LIST, {
        by: 'CONTRACT',
        asOf: AS_OF,
        f: { customerId: customer },
      })
    ).receivables.edges.map((e) => e.node);
    const mine = byContract.find((r) => r.contractId === contractId)!;
    expect(mine).toEqual({
      branchId: a.id,
      customerId: customer,
      contractId,
      currency: 'CNY',
      asOf: AS_OF,
      // 100 + 200 + ... + 800 = 3600, less the waived rest of 600 - 100.
      due: '3100.00',
      paid: '250.00',
      outstanding: '2850.00',
      notDue: '100.00',
      days0to30: '350.00',
      days31to60: '900.00',
      days61to90: '700.00',
      over90: '800.00',
    });
    const byCustomer = (
      await ok<{ receivables: { edges: { node: Row }[] } }>('financeA', LIST, {
        asOf: AS_OF,
        f: { customerId: customer },
      })
    ).receivables.edges.map((e) => e.node);
    expect(byCustomer).toEqual([
      { ...mine, contractId: null, due: '8100.00', outstanding: '7850.00', over90: '5800.00' },
    ]);
    expect(second.instalmentIds).toHaveLength(1);

    // As of another day the same amounts fall into other bands.
    const later = (
      await ok<{ receivables: { edges: { node: Row }[] } }>('financeA', LIST, {
        by: 'CONTRACT',
        asOf: addDays(AS_OF, 31),
        f: { contractId },
      })
    ).receivables.edges[0].node;
    expect(later).toMatchObject({
      notDue: '0.00',
      days0to30: '100.00',
      days31to60: '50.00',
      days61to90: '700.00',
      over90: '2000.00',
      outstanding: '2850.00',
    });

    // Bad input is typed.
    const bad = await call('financeA', LIST, { asOf: '2026-02-30' });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(problem(await call('repA', LIST, {})).code).toBe('FORBIDDEN');
  });

  it('head office reads every branch in one statement whatever the number of rows; nothing of another organization', async () => {
    const { a, b } = w.org;
    const { repA, repB } = w.org.users;
    for (const [branch, owner, n] of [
      [a.id, repA.id, 3],
      [b.id, repB.id, 12],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const customer = await newCustomer(w, branch, owner);
        await signedContract(w, { branchId: branch, customerId: customer, ownerId: owner }, [
          { amount: '10.00', dueOn: addDays(today(), -i * 20) },
        ]);
      }
    }
    const statements = async (first: number, f?: Record<string, unknown>) => {
      const r = await gql(w.api.url, LIST, { first, f }, { token: w.tokens.admin });
      expect(r.body.errors).toBeUndefined();
      return {
        n: Number(r.headers.get('x-sql-statements')),
        rows: (r.body.data as { receivables: { edges: unknown[] } }).receivables.edges.length,
      };
    };
    const one = await statements(1, { branchId: a.id });
    const many = await statements(100);
    expect(many.rows).toBeGreaterThanOrEqual(15);
    expect(many.n).toBe(one.n);

    // Paging walks every row once.
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (
        await ok<{
          receivables: {
            edges: { cursor: string; node: Row }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        }>('admin', LIST, { first: 4, after })
      ).receivables;
      seen.push(...page.edges.map((e) => `${e.node.branchId}:${e.node.customerId}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(many.rows);

    // Per branch, one row each, one statement; the sums agree with the per-customer rows.
    const BRANCHES = `query { branchReceivables { branchId due paid outstanding over90 } }`;
    const hq = await gql<{ branchReceivables: { branchId: string; outstanding: string }[] }>(
      w.api.url,
      BRANCHES,
      {},
      { token: w.tokens.admin },
    );
    const branchRows = hq.body.data!.branchReceivables;
    expect(branchRows.map((r) => r.branchId).sort()).toEqual([a.id, b.id].sort());
    const single = await gql(
      w.api.url,
      `query($b: ID) { branchReceivables(branchId: $b) { branchId } }`,
      { b: a.id },
      {
        token: w.tokens.admin,
      },
    );
    expect(hq.headers.get('x-sql-statements')).toBe(single.headers.get('x-sql-statements'));

    // Another organization's head office and finance see none of it.
    const theirs = await ok<{ receivables: { edges: unknown[] }; branchReceivables: unknown[] }>(
      'admin2',
      `query { receivables(first: 100) { edges { cursor } } branchReceivables { branchId } }`,
    );
    expect(theirs).toEqual({ receivables: { edges: [] }, branchReceivables: [] });
  });
});
