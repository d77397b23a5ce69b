import { randomUUID } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import { insertCustomer, useFixture } from '@app/testing';
import { ContractPurchasesService } from '../src/modules/contracts/contract-purchases.service.js';
import { EXPORT_PAGE } from '../src/modules/finance/statistics.service.js';

/**
 * Purchase/sales and target-customer statistics end to end: contracts signed, by the business day they were signed,
 * per week or month, branch and customer (target customers: the HIGH tier); the same rows as GraphQL, CSV (UTF-8
 * BOM, Chinese titles, lang=en) and XLSX downloads with the API's bearer token and row-level security; a large
 * export is read in pages of EXPORT_PAGE rows, never at once.
 */

const TOTALS = `query($p: StatisticsPeriod!, $from: Date!, $to: Date!, $b: ID) {
  purchaseTotals(period: $p, from: $from, to: $to, branchId: $b) {
    branchId periodStart periodEnd currency contracts customers amount targetContracts targetCustomers targetAmount } }`;
const ROWS = `query($p: StatisticsPeriod!, $from: Date!, $to: Date!, $t: Boolean, $first: Int, $after: String) {
  purchaseStatistics(period: $p, from: $from, to: $to, targetOnly: $t, first: $first, after: $after) {
    edges { node { periodStart periodEnd customerId customerName tier target contracts amount currency } }
    pageInfo { hasNextPage endCursor } } }`;

