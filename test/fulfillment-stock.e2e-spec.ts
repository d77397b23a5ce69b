import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { problem, useFixture } from '@app/testing';

/**
 * The warehouse over GraphQL: locations, receipts, issues, counts, the movements of a product, stock levels, head
 * office's stock value per branch; stock = movements in − movements out and never negative after any random
 * sequence (fast-check); 50 concurrent issues against the last units ship exactly what is on hand; permissions.
 * Each test makes its own products and locations (codes under a fresh tag) and reads back only those rows.
 */

interface Level {
  branchId: string;
  productId: string;
  locationId: string;
  onHand: string;
}

const L = `branchId productId locationId onHand product { code } location { code }`;
const RECEIVE = `mutation($in: ReceiveStockInput!) { receiveStock(input: $in) { ${L} } }`;
const ISSUE = `mutation($in: IssueStockInput!) { issueStock(input: $in) { ${L} } }`;
const ADJUST = `mutation($in: AdjustStockInput!) { adjustStock(input: $in) { ${L} } }`;
const LOCATION = `mutation($in: CreateWarehouseLocationInput!) { createWarehouseLocation(input: $in) { id branchId code } }`;
const PRODUCT = `mutation($in: CreateProductInput!) { createProduct(input: $in) { id code } }`;

/** Thousandths as integers: the model counts exactly, as numeric(18,3) does. */
const milli = (s: string) => Math.round(Number(s) * 1000);
const qty = (m: number) => (m / 1000).toFixed(3);

/** A fresh code prefix: no two tests (nor two runs of one) share a product or location code. */
const tag = () => randomUUID().slice(0, 6).toUpperCase();

