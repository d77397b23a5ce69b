import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { problem, useFixture } from '@app/testing';

/**
 * The product catalogue and its makers and suppliers over GraphQL: head office keeps them for the organization,
 * every branch reads them, a branch manager sets the branch's own price, bad input and refused writes change
 * nothing, every change is audited (in the head office branch), and another organization sees none of it.
 * Each test makes its own makers, suppliers and products (codes under a fresh tag) and reads back only those rows.
 */

const P = `id organizationId code name specification unit listPrice costPrice currency makerId active
  maker { id code } branchPrices { branchId price } suppliers { vendorId price leadTimeDays vendorCode }`;
const V = `id code name kind country active contacts { name phone email } supplies { productId price product { code } }`;

const CREATE_VENDOR = `mutation($in: CreateVendorInput!) { createVendor(input: $in) { ${V} } }`;
const CREATE = `mutation($in: CreateProductInput!) { createProduct(input: $in) { ${P} } }`;
const UPDATE = `mutation($id: ID!, $in: UpdateProductInput!) { updateProduct(id: $id, input: $in) { ${P} } }`;
const GET = `query($id: ID!) { product(id: $id) { ${P} } }`;
const LIST = `query($f: ProductFilter, $first: Int, $after: String) { products(first: $first, after: $after, filter: $f) {
    totalCount edges { node { id code } } pageInfo { endCursor hasNextPage } } }`;
const PRICE = `mutation($in: SetBranchPriceInput!) { setBranchPrice(input: $in) { ${P} } }`;
const SUPPLY = `mutation($in: SetVendorProductInput!) { setVendorProduct(input: $in) { ${V} } }`;

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

/** A fresh code prefix: no two tests (nor two runs of one) share a maker, supplier or product code. */
const tag = () => randomUUID().slice(0, 6).toUpperCase();

