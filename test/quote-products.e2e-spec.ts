import { beforeAll, describe, expect, it } from '@jest/globals';
import { insertCustomer, useFixture } from '@app/testing';

/**
 * Quote lines naming catalogue products (DOMAIN.md sections 4-5): the price comes from the branch price (else the
 * list price) unless the line gives one, the line keeps its own description; an order made from the accepted quote
 * carries the products and the prices after discount, and its shipments ship those products. Bad products are
 * BAD_USER_INPUT naming the line and change nothing; another organization's product is an unknown one.
 */

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);

const LINES = `lines { description quantity unitPrice discountPercent lineTotal productId }`;
const CREATE = `mutation($in: CreateQuoteInput!) { createQuote(input: $in) { id state total ${LINES} } }`;
const UPDATE = `mutation($id: ID!, $in: UpdateQuoteInput!) { updateQuote(id: $id, input: $in) { id ${LINES} } }`;
const FROM_QUOTE = `mutation($id: ID!, $in: OrderFromQuoteInput!) { createOrderFromQuote(quoteId: $id, input: $in) {
  id state customerId ownerId contractId amount lines { id description quantity unitPrice lineTotal productId } } }`;
const PRODUCT = `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`;

interface QuoteLine {
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  lineTotal: string;
  productId: string | null;
}