describe('fulfillment: warehouse stock', () => {
  const f = useFixture({
    env: { DB_POOL_SIZE: '20' },
    // A back-office clerk (销售内勤) of branch A, who records goods in and out; HR has no business in the warehouse.
    people: { clerkA: { branch: 'a', role: 'CLERK' }, hrA: { branch: 'a', role: 'HR' } },
  });

  /** Every stock row of the database and the audit rows: for "changes nothing" (compared within one test). */
  const state = async () =>
    (
      await f.owner.query(
        `SELECT (SELECT coalesce(json_agg(l ORDER BY branch_id, id), '[]') FROM stock_levels l)::text AS l,
           (SELECT count(*) FROM stock_movements) AS m, (SELECT count(*) FROM audit_log) AS a,
           (SELECT count(*) FROM warehouse_locations) AS w`,
      )
    ).rows[0];

  /**
   * A test's own world: two products (costs 8333.33 and 60.50, codes `<tag>-P-0`, `<tag>-P-1`) and a location
   * `<tag>-MAIN` in branch A (managerA writes) and in branch B (head office writes).
   */
  const world = async () => {
    const t = tag();
    const products: { id: string; code: string }[] = [];
    for (const [i, cost] of ['8333.33', '60.50'].entries()) {
      const r = await f.ok<{ createProduct: { id: string; code: string } }>('admin', PRODUCT, {
        in: { code: `${t}-P-${i}`, name: `Product ${i}`, unit: 'pcs', listPrice: '9999.00', costPrice: cost },
      });
      products.push(r.createProduct);
    }
    const location = async (who: string, branchId?: string) =>
      (
        await f.ok<{ createWarehouseLocation: { id: string } }>(who, LOCATION, {
          in: { code: `${t}-MAIN`, name: 'Main', branchId },
        })
      ).createWarehouseLocation.id;
    const loc = { A: await location('managerA'), B: await location('admin', f.org.b.id) };
    return { t, products, ids: products.map((p) => p.id), loc, code: `${t}-MAIN` };
  };

  it('managers set up locations; others may not; codes are unique per branch', async () => {
    const t = tag();
    const a = await f.ok<{ createWarehouseLocation: { id: string; branchId: string } }>('managerA', LOCATION, {
      in: { code: `${t}-MAIN`, name: 'Main' },
    });
    const b = await f.ok<{ createWarehouseLocation: { id: string; branchId: string } }>('admin', LOCATION, {
      in: { code: `${t}-MAIN`, name: 'Main', branchId: f.org.b.id },
    });
    expect([a.createWarehouseLocation.branchId, b.createWarehouseLocation.branchId]).toEqual([f.org.a.id, f.org.b.id]);
    const before = await state();
    for (const who of ['repA', 'financeA', 'clerkA']) {
      const r = await f.refused(who, LOCATION, { in: { code: `${t}-X`, name: 'X' } });
      expect({ who, code: r.code }).toEqual({ who, code: 'FORBIDDEN' });
    }
    expect((await f.refused('managerA', LOCATION, { in: { code: `${t}-MAIN`, name: 'Again' } })).code).toBe('CONFLICT');
    expect(await state()).toEqual(before);
  });

  it('receipts, issues and a count: levels, movements with cause, who and when, audit rows', async () => {
    const w = await world();
    const place = { productId: w.ids[0], locationId: w.loc.A };
    const r1 = await f.ok<{ receiveStock: Level }>('clerkA', RECEIVE, {
      in: { ...place, quantity: '10.5', cause: 'PURCHASE_RECEIPT', reference: 'GRN-1' },
    });
    expect(r1.receiveStock).toMatchObject({
      onHand: '10.500',
      product: { code: w.products[0].code },
      location: { code: w.code },
    });
    await f.ok('clerkA', ISSUE, { in: { ...place, quantity: '4', reference: 'DN-1' } });
    await f.ok('managerA', RECEIVE, { in: { ...place, quantity: '1', cause: 'RETURN' } });
    const adj = await f.ok<{ adjustStock: Level }>('clerkA', ADJUST, {
      in: { ...place, countedQuantity: '7.25', note: 'Month-end count: one carton damaged' },
    });
    expect(adj.adjustStock.onHand).toBe('7.250');
    const moves = await f.ok<{
      stockMovements: {
        totalCount: number;
        edges: { node: { cause: string; quantity: string; onHandAfter: string; actorId: string } }[];
      };
    }>(
      'repA',
      `query($p: ID!) { stockMovements(productId: $p, first: 10) { totalCount edges { node { cause quantity onHandAfter actorId at location { code } } } } }`,
      { p: w.ids[0] },
    );
    expect(moves.stockMovements.edges.map((e) => [e.node.cause, e.node.quantity, e.node.onHandAfter])).toEqual([
      ['COUNT_ADJUSTMENT', '-0.250', '7.250'],
      ['RETURN', '1.000', '7.500'],
      ['SHIPMENT', '-4.000', '6.500'],
      ['PURCHASE_RECEIPT', '10.500', '10.500'],
    ]);
    expect(moves.stockMovements.edges[0].node.actorId).toBe(f.u.clerkA.id);
    const audit = await f.owner.query(
      `SELECT a.action FROM audit_log a JOIN stock_movements m ON m.branch_id = a.branch_id AND m.id = a.entity_id
       WHERE a.entity = 'stockMovement' AND m.product_id = $1 ORDER BY a.created_at`,
      [w.ids[0]],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['purchase_receipt', 'shipment', 'return', 'count_adjustment']);
    // A count that finds what is recorded moves nothing.
    const before = await state();
    await f.ok('clerkA', ADJUST, { in: { ...place, countedQuantity: '7.250', note: 'Recount' } });
    const moved = await f.owner.query('SELECT count(*)::int AS n FROM stock_movements WHERE product_id = $1', [
      w.ids[0],
    ]);
    expect(moved.rows[0].n).toBe(4);
    expect((await state()).m).toBe(before.m);
  });

  it('an over-issue is a typed CONFLICT naming product, location, on hand and requested, and changes nothing', async () => {
    const w = await world();
    await f.ok('clerkA', RECEIVE, {
      in: { productId: w.ids[0], locationId: w.loc.A, quantity: '7.25', cause: 'PURCHASE_RECEIPT' },
    });
    const before = await state();
    const r = await f.call('clerkA', ISSUE, { in: { productId: w.ids[0], locationId: w.loc.A, quantity: '8' } });
    expect(r.body.errors?.[0]).toMatchObject({
      message: `Not enough stock of product ${w.products[0].code} at location ${w.code}: 7.250 on hand, 8 requested`,
      extensions: {
        code: 'CONFLICT',
        reason: 'INSUFFICIENT_STOCK',
        productId: w.ids[0],
        locationId: w.loc.A,
        onHand: '7.250',
        requested: '8',
      },
    });
    const none = await f.call('clerkA', ISSUE, { in: { productId: w.ids[1], locationId: w.loc.A, quantity: '1' } });
    expect(none.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', onHand: '0.000', requested: '1' });
    for (const [input, field] of [
      [{ productId: w.ids[0], locationId: w.loc.A, quantity: '0' }, 'quantity'],
      [{ productId: w.ids[0], locationId: w.loc.A, quantity: '-1' }, 'quantity'],
      [{ productId: w.ids[0], locationId: w.loc.A, quantity: '1.0001' }, 'quantity'],
    ] as const) {
      expect(problem(await f.call('clerkA', ISSUE, { in: input }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [field],
      });
    }
    const noNote = await f.refused('clerkA', ADJUST, {
      in: { productId: w.ids[0], locationId: w.loc.A, countedQuantity: '1' },
    });
    expect(noNote).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['note'] });
    expect(await state()).toEqual(before);
  });

  it('permissions: a rep, finance and a manager of another branch cannot move branch A’s stock', async () => {
    const w = await world();
    // Stock on hand, so that only the permission refuses.
    await f.ok('clerkA', RECEIVE, {
      in: { productId: w.ids[0], locationId: w.loc.A, quantity: '7.25', cause: 'PURCHASE_RECEIPT' },
    });
    const before = await state();
    const input = { productId: w.ids[0], locationId: w.loc.A, quantity: '1' };
    for (const who of ['repA', 'financeA']) {
      expect({ who, code: (await f.refused(who, ISSUE, { in: input })).code }).toEqual({ who, code: 'FORBIDDEN' });
      const r = await f.refused(who, RECEIVE, { in: { ...input, cause: 'RETURN' } });
      expect({ who, code: r.code }).toEqual({ who, code: 'FORBIDDEN' });
    }
    expect((await f.refused('managerB', ISSUE, { in: input })).code).toBe('NOT_FOUND');
    expect((await f.refused('repA', `query { stockValues { branchId value } }`)).code).toBe('FORBIDDEN');
    expect(await state()).toEqual(before);
  });

  it('the permission matrix: finance reads stock and its value; HR sees neither the catalogue nor the stock', async () => {
    const w = await world();
    await f.ok('clerkA', RECEIVE, {
      in: { productId: w.ids[0], locationId: w.loc.A, quantity: '7.25', cause: 'PURCHASE_RECEIPT' },
    });
    const reads = {
      products: `query { products { totalCount } }`,
      stockLevels: `query { stockLevels { totalCount } }`,
      stockMovements: `query($p: ID!) { stockMovements(productId: $p) { totalCount } }`,
      stockValues: `query { stockValues { branchId value } }`,
      warehouseLocations: `query { warehouseLocations { totalCount } }`,
    };
    for (const [name, doc] of Object.entries(reads)) {
      const finance = await f.call('financeA', doc, { p: w.ids[0] });
      expect({ name, errors: finance.body.errors }).toEqual({ name, errors: undefined });
      const hr = await f.call('hrA', doc, { p: w.ids[0] });
      expect({ name, code: problem(hr).code }).toMatchObject({ name, code: 'FORBIDDEN' });
    }
    // Branch A's value: this test's 7.25 x 8333.33 (60,416.6425) beside what other tests left in the branch, summed
    // exactly here (thousandths x cents) and rounded half up to cents once, as one branch total must be.
    const rows = await f.owner.query<{ on_hand: string; cost: string; mine: boolean }>(
      `SELECT l.on_hand::text, p.cost_price::text AS cost, l.product_id = $2 AS mine FROM stock_levels l
       JOIN products p ON p.organization_id = l.organization_id AND p.id = l.product_id WHERE l.branch_id = $1`,
      [f.org.a.id, w.ids[0]],
    );
    expect(rows.rows.filter((r) => r.mine).map((r) => [r.on_hand, r.cost])).toEqual([['7.250', '8333.33']]);
    const exact = rows.rows.reduce(
      (s, r) => s + BigInt(r.on_hand.replace('.', '')) * BigInt(r.cost.replace('.', '')),
      0n,
    );
    const cents = (exact + 500n) / 1000n;
    const value = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
    const values = await f.ok<{ stockValues: { branchId: string; value: string }[] }>('financeA', reads.stockValues);
    expect(values.stockValues).toEqual([{ branchId: f.org.a.id, value }]);
    // The clerk moves stock but does not see its value (head office, the manager and finance do).
    expect((await f.refused('clerkA', reads.stockValues)).code).toBe('FORBIDDEN');
  });

  it('random receipts, issues, counts and refused over-issues: stock = movements in − out, never negative', async () => {
    const w = await world();
    const writer = { A: 'clerkA', B: 'managerB' } as const;
    // This test's products are new: the model starts at nothing and follows only them.
    const model = new Map<string, number>();
    const op = fc.record({
      kind: fc.constantFrom('receive', 'return', 'issue', 'overIssue', 'count'),
      branch: fc.constantFrom<'A' | 'B'>('A', 'B'),
      product: fc.integer({ min: 0, max: w.ids.length - 1 }),
      milli: fc.integer({ min: 1, max: 20_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          const key = `${o.branch}:${w.ids[o.product]}`;
          const have = model.get(key) ?? 0;
          const place = { productId: w.ids[o.product], locationId: w.loc[o.branch] };
          const who = writer[o.branch];
          if (o.kind === 'receive' || o.kind === 'return') {
            const cause = o.kind === 'receive' ? 'PURCHASE_RECEIPT' : 'RETURN';
            await f.ok(who, RECEIVE, { in: { ...place, quantity: qty(o.milli), cause } });
            model.set(key, have + o.milli);
          } else if (o.kind === 'issue' && have > 0) {
            const q = Math.min(o.milli, have);
            await f.ok(who, ISSUE, { in: { ...place, quantity: qty(q) } });
            model.set(key, have - q);
          } else if (o.kind === 'count') {
            const counted = o.milli % 3 === 0 ? 0 : o.milli;
            await f.ok(who, ADJUST, { in: { ...place, countedQuantity: qty(counted), note: 'Cycle count' } });
            model.set(key, counted);
          } else {
            const r = await f.call(who, ISSUE, { in: { ...place, quantity: qty(have + o.milli) } });
            expect(r.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', onHand: qty(have) });
          }
        }
        const rows = (
          await f.owner.query<{ branch_id: string; product_id: string; on_hand: string; moved: string; low: string }>(
            `SELECT l.branch_id, l.product_id, sum(l.on_hand)::text AS on_hand,
                    (SELECT coalesce(sum(m.quantity), 0)::text FROM stock_movements m
                      WHERE m.branch_id = l.branch_id AND m.product_id = l.product_id) AS moved,
                    (SELECT coalesce(min(m.on_hand_after), 0)::text FROM stock_movements m
                      WHERE m.branch_id = l.branch_id AND m.product_id = l.product_id) AS low
             FROM stock_levels l WHERE l.product_id = ANY($1::uuid[]) GROUP BY l.branch_id, l.product_id`,
            [w.ids],
          )
        ).rows;
        // Every place the model holds stock at has its level row.
        const seen = new Set(rows.map((r) => `${r.branch_id === f.org.a.id ? 'A' : 'B'}:${r.product_id}`));
        for (const [key, held] of model) if (held > 0) expect({ key, row: seen.has(key) }).toEqual({ key, row: true });
        for (const r of rows) {
          const key = `${r.branch_id === f.org.a.id ? 'A' : 'B'}:${r.product_id}`;
          expect({ key, onHand: milli(r.on_hand), moved: milli(r.moved) }).toEqual({
            key,
            onHand: model.get(key) ?? 0,
            moved: model.get(key) ?? 0,
          });
          expect(milli(r.low)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 15 },
    );
  }, 240_000);

  it('head office: stock value per branch at cost price, in a constant number of statements', async () => {
    const w = await world();
    // Stock in branches A and B, so the head office reads more than one branch before and after.
    await f.ok('clerkA', RECEIVE, {
      in: { productId: w.ids[0], locationId: w.loc.A, quantity: '3', cause: 'PURCHASE_RECEIPT' },
    });
    await f.ok('managerB', RECEIVE, {
      in: { productId: w.ids[1], locationId: w.loc.B, quantity: '5', cause: 'PURCHASE_RECEIPT' },
    });
    const values = async () => {
      const r = await f.call<{
        stockValues: { branchId: string; currency: string; value: string; quantity: string }[];
      }>('admin', `query { stockValues { branchId currency value quantity } }`);
      expect(r.body.errors).toBeUndefined();
      return { rows: r.body.data!.stockValues, statements: Number(r.headers.get('x-sql-statements')) };
    };
    const expected = await f.owner.query<{ branch_id: string; value: string }>(
      `SELECT l.branch_id, round(sum(l.on_hand * p.cost_price), 2)::text AS value FROM stock_levels l
       JOIN products p ON p.organization_id = l.organization_id AND p.id = l.product_id GROUP BY 1 ORDER BY 1`,
    );
    const got = await values();
    expect(got.rows.map((r) => ({ branch_id: r.branchId, value: r.value }))).toEqual(expected.rows);
    expect(got.rows.map((r) => r.branchId)).toEqual(expect.arrayContaining([f.org.a.id, f.org.b.id]));
    // Head office's own warehouse holds stock of no other test: its first goods make a branch row of their own.
    expect(got.rows.find((r) => r.branchId === f.org.hq.id)).toBeUndefined();
    const hqLoc = await f.ok<{ createWarehouseLocation: { id: string } }>('admin', LOCATION, {
      in: { code: `${w.t}-HQ-W`, name: 'Central', branchId: f.org.hq.id },
    });
    await f.ok('admin', RECEIVE, {
      in: {
        productId: w.ids[1],
        locationId: hqLoc.createWarehouseLocation.id,
        quantity: '2',
        cause: 'PURCHASE_RECEIPT',
      },
    });
    const more = await values();
    expect(more.rows.length).toBe(got.rows.length + 1);
    expect(more.rows.find((r) => r.branchId === f.org.hq.id)).toEqual({
      branchId: f.org.hq.id,
      currency: 'CNY',
      value: '121.00',
      quantity: '2.000',
    });
    expect(more.statements).toBe(got.statements);
    // A branch manager sees their own branch only.
    const own = await f.ok<{ stockValues: { branchId: string }[] }>('managerA', `query { stockValues { branchId } }`);
    expect(own.stockValues).toEqual([{ branchId: f.org.a.id }]);
  });

  it('50 concurrent issues against the last units: exactly the available quantity leaves', async () => {
    const w = await world();
    const place = { productId: w.ids[1], locationId: w.loc.A };
    await f.ok('clerkA', ADJUST, { in: { ...place, countedQuantity: '7', note: 'Set up for the race' } });
    const movements = async () =>
      Number(
        (
          await f.owner.query(
            'SELECT count(*)::int AS n FROM stock_movements WHERE product_id = $1 AND location_id = $2',
            [place.productId, place.locationId],
          )
        ).rows[0].n,
      );
    const before = await movements();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => f.call('clerkA', ISSUE, { in: { ...place, quantity: '1' } })),
    );
    const okCount = results.filter((r) => !r.body.errors).length;
    const refused = results.filter((r) => r.body.errors?.[0].extensions?.code === 'CONFLICT');
    expect({ okCount, refused: refused.length }).toEqual({ okCount: 7, refused: 43 });
    for (const r of refused) {
      expect(r.body.errors?.[0].extensions).toMatchObject({
        reason: 'INSUFFICIENT_STOCK',
        onHand: '0.000',
        requested: '1',
      });
    }
    const level = await f.owner.query(
      'SELECT on_hand::text FROM stock_levels WHERE branch_id = $1 AND product_id = $2 AND location_id = $3',
      [f.org.a.id, place.productId, place.locationId],
    );
    expect(level.rows[0].on_hand).toBe('0.000');
    expect((await movements()) - before).toBe(7);
  }, 120_000);

  it('stock levels page by branch, product and location', async () => {
    const w = await world();
    for (const [who, branch, product] of [
      ['clerkA', 'A', 0],
      ['clerkA', 'A', 1],
      ['managerB', 'B', 0],
    ] as const) {
      await f.ok(who, RECEIVE, {
        in: { productId: w.ids[product], locationId: w.loc[branch], quantity: '1', cause: 'PURCHASE_RECEIPT' },
      });
    }
    const LEVELS = `query($f: StockLevelFilter) { stockLevels(first: 50, filter: $f) { totalCount edges { node { ${L} } } } }`;
    type Levels = { stockLevels: { totalCount: number; edges: { node: Level }[] } };
    const mine = await f.ok<Levels>('repA', LEVELS, { f: { productId: w.ids[0] } });
    expect(mine.stockLevels.edges.map((e) => [e.node.branchId, e.node.locationId])).toEqual([[f.org.a.id, w.loc.A]]);
    const all = await f.ok<Levels>('repA', LEVELS, {});
    expect(all.stockLevels.totalCount).toBeGreaterThanOrEqual(2);
    expect(all.stockLevels.edges.every((e) => e.node.branchId === f.org.a.id)).toBe(true);
    const hq = await f.ok<Levels>('admin', LEVELS, { f: { productId: w.ids[0] } });
    expect(hq.stockLevels.edges.map((e) => e.node.branchId).sort()).toEqual([f.org.a.id, f.org.b.id].sort());
    expect(new Set(hq.stockLevels.edges.map((e) => e.node.productId))).toEqual(new Set([w.ids[0]]));
    const atB = await f.ok<Levels>('admin', LEVELS, { f: { locationId: w.loc.B } });
    expect(atB.stockLevels.edges.map((e) => [e.node.branchId, e.node.productId])).toEqual([[f.org.b.id, w.ids[0]]]);
  });
});
