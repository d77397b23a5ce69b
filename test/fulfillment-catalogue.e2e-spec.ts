import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
 * The product catalogue and its makers and suppliers over GraphQL: head office keeps them for the organization,
 * every branch reads them, a branch manager sets the branch's own price, bad input and refused writes change
 * nothing, every change is audited (in the head office branch), and another organization sees none of it.
 */

const P = `id organizationId code name specification unit listPrice costPrice currency makerId active
  maker { id code } branchPrices { branchId price } suppliers { vendorId price leadTimeDays vendorCode }`;
const V = `id code name kind country active contacts { name phone email } supplies { productId price product { code } }`;

interface Product {
  id: string;
  code: string;
  listPrice: string;
  costPrice: string;
  makerId: string | null;
  active: boolean;
  maker: { id: string; code: string } | null;
  branchPrices: { branchId: string; price: string }[];
  suppliers: { vendorId: string; price: string | null; leadTimeDays: number | null }[];
}

describe('fulfillment: catalogue, makers and suppliers', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let api: TestApp;
  let org: TestOrg;
  let org2: TestOrg;
  const tokens: Record<string, string> = {};
  let maker: string;
  let supplier: string;
  let pump: Product;

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
        `SELECT (SELECT coalesce(json_agg(p ORDER BY id), '[]') FROM products p)::text AS p,
           (SELECT coalesce(json_agg(v ORDER BY id), '[]') FROM vendors v)::text AS v,
           (SELECT count(*) FROM vendor_products) AS vp, (SELECT count(*) FROM branch_product_prices) AS bp,
           (SELECT count(*) FROM vendor_contacts) AS vc, (SELECT count(*) FROM audit_log) AS a`,
      )
    ).rows[0];

  const CREATE_VENDOR = `mutation($in: CreateVendorInput!) { createVendor(input: $in) { ${V} } }`;
  const CREATE = `mutation($in: CreateProductInput!) { createProduct(input: $in) { ${P} } }`;
  const UPDATE = `mutation($id: ID!, $in: UpdateProductInput!) { updateProduct(id: $id, input: $in) { ${P} } }`;
  const GET = `query($id: ID!) { product(id: $id) { ${P} } }`;
  const LIST = `query($f: ProductFilter, $first: Int, $after: String) { products(first: $first, after: $after, filter: $f) {
    totalCount edges { node { id code } } pageInfo { endCursor hasNextPage } } }`;
  const PRICE = `mutation($in: SetBranchPriceInput!) { setBranchPrice(input: $in) { ${P} } }`;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org = await createOrg(owner);
    org2 = await createOrg(owner);
    api = await startApp(testConfig(db.url, { LOGIN_MAX_PER_CLIENT: '1000', LOGIN_MAX_PER_ACCOUNT: '1000' }));
    await Promise.all([
      ...Object.entries(org.users).map(
        async ([k, x]) => (tokens[k] = (await login(api.url, x.email, PASSWORD)).accessToken),
      ),
      (async () => (tokens.admin2 = (await login(api.url, org2.users.admin.email, PASSWORD)).accessToken))(),
      (async () => (tokens.managerA2 = (await login(api.url, org2.users.managerA.email, PASSWORD)).accessToken))(),
    ]);
  });

  afterAll(async () => {
    await api?.close();
    if (api) await cleanRedis(api.config).catch(() => undefined);
    await owner?.end();
    await db?.drop();
  });

  it('head office records a maker and a supplier, with contacts; the audit rows go to the head office branch', async () => {
    maker = (
      await ok<{ createVendor: { id: string } }>('admin', CREATE_VENDOR, {
        in: { code: 'GRF', name: 'Grundfos', kind: 'MAKER', country: 'Denmark' },
      })
    ).createVendor.id;
    supplier = (
      await ok<{ createVendor: { id: string } }>('admin', CREATE_VENDOR, {
        in: { code: 'SHS', name: 'Shanghai Supply', kind: 'SUPPLIER' },
      })
    ).createVendor.id;
    const c = await ok<{ addVendorContact: { contacts: { name: string; email: string }[] } }>(
      'admin',
      `mutation($in: AddVendorContactInput!) { addVendorContact(input: $in) { ${V} } }`,
      { in: { vendorId: supplier, name: 'Li Wei', title: 'Sales', email: 'Li.Wei@Supply.example' } },
    );
    expect(c.addVendorContact.contacts).toEqual([{ name: 'Li Wei', phone: null, email: 'li.wei@supply.example' }]);
    const audit = await owner.query(
      `SELECT branch_id, entity, action FROM audit_log WHERE entity IN ('vendor', 'vendorContact') ORDER BY created_at`,
    );
    expect(audit.rows).toEqual([
      { branch_id: org.hq.id, entity: 'vendor', action: 'create' },
      { branch_id: org.hq.id, entity: 'vendor', action: 'create' },
      { branch_id: org.hq.id, entity: 'vendorContact', action: 'create' },
    ]);
    const dup = await call('admin', CREATE_VENDOR, { in: { code: 'GRF', name: 'Again', kind: 'MAKER' } });
    expect(problem(dup).code).toBe('CONFLICT');
  });

  it('head office adds a product with its maker; prices are exact decimals', async () => {
    pump = (
      await ok<{ createProduct: Product }>('admin', CREATE, {
        in: {
          code: 'PUMP-100',
          name: 'Circulation pump',
          specification: 'CR 10-3, 2.2 kW',
          unit: 'pcs',
          listPrice: '12500.00',
          costPrice: '8333.33',
          makerId: maker,
        },
      })
    ).createProduct;
    expect(pump).toMatchObject({
      organizationId: org.id,
      code: 'PUMP-100',
      listPrice: '12500.00',
      costPrice: '8333.33',
      currency: 'CNY',
      active: true,
      maker: { id: maker, code: 'GRF' },
      branchPrices: [],
    });
    const audit = await owner.query(`SELECT branch_id, action FROM audit_log WHERE entity = 'product'`);
    expect(audit.rows).toEqual([{ branch_id: org.hq.id, action: 'create' }]);
  });

  it('bad input is refused by field and changes nothing', async () => {
    const before = await state();
    const base = { code: 'X-1', name: 'X', unit: 'pcs', listPrice: '1.00', costPrice: '1.00' };
    for (const [input, field] of [
      [{ ...base, listPrice: '-1' }, 'listPrice'],
      [{ ...base, costPrice: '1.234' }, 'costPrice'],
      [{ ...base, code: '   ' }, 'code'],
      [{ ...base, currency: 'yuan' }, 'currency'],
      [{ ...base, makerId: supplier }, 'makerId'],
    ] as const) {
      const r = await call('admin', CREATE, { in: input });
      expect({ field, ...problem(r) }).toEqual({ field, code: 'BAD_USER_INPUT', fields: [field] });
    }
    const dup = await call('admin', CREATE, { in: { ...base, code: 'PUMP-100' } });
    expect(problem(dup).code).toBe('CONFLICT');
    const empty = await call('admin', UPDATE, { id: pump.id, in: {} });
    expect(problem(empty)).toEqual({ code: 'BAD_USER_INPUT', fields: ['input'] });
    expect(await state()).toEqual(before);
  });

  it('who may do what: branches read, only head office writes, managers set their branch price', async () => {
    const before = await state();
    const input = { code: 'P-2', name: 'P', unit: 'pcs', listPrice: '1.00', costPrice: '1.00' };
    for (const who of ['managerA', 'repA', 'financeA', 'managerB']) {
      expect({ who, ...problem(await call(who, CREATE, { in: input })) }).toEqual({
        who,
        code: 'FORBIDDEN',
        fields: [],
      });
      expect({ who, ...problem(await call(who, UPDATE, { id: pump.id, in: { active: false } })) }).toMatchObject({
        who,
        code: 'FORBIDDEN',
      });
      expect(problem(await call(who, CREATE_VENDOR, { in: { code: 'Z', name: 'Z', kind: 'MAKER' } })).code).toBe(
        'FORBIDDEN',
      );
    }
    for (const who of ['repA', 'financeA']) {
      expect(problem(await call(who, PRICE, { in: { productId: pump.id, price: '1.00' } })).code).toBe('FORBIDDEN');
    }
    expect(await state()).toEqual(before);
    for (const who of ['managerA', 'repA', 'financeA', 'repB']) {
      expect((await ok<{ product: Product }>(who, GET, { id: pump.id })).product.code).toBe('PUMP-100');
    }
  });

  it('a branch price is the branch’s own: set, seen by the branch and head office, changed, removed', async () => {
    await ok('managerA', PRICE, { in: { productId: pump.id, price: '11999.00' } });
    await ok('admin', PRICE, { in: { productId: pump.id, price: '12800.00', branchId: org.b.id } });
    const forA = (await ok<{ product: Product }>('managerA', GET, { id: pump.id })).product;
    expect(forA.branchPrices).toEqual([{ branchId: org.a.id, price: '11999.00' }]);
    const forHq = (await ok<{ product: Product }>('admin', GET, { id: pump.id })).product;
    expect(forHq.branchPrices).toHaveLength(2);
    // A manager cannot price another branch.
    const other = await call('managerA', PRICE, { in: { productId: pump.id, price: '1.00', branchId: org.b.id } });
    expect(problem(other).code).toBe('FORBIDDEN');
    await ok('managerA', PRICE, { in: { productId: pump.id, price: '11500.50' } });
    await ok('managerA', PRICE, { in: { productId: pump.id, price: null } });
    const after = (await ok<{ product: Product }>('managerA', GET, { id: pump.id })).product;
    expect(after.branchPrices).toEqual([]);
    const audit = await owner.query(
      `SELECT branch_id, action FROM audit_log WHERE entity = 'branchProductPrice' ORDER BY created_at, action`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'create', 'update', 'remove']);
  });

  it('what a supplier supplies, and who supplies a product', async () => {
    const SUPPLY = `mutation($in: SetVendorProductInput!) { setVendorProduct(input: $in) { ${V} } }`;
    const r = await ok<{ setVendorProduct: { supplies: unknown[] } }>('admin', SUPPLY, {
      in: { vendorId: supplier, productId: pump.id, price: '8100.00', leadTimeDays: 14, vendorCode: 'SH-CR10' },
    });
    expect(r.setVendorProduct.supplies).toEqual([
      { productId: pump.id, price: '8100.00', product: { code: 'PUMP-100' } },
    ]);
    await ok('admin', SUPPLY, { in: { vendorId: supplier, productId: pump.id, price: '8050.00', leadTimeDays: 10 } });
    const p = (await ok<{ product: Product }>('repA', GET, { id: pump.id })).product;
    expect(p.suppliers).toEqual([{ vendorId: supplier, price: '8050.00', leadTimeDays: 10, vendorCode: null }]);
    const makerOnly = await call('admin', SUPPLY, { in: { vendorId: maker, productId: pump.id } });
    expect(problem(makerOnly)).toEqual({ code: 'BAD_USER_INPUT', fields: ['vendorId'] });
    await ok('admin', `mutation($v: ID!, $p: ID!) { removeVendorProduct(vendorId: $v, productId: $p) { id } }`, {
      v: supplier,
      p: pump.id,
    });
    expect((await ok<{ product: Product }>('repA', GET, { id: pump.id })).product.suppliers).toEqual([]);
  });

  it('the list pages by code, filters, and runs a constant number of statements', async () => {
    for (let i = 0; i < 12; i++) {
      await ok('admin', CREATE, {
        in: {
          code: `VALVE-${String(i).padStart(2, '0')}`,
          name: `Valve ${i}`,
          unit: 'pcs',
          listPrice: '100.00',
          costPrice: '60.00',
          makerId: i % 2 ? maker : null,
        },
      });
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        products: { edges: { node: { code: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
      } = await ok('repA', LIST, { first: 5, after, f: { search: 'valve' } });
      seen.push(...page.products.edges.map((e) => e.node.code));
      if (!page.products.pageInfo.hasNextPage) break;
      after = page.products.pageInfo.endCursor;
    }
    expect(seen).toEqual([...Array(12).keys()].map((i) => `VALVE-${String(i).padStart(2, '0')}`));
    const byMaker = await ok<{ products: { totalCount: number } }>('repA', LIST, { f: { makerId: maker } });
    expect(byMaker.products.totalCount).toBe(7);
    const counts: number[] = [];
    for (const first of [1, 10]) {
      const r = await call(
        'admin',
        `query($first: Int!) { products(first: $first) { edges { node { id maker { code } branchPrices { price } suppliers { price } } } } }`,
        { first },
      );
      expect(r.body.errors).toBeUndefined();
      counts.push(Number(r.headers.get('x-sql-statements')));
    }
    expect(new Set(counts).size).toBe(1);
  });

  it('another organization sees none of it and cannot touch it (answers as for unknown ids)', async () => {
    const before = await state();
    const list = await ok<{ products: { totalCount: number } }>('admin2', LIST, {});
    expect(list.products.totalCount).toBe(0);
    expect((await ok<{ product: null }>('managerA2', GET, { id: pump.id })).product).toBeNull();
    expect(
      (await ok<{ vendor: null }>('admin2', `query($id: ID!) { vendor(id: $id) { id } }`, { id: maker })).vendor,
    ).toBeNull();
    const upd = await call('admin2', UPDATE, { id: pump.id, in: { active: false } });
    expect(problem(upd).code).toBe('NOT_FOUND');
    const price = await call('managerA2', PRICE, { in: { productId: pump.id, price: '1.00' } });
    expect(problem(price).code).toBe('NOT_FOUND');
    const withMaker = await call('admin2', CREATE, {
      in: { code: 'PUMP-100', name: 'Theirs', unit: 'pcs', listPrice: '1.00', costPrice: '1.00', makerId: maker },
    });
    expect(problem(withMaker).code).toBe('NOT_FOUND');
    expect(await state()).toEqual(before);
    // The same code is free in another organization's catalogue.
    await ok('admin2', CREATE, {
      in: { code: 'PUMP-100', name: 'Theirs', unit: 'pcs', listPrice: '1.00', costPrice: '1.00' },
    });
  });
});