describe('quote lines naming catalogue products, and the order made from the quote', () => {
  const f = useFixture({ orgs: 2 });
  const validUntil = addDays(shanghaiToday(), 30);
  let customer: string;
  let pump: string; // list 1000.00, branch A's price 920.00
  let valve: string; // list 55.50, no branch price
  let retired: string;
  let foreign: string; // the other organization's

  beforeAll(async () => {
    const product = async (who: string, code: string, listPrice: string) =>
      (
        await f.ok<{ createProduct: { id: string } }>(who, PRODUCT, {
          in: { code, name: `Product ${code}`, unit: 'pcs', listPrice, costPrice: '1.00' },
        })
      ).createProduct.id;
    pump = await product('admin', 'QP-PUMP', '1000.00');
    valve = await product('admin', 'QP-VALVE', '55.50');
    retired = await product('admin', 'QP-OLD', '10.00');
    foreign = await product('other.admin', 'QP-PUMP', '1.00');
    await f.ok('admin', `mutation($id: ID!) { updateProduct(id: $id, input: { active: false }) { id } }`, {
      id: retired,
    });
    await f.ok('managerA', `mutation($in: SetBranchPriceInput!) { setBranchPrice(input: $in) { id } }`, {
      in: { productId: pump, price: '920.00' },
    });
    customer = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, name: 'QP Ltd' });
  });

  const quoteIn = (lines: Record<string, unknown>[]) => ({
    in: { customerId: customer, title: 'Pumps and valves', validUntil, lines },
  });

  it('prices a product line from the branch price (else the list price) unless given; the description stays', async () => {
    const { createQuote: q } = await f.ok<{ createQuote: { id: string; total: string; lines: QuoteLine[] } }>(
      'repA',
      CREATE,
      quoteIn([
        { kind: 'PRODUCT', description: 'Circulation pump, site 2', quantity: '2', productId: pump },
        { kind: 'PRODUCT', description: 'Gate valve', quantity: '3', productId: valve, discountPercent: '5' },
        {
          kind: 'PRODUCT',
          description: 'Pump at a special price',
          quantity: '1',
          productId: pump,
          unitPrice: '900.00',
        },
        { kind: 'SERVICE', description: 'Installation', quantity: '1', unitPrice: '300.00' },
      ]),
    );
    expect(q.lines).toEqual([
      {
        description: 'Circulation pump, site 2',
        quantity: '2.000',
        unitPrice: '920.00',
        discountPercent: '0.00',
        lineTotal: '1840.00',
        productId: pump,
      },
      {
        description: 'Gate valve',
        quantity: '3.000',
        unitPrice: '55.50',
        discountPercent: '5.00',
        lineTotal: '158.18',
        productId: valve,
      },
      {
        description: 'Pump at a special price',
        quantity: '1.000',
        unitPrice: '900.00',
        discountPercent: '0.00',
        lineTotal: '900.00',
        productId: pump,
      },
      {
        description: 'Installation',
        quantity: '1.000',
        unitPrice: '300.00',
        discountPercent: '0.00',
        lineTotal: '300.00',
        productId: null,
      },
    ]);
    expect(q.total).toBe('3198.18');
    // Replacing the lines prices them again.
    const { updateQuote: u } = await f.ok<{ updateQuote: { lines: QuoteLine[] } }>('repA', UPDATE, {
      id: q.id,
      in: { lines: [{ kind: 'PRODUCT', description: 'Valve', quantity: '1', productId: valve }] },
    });
    expect(u.lines).toEqual([
      {
        description: 'Valve',
        quantity: '1.000',
        unitPrice: '55.50',
        discountPercent: '0.00',
        lineTotal: '55.50',
        productId: valve,
      },
    ]);
  });

  it('refuses a line without a price or product, an inactive product and another organization’s, changing nothing', async () => {
    const count = async () =>
      (await f.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM quotes WHERE customer_id = $1', [customer]))
        .rows[0].n;
    const before = await count();
    for (const [l, field] of [
      [{ kind: 'PRODUCT', description: 'x', quantity: '1' }, 'lines[1].unitPrice'],
      [{ kind: 'PRODUCT', description: 'x', quantity: '1', productId: retired }, 'lines[1].productId'],
      [{ kind: 'PRODUCT', description: 'x', quantity: '1', productId: foreign }, 'lines[1].productId'],
      [
        { kind: 'PRODUCT', description: 'x', quantity: '1', productId: foreign, unitPrice: '1.00' },
        'lines[1].productId',
      ],
    ] as const) {
      const r = await f.refused(
        'repA',
        CREATE,
        quoteIn([{ kind: 'SERVICE', description: 'Installation', quantity: '1', unitPrice: '1.00' }, l]),
      );
      expect(r).toMatchObject({ code: 'BAD_USER_INPUT', fields: [field] });
    }
    expect(await count()).toBe(before);
  });

  it('an order from the accepted quote carries its products and prices after discount; shipments ship them', async () => {
    const { createQuote: q } = await f.ok<{ createQuote: { id: string } }>(
      'repA',
      CREATE,
      quoteIn([
        { kind: 'PRODUCT', description: 'Circulation pump', quantity: '2', productId: pump, discountPercent: '2' },
        { kind: 'SERVICE', description: 'Installation', quantity: '1', unitPrice: '300.00' },
      ]),
    );
    const early = await f.refused('repA', FROM_QUOTE, {
      id: q.id,
      in: { channel: 'PHONE', receivedOn: shanghaiToday() },
    });
    expect(early).toMatchObject({ code: 'INVALID_STATE' });
    expect(early.message).toContain('only an ACCEPTED quote');
    await f.ok('repA', `mutation($id: ID!) { sendQuote(id: $id) { id } }`, { id: q.id });
    await f.ok('repA', `mutation($id: ID!) { acceptQuote(id: $id) { id } }`, { id: q.id });
    // Branch B and the other organization do not see the quote: an unknown id.
    for (const who of ['managerB', 'other.admin']) {
      const r = await f.refused(who, FROM_QUOTE, { id: q.id, in: { channel: 'PHONE', receivedOn: shanghaiToday() } });
      expect(r.code).toBe('NOT_FOUND');
    }
    const { createOrderFromQuote: o } = await f.ok<{
      createOrderFromQuote: {
        id: string;
        state: string;
        customerId: string;
        ownerId: string;
        amount: string;
        lines: {
          id: string;
          description: string;
          quantity: string;
          unitPrice: string;
          lineTotal: string;
          productId: string | null;
        }[];
      };
    }>('managerA', FROM_QUOTE, {
      id: q.id,
      in: { channel: 'PHONE', receivedOn: shanghaiToday(), reference: 'Call 12' },
    });
    expect(o).toMatchObject({ state: 'DRAFT', customerId: customer, ownerId: f.org.users.repA.id, amount: '2103.20' });
    expect(o.lines.map(({ id: _, ...l }) => l)).toEqual([
      {
        description: 'Circulation pump',
        quantity: '2.000',
        unitPrice: '901.60',
        lineTotal: '1803.20',
        productId: pump,
      },
      { description: 'Installation', quantity: '1.000', unitPrice: '300.00', lineTotal: '300.00', productId: null },
    ]);
    // Submitted for leadership's approval and released (the decision itself is the approvals specs' business), a shipment of the pump line must ship the pump.
    await f.ok('repA', `mutation($id: ID!) { confirmOrder(id: $id) { id state } }`, { id: o.id });
    await f.owner.query(`UPDATE orders SET state = 'RELEASED', released_at = now() WHERE id = $1`, [o.id]);
    const SHIP = `mutation($in: CreateShipmentInput!) { createShipment(input: $in) { id } }`;
    const shipIn = (productId: string) => ({
      in: {
        orderId: o.id,
        mode: 'DIRECT_FROM_MAKER',
        consigneePlace: 'Site 2',
        consigneePerson: 'Ms. Li',
        lines: [{ orderLineId: o.lines[0].id, productId, quantity: '1' }],
      },
    });
    expect(await f.refused('managerA', SHIP, shipIn(valve))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['lines[0].productId'],
    });
    await f.ok('managerA', SHIP, shipIn(pump));
  });

  it('measures the discount against the list price: a lowered unit price at 0 % needs approval like the discount', async () => {
    const MEASURED = `mutation($in: CreateQuoteInput!) { createQuote(input: $in) { id needsApproval maxDiscountPercent
      lines { unitPrice discountPercent listPrice measuredDiscountPercent } } }`;
    type Measured = {
      createQuote: {
        id: string;
        needsApproval: boolean;
        maxDiscountPercent: string;
        lines: {
          unitPrice: string;
          discountPercent: string;
          listPrice: string | null;
          measuredDiscountPercent: string;
        }[];
      };
    };
    const measure = async (lines: Record<string, unknown>[]) =>
      (
        await f.ok<Measured>(
          'repA',
          MEASURED,
          quoteIn(lines.map((l) => ({ kind: 'PRODUCT', description: 'x', quantity: '1', ...l }))),
        )
      ).createQuote;
    // The slip-through: 850.00 at "0 %" is 15 % below the list price of 1,000.00.
    const lowered = await measure([{ productId: pump, unitPrice: '850.00' }]);
    expect(lowered).toMatchObject({
      needsApproval: true,
      maxDiscountPercent: '15.00',
      lines: [{ unitPrice: '850.00', discountPercent: '0.00', listPrice: '1000.00', measuredDiscountPercent: '15.00' }],
    });
    const send = await f.refused('repA', `mutation($id: ID!) { sendQuote(id: $id) { id } }`, { id: lowered.id });
    expect(send.code).toBe('INVALID_STATE');
    expect(send.message).toContain('approval request is APPROVED');
    await f.ok('repA', `mutation($id: ID!) { submitQuoteForApproval(id: $id) { id state } }`, { id: lowered.id });
    // The same price given as a discount off the list price measures the same.
    expect(await measure([{ productId: pump, unitPrice: '1000.00', discountPercent: '15' }])).toMatchObject({
      needsApproval: true,
      maxDiscountPercent: '15.00',
    });
    // Exactly at the limit is within it; a cent below is above it (rounded up, never down to the limit).
    expect(await measure([{ productId: valve, unitPrice: '49.95' }])).toMatchObject({
      needsApproval: false,
      maxDiscountPercent: '10.00',
    });
    expect(await measure([{ productId: valve, unitPrice: '49.94' }])).toMatchObject({
      needsApproval: true,
      maxDiscountPercent: '10.02',
    });
    // The branch price (920.00, 8 % off list) with 2.5 % more is 10.30 % off list: beyond the limit.
    expect(await measure([{ productId: pump, discountPercent: '2.5' }])).toMatchObject({
      needsApproval: true,
      lines: [{ unitPrice: '920.00', measuredDiscountPercent: '10.30' }],
    });
    // Above the list price, the line's own discount still counts; the discount against the list is the larger one.
    expect(await measure([{ productId: pump, unitPrice: '1200.00', discountPercent: '15' }])).toMatchObject({
      needsApproval: true,
      maxDiscountPercent: '15.00',
      lines: [{ measuredDiscountPercent: '15.00' }],
    });
    expect(await measure([{ productId: pump, unitPrice: '1100.00', discountPercent: '8' }])).toMatchObject({
      needsApproval: false,
      maxDiscountPercent: '8.00',
    });
    // A line without a product counts its own discount.
    expect(await measure([{ kind: 'SERVICE', unitPrice: '100.00', discountPercent: '12' }])).toMatchObject({
      needsApproval: true,
      maxDiscountPercent: '12.00',
      lines: [{ listPrice: null, measuredDiscountPercent: '12.00' }],
    });
  });

  it('createOrder takes a product per line too, checked against the catalogue', async () => {
    const CREATE_ORDER = `mutation($in: CreateOrderInput!) { createOrder(input: $in) { id lines { productId } } }`;
    const orderIn = (productId: string) => ({
      in: {
        customerId: customer,
        channel: 'FAX',
        receivedOn: shanghaiToday(),
        lines: [{ description: 'Pump', quantity: '1', unitPrice: '950.00', productId }],
      },
    });
    const { createOrder } = await f.ok<{ createOrder: { lines: { productId: string }[] } }>(
      'repA',
      CREATE_ORDER,
      orderIn(pump),
    );
    expect(createOrder.lines).toEqual([{ productId: pump }]);
    expect(await f.refused('repA', CREATE_ORDER, orderIn(foreign))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['lines[0].productId'],
    });
  });
});