describe('fulfillment: catalogue, makers and suppliers', () => {
  const f = useFixture({ orgs: 2 });

  /** Every catalogue row of the database and the audit rows: for "changes nothing" (compared within one test). */
  const state = async () =>
    (
      await f.owner.query(
        `SELECT (SELECT coalesce(json_agg(p ORDER BY id), '[]') FROM products p)::text AS p,
           (SELECT coalesce(json_agg(v ORDER BY id), '[]') FROM vendors v)::text AS v,
           (SELECT count(*) FROM vendor_products) AS vp, (SELECT count(*) FROM branch_product_prices) AS bp,
           (SELECT count(*) FROM vendor_contacts) AS vc, (SELECT count(*) FROM audit_log) AS a`,
      )
    ).rows[0];

  /** The audit rows of the given entities, oldest first. */
  const auditOf = async (ids: string[]) =>
    (
      await f.owner.query<{ branch_id: string; entity: string; action: string }>(
        `SELECT branch_id, entity, action FROM audit_log WHERE entity_id = ANY($1::uuid[]) ORDER BY created_at, id`,
        [ids],
      )
    ).rows;

  const vendor = async (code: string, kind: 'MAKER' | 'SUPPLIER', extra: Record<string, unknown> = {}) =>
    (await f.ok<{ createVendor: { id: string } }>('admin', CREATE_VENDOR, { in: { code, name: code, kind, ...extra } }))
      .createVendor.id;

  const product = async (code: string, extra: Record<string, unknown> = {}) =>
    (
      await f.ok<{ createProduct: Product }>('admin', CREATE, {
        in: { code, name: `Product ${code}`, unit: 'pcs', listPrice: '12500.00', costPrice: '8333.33', ...extra },
      })
    ).createProduct;

  it('head office records a maker and a supplier, with contacts; the audit rows go to the head office branch', async () => {
    const t = tag();
    const maker = await vendor(`${t}-GRF`, 'MAKER', { name: 'Grundfos', country: 'Denmark' });
    const supplier = await vendor(`${t}-SHS`, 'SUPPLIER', { name: 'Shanghai Supply' });
    const c = await f.ok<{
      addVendorContact: { contacts: { id: string; name: string; phone: null; email: string }[] };
    }>(
      'admin',
      `mutation($in: AddVendorContactInput!) { addVendorContact(input: $in) { contacts { id name phone email } } }`,
      { in: { vendorId: supplier, name: 'Li Wei', title: 'Sales', email: 'Li.Wei@Supply.example' } },
    );
    expect(c.addVendorContact.contacts).toEqual([
      { id: expect.any(String), name: 'Li Wei', phone: null, email: 'li.wei@supply.example' },
    ]);
    expect(await auditOf([maker, supplier, c.addVendorContact.contacts[0].id])).toEqual([
      { branch_id: f.org.hq.id, entity: 'vendor', action: 'create' },
      { branch_id: f.org.hq.id, entity: 'vendor', action: 'create' },
      { branch_id: f.org.hq.id, entity: 'vendorContact', action: 'create' },
    ]);
    const before = await state();
    const dup = await f.refused('admin', CREATE_VENDOR, { in: { code: `${t}-GRF`, name: 'Again', kind: 'MAKER' } });
    expect(dup.code).toBe('CONFLICT');
    expect(await state()).toEqual(before);
  });

  it('head office adds a product with its maker; prices are exact decimals', async () => {
    const t = tag();
    const maker = await vendor(`${t}-GRF`, 'MAKER');
    const pump = (
      await f.ok<{ createProduct: Product }>('admin', CREATE, {
        in: {
          code: `${t}-PUMP-100`,
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
      organizationId: f.org.id,
      code: `${t}-PUMP-100`,
      listPrice: '12500.00',
      costPrice: '8333.33',
      currency: 'CNY',
      active: true,
      maker: { id: maker, code: `${t}-GRF` },
      branchPrices: [],
    });
    expect(await auditOf([pump.id])).toEqual([{ branch_id: f.org.hq.id, entity: 'product', action: 'create' }]);
  });

  it('bad input is refused by field and changes nothing', async () => {
    const t = tag();
    const supplier = await vendor(`${t}-SHS`, 'SUPPLIER');
    const pump = await product(`${t}-PUMP-100`);
    const before = await state();
    const base = { code: `${t}-X-1`, name: 'X', unit: 'pcs', listPrice: '1.00', costPrice: '1.00' };
    for (const [input, field] of [
      [{ ...base, listPrice: '-1' }, 'listPrice'],
      [{ ...base, costPrice: '1.234' }, 'costPrice'],
      [{ ...base, code: '   ' }, 'code'],
      [{ ...base, currency: 'yuan' }, 'currency'],
      [{ ...base, makerId: supplier }, 'makerId'],
    ] as const) {
      const r = await f.call('admin', CREATE, { in: input });
      expect({ field, ...problem(r) }).toMatchObject({ field, code: 'BAD_USER_INPUT', fields: [field] });
    }
    expect((await f.refused('admin', CREATE, { in: { ...base, code: pump.code } })).code).toBe('CONFLICT');
    expect(await f.refused('admin', UPDATE, { id: pump.id, in: {} })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['input'],
    });
    expect(await state()).toEqual(before);
  });

  it('who may do what: branches read, only head office writes, managers set their branch price', async () => {
    const t = tag();
    const pump = await product(`${t}-PUMP-100`);
    const before = await state();
    const input = { code: `${t}-P-2`, name: 'P', unit: 'pcs', listPrice: '1.00', costPrice: '1.00' };
    for (const who of ['managerA', 'repA', 'financeA', 'managerB']) {
      expect({ who, ...problem(await f.call(who, CREATE, { in: input })) }).toMatchObject({
        who,
        code: 'FORBIDDEN',
        fields: [],
      });
      expect({ who, ...problem(await f.call(who, UPDATE, { id: pump.id, in: { active: false } })) }).toMatchObject({
        who,
        code: 'FORBIDDEN',
      });
      const v = await f.refused(who, CREATE_VENDOR, { in: { code: `${t}-Z`, name: 'Z', kind: 'MAKER' } });
      expect({ who, code: v.code }).toEqual({ who, code: 'FORBIDDEN' });
    }
    for (const who of ['repA', 'financeA']) {
      const p = await f.refused(who, PRICE, { in: { productId: pump.id, price: '1.00' } });
      expect({ who, code: p.code }).toEqual({ who, code: 'FORBIDDEN' });
    }
    expect(await state()).toEqual(before);
    for (const who of ['managerA', 'repA', 'financeA', 'repB']) {
      expect((await f.ok<{ product: Product }>(who, GET, { id: pump.id })).product.code).toBe(pump.code);
    }
  });

  it('a branch price is the branch’s own: set, seen by the branch and head office, changed, removed', async () => {
    const pump = await product(`${tag()}-PUMP-100`);
    await f.ok('managerA', PRICE, { in: { productId: pump.id, price: '11999.00' } });
    await f.ok('admin', PRICE, { in: { productId: pump.id, price: '12800.00', branchId: f.org.b.id } });
    const forA = (await f.ok<{ product: Product }>('managerA', GET, { id: pump.id })).product;
    expect(forA.branchPrices).toEqual([{ branchId: f.org.a.id, price: '11999.00' }]);
    const forHq = (await f.ok<{ product: Product }>('admin', GET, { id: pump.id })).product;
    expect(forHq.branchPrices).toHaveLength(2);
    // A manager cannot price another branch.
    const before = await state();
    const other = await f.refused('managerA', PRICE, {
      in: { productId: pump.id, price: '1.00', branchId: f.org.b.id },
    });
    expect(other.code).toBe('FORBIDDEN');
    expect(await state()).toEqual(before);
    await f.ok('managerA', PRICE, { in: { productId: pump.id, price: '11500.50' } });
    await f.ok('managerA', PRICE, { in: { productId: pump.id, price: null } });
    const after = (await f.ok<{ product: Product }>('managerA', GET, { id: pump.id })).product;
    expect(after.branchPrices).toEqual([]);
    // The price rows of this product (the audit rows name them, not the product).
    const audit = await f.owner.query<{ branch_id: string; action: string }>(
      `SELECT branch_id, action FROM audit_log
       WHERE entity = 'branchProductPrice' AND coalesce(after, before)->>'productId' = $1 ORDER BY created_at, action`,
      [pump.id],
    );
    expect(audit.rows).toEqual([
      { branch_id: f.org.a.id, action: 'create' },
      { branch_id: f.org.b.id, action: 'create' },
      { branch_id: f.org.a.id, action: 'update' },
      { branch_id: f.org.a.id, action: 'remove' },
    ]);
  });

  it('what a supplier supplies, and who supplies a product', async () => {
    const t = tag();
    const maker = await vendor(`${t}-GRF`, 'MAKER');
    const supplier = await vendor(`${t}-SHS`, 'SUPPLIER');
    const pump = await product(`${t}-PUMP-100`, { makerId: maker });
    const r = await f.ok<{ setVendorProduct: { supplies: unknown[] } }>('admin', SUPPLY, {
      in: { vendorId: supplier, productId: pump.id, price: '8100.00', leadTimeDays: 14, vendorCode: 'SH-CR10' },
    });
    expect(r.setVendorProduct.supplies).toEqual([
      { productId: pump.id, price: '8100.00', product: { code: `${t}-PUMP-100` } },
    ]);
    await f.ok('admin', SUPPLY, { in: { vendorId: supplier, productId: pump.id, price: '8050.00', leadTimeDays: 10 } });
    const p = (await f.ok<{ product: Product }>('repA', GET, { id: pump.id })).product;
    expect(p.suppliers).toEqual([{ vendorId: supplier, price: '8050.00', leadTimeDays: 10, vendorCode: null }]);
    const makerOnly = await f.refused('admin', SUPPLY, { in: { vendorId: maker, productId: pump.id } });
    expect(makerOnly).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['vendorId'] });
    await f.ok('admin', `mutation($v: ID!, $p: ID!) { removeVendorProduct(vendorId: $v, productId: $p) { id } }`, {
      v: supplier,
      p: pump.id,
    });
    expect((await f.ok<{ product: Product }>('repA', GET, { id: pump.id })).product.suppliers).toEqual([]);
  });

  it('the list pages by code, filters, and runs a constant number of statements', async () => {
    const t = tag();
    const maker = await vendor(`${t}-GRF`, 'MAKER');
    const supplier = await vendor(`${t}-SHS`, 'SUPPLIER');
    // The pump sorts first by code and has a maker, a branch price and a supplier: every loader of the list has rows.
    const pump = await product(`${t}-PUMP-100`, { makerId: maker });
    await f.ok('managerA', PRICE, { in: { productId: pump.id, price: '11999.00' } });
    await f.ok('admin', SUPPLY, { in: { vendorId: supplier, productId: pump.id, price: '8100.00' } });
    for (let i = 0; i < 12; i++) {
      await f.ok('admin', CREATE, {
        in: {
          code: `${t}-VALVE-${String(i).padStart(2, '0')}`,
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
      } = await f.ok('repA', LIST, { first: 5, after, f: { search: `${t.toLowerCase()}-valve` } });
      seen.push(...page.products.edges.map((e) => e.node.code));
      if (!page.products.pageInfo.hasNextPage) break;
      after = page.products.pageInfo.endCursor;
    }
    expect(seen).toEqual([...Array(12).keys()].map((i) => `${t}-VALVE-${String(i).padStart(2, '0')}`));
    const byMaker = await f.ok<{ products: { totalCount: number } }>('repA', LIST, { f: { makerId: maker } });
    expect(byMaker.products.totalCount).toBe(7);
    const counts: number[] = [];
    for (const first of [1, 10]) {
      const r = await f.call<{ products: { edges: { node: { id: string } }[] } }>(
        'admin',
        `query($first: Int!, $f: ProductFilter) { products(first: $first, filter: $f) {
          edges { node { id maker { code } branchPrices { price } suppliers { price } } } } }`,
        { first, f: { search: t } },
      );
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data!.products.edges).toHaveLength(first);
      expect(r.body.data!.products.edges[0].node.id).toBe(pump.id);
      counts.push(Number(r.headers.get('x-sql-statements')));
    }
    expect(new Set(counts).size).toBe(1);
  });

  it('another organization sees none of it and cannot touch it (answers as for unknown ids)', async () => {
    const t = tag();
    const maker = await vendor(`${t}-GRF`, 'MAKER');
    const pump = await product(`${t}-PUMP-100`, { makerId: maker });
    const before = await state();
    // The other organization's list holds its own products only (none of ours, not even by code).
    const theirs = await f.owner.query<{ id: string }>('SELECT id FROM products WHERE organization_id = $1', [
      f.other.id,
    ]);
    const list = await f.ok<{ products: { totalCount: number; edges: { node: { id: string } }[] } }>(
      'other.admin',
      LIST,
      { first: 100 },
    );
    expect(list.products.totalCount).toBe(theirs.rows.length);
    expect(list.products.edges.map((e) => e.node.id).sort()).toEqual(theirs.rows.map((r) => r.id).sort());
    const byCode = await f.ok<{ products: { totalCount: number } }>('other.admin', LIST, { f: { search: t } });
    expect(byCode.products.totalCount).toBe(0);
    expect((await f.ok<{ product: null }>('other.managerA', GET, { id: pump.id })).product).toBeNull();
    expect(
      (await f.ok<{ vendor: null }>('other.admin', `query($id: ID!) { vendor(id: $id) { id } }`, { id: maker })).vendor,
    ).toBeNull();
    const upd = await f.refused('other.admin', UPDATE, { id: pump.id, in: { active: false } });
    expect(upd.code).toBe('NOT_FOUND');
    const price = await f.refused('other.managerA', PRICE, { in: { productId: pump.id, price: '1.00' } });
    expect(price.code).toBe('NOT_FOUND');
    const withMaker = await f.refused('other.admin', CREATE, {
      in: { code: pump.code, name: 'Theirs', unit: 'pcs', listPrice: '1.00', costPrice: '1.00', makerId: maker },
    });
    expect(withMaker.code).toBe('NOT_FOUND');
    expect(await state()).toEqual(before);
    // The same code is free in another organization's catalogue.
    await f.ok('other.admin', CREATE, {
      in: { code: pump.code, name: 'Theirs', unit: 'pcs', listPrice: '1.00', costPrice: '1.00' },
    });
  });
});
