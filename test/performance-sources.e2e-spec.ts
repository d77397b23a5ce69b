import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { todayIn } from '@app/core';
import { eventually, insertCustomer, problem, useFixture } from '@app/testing';
import { reversalSubject } from '../src/modules/finance/receipts.service.js';
import { grossProfit } from '../src/modules/orders/order-closing.js';
import { periodOf } from '../src/modules/performance/kpi-period.js';
import { KpiPeriodKind } from '../src/modules/performance/kpi.enums.js';
import { RECORD as RECORD_RECEIPT, REVERSE, signedContract } from './finance-fixture.js';
import { insertOrder } from './order-fixture.js';

/**
 * The KPIs fed by fulfillment, finance and satisfaction, end to end through the outbox and the real worker: an order
 * closing counts its amount (SALES_AMOUNT) and amount less cost of goods at closing (GROSS_PROFIT; none when the
 * goods cannot be valued), receipts applied count for the contract owner and a reversal takes them back from the
 * same person, satisfaction keeps the sum of scores and their count (a revised score corrects the sum).
 */

interface Line {
  personId: string | null;
  count: number;
  amount: string | null;
  average: string | null;
}

const RANK = `query($in: KpiRankingInput!) { kpiRanking(input: $in) { personId count amount average } }`;
const ACCEPT = `mutation($id: ID!) { acceptShipment(id: $id) { id status } }`;
const PRODUCT = `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`;
const SURVEY = `mutation($in: RecordSatisfactionInput!) { recordSatisfaction(input: $in) { id score } }`;
const RESCORE = `mutation($id: ID!, $s: Int!) { updateSatisfaction(id: $id, input: { score: $s }) { id score } }`;

