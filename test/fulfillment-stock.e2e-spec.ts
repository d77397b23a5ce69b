import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type pg from 'pg';
import {
  PASSWORD,
  cleanRedis,
  createOrg,
  createTestDatabase,
  gql,
  login,
  ownerClient,
  startApp,
  testConfig,
  type GqlResponse,
  type TestApp,
  type TestOrg,
} from '@app/testing';

/**
 * The warehouse over GraphQL: locations, receipts, issues, counts, the movements of a product, stock levels, head
 * office's stock value per branch; stock = movements in − movements out and never negative after any random
 * sequence (fast-check); 50 concurrent issues against the last units ship exactly what is on hand; permissions.
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

/** Thousandths as integers: the model counts exactly, as numeric(18,3) does. */
const milli = (s: string) => Math.round(Number(s) * 1000);
const qty = (m: number) => (m / 1000).toFixed(3);

describe('fulfillment: warehouse stock', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let api: TestApp;
  let org: TestOrg;
  const tokens: Record<string, string> = {};
  const products: string[] = [];
  const costs = ['8333.33', '60.50'];
  /** A location per branch: A (managerA writes), B (managerB writes). */
  const loc: Record<'A' | 'B', string> = { A: '', B: '' };
  let clerk = '';

  const call = <T = Record<string, unknown>>(who: string, doc: string, vars: Record<string, unknown> = {}) =>
    gql<T>(api.url, doc, vars, { token: tokens[who] });

  async function ok<T = Record<string, unknown>>(who: string, doc: string, vars: Record<string, unknown> = {}) {
    const r = await call<T>(who, doc, vars);
    expect({ who, errors: r.body.errors }).toEqual({ who, errors: undefined });
    return r.body.data!;
  }

  const problem = (r: GqlResponse) => ({
    code: r.body.errors?.[0]?.extensions?.code,
    fields: r.body.errors?.[0]?.extensions?.fields?.map((f) => f.field.replace(/^input\./, '')) ?? [],
  });

  const state = async () =>
    (
      await owner.query(
        `SELECT (SELECT coalesce(json_agg(l ORDER BY branch_id, id), '[]') FROM stock_levels l)::text AS l,
           (SELECT count(*) FROM stock_movements) AS m, (SELECT count(*) FROM audit_log) AS a,
           (SELECT count(*) FROM warehouse_locations) AS w`,
      )
    ).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org = await createOrg(owner);
    // A back-office clerk (销售内勤) of branch A, who records goods in and out.
    const users = await owner.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
      org.users.repA.id,
    ]);
    const member = async (role: string): Promise<string> => {
      const id = randomUUID();
      await owner.query(
        `INSERT INTO users (id, organization_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4, $5)`,
        [id, org.id, `${role.toLowerCase()}.${id.slice(0, 6)}@test.example`, `${role} A`, users.rows[0].password_hash],
      );
      await owner.query(`INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, $4)`, [
        randomUUID(),
        id,
        org.a.id,
        role,
      ]);
      return id;
    };
    clerk = await member('CLERK');
    // People of the branch with no business in the warehouse.
    const hr = await member('HR');
    api = await startApp(
      testConfig(db.url, { LOGIN_MAX_PER_CLIENT: '1000', LOGIN_MAX_PER_ACCOUNT: '1000', DB_POOL_SIZE: '20' }),
    );
    await Promise.all([
      ...Object.entries(org.users).map(
        async ([k, x]) => (tokens[k] = (await login(api.url, x.email, PASSWORD)).accessToken),
      ),
      (async () =>
        (tokens.clerkA = (await login(api.url, `clerk.${clerk.slice(0, 6)}@test.example`, PASSWORD)).accessToken))(),
      (async () => (tokens.hrA = (await login(api.url, `hr.${hr.slice(0, 6)}@test.example`, PASSWORD)).accessToken))(),
    ]);
    for (const [i, cost] of costs.entries()) {
      const r = await ok<{ createProduct: { id: string } }>(
        'admin',
        `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
        { in: { code: `P-${i}`, name: `Product ${i}`, unit: 'pcs', listPrice: '9999.00', costPrice: cost } },
      );
      products.push(r.createProduct.id);
    }
  });

  afterAll(async () => {
    await api?.close();
    if (api) await cleanRedis(api.config).catch(() => undefined);
    await owner?.end();
    await db?.drop();
  });

  it('managers set up locations; others may not; codes are unique per branch', async () => {
    loc.A = (
      await ok<{ createWarehouseLocation: { id: string } }>('managerA', LOCATION, {
        in: { code: 'MAIN', name: 'Main' },
      })
    ).createWarehouseLocation.id;
    loc.B = (
      await ok<{ createWarehouseLocation: { id: string } }>('admin', LOCATION, {
        in: { code: 'MAIN', name: 'Main', branchId: org.b.id },
      })
    ).createWarehouseLocation.id;
    const before = await state();
    for (const who of ['repA', 'financeA', 'clerkA']) {
      expect(problem(await call(who, LOCATION, { in: { code: 'X', name: 'X' } })).code).toBe('FORBIDDEN');
    }
    expect(problem(await call('managerA', LOCATION, { in: { code: 'MAIN', name: 'Again' } })).code).toBe('CONFLICT');
    expect(await state()).toEqual(before);
  });

  it('receipts, issues and a count: levels, movements with cause, who and when, audit rows', async () => {
    const place = { productId: products[0], locationId: loc.A };
    const r1 = await ok<{ receiveStock: Level }>('clerkA', RECEIVE, {
      in: { ...place, quantity: '10.5', cause: 'PURCHASE_RECEIPT', reference: 'GRN-1' },
    });
    expect(r1.receiveStock).toMatchObject({ onHand: '10.500', product: { code: 'P-0' }, location: { code: 'MAIN' } });
    await ok('clerkA', ISSUE, { in: { ...place, quantity: '4', reference: 'DN-1' } });
    await ok('managerA', RECEIVE, { in: { ...place, quantity: '1', cause: 'RETURN' } });
    const adj = await ok<{ adjustStock: Level }>('clerkA', ADJUST, {
      in: { ...place, countedQuantity: '7.25', note: 'Month-end count: one carton damaged' },
    });
    expect(adj.adjustStock.onHand).toBe('7.250');
    const moves = await ok<{
      stockMovements: {
        totalCount: number;
        edges: { node: { cause: string; quantity: string; onHandAfter: string; actorId: string } }[];
      };
    }>(
      'repA',
      `query($p: ID!) { stockMovements(productId: $p, first: 10) { totalCount edges { node { cause quantity onHandAfter actorId at location { code } } } } }`,
      { p: products[0] },
    );
    expect(moves.stockMovements.edges.map((e) => [e.node.cause, e.node.quantity, e.node.onHandAfter])).toEqual([
      ['COUNT_ADJUSTMENT', '-0.250', '7.250'],
      ['RETURN', '1.000', '7.500'],
      ['SHIPMENT', '-4.000', '6.500'],
      ['PURCHASE_RECEIPT', '10.500', '10.500'],
    ]);
    expect(moves.stockMovements.edges[0].node.actorId).toBe(clerk);
    const audit = await owner.query(`SELECT action FROM audit_log WHERE entity = 'stockMovement' ORDER BY created_at`);
    expect(audit.rows.map((r) => r.action)).toEqual(['purchase_receipt', 'shipment', 'return', 'count_adjustment']);
    // A count that finds what is recorded moves nothing.
    await ok('clerkA', ADJUST, { in: { ...place, countedQuantity: '7.250', note: 'Recount' } });
    expect((await owner.query('SELECT count(*)::int AS n FROM stock_movements')).rows[0].n).toBe(4);
  });

  it('an over-issue is a typed CONFLICT naming product, location, on hand and requested, and changes nothing', async () => {
    const before = await state();
    const r = await call('clerkA', ISSUE, { in: { productId: products[0], locationId: loc.A, quantity: '8' } });
    expect(r.body.errors?.[0]).toMatchObject({
      message: 'Not enough stock of product P-0 at location MAIN: 7.250 on hand, 8 requested',
      extensions: {
        code: 'CONFLICT',
        reason: 'INSUFFICIENT_STOCK',
        productId: products[0],
        locationId: loc.A,
        onHand: '7.250',
        requested: '8',
      },
    });
    const none = await call('clerkA', ISSUE, { in: { productId: products[1], locationId: loc.A, quantity: '1' } });
    expect(none.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', onHand: '0.000', requested: '1' });
    for (const [input, field] of [
      [{ productId: products[0], locationId: loc.A, quantity: '0' }, 'quantity'],
      [{ productId: products[0], locationId: loc.A, quantity: '-1' }, 'quantity'],
      [{ productId: products[0], locationId: loc.A, quantity: '1.0001' }, 'quantity'],
    ] as const) {
      expect(problem(await call('clerkA', ISSUE, { in: input }))).toEqual({ code: 'BAD_USER_INPUT', fields: [field] });
    }
    const noNote = await call('clerkA', ADJUST, {
      in: { productId: products[0], locationId: loc.A, countedQuantity: '1' },
    });
    expect(problem(noNote)).toEqual({ code: 'BAD_USER_INPUT', fields: ['note'] });
    expect(await state()).toEqual(before);
  });

  it('permissions: a rep, finance and a manager of another branch cannot move branch A’s stock', async () => {
    const before = await state();
    const input = { productId: products[0], locationId: loc.A, quantity: '1' };
    for (const who of ['repA', 'financeA']) {
      expect(problem(await call(who, ISSUE, { in: input })).code).toBe('FORBIDDEN');
      expect(problem(await call(who, RECEIVE, { in: { ...input, cause: 'RETURN' } })).code).toBe('FORBIDDEN');
    }
    expect(problem(await call('managerB', ISSUE, { in: input })).code).toBe('NOT_FOUND');
    expect(problem(await call('repA', `query { stockValues { branchId value } }`)).code).toBe('FORBIDDEN');
    expect(await state()).toEqual(before);
  });

  it('the permission matrix: finance reads stock and its value; HR sees neither the catalogue nor the stock', async () => {
    const reads = {
      products: `query { products { totalCount } }`,
      stockLevels: `query { stockLevels { totalCount } }`,
      stockMovements: `query($p: ID!) { stockMovements(productId: $p) { totalCount } }`,
      stockValues: `query { stockValues { branchId value } }`,
      warehouseLocations: `query { warehouseLocations { totalCount } }`,
    };
    for (const [name, doc] of Object.entries(reads)) {
      const finance = await call('financeA', doc, { p: products[0] });
      expect({ name, errors: finance.body.errors }).toEqual({ name, errors: undefined });
      const hr = await call('hrA', doc, { p: products[0] });
      expect({ name, code: problem(hr).code }).toEqual({ name, code: 'FORBIDDEN' });
    }
    const values = await ok<{ stockValues: { branchId: string; value: string }[] }>('financeA', reads.stockValues);
    expect(values.stockValues).toEqual([{ branchId: org.a.id, value: '60416.64' }]);
    // The clerk moves stock but does not see its value (head office, the manager and finance do).
    expect(problem(await call('clerkA', reads.stockValues)).code).toBe('FORBIDDEN');
  });

  it('random receipts, issues, counts and refused over-issues: stock = movements in − out, never negative', async () => {
    const writer = { A: 'clerkA', B: 'managerB' } as const;
    const model = new Map<string, number>();
    for (const r of (
      await owner.query<Level & { on_hand: string; branch_id: string; product_id: string }>(
        'SELECT branch_id, product_id, on_hand::text FROM stock_levels',
      )
    ).rows) {
      model.set(`${r.branch_id === org.a.id ? 'A' : 'B'}:${r.product_id}`, milli(r.on_hand));
    }
    const op = fc.record({
      kind: fc.constantFrom('receive', 'return', 'issue', 'overIssue', 'count'),
      branch: fc.constantFrom<'A' | 'B'>('A', 'B'),
      product: fc.integer({ min: 0, max: products.length - 1 }),
      milli: fc.integer({ min: 1, max: 20_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          const key = `${o.branch}:${products[o.product]}`;
          const have = model.get(key) ?? 0;
          const place = { productId: products[o.product], locationId: loc[o.branch] };
          const who = writer[o.branch];
          if (o.kind === 'receive' || o.kind === 'return') {
            const cause = o.kind === 'receive' ? 'PURCHASE_RECEIPT' : 'RETURN';
            await ok(who, RECEIVE, { in: { ...place, quantity: qty(o.milli), cause } });
            model.set(key, have + o.milli);
          } else if (o.kind === 'issue' && have > 0) {
            const q = Math.min(o.milli, have);
            await ok(who, ISSUE, { in: { ...place, quantity: qty(q) } });
            model.set(key, have - q);
          } else if (o.kind === 'count') {
            const counted = o.milli % 3 === 0 ? 0 : o.milli;
            await ok(who, ADJUST, { in: { ...place, countedQuantity: qty(counted), note: 'Cycle count' } });
            model.set(key, counted);
          } else {
            const r = await call(who, ISSUE, { in: { ...place, quantity: qty(have + o.milli) } });
            expect(r.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', onHand: qty(have) });
          }
        }
        const rows = (
          await owner.query<{ branch_id: string; product_id: string; on_hand: string; moved: string; low: string }>(
            `SELECT l.branch_id, l.product_id, sum(l.on_hand)::text AS on_hand,
                    (SELECT coalesce(sum(m.quantity), 0)::text FROM stock_movements m
                      WHERE m.branch_id = l.branch_id AND m.product_id = l.product_id) AS moved,
                    (SELECT coalesce(min(m.on_hand_after), 0)::text FROM stock_movements m
                      WHERE m.branch_id = l.branch_id AND m.product_id = l.product_id) AS low
             FROM stock_levels l GROUP BY l.branch_id, l.product_id`,
          )
        ).rows;
        for (const r of rows) {
          const key = `${r.branch_id === org.a.id ? 'A' : 'B'}:${r.product_id}`;
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
    const values = async () => {
      const r = await call<{ stockValues: { branchId: string; currency: string; value: string; quantity: string }[] }>(
        'admin',
        `query { stockValues { branchId currency value quantity } }`,
      );
      expect(r.body.errors).toBeUndefined();
      return { rows: r.body.data!.stockValues, statements: Number(r.headers.get('x-sql-statements')) };
    };
    const expected = await owner.query<{ branch_id: string; value: string }>(
      `SELECT l.branch_id, round(sum(l.on_hand * p.cost_price), 2)::text AS value FROM stock_levels l
       JOIN products p ON p.organization_id = l.organization_id AND p.id = l.product_id GROUP BY 1 ORDER BY 1`,
    );
    const got = await values();
    expect(got.rows.map((r) => ({ branch_id: r.branchId, value: r.value }))).toEqual(expected.rows);
    await ok('admin', LOCATION, { in: { code: 'HQ-W', name: 'Central', branchId: org.hq.id } });
    const [hqLoc] = (await owner.query('SELECT id FROM warehouse_locations WHERE branch_id = $1', [org.hq.id])).rows;
    await ok('admin', RECEIVE, {
      in: { productId: products[1], locationId: hqLoc.id, quantity: '2', cause: 'PURCHASE_RECEIPT' },
    });
    const more = await values();
    expect(more.rows.length).toBe(got.rows.length + 1);
    expect(more.rows.find((r) => r.branchId === org.hq.id)).toEqual({
      branchId: org.hq.id,
      currency: 'CNY',
      value: '121.00',
      quantity: '2.000',
    });
    expect(more.statements).toBe(got.statements);
    // A branch manager sees their own branch only.
    const own = await ok<{ stockValues: { branchId: string }[] }>('managerA', `query { stockValues { branchId } }`);
    expect(own.stockValues.every((r) => r.branchId === org.a.id)).toBe(true);
  });

  it('50 concurrent issues against the last units: exactly the available quantity leaves', async () => {
    const place = { productId: products[1], locationId: loc.A };
    await ok('clerkA', ADJUST, { in: { ...place, countedQuantity: '7', note: 'Set up for the race' } });
    const before = Number((await owner.query('SELECT count(*)::int AS n FROM stock_movements')).rows[0].n);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => call('clerkA', ISSUE, { in: { ...place, quantity: '1' } })),
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
    const level = await owner.query(
      'SELECT on_hand::text FROM stock_levels WHERE branch_id = $1 AND product_id = $2 AND location_id = $3',
      [org.a.id, place.productId, place.locationId],
    );
    expect(level.rows[0].on_hand).toBe('0.000');
    const after = Number((await owner.query('SELECT count(*)::int AS n FROM stock_movements')).rows[0].n);
    expect(after - before).toBe(7);
  }, 120_000);

  it('stock levels page by branch, product and location', async () => {
    const LEVELS = `query($f: StockLevelFilter) { stockLevels(first: 50, filter: $f) { totalCount edges { node { ${L} } } } }`;
    const mine = await ok<{ stockLevels: { edges: { node: Level }[] } }>('repA', LEVELS, {});
    expect(mine.stockLevels.edges.every((e) => e.node.branchId === org.a.id)).toBe(true);
    const hq = await ok<{ stockLevels: { edges: { node: Level }[] } }>('admin', LEVELS, {
      f: { productId: products[0] },
    });
    expect(new Set(hq.stockLevels.edges.map((e) => e.node.productId))).toEqual(new Set([products[0]]));
    const atB = await ok<{ stockLevels: { edges: { node: Level }[] } }>('admin', LEVELS, { f: { locationId: loc.B } });
    expect(atB.stockLevels.edges.every((e) => e.node.branchId === org.b.id)).toBe(true);
  });
});