describe('finance statistics', () => {
  const f = useFixture();
  const { ok, refused } = f;
  let nextYear = 2150;
  const freshYear = () => nextYear++;

  /** A contract signed on `day` (as the owner: arrangement of history). */
  const signed = async (branchId: string, customerId: string, ownerId: string, day: string, amount: string) => {
    const id = randomUUID();
    await f.owner.query(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         created_by, number, signed_on)
       VALUES ($1, $2, $3, 'Supply', $4, 'CNY', $5, $5, $6, 'SIGNED', $6, $7, $5)`,
      [branchId, id, customerId, amount, day, ownerId, `ST-${id}`],
    );
  };
  const download = async (who: string, path: string) => {
    const res = await fetch(`${f.api.url.replace(/\/graphql$/, '')}${path}`, {
      headers: { authorization: `Bearer ${f.tokens[who]}` },
    });
    return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
  };

  it('adds up contracts signed per week and month, target customers apart; a rep counts their own', async () => {
    const y = freshYear();
    const { a, b } = f.org;
    const { repA, rep2A, repB } = f.org.users;
    const big = await insertCustomer(f.owner, { branchId: a.id, ownerId: repA.id, name: `Big ${y}`, tier: 'HIGH' });
    const small = await insertCustomer(f.owner, { branchId: a.id, ownerId: rep2A.id, name: `Small ${y}`, tier: 'LOW' });
    const other = await insertCustomer(f.owner, { branchId: b.id, ownerId: repB.id, name: `Other ${y}`, tier: 'HIGH' });
    await signed(a.id, big, repA.id, `${y}-01-05`, '1000.10');
    await signed(a.id, big, repA.id, `${y}-01-06`, '0.20');
    await signed(a.id, small, rep2A.id, `${y}-01-07`, '300');
    await signed(a.id, small, rep2A.id, `${y}-02-10`, '50.5');
    await signed(b.id, other, repB.id, `${y}-01-05`, '7');
    const vars = { p: 'MONTH', from: `${y}-01-01`, to: `${y}-12-31` };
    const months = (await ok<{ purchaseTotals: Record<string, unknown>[] }>('managerA', TOTALS, vars)).purchaseTotals;
    expect(months).toEqual([
      {
        branchId: a.id,
        periodStart: `${y}-01-01`,
        periodEnd: `${y}-01-31`,
        currency: 'CNY',
        contracts: 3,
        customers: 2,
        amount: '1300.30',
        targetContracts: 2,
        targetCustomers: 1,
        targetAmount: '1000.30',
      },
      {
        branchId: a.id,
        periodStart: `${y}-02-01`,
        periodEnd: `${y}-02-28`,
        currency: 'CNY',
        contracts: 1,
        customers: 1,
        amount: '50.50',
        targetContracts: 0,
        targetCustomers: 0,
        targetAmount: '0.00',
      },
    ]);
    // Head office: both branches, or one.
    const hq = (await ok<{ purchaseTotals: { branchId: string }[] }>('admin', TOTALS, vars)).purchaseTotals;
    expect(hq.map((t) => t.branchId).sort()).toEqual([a.id, a.id, b.id].sort());
    expect(
      (await ok<{ purchaseTotals: unknown[] }>('admin', TOTALS, { ...vars, b: b.id })).purchaseTotals,
    ).toHaveLength(1);
    // Weeks: Monday to Sunday.
    const weeks = (
      await ok<{ purchaseTotals: { periodStart: string; periodEnd: string }[] }>('managerA', TOTALS, {
        ...vars,
        p: 'WEEK',
      })
    ).purchaseTotals;
    for (const w of weeks) expect(new Date(`${w.periodStart}T00:00:00Z`).getUTCDay()).toBe(1);
    // A rep: their own contracts only.
    const mine = (
      await ok<{ purchaseStatistics: { edges: { node: { customerId: string; amount: string; target: boolean } }[] } }>(
        'repA',
        ROWS,
        vars,
      )
    ).purchaseStatistics.edges.map((e) => e.node);
    expect(mine).toEqual([expect.objectContaining({ customerId: big, amount: '1000.30', target: true })]);
    const targets = (
      await ok<{ purchaseStatistics: { edges: { node: { customerId: string } }[] } }>('managerA', ROWS, {
        ...vars,
        t: true,
      })
    ).purchaseStatistics.edges.map((e) => e.node.customerId);
    expect(targets).toEqual([big]);
    expect((await refused('managerA', TOTALS, { ...vars, to: `${y - 1}-12-31` })).fields).toEqual(['to']);
    expect((await refused('managerA', TOTALS, { ...vars, to: `${y + 5}-12-31` })).fields).toEqual(['to']);
    // A branch outside one's scope counts nothing, as a branch that does not exist.
    expect((await ok<{ purchaseTotals: unknown[] }>('managerA', TOTALS, { ...vars, b: b.id })).purchaseTotals).toEqual(
      [],
    );
  });

  it('downloads the same rows as CSV (BOM, Chinese titles; lang=en) and XLSX; refused without a token', async () => {
    const y = freshYear();
    const { a } = f.org;
    const { repA } = f.org.users;
    const c = await insertCustomer(f.owner, {
      branchId: a.id,
      ownerId: repA.id,
      name: `"Quote", =Co ${y}`,
      tier: 'HIGH',
    });
    await signed(a.id, c, repA.id, `${y}-03-03`, '123456789012.34');
    await signed(a.id, c, repA.id, `${y}-03-04`, '0.01');
    const q = `period=MONTH&from=${y}-01-01&to=${y}-12-31`;
    const csv = await download('managerA', `/statistics/purchases.csv?${q}`);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.body.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('周期开始,周期结束,分公司,客户,客户等级,重点客户,签约合同数,签约金额,币种');
    expect(lines).toContain(`${y}-03-01,${y}-03-31,${a.code},"""Quote"", =Co ${y}",HIGH,Y,2,123456789012.35,CNY`);
    const en = await download('managerA', `/statistics/purchases.csv?${q}&lang=en`);
    expect(en.body.toString('utf8').slice(1).split('\r\n')[0]).toBe(
      'Period start,Period end,Branch,Customer,Tier,Target customer,Contracts signed,Amount,Currency',
    );
    const xlsx = await download('managerA', `/statistics/purchases.xlsx?${q}&target=true`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('周期开始');
    const row = sheet.getRow(2);
    expect([row.getCell(1).value, row.getCell(4).value, row.getCell(7).value, row.getCell(8).value]).toEqual([
      `${y}-03-01`,
      `"Quote", =Co ${y}`,
      2,
      123456789012.35,
    ]);
    // Authorized like the API: no token, a role without statistics, bad arguments: typed errors, nothing streamed.
    const none = await fetch(`${f.api.url.replace(/\/graphql$/, '')}/statistics/purchases.csv?${q}`);
    expect(none.status).toBe(401);
    const bad = await download('managerA', `/statistics/purchases.csv?period=DAY&from=${y}-01-01&to=${y}-12-31`);
    expect([bad.status, JSON.parse(bad.body.toString()).errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect((await download('managerA', `/statistics/purchases.pdf?${q}`)).status).toBe(400);
    // Another branch's manager sees none of branch A's rows (RLS), header only.
    const foreign = await download('managerB', `/statistics/purchases.csv?${q}&branchId=${a.id}`);
    expect(foreign.body.toString('utf8').slice(1).split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it('a large export is read in pages of EXPORT_PAGE rows and streamed: never the whole year at once', async () => {
    const y = freshYear();
    const { a } = f.org;
    const { repA } = f.org.users;
    const customers = 120;
    // 120 customers x 52 weeks = 6,240 rows of the weekly statistic, arranged in two statements.
    const ids = await f.owner.query<{ id: string }>(
      `INSERT INTO customers (branch_id, id, name, owner_id, tier, next_contact_due_at)
       SELECT $1, gen_random_uuid(), 'Bulk ' || $3 || '-' || g, $2, 'LOW', now() FROM generate_series(1, $4) g
       RETURNING id`,
      [a.id, repA.id, y, customers],
    );
    await f.owner.query(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         created_by, number, signed_on)
       SELECT $1, x.id, x.c, 'Bulk', 10.01, 'CNY', x.d, x.d, $2, 'SIGNED', $2, 'BULK-' || x.id, x.d
       FROM (SELECT gen_random_uuid() AS id, c, ($4::date + w * 7) AS d
             FROM unnest($3::uuid[]) c CROSS JOIN generate_series(0, 51) w) x`,
      [a.id, repA.id, ids.rows.map((r) => r.id), `${y}-01-06`],
    );
    const purchases = f.api.app.get(ContractPurchasesService);
    const spy = jest.spyOn(purchases, 'groups');
    try {
      const csv = await download('managerA', `/statistics/purchases.csv?period=WEEK&from=${y}-01-01&to=${y}-12-31`);
      const rows = csv.body.toString('utf8').split('\r\n').filter(Boolean).length - 1;
      expect(rows).toBe(customers * 52);
      const limits = spy.mock.calls.map((c) => c[2].limit);
      expect(limits.every((l) => l === EXPORT_PAGE)).toBe(true);
      expect(spy.mock.calls.length).toBe(Math.floor(rows / EXPORT_PAGE) + 1);
      const xlsx = await download('managerA', `/statistics/purchases.xlsx?period=WEEK&from=${y}-01-01&to=${y}-12-31`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      expect(book.worksheets[0].rowCount).toBe(rows + 1);
    } finally {
      spy.mockRestore();
    }
  }, 240_000);
});