describe('KPIs from closed orders, receipts and satisfaction', () => {
  const f = useFixture({ worker: true });
  const today = todayIn('Asia/Shanghai');
  const month = periodOf(KpiPeriodKind.MONTH, today).label;
  const products: Record<string, string> = {};

  /** The branch A people's lines of a KPI this month, by person. */
  async function people(kpi: string): Promise<Map<string | null, Line>> {
    const d = await f.ok<{ kpiRanking: Line[] }>('managerA', RANK, { in: { kpi, period: month, by: 'PERSON' } });
    return new Map(d.kpiRanking.map((l) => [l.personId, l]));
  }

  /** Every domain event written so far has been counted by the worker. */
  const drained = () =>
    eventually(async () => {
      const r = await f.owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'events.domain-event' AND finished_at IS NULL`,
      );
      return r.rows[0].n === 0;
    }, 60_000);

  /**
   * A RELEASED order of repA with these lines, each shipped in one shipment whose receipt is signed (arranged as the
   * owner), the shipments' ids; accepting them all closes the order.
   */
  async function shippedOrder(lines: { product: string; quantity: string; unitPrice: string }[]) {
    const customer = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.repA.id,
      name: `Buyer ${randomUUID().slice(0, 6)}`,
    });
    const o = await insertOrder(f.owner, {
      branchId: f.org.a.id,
      customerId: customer,
      ownerId: f.org.users.repA.id,
      quantities: lines.map((l) => l.quantity),
    });
    const shipments: string[] = [];
    for (const [i, l] of lines.entries()) {
      await f.owner.query(
        `UPDATE order_lines SET unit_price = $2, line_total = round(quantity * $2::numeric, 2) WHERE id = $1`,
        [o.lines[i], l.unitPrice],
      );
      const id = randomUUID();
      const scan = randomUUID();
      await f.owner.query(
        `INSERT INTO files (branch_id, id, kind, name, content_type, size_bytes, sha256, storage_key, uploaded_by)
         VALUES ($1, $2, 'LETTER', 'receipt.pdf', 'application/pdf', 1, repeat('0', 64), $4, $3)`,
        [f.org.a.id, scan, f.org.users.managerA.id, `${f.org.a.id}/${scan}`],
      );
      await f.owner.query(
        `INSERT INTO shipments (branch_id, id, order_id, mode, status, consignee_place, consignee_person, shipped_at,
           delivered_at, receipt_signed_by, receipt_signed_at, receipt_file_id, created_by)
         VALUES ($1, $2, $3, 'DIRECT_FROM_MAKER', 'RECEIPT_SIGNED', 'Plant 2', 'Mr. Wang', now() - interval '2 hours',
           now() - interval '1 hour', 'Mr. Wang', now() - interval '30 minutes', $5, $4)`,
        [f.org.a.id, id, o.id, f.org.users.managerA.id, scan],
      );
      await f.owner.query(
        `INSERT INTO shipment_lines (branch_id, id, shipment_id, order_id, order_line_id, organization_id, product_id,
           quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [f.org.a.id, randomUUID(), id, o.id, o.lines[i], f.org.id, l.product, l.quantity],
      );
      shipments.push(id);
    }
    await f.owner.query(
      `UPDATE orders SET amount = (SELECT sum(line_total) FROM order_lines WHERE order_id = $1) WHERE id = $1`,
      [o.id],
    );
    return { id: o.id, shipments };
  }

  const eventsOf = async (subject: string) =>
    (
      await f.owner.query<{ kind: string; amount: string | null; person: string }>(
        `SELECT payload->>'kind' AS kind, payload->>'amount' AS amount, payload->>'personId' AS person FROM outbox
         WHERE payload->>'subjectId' = $1 ORDER BY payload->>'kind'`,
        [subject],
      )
    ).rows;

  beforeAll(async () => {
    const product = (input: Record<string, string>) =>
      f.ok<{ createProduct: { id: string } }>('admin', PRODUCT, { in: { unit: 'pcs', ...input } });
    products.pump = (
      await product({ code: 'K-1', name: 'Pump', listPrice: '1000.00', costPrice: '600.00' })
    ).createProduct.id;
    products.valve = (
      await product({ code: 'K-2', name: 'Valve', listPrice: '90.00', costPrice: '33.33' })
    ).createProduct.id;
    products.imported = (
      await product({ code: 'K-3', name: 'Imported gauge', listPrice: '50.00', costPrice: '20.00', currency: 'USD' })
    ).createProduct.id;
  });

  it('gross profit is the amount less the cost, exact to the cent; unknown cost, no profit', () => {
    expect(grossProfit('2029.97', '1211.10')).toBe('818.87');
    expect(grossProfit('100.00', '100.01')).toBe('-0.01');
    expect(grossProfit('100.00', null)).toBeNull();
  });

  it('an order closing counts its amount and its gross profit at the cost prices of closing, once', async () => {
    const before = await people('SALES_AMOUNT');
    const profitBefore = await people('GROSS_PROFIT');
    const o = await shippedOrder([
      { product: products.pump, quantity: '2', unitPrice: '1000.00' },
      { product: products.valve, quantity: '0.333', unitPrice: '90.00' },
    ]);
    // The first acceptance leaves the order open: nothing is counted yet.
    await f.ok('managerA', ACCEPT, { id: o.shipments[0] });
    expect(await eventsOf(o.id)).toEqual([]);
    // A refused acceptance (not RECEIPT_SIGNED any more) writes no event either.
    expect(problem(await f.call('managerA', ACCEPT, { id: o.shipments[0] })).code).toBe('INVALID_STATE');
    expect(await eventsOf(o.id)).toEqual([]);
    await f.ok('managerA', ACCEPT, { id: o.shipments[1] });
    // Amount 2,000.00 + round(0.333 x 90.00) = 2,029.97; cost round(2 x 600.00 + 0.333 x 33.33) = 1,211.10.
    const { repA } = f.org.users;
    expect(await eventsOf(o.id)).toEqual([
      { kind: 'ORDER_CLOSED', amount: '2029.97', person: repA.id },
      { kind: 'ORDER_GROSS_PROFIT', amount: '818.87', person: repA.id },
    ]);
    const cost = await f.owner.query('SELECT cost_of_goods, state FROM orders WHERE id = $1', [o.id]);
    expect(cost.rows[0]).toEqual({ cost_of_goods: '1211.10', state: 'CLOSED' });
    // A later change of cost price does not move a closed order's profit.
    await f.owner.query(`UPDATE products SET cost_price = 999.00 WHERE id = $1`, [products.pump]);
    await drained();
    const sales = (await people('SALES_AMOUNT')).get(repA.id)!;
    const profit = (await people('GROSS_PROFIT')).get(repA.id)!;
    const was = (m: Map<string | null, Line>) => m.get(repA.id) ?? { count: 0, amount: '0.00' };
    expect(sales.count).toBe(was(before).count + 1);
    expect(Number(sales.amount) * 100 - Number(was(before).amount) * 100).toBeCloseTo(202997, 0);
    expect(profit.count).toBe(was(profitBefore).count + 1);
    expect(Number(profit.amount) * 100 - Number(was(profitBefore).amount) * 100).toBeCloseTo(81887, 0);
    expect(sales.average).not.toBeNull();
    await f.owner.query(`UPDATE products SET cost_price = 600.00 WHERE id = $1`, [products.pump]);
  });

  it('an order with goods priced in another currency counts its sales amount but no gross profit', async () => {
    const o = await shippedOrder([
      { product: products.pump, quantity: '1', unitPrice: '1000.00' },
      { product: products.imported, quantity: '4', unitPrice: '80.00' },
    ]);
    for (const s of o.shipments) await f.ok('managerA', ACCEPT, { id: s });
    expect(await eventsOf(o.id)).toEqual([{ kind: 'ORDER_CLOSED', amount: '1320.00', person: f.org.users.repA.id }]);
    const cost = await f.owner.query('SELECT cost_of_goods FROM orders WHERE id = $1', [o.id]);
    expect(cost.rows[0].cost_of_goods).toBeNull();
  });

  it('collections: applied receipts count for the contract owner; a reversal takes them back from the same person', async () => {
    const { repA, rep2A } = f.org.users;
    const customer = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: repA.id, name: 'Payer Kpi' });
    const contract = await signedContract(
      { owner: f.owner },
      { branchId: f.org.a.id, customerId: customer, ownerId: repA.id },
      [
        { amount: '1000.00', dueOn: today },
        { amount: '2000.00', dueOn: today },
      ],
    );
    const [first, second] = contract.instalmentIds;
    await drained();
    const start = await people('COLLECTIONS');
    const was = (id: string) => start.get(id) ?? { count: 0, amount: '0.00' };
    const receipt = (amount: string, applications: { instalmentId: string; amount: string }[]) =>
      f
        .ok<{
          recordReceipt: { id: string; applications: { id: string }[] };
        }>('financeA', RECORD_RECEIPT, {
          in: {
            customerId: customer,
            kind: 'BANK_TRANSFER',
            amount,
            receivedOn: today,
            reference: `T-${randomUUID().slice(0, 6)}`,
            applications,
          },
        })
        .then((d) => d.recordReceipt);
    const r1 = await receipt('2500.00', [
      { instalmentId: first, amount: '1000.00' },
      { instalmentId: second, amount: '1500.00' },
    ]);
    await drained();
    let lines = await people('COLLECTIONS');
    expect(lines.get(repA.id)).toMatchObject({ count: was(repA.id).count + 2 });
    expect(cents(lines.get(repA.id)!.amount) - cents(was(repA.id).amount)).toBe(250000);

    // The contract passes to rep2A; the reversal still takes back from repA, who was credited.
    await f.owner.query('UPDATE contracts SET owner_id = $2 WHERE id = $1', [contract.contractId, rep2A.id]);
    await f.ok('financeA', REVERSE, { id: r1.id, r: 'Recorded twice' });
    const reversal = await eventsOf(reversalSubject(r1.applications[0].id));
    expect(reversal).toEqual([
      { kind: 'RECEIPT_APPLICATION_REVERSED', amount: expect.stringMatching(/^-(1000|1500)\.00$/), person: repA.id },
    ]);
    await receipt('300.00', [{ instalmentId: second, amount: '300.00' }]);
    await drained();
    lines = await people('COLLECTIONS');
    expect(lines.get(repA.id)).toMatchObject({ count: was(repA.id).count });
    expect(cents(lines.get(repA.id)!.amount)).toBe(cents(was(repA.id).amount));
    expect(lines.get(rep2A.id)).toMatchObject({ count: was(rep2A.id).count + 1 });
    expect(cents(lines.get(rep2A.id)!.amount) - cents(was(rep2A.id).amount)).toBe(30000);
  });

  it('satisfaction keeps the sum of scores and their count: the average is exact; a revised score corrects it', async () => {
    const { rep2A } = f.org.users;
    const quarter = periodOf(KpiPeriodKind.QUARTER, today).label;
    const customers = [];
    for (const name of ['Happy Co', 'Content Co', 'Fussy Co']) {
      customers.push(await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: rep2A.id, name }));
    }
    const survey = (customerId: string, score: number) =>
      f
        .ok<{ recordSatisfaction: { id: string } }>('managerA', SURVEY, {
          in: { customerId, period: quarter, score, method: 'SURVEY', surveyedOn: today },
        })
        .then((d) => d.recordSatisfaction.id);
    const first = await survey(customers[0], 7);
    await survey(customers[1], 8);
    await survey(customers[2], 8);
    await drained();
    let line = (await people('SATISFACTION')).get(rep2A.id)!;
    expect(line).toMatchObject({ count: 3, amount: null, average: '7.67' });
    await f.ok('managerA', RESCORE, { id: first, s: 10 });
    await f.ok('managerA', RESCORE, { id: first, s: 10 }); // unchanged: no event
    await drained();
    line = (await people('SATISFACTION')).get(rep2A.id)!;
    expect(line).toMatchObject({ count: 3, average: '8.67' });
    const ledger = await f.owner.query<{ n: number; amount: string }>(
      `SELECT n, amount FROM kpi_events WHERE kpi = 'SATISFACTION' AND person_id = $1 ORDER BY n DESC, amount`,
      [rep2A.id],
    );
    expect(ledger.rows.map((r) => [r.n, r.amount])).toEqual([
      [1, '7.00'],
      [1, '8.00'],
      [1, '8.00'],
      [0, '3.00'],
    ]);
  });

  it('ranks and trends with averages and growth rates on the period before and a year before, exact', async () => {
    const { repA, rep2A } = f.org.users;
    // A person's month line and the branch's own line with it (head office's ranking reads the branch's).
    const plant = async (kpi: string, start: string, person: string, count: number, amount: string) => {
      await f.owner.query(
        `INSERT INTO kpi_rollups (branch_id, kpi, period_kind, period_start, person_id, count, amount)
         VALUES ($1, $2, 'MONTH', $3, $4, $5, $6)`,
        [f.org.a.id, kpi, start, person, count, amount],
      );
      await f.owner.query(
        `INSERT INTO kpi_branch_rollups AS b (branch_id, kpi, period_kind, period_start, count, amount)
         VALUES ($1, $2, 'MONTH', $3, $4, $5) ON CONFLICT (branch_id, kpi, period_kind, period_start)
         DO UPDATE SET count = b.count + excluded.count, amount = b.amount + excluded.amount`,
        [f.org.a.id, kpi, start, count, amount],
      );
    };
    await plant('SALES_AMOUNT', '2024-05-01', repA.id, 2, '1000.00');
    await plant('SALES_AMOUNT', '2025-04-01', repA.id, 1, '800.00');
    await plant('SALES_AMOUNT', '2025-05-01', repA.id, 3, '1200.00');
    await plant('SALES_AMOUNT', '2025-05-01', rep2A.id, 1, '1500.00');
    await plant('SATISFACTION', '2025-04-01', repA.id, 2, '15');
    await plant('SATISFACTION', '2025-05-01', repA.id, 3, '22');
    await plant('GROSS_PROFIT', '2025-04-01', repA.id, 1, '-100.00');
    await plant('GROSS_PROFIT', '2025-05-01', repA.id, 1, '50.00');
    const rank = async (kpi: string, measure: string, by = 'PERSON', who = 'managerA') =>
      (
        await f.ok<{ kpiRanking: Record<string, unknown>[] }>(
          who,
          `query($in: KpiRankingInput!) { kpiRanking(input: $in) {
             rank branchId personId measure count amount average growthOnPrevious growthOnLastYear } }`,
          { in: { kpi, period: '2025-05', by, measure } },
        )
      ).kpiRanking;
    const amount = await rank('SALES_AMOUNT', 'AMOUNT');
    expect(amount.filter((l) => l.count !== 0)).toEqual([
      expect.objectContaining({ rank: 1, personId: rep2A.id, amount: '1500.00', average: '1500.00' }),
      expect.objectContaining({
        rank: 2,
        personId: repA.id,
        measure: 'AMOUNT',
        amount: '1200.00',
        average: '400.00',
        growthOnPrevious: '50.00',
        growthOnLastYear: '20.00',
      }),
    ]);
    const average = (await rank('SALES_AMOUNT', 'AVERAGE')).find((l) => l.personId === repA.id);
    expect(average).toMatchObject({ growthOnPrevious: '-50.00', growthOnLastYear: '-20.00' });
    const count = (await rank('SALES_AMOUNT', 'COUNT')).find((l) => l.personId === repA.id);
    expect(count).toMatchObject({ growthOnPrevious: '200.00', growthOnLastYear: '50.00' });
    // 22 / 3 = 7.333..., against 15 / 2 = 7.5: -2.22 %, from the sum and count, not a rounded average.
    const satisfaction = (await rank('SATISFACTION', 'AVERAGE')).find((l) => l.personId === repA.id);
    expect(satisfaction).toMatchObject({ count: 3, amount: null, average: '7.33', growthOnPrevious: '-2.22' });
    expect(satisfaction!.growthOnLastYear).toBeNull();
    // A loss that turns into a profit grows: (50 - -100) / 100.
    expect((await rank('GROSS_PROFIT', 'AMOUNT')).find((l) => l.personId === repA.id)).toMatchObject({
      growthOnPrevious: '150.00',
    });
    const branch = (await rank('SALES_AMOUNT', 'AMOUNT', 'BRANCH', 'admin')).find((l) => l.branchId === f.org.a.id);
    expect(branch).toMatchObject({ amount: '2700.00', growthOnPrevious: '237.50', growthOnLastYear: '170.00' });
    const trend = (
      await f.ok<{ kpiTrend: Record<string, unknown>[] }>(
        'managerA',
        `query($in: KpiTrendInput!) { kpiTrend(input: $in) {
           period count amount average growthOnPrevious growthOnLastYear } }`,
        { in: { kpi: 'SALES_AMOUNT', period: '2025-05', periods: 2, measure: 'AMOUNT', personId: repA.id } },
      )
    ).kpiTrend;
    expect(trend).toEqual([
      {
        period: '2025-04',
        count: 1,
        amount: '800.00',
        average: '800.00',
        growthOnPrevious: null,
        growthOnLastYear: null,
      },
      {
        period: '2025-05',
        count: 3,
        amount: '1200.00',
        average: '400.00',
        growthOnPrevious: '50.00',
        growthOnLastYear: '20.00',
      },
    ]);
    const bad = await f.call(
      'managerA',
      `query { kpiTrend(input: { kpi: SATISFACTION, period: "2025-05", measure: AMOUNT }) { period } }`,
    );
    expect(problem(bad)).toMatchObject({ code: 'BAD_USER_INPUT' });
    await f.owner.query(`DELETE FROM kpi_rollups WHERE period_start < '2025-06-01' AND period_start >= '2024-05-01'`);
    await f.owner.query(
      `DELETE FROM kpi_branch_rollups WHERE period_start < '2025-06-01' AND period_start >= '2024-05-01'`,
    );
  });
});

const cents = (amount: string | null) => Math.round(Number(amount ?? '0') * 100);
