import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { insertCustomer, useFixture } from '@app/testing';

/**
 * Contract lines (DOMAIN.md sections 4-5): the accepted quote's lines become the contract's lines, and order lines
 * draw them down and never beyond: for every contract line, ordered <= contracted, also under 20 concurrent orders
 * against the last units, and after any random sequence of orders, cancellations and amendments (fast-check). An
 * order from the same quote draws down what is left (a quote without a contract becomes one live order). Lines of
 * quotes, contracts and orders expose their catalogue product through one by-key loader.
 */

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
const reason = (r: { body: { errors?: { extensions?: object }[] } }) =>
  (r.body.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;
const milli = (s: string) => Math.round(Number(s) * 1000);

const CONTRACT_LINES = `lines { id position kind description quantity unitPrice discountPercent netUnitPrice lineTotal
  productId ordered remaining product { code } }`;
const CONTRACT = `query($id: ID!) { contract(id: $id) { id amount quote { id } ${CONTRACT_LINES} } }`;
const ORDER_FIELDS = `id state amount quoteId contractId lines { id description quantity unitPrice lineTotal productId
  contractLineId product { code } }`;
const CREATE_ORDER = `mutation($in: CreateOrderInput!) { createOrder(input: $in) { ${ORDER_FIELDS} } }`;
const UPDATE_ORDER = `mutation($id: ID!, $in: UpdateOrderInput!) { updateOrder(id: $id, input: $in) { ${ORDER_FIELDS} } }`;
const CANCEL_ORDER = `mutation($id: ID!) { cancelOrder(id: $id, reason: "Customer changed plans") { id state } }`;
const FROM_QUOTE = `mutation($id: ID!) { createOrderFromQuote(quoteId: $id, input: { channel: PHONE,
  receivedOn: "${shanghaiToday()}" }) { ${ORDER_FIELDS} } }`;

interface ContractLine {
  id: string;
  position: number;
  kind: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  netUnitPrice: string;
  lineTotal: string;
  productId: string | null;
  ordered: string;
  remaining: string;
  product: { code: string } | null;
}
interface OrderLine {
  id: string;
  description: string;
  quantity: string;
  unitPrice: string;
  lineTotal: string;
  productId: string | null;
  contractLineId: string | null;
  product: { code: string } | null;
}
interface Order {
  id: string;
  state: string;
  amount: string;
  quoteId: string | null;
  contractId: string | null;
  lines: OrderLine[];
}

describe('contract lines from the accepted quote, drawn down by orders', () => {
  const f = useFixture();
  const validUntil = addDays(shanghaiToday(), 30);
  let customer: string;
  let pump: string; // list 1000.00
  let valve: string; // list 55.50

  beforeAll(async () => {
    const product = async (code: string, listPrice: string) =>
      (
        await f.ok<{ createProduct: { id: string } }>(
          'admin',
          `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
          { in: { code, name: `Product ${code}`, unit: 'pcs', listPrice, costPrice: '1.00' } },
        )
      ).createProduct.id;
    pump = await product('CL-PUMP', '1000.00');
    valve = await product('CL-VALVE', '55.50');
    customer = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, name: 'CL Ltd' });
  });

  /** An accepted quote of repA's customer with these lines. */
  const acceptedQuote = async (lines: Record<string, unknown>[]) => {
    const { createQuote: q } = await f.ok<{ createQuote: { id: string } }>(
      'repA',
      `mutation($in: CreateQuoteInput!) { createQuote(input: $in) { id } }`,
      { in: { customerId: customer, title: 'Pumps, valves, installation', validUntil, lines } },
    );
    await f.ok('repA', `mutation($id: ID!) { sendQuote(id: $id) { id } }`, { id: q.id });
    await f.ok('repA', `mutation($id: ID!) { acceptQuote(id: $id) { id } }`, { id: q.id });
    return q.id;
  };

  /** A contract made from an accepted quote with these lines: the quote, the contract and its lines. */
  const contracted = async (lines: Record<string, unknown>[]) => {
    const quote = await acceptedQuote(lines);
    const { createContractFromQuote: c } = await f.ok<{ createContractFromQuote: { id: string } }>(
      'repA',
      `mutation($id: ID!) { createContractFromQuote(quoteId: $id, input: { startsOn: "2027-01-01",
         endsOn: "2027-12-31" }) { id } }`,
      { id: quote },
    );
    return { quote, contract: c.id, lines: await contractLines(c.id) };
  };

  const contractLines = async (id: string) =>
    (await f.ok<{ contract: { lines: ContractLine[] } }>('repA', CONTRACT, { id })).contract.lines;

  const orderIn = (contractId: string | null, lines: Record<string, unknown>[]) => ({
    in: {
      customerId: customer,
      channel: 'PHONE',
      receivedOn: shanghaiToday(),
      ...(contractId ? { contractId } : {}),
      lines,
    },
  });

  /** Every order and line of the contract, and the contract lines, as the database owner sees them. */
  const snapshot = async (contractId: string) =>
    (
      await f.owner.query<{ s: string }>(
        `SELECT (SELECT coalesce(jsonb_agg(to_jsonb(o) ORDER BY o.id), '[]') FROM orders o WHERE o.contract_id = $1)::text
           || (SELECT coalesce(jsonb_agg(to_jsonb(l) ORDER BY l.id), '[]') FROM order_lines l
                JOIN orders o ON o.branch_id = l.branch_id AND o.id = l.order_id WHERE o.contract_id = $1)::text
           || (SELECT jsonb_agg(to_jsonb(c) ORDER BY c.id) FROM contract_lines c WHERE c.contract_id = $1)::text AS s`,
        [contractId],
      )
    ).rows[0].s;

  it('the accepted quote’s lines become the contract’s lines, with their products', async () => {
    const { quote, contract, lines } = await contracted([
      { kind: 'PRODUCT', description: 'Circulation pump', quantity: '3', productId: pump, discountPercent: '5' },
      { kind: 'PRODUCT', description: 'Gate valve', quantity: '10', productId: valve },
      { kind: 'SERVICE', description: 'Installation', quantity: '1', unitPrice: '333.33', discountPercent: '3' },
    ]);
    const { contract: c } = await f.ok<{ contract: { amount: string; quote: { id: string } } }>('repA', CONTRACT, {
      id: contract,
    });
    expect(c.quote.id).toBe(quote);
    expect(lines.map(({ id: _, ...l }) => l)).toEqual([
      {
        position: 1,
        kind: 'PRODUCT',
        description: 'Circulation pump',
        quantity: '3.000',
        unitPrice: '1000.00',
        discountPercent: '5.00',
        netUnitPrice: '950.00',
        lineTotal: '2850.00',
        productId: pump,
        ordered: '0.000',
        remaining: '3.000',
        product: { code: 'CL-PUMP' },
      },
      {
        position: 2,
        kind: 'PRODUCT',
        description: 'Gate valve',
        quantity: '10.000',
        unitPrice: '55.50',
        discountPercent: '0.00',
        netUnitPrice: '55.50',
        lineTotal: '555.00',
        productId: valve,
        ordered: '0.000',
        remaining: '10.000',
        product: { code: 'CL-VALVE' },
      },
      {
        position: 3,
        kind: 'SERVICE',
        description: 'Installation',
        quantity: '1.000',
        unitPrice: '333.33',
        discountPercent: '3.00',
        netUnitPrice: '323.33',
        lineTotal: '323.33',
        productId: null,
        ordered: '0.000',
        remaining: '1.000',
        product: null,
      },
    ]);
    // The lines sum to the contract's amount (the quote's total) to the cent.
    expect(c.amount).toBe('3728.33');
  });

  it('orders draw the lines down and give back when cancelled or amended; beyond is CONFLICT and changes nothing', async () => {
    const { contract, lines } = await contracted([
      { kind: 'PRODUCT', description: 'Circulation pump', quantity: '5', productId: pump, discountPercent: '5' },
      { kind: 'SERVICE', description: 'Installation', quantity: '2', unitPrice: '300.00' },
    ]);
    const [pumps, install] = lines;
    const { createOrder: o } = await f.ok<{ createOrder: Order }>(
      'repA',
      CREATE_ORDER,
      orderIn(contract, [
        { contractLineId: pumps.id, quantity: '2' },
        { contractLineId: install.id, quantity: '1', description: 'Installation, site 1', unitPrice: '300.00' },
      ]),
    );
    expect(o.lines.map(({ id: _, ...l }) => l)).toEqual([
      {
        description: 'Circulation pump',
        quantity: '2.000',
        unitPrice: '950.00',
        lineTotal: '1900.00',
        productId: pump,
        contractLineId: pumps.id,
        product: { code: 'CL-PUMP' },
      },
      {
        description: 'Installation, site 1',
        quantity: '1.000',
        unitPrice: '300.00',
        lineTotal: '300.00',
        productId: null,
        contractLineId: install.id,
        product: null,
      },
    ]);
    expect(o.amount).toBe('2200.00');
    expect((await contractLines(contract)).map((l) => [l.ordered, l.remaining])).toEqual([
      ['2.000', '3.000'],
      ['1.000', '1.000'],
    ]);

    // Beyond what is left: CONFLICT naming the line and the quantities; nothing changes.
    const before = await snapshot(contract);
    const over = await f.call(
      'repA',
      CREATE_ORDER,
      orderIn(contract, [{ contractLineId: pumps.id, quantity: '3.001' }]),
    );
    expect(reason(over)).toBe('OVER_CONTRACT');
    expect(over.body.errors?.[0]?.message).toContain('3.000 left to order: 5.000 contracted, 2.000 ordered already');
    // Two lines of one order on the same contract line count together.
    const twice = await f.call(
      'repA',
      CREATE_ORDER,
      orderIn(contract, [
        { contractLineId: pumps.id, quantity: '2' },
        { contractLineId: pumps.id, quantity: '1.5' },
      ]),
    );
    expect(reason(twice)).toBe('OVER_CONTRACT');
    // Bad lines: BAD_USER_INPUT naming the line's field.
    const other = await contracted([{ kind: 'SERVICE', description: 'Other', quantity: '1', unitPrice: '1.00' }]);
    const cases: [Record<string, unknown>, string | null, string][] = [
      [{ quantity: '1', description: 'Free line', unitPrice: '1.00' }, contract, 'lines[0].contractLineId'],
      [{ contractLineId: other.lines[0].id, quantity: '1' }, contract, 'lines[0].contractLineId'],
      [{ contractLineId: randomUUID(), quantity: '1' }, contract, 'lines[0].contractLineId'],
      [{ contractLineId: pumps.id, quantity: '1', unitPrice: '900.00' }, contract, 'lines[0].unitPrice'],
      [{ contractLineId: pumps.id, quantity: '1', productId: valve }, contract, 'lines[0].productId'],
      [{ contractLineId: pumps.id, quantity: '0' }, contract, 'lines[0].quantity'],
      [{ contractLineId: pumps.id, quantity: '1' }, null, 'lines[0].contractLineId'],
      [{ quantity: '1', description: 'No price' }, null, 'lines[0].unitPrice'],
    ];
    for (const [line, c, field] of cases) {
      const p = await f.refused('repA', CREATE_ORDER, orderIn(c, [line]));
      expect({ line, p }).toMatchObject({ line, p: { code: 'BAD_USER_INPUT', fields: [field] } });
    }
    expect(await snapshot(contract)).toBe(before);

    // An amendment gives back the old lines and draws the new ones, all or nothing.
    const amended = await f.refused('repA', UPDATE_ORDER, {
      id: o.id,
      in: { lines: [{ contractLineId: pumps.id, quantity: '5.001' }] },
    });
    expect(amended.code).toBe('CONFLICT');
    expect(await snapshot(contract)).toBe(before);
    await f.ok('repA', UPDATE_ORDER, { id: o.id, in: { lines: [{ contractLineId: pumps.id, quantity: '5' }] } });
    expect((await contractLines(contract)).map((l) => l.ordered)).toEqual(['5.000', '0.000']);
    // Leaving the contract: the lines must be given again, without contract lines.
    const cleared = await f.refused('repA', UPDATE_ORDER, { id: o.id, in: { clearContract: true } });
    expect(cleared).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['lines[0].contractLineId'] });
    // Cancelled, the order gives everything back.
    await f.ok('repA', CANCEL_ORDER, { id: o.id });
    expect((await contractLines(contract)).map((l) => l.ordered)).toEqual(['0.000', '0.000']);
  });

  it('an order on a contract not yet signed is rejected by leadership’s approval: its quantities are given back', async () => {
    const { contract, lines } = await contracted([
      { kind: 'PRODUCT', description: 'Circulation pump', quantity: '4', productId: pump },
      { kind: 'PRODUCT', description: 'Gate valve', quantity: '6', productId: valve },
    ]);
    const { createOrder: o } = await f.ok<{ createOrder: Order }>(
      'repA',
      CREATE_ORDER,
      orderIn(contract, [
        { contractLineId: lines[0].id, quantity: '3' },
        { contractLineId: lines[1].id, quantity: '6' },
      ]),
    );
    // The contract is a DRAFT (not signed): the order goes to the approval engine, its lines still drawn.
    const { confirmOrder: pending } = await f.ok<{
      confirmOrder: {
        state: string;
        approvalRequest: { subjectType: string; steps: { id: string; status: string }[] };
      };
    }>(
      'repA',
      `mutation($id: ID!) { confirmOrder(id: $id) { state approvalRequest { subjectType steps { id status } } } }`,
      { id: o.id },
    );
    expect(pending.state).toBe('PENDING_APPROVAL');
    expect(pending.approvalRequest.subjectType).toBe('ORDER_WITHOUT_CONTRACT');
    expect((await contractLines(contract)).map((l) => l.ordered)).toEqual(['3.000', '6.000']);
    const step = pending.approvalRequest.steps.find((x) => x.status === 'PENDING')!;
    await f.ok('managerA', `mutation($s: ID!) { rejectStep(stepId: $s, reason: "No unsigned orders") { id } }`, {
      s: step.id,
    });
    const { order } = await f.ok<{ order: { state: string; stateReason: string } }>(
      'repA',
      `query($id: ID!) { order(id: $id) { state stateReason } }`,
      { id: o.id },
    );
    expect(order).toEqual({ state: 'REJECTED', stateReason: 'No unsigned orders' });
    // Rejected, the order holds nothing: every unit may be ordered again.
    expect((await contractLines(contract)).map((l) => [l.ordered, l.remaining])).toEqual([
      ['0.000', '4.000'],
      ['0.000', '6.000'],
    ]);
    await f.ok('repA', CREATE_ORDER, orderIn(contract, [{ contractLineId: lines[0].id, quantity: '4' }]));
  });

  it('an order from the quote draws what is left; when nothing is, CONFLICT; a quote without a contract orders once', async () => {
    const { quote, contract, lines } = await contracted([
      { kind: 'PRODUCT', description: 'Circulation pump', quantity: '4', productId: pump },
      { kind: 'PRODUCT', description: 'Gate valve', quantity: '6', productId: valve },
    ]);
    await f.ok('repA', CREATE_ORDER, orderIn(contract, [{ contractLineId: lines[0].id, quantity: '1' }]));
    const { createOrderFromQuote: first } = await f.ok<{ createOrderFromQuote: Order }>('repA', FROM_QUOTE, {
      id: quote,
    });
    expect(first).toMatchObject({ quoteId: quote, contractId: contract, amount: '3333.00' });
    expect(first.lines.map((l) => [l.contractLineId, l.quantity, l.unitPrice])).toEqual([
      [lines[0].id, '3.000', '1000.00'],
      [lines[1].id, '6.000', '55.50'],
    ]);
    const before = await snapshot(contract);
    const again = await f.refused('repA', FROM_QUOTE, { id: quote });
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain('already ordered');
    expect(await snapshot(contract)).toBe(before);
    // A cancellation frees its quantities for the next order from the quote.
    await f.ok('repA', CANCEL_ORDER, { id: first.id });
    const { createOrderFromQuote: next } = await f.ok<{ createOrderFromQuote: Order }>('repA', FROM_QUOTE, {
      id: quote,
    });
    expect(next.lines.map((l) => l.quantity)).toEqual(['3.000', '6.000']);

    // Without a contract: one live order per quote.
    const bare = await acceptedQuote([{ kind: 'PRODUCT', description: 'Pump', quantity: '1', productId: pump }]);
    const { createOrderFromQuote: once } = await f.ok<{ createOrderFromQuote: Order }>('repA', FROM_QUOTE, {
      id: bare,
    });
    expect(once).toMatchObject({ quoteId: bare, contractId: null });
    const count = async () =>
      (await f.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE quote_id = $1', [bare])).rows[0]
        .n;
    const second = await f.refused('repA', FROM_QUOTE, { id: bare });
    expect(second.code).toBe('CONFLICT');
    expect(second.message).toContain(once.id);
    expect(await count()).toBe(1);
    await f.ok('repA', CANCEL_ORDER, { id: once.id });
    await f.ok('repA', FROM_QUOTE, { id: bare });
    expect(await count()).toBe(2);
  });

  it('20 concurrent orders against the last 5 units: exactly 5 are ordered, 15 get OVER_CONTRACT and change nothing', async () => {
    const { contract, lines } = await contracted([
      { kind: 'PRODUCT', description: 'Circulation pump', quantity: '20', productId: pump },
    ]);
    await f.ok('repA', CREATE_ORDER, orderIn(contract, [{ contractLineId: lines[0].id, quantity: '15' }]));
    const count = async () =>
      (await f.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE contract_id = $1', [contract]))
        .rows[0].n;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        f.call('repA', CREATE_ORDER, orderIn(contract, [{ contractLineId: lines[0].id, quantity: '1' }])),
      ),
    );
    expect(results.filter((r) => !r.body.errors)).toHaveLength(5);
    expect(results.filter((r) => r.body.errors).map(reason)).toEqual(Array(15).fill('OVER_CONTRACT'));
    expect(await count()).toBe(6);
    expect((await contractLines(contract)).map((l) => [l.ordered, l.remaining])).toEqual([['20.000', '0.000']]);
  });

  it('random orders, cancellations and amendments: ordered <= contracted per line, and ordered = what live orders hold', async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('order' as const),
        picks: fc.array(fc.record({ line: fc.nat(1), qty: fc.integer({ min: 1, max: 4000 }) }), {
          minLength: 1,
          maxLength: 2,
        }),
      }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }),
      fc.record({
        kind: fc.constant('amend' as const),
        pick: fc.nat(20),
        line: fc.nat(1),
        qty: fc.integer({ min: 1, max: 4000 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const { contract, lines } = await contracted([
          { kind: 'PRODUCT', description: 'Pump', quantity: '5', productId: pump },
          { kind: 'SERVICE', description: 'Service hours', quantity: '2.5', unitPrice: '80.00' },
        ]);
        const contractedQty = [5000, 2500];
        const live: { id: string; held: number[] }[] = [];
        const held = () => [0, 1].map((i) => live.reduce((s, o) => s + o.held[i], 0));
        const fits = (extra: number[]) => extra.every((q, i) => q <= contractedQty[i]);
        for (const o of ops) {
          if (o.kind === 'order') {
            const want = [0, 0];
            for (const p of o.picks) want[p.line] += p.qty;
            const r = await f.call<{ createOrder: Order }>(
              'repA',
              CREATE_ORDER,
              orderIn(
                contract,
                o.picks.map((p) => ({ contractLineId: lines[p.line].id, quantity: String(p.qty / 1000) })),
              ),
            );
            const ok = fits(held().map((h, i) => h + want[i]));
            expect({ o, ok: !r.body.errors }).toEqual({ o, ok });
            if (ok) live.push({ id: r.body.data!.createOrder.id, held: want });
            else expect(reason(r)).toBe('OVER_CONTRACT');
          } else if (o.kind === 'cancel' && live.length) {
            const [gone] = live.splice(o.pick % live.length, 1);
            await f.ok('repA', CANCEL_ORDER, { id: gone.id });
          } else if (o.kind === 'amend' && live.length) {
            const target = live[o.pick % live.length];
            const want = [0, 0];
            want[o.line] = o.qty;
            const r = await f.call('repA', UPDATE_ORDER, {
              id: target.id,
              in: { lines: [{ contractLineId: lines[o.line].id, quantity: String(o.qty / 1000) }] },
            });
            const ok = fits(held().map((h, i) => h - target.held[i] + want[i]));
            expect({ o, ok: !r.body.errors }).toEqual({ o, ok });
            if (ok) target.held = want;
            else expect(reason(r)).toBe('OVER_CONTRACT');
          }
          // After every step: the database agrees with the model and with its own order lines, within the contract.
          const rows = (
            await f.owner.query<{ ordered: string; quantity: string; live: string }>(
              `SELECT c.ordered, c.quantity, (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l
                 JOIN orders o ON o.branch_id = l.branch_id AND o.id = l.order_id
                 WHERE l.branch_id = c.branch_id AND l.contract_line_id = c.id
                   AND o.state NOT IN ('CANCELLED', 'REJECTED'))::text AS live
               FROM contract_lines c WHERE c.contract_id = $1 ORDER BY c.position`,
              [contract],
            )
          ).rows;
          expect(rows.map((r) => milli(r.ordered))).toEqual(held());
          expect(rows.map((r) => milli(r.live))).toEqual(held());
          for (const r of rows) expect(milli(r.ordered)).toBeLessThanOrEqual(milli(r.quantity));
        }
      }),
      { numRuns: 12 },
    );
  });

  it('lines of quotes, contracts and orders give their product in a constant number of statements', async () => {
    for (let i = 0; i < 4; i++) {
      const { contract, lines } = await contracted([
        { kind: 'PRODUCT', description: 'Pump', quantity: '2', productId: pump },
        { kind: 'PRODUCT', description: 'Valve', quantity: '2', productId: valve },
      ]);
      await f.ok(
        'repA',
        CREATE_ORDER,
        orderIn(
          contract,
          lines.map((l) => ({ contractLineId: l.id, quantity: '1' })),
        ),
      );
    }
    const statements = async (first: number) => {
      const r = await f.call<{
        orders: { edges: { node: { lines: OrderLine[] } }[] };
        quotes: { edges: { node: { lines: { product: { code: string } | null }[] } }[] };
        contracts: { edges: { node: { lines: ContractLine[] } }[] };
      }>(
        'repA',
        `query($first: Int!) {
          orders(first: $first) { edges { node { lines { product { code name listPrice } } } } }
          quotes(first: $first) { edges { node { lines { product { code } } } } }
          contracts(first: $first) { edges { node { lines { product { code } } } } }
        }`,
        { first },
      );
      expect(r.body.errors).toBeUndefined();
      const d = r.body.data!;
      const codes = [
        ...d.orders.edges.flatMap((e) => e.node.lines.map((l) => l.product?.code)),
        ...d.quotes.edges.flatMap((e) => e.node.lines.map((l) => l.product?.code)),
        ...d.contracts.edges.flatMap((e) => e.node.lines.map((l) => l.product?.code)),
      ];
      return { n: Number(r.headers.get('x-sql-statements')), codes };
    };
    const one = await statements(1);
    const ten = await statements(10);
    expect(ten.codes.filter((c) => c === 'CL-PUMP').length).toBeGreaterThanOrEqual(12);
    expect(ten.n).toBe(one.n);
  });
});
