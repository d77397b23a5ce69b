import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { insertCustomer, problem, useFixture } from '@app/testing';

/**
 * Orders taken by phone or fax (DOMAIN.md section 4): without a signed contract leadership approves
 * first (the ORDER_WITHOUT_CONTRACT subject's built-in default has a leadership step whatever the
 * amount); with a SIGNED or ACTIVE contract of the customer the order is confirmed directly. Nothing
 * ships (RELEASED) before either. The own-only wall, and bad input that changes nothing.
 */

const ORDER = `id branchId customerId ownerId channel contractId receivedOn reference amount currency state stateReason
  approvalRequestId notes releasedAt
  lines { position description quantity unitPrice lineTotal }
  customer { id } owner { id }
  approvalRequest { id status subjectType subjectId steps { id position name status approvers { kind role } } }`;

interface Order {
  id: string;
  branchId: string;
  customerId: string;
  ownerId: string;
  channel: string;
  contractId: string | null;
  amount: string;
  currency: string;
  state: string;
  stateReason: string | null;
  approvalRequestId: string | null;
  releasedAt: string | null;
  lines: { position: number; description: string; quantity: string; unitPrice: string; lineTotal: string }[];
  customer: { id: string } | null;
  owner: { id: string } | null;
  approvalRequest: {
    id: string;
    status: string;
    subjectType: string;
    subjectId: string;
    steps: {
      id: string;
      position: number;
      name: string;
      status: string;
      approvers: { kind: string; role: string }[];
    }[];
  } | null;
}

const LINES = [
  { description: 'Pump P-100', quantity: '3', unitPrice: '1200.50' },
  { description: 'Seal kit', quantity: '2.5', unitPrice: '19.99' },
];

describe('orders over GraphQL', () => {
  const f = useFixture({
    env: { DB_POOL_SIZE: '20' },
    people: { leader: { branch: 'hq', role: 'LEADERSHIP' }, clerkA: { branch: 'a', role: 'CLERK' } },
  });
  const { call, ok } = f;
  let customerA: string; // repA's
  let customerA2: string; // rep2A's
  let customerB: string;

  /** A contract inserted as arrangement (the contracts module's own tests cover how it gets there). */
  async function insertContract(branchId: string, customerId: string, ownerId: string, state: string) {
    const id = randomUUID();
    const signed = state === 'SIGNED' || state === 'ACTIVE';
    await f.owner.query(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         number, signed_on, version, created_by)
       VALUES ($1, $2, $3, $4, 100000, 'CNY', '2026-01-01', '2027-12-31', $5, $6, $7, $8, $9, $5)`,
      [
        branchId,
        id,
        customerId,
        `Frame contract ${state}`,
        ownerId,
        state,
        signed ? `N-${id.slice(0, 8)}` : null,
        signed ? '2026-01-05' : null,
        signed ? 1 : 0,
      ],
    );
    return id;
  }

  const CREATE = `mutation($in: CreateOrderInput!) { createOrder(input: $in) { ${ORDER} } }`;
  const UPDATE = `mutation($id: ID!, $in: UpdateOrderInput!) { updateOrder(id: $id, input: $in) { ${ORDER} } }`;
  const GET = `query($id: ID!) { order(id: $id) { ${ORDER} } }`;
  const CONFIRM = `mutation($id: ID!) { confirmOrder(id: $id) { ${ORDER} } }`;
  const RELEASE = `mutation($id: ID!) { releaseOrderForShipment(id: $id) { ${ORDER} } }`;
  const CANCEL = `mutation($id: ID!, $r: String!) { cancelOrder(id: $id, reason: $r) { ${ORDER} } }`;
  const LIST = `query($f: OrderFilter, $after: String, $first: Int) { orders(first: $first, after: $after, filter: $f) {
    totalCount edges { cursor node { id state branchId } } pageInfo { hasNextPage endCursor } } }`;
  const APPROVE = `mutation($s: ID!) { approveStep(stepId: $s) { id status } }`;
  const REJECT = `mutation($s: ID!) { rejectStep(stepId: $s, reason: "No credit line") { id status } }`;
  const RETURN = `mutation($s: ID!) { returnStep(stepId: $s, comment: "Split the order") { id status } }`;

  async function create(who: string, input: Record<string, unknown> = {}): Promise<Order> {
    return (
      await ok<{ createOrder: Order }>(who, CREATE, {
        in: { customerId: customerA, channel: 'PHONE', receivedOn: '2026-11-20', lines: LINES, ...input },
      })
    ).createOrder;
  }
  const get = async (who: string, id: string) => (await ok<{ order: Order | null }>(who, GET, { id })).order;
  const confirm = async (who: string, id: string) =>
    (await ok<{ confirmOrder: Order }>(who, CONFIRM, { id })).confirmOrder;
  const pendingStep = (o: Order) => o.approvalRequest!.steps.find((s) => s.status === 'PENDING')!;

  /** The stored state of the order tables and the audit log, for "nothing changed". */
  async function tables(): Promise<string> {
    const r = await f.owner.query<{ x: string }>(
      `SELECT concat_ws('|', (SELECT md5(coalesce(string_agg(o::text, ',' ORDER BY o.id), '')) FROM orders o),
         (SELECT md5(coalesce(string_agg(l::text, ',' ORDER BY l.id), '')) FROM order_lines l),
         (SELECT count(*) FROM approval_requests), (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  beforeAll(async () => {
    customerA = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.u.repA.id, name: 'Acme Pumps' });
    customerA2 = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.u.rep2A.id, name: 'Beta Valves' });
    customerB = await insertCustomer(f.owner, { branchId: f.org.b.id, ownerId: f.u.repB.id, name: 'Gamma Works' });
  });

  it('an order without a contract needs leadership approval before it may be released', async () => {
    const o = await create('repA', { reference: 'FAX 2026-118', channel: 'FAX', notes: 'Call before delivery' });
    // 3 × 1200.50 + 2.5 × 19.99 = 3601.50 + 49.975 -> 49.98 = 3651.48, computed in SQL numeric.
    expect(o).toMatchObject({
      state: 'DRAFT',
      channel: 'FAX',
      currency: 'CNY',
      amount: '3651.48',
      contractId: null,
      ownerId: f.u.repA.id,
      customer: { id: customerA },
      owner: { id: f.u.repA.id },
      approvalRequest: null,
    });
    expect(o.lines.map((l) => [l.position, l.quantity, l.unitPrice, l.lineTotal])).toEqual([
      [1, '3.000', '1200.50', '3601.50'],
      [2, '2.500', '19.99', '49.98'],
    ]);
    const refusedEarly = await call(`repA`, RELEASE, { id: o.id }).then(problem);
    expect(refusedEarly.code).toBe('FORBIDDEN'); // a sales rep does not release shipments at all
    const draftRelease = problem(await call('clerkA', RELEASE, { id: o.id }));
    expect(draftRelease.code).toBe('INVALID_STATE');
    expect(draftRelease.message).toMatch(/from DRAFT to RELEASED/);

    const pending = await confirm('repA', o.id);
    expect(pending.state).toBe('PENDING_APPROVAL');
    expect(pending.approvalRequest).toMatchObject({
      status: 'PENDING',
      subjectType: 'ORDER_WITHOUT_CONTRACT',
      subjectId: o.id,
    });
    // A small amount still has the leadership step: the built-in default for this subject.
    expect(pending.approvalRequest!.steps.map((s) => [s.position, s.name, s.status])).toEqual([
      [1, 'Branch manager', 'PENDING'],
      [2, 'Leadership', 'WAITING'],
    ]);
    expect(pending.approvalRequest!.steps[1].approvers).toEqual([{ kind: 'HQ_ROLE', role: 'LEADERSHIP' }]);

    const before = await tables();
    for (const who of ['clerkA', 'managerA']) {
      const p = problem(await call(who, RELEASE, { id: o.id }));
      expect({ who, code: p.code }).toEqual({ who, code: 'INVALID_STATE' });
      expect(p.message).toMatch(/from PENDING_APPROVAL to RELEASED/);
    }
    expect(await tables()).toBe(before);

    await ok('managerA', APPROVE, { s: pendingStep(pending).id });
    const half = (await get('managerA', o.id))!;
    expect(half.state).toBe('PENDING_APPROVAL');
    expect(problem(await call('clerkA', RELEASE, { id: o.id })).code).toBe('INVALID_STATE');

    await ok('leader', APPROVE, { s: pendingStep(half).id });
    const approved = (await get('repA', o.id))!;
    expect(approved).toMatchObject({ state: 'APPROVED', approvalRequest: { status: 'APPROVED' } });

    const released = (await ok<{ releaseOrderForShipment: Order }>('clerkA', RELEASE, { id: o.id }))
      .releaseOrderForShipment;
    expect(released.state).toBe('RELEASED');
    expect(released.releasedAt).not.toBeNull();
    const again = problem(await call('clerkA', RELEASE, { id: o.id }));
    expect(again).toMatchObject({ code: 'INVALID_STATE' });
    expect(again.message).toMatch(/from RELEASED to RELEASED/);
    expect(problem(await call('repA', CANCEL, { id: o.id, r: 'too late' })).code).toBe('INVALID_STATE');

    // Every transition left an audit row.
    const audit = await f.owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'order' AND entity_id = $1 ORDER BY created_at, action`,
      [o.id],
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual(
      ['approval_approved', 'create', 'release', 'submit_for_approval'].sort(),
    );
  });

  it('rejected ends the order (reason kept); returned reopens the DRAFT for changes; cancel withdraws', async () => {
    const r = await confirm('repA', (await create('repA')).id);
    await ok('managerA', REJECT, { s: pendingStep(r).id });
    const rejected = (await get('repA', r.id))!;
    expect(rejected.state).toBe('REJECTED');
    expect(rejected.stateReason).toBe('No credit line');
    expect(problem(await call('clerkA', RELEASE, { id: r.id })).code).toBe('INVALID_STATE');
    expect(problem(await call('repA', CONFIRM, { id: r.id })).message).toMatch(/from REJECTED to/);

    const t = await confirm('repA', (await create('repA')).id);
    await ok('managerA', RETURN, { s: pendingStep(t).id });
    expect((await get('repA', t.id))!.state).toBe('DRAFT');
    const edited = (
      await ok<{ updateOrder: Order }>('repA', UPDATE, {
        id: t.id,
        in: { lines: [{ description: 'Pump P-100', quantity: '1', unitPrice: '1200.50' }] },
      })
    ).updateOrder;
    expect(edited).toMatchObject({ amount: '1200.50', state: 'DRAFT' });
    expect(edited.lines).toHaveLength(1);
    const again = await confirm('repA', t.id);
    expect(again.state).toBe('PENDING_APPROVAL');
    expect(again.approvalRequestId).not.toBe(t.approvalRequestId);
    expect(problem(await call('repA', UPDATE, { id: t.id, in: { notes: 'x' } })).code).toBe('INVALID_STATE');

    const cancelled = (await ok<{ cancelOrder: Order }>('repA', CANCEL, { id: t.id, r: 'Customer changed mind' }))
      .cancelOrder;
    expect(cancelled).toMatchObject({
      state: 'CANCELLED',
      stateReason: 'Customer changed mind',
      approvalRequest: { status: 'WITHDRAWN' },
    });
    expect(problem(await call('clerkA', RELEASE, { id: t.id })).code).toBe('INVALID_STATE');
  });

  it('an order backed by a SIGNED or ACTIVE contract of its customer is confirmed without approval', async () => {
    for (const state of ['ACTIVE', 'SIGNED']) {
      const contract = await insertContract(f.org.a.id, customerA, f.u.repA.id, state);
      const o = await create('repA', { contractId: contract, channel: 'EMAIL' });
      const requests = await f.owner.query('SELECT count(*)::int AS n FROM approval_requests');
      const confirmed = await confirm('repA', o.id);
      expect(confirmed).toMatchObject({ state: 'CONFIRMED', contractId: contract, approvalRequest: null });
      expect((await f.owner.query('SELECT count(*)::int AS n FROM approval_requests')).rows).toEqual(requests.rows);
      const released = (await ok<{ releaseOrderForShipment: Order }>('managerA', RELEASE, { id: o.id }))
        .releaseOrderForShipment;
      expect(released.state).toBe('RELEASED');
    }
    // Confirmed, then the contract is terminated before shipment: release is refused and nothing changes.
    const contract = await insertContract(f.org.a.id, customerA, f.u.repA.id, 'ACTIVE');
    const o = await confirm('repA', (await create('repA', { contractId: contract })).id);
    expect(o.state).toBe('CONFIRMED');
    await f.owner.query(`UPDATE contracts SET state = 'TERMINATED' WHERE branch_id = $1 AND id = $2`, [
      f.org.a.id,
      contract,
    ]);
    const before = await tables();
    const p = problem(await call('managerA', RELEASE, { id: o.id }));
    expect(p.code).toBe('INVALID_STATE');
    expect(p.message).toMatch(/is TERMINATED: only a SIGNED or ACTIVE contract backs a shipment/);
    expect(await tables()).toBe(before);
    expect((await get('repA', o.id))!.state).toBe('CONFIRMED');
  });

  it('an unsigned contract goes to leadership, an ended one does not confirm; another customer’s and a foreign one are refused', async () => {
    // Not signed yet: an order without a signed contract, so leadership approves it first.
    const draft = await insertContract(f.org.a.id, customerA, f.u.repA.id, 'DRAFT');
    const pending = await confirm('repA', (await create('repA', { contractId: draft })).id);
    expect(pending).toMatchObject({ state: 'PENDING_APPROVAL', contractId: draft });
    expect(pending.approvalRequest!.status).toBe('PENDING');

    const ended = await insertContract(f.org.a.id, customerA, f.u.repA.id, 'TERMINATED');
    const o = await create('repA', { contractId: ended });
    const before = await tables();
    const p = problem(await call('repA', CONFIRM, { id: o.id }));
    expect(p.code).toBe('INVALID_STATE');
    expect(p.message).toMatch(/is TERMINATED: only a SIGNED or ACTIVE contract confirms an order/);
    expect(await tables()).toBe(before);
    expect((await get('repA', o.id))!.state).toBe('DRAFT');

    // The manager sees rep2A's customer's contract: it is refused by field, not hidden.
    const other = await insertContract(f.org.a.id, customerA2, f.u.rep2A.id, 'ACTIVE');
    const wrong = problem(
      await call('managerA', CREATE, {
        in: { customerId: customerA, channel: 'PHONE', receivedOn: '2026-11-20', lines: LINES, contractId: other },
      }),
    );
    expect(wrong).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['contractId'] });
    const wrongUpdate = problem(await call('managerA', UPDATE, { id: o.id, in: { contractId: other } }));
    expect(wrongUpdate).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['contractId'] });

    // Foreign (branch B, or a colleague's for a rep) answers exactly as a random id.
    const foreign = await insertContract(f.org.b.id, customerB, f.u.repB.id, 'ACTIVE');
    for (const [who, id] of [
      ['managerA', foreign],
      ['repA', foreign],
      ['repA', other],
    ]) {
      const input = (c: string) => ({
        in: { customerId: customerA, channel: 'PHONE', receivedOn: '2026-11-20', lines: LINES, contractId: c },
      });
      const random = randomUUID();
      const a = problem(await call(who, CREATE, input(id)));
      const b = problem(await call(who, CREATE, input(random)));
      expect({ who, code: a.code }).toEqual({ who, code: 'NOT_FOUND' });
      expect(a.message.replace(id, '<id>')).toBe(b.message.replace(random, '<id>'));
    }
    expect(await tables()).toBe(before);
  });

  it('a sales rep sees only their own orders; the branch manager and head office see all', async () => {
    const mine = await create('repA');
    const theirs = await create('rep2A', { customerId: customerA2 });
    expect(await get('rep2A', mine.id)).toBeNull();
    expect(await get('repA', theirs.id)).toBeNull();
    expect(problem(await call('rep2A', CONFIRM, { id: mine.id })).code).toBe('NOT_FOUND');
    expect(problem(await call('rep2A', UPDATE, { id: mine.id, in: { notes: 'x' } })).code).toBe('NOT_FOUND');
    expect(problem(await call('rep2A', CANCEL, { id: mine.id, r: 'x' })).code).toBe('NOT_FOUND');
    const list = async (who: string, filter: Record<string, unknown> = {}) =>
      (
        await ok<{ orders: { totalCount: number; edges: { node: { id: string; state: string } }[] } }>(who, LIST, {
          f: filter,
        })
      ).orders;
    const repIds = (await list('repA', { withoutContract: true })).edges.map((e) => e.node.id);
    expect(repIds).toContain(mine.id);
    expect(repIds).not.toContain(theirs.id);
    expect((await list('repA', { ownerId: f.u.rep2A.id })).totalCount).toBe(0);
    const managerIds = (await list('managerA', { withoutContract: true })).edges.map((e) => e.node.id);
    expect(managerIds).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect((await list('managerA', { withoutContract: false })).edges.map((e) => e.node.id)).not.toContain(mine.id);
    expect((await list('managerB')).totalCount).toBe(0);

    // Head office: one list across branches, e.g. what waits for release; paging by cursor.
    const b = await ok<{ createOrder: Order }>('repB', CREATE, {
      in: { customerId: customerB, channel: 'IN_PERSON', receivedOn: '2026-11-21', lines: LINES },
    });
    const all = await list('admin');
    expect(all.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([mine.id, b.createOrder.id]));
    const released = await list('admin', { state: 'RELEASED' });
    expect(released.totalCount).toBeGreaterThanOrEqual(3);
    expect(released.edges.every((e) => e.node.state === 'RELEASED')).toBe(true);
    const page1 = (
      await ok<{ orders: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>('admin', LIST, {
        first: 2,
      })
    ).orders;
    const page2 = (
      await ok<{ orders: { edges: { node: { id: string } }[] } }>('admin', LIST, {
        first: 2,
        after: page1.pageInfo.endCursor,
      })
    ).orders;
    const ids = [...page1.edges, ...page2.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids.slice(0, 4)).toEqual(all.edges.slice(0, 4).map((e) => e.node.id));
    expect((await list('admin', { branchId: f.org.b.id })).edges.map((e) => e.node.id)).toEqual([b.createOrder.id]);
  });

  it('bad input is refused with a typed error naming the field, and changes nothing', async () => {
    const draft = await create('repA');
    const before = await tables();
    const base = { customerId: customerA, channel: 'PHONE', receivedOn: '2026-11-20', lines: LINES };
    const line = (l: Record<string, string>) => ({
      ...base,
      lines: [{ description: 'X', quantity: '1', unitPrice: '1', ...l }],
    });
    const cases: [string, Record<string, unknown>, string, string[]][] = [
      ['negative quantity', line({ quantity: '-1' }), 'BAD_USER_INPUT', ['lines[0].quantity']],
      ['zero quantity', line({ quantity: '0.000' }), 'BAD_USER_INPUT', ['lines[0].quantity']],
      ['4 decimals', line({ quantity: '1.0001' }), 'BAD_USER_INPUT', ['lines[0].quantity']],
      ['negative price', line({ unitPrice: '-0.01' }), 'BAD_USER_INPUT', ['lines[0].unitPrice']],
      ['3-decimal price', line({ unitPrice: '0.001' }), 'BAD_USER_INPUT', ['lines[0].unitPrice']],
      ['total too large', line({ quantity: '999999999999', unitPrice: '9999999999999' }), 'BAD_USER_INPUT', ['lines']],
      ['wrong currency', { ...base, currency: 'USD' }, 'BAD_USER_INPUT', ['currency']],
      ['no lines', { ...base, lines: [] }, 'BAD_USER_INPUT', ['lines']],
      ['bad channel', { ...base, channel: 'PIGEON' }, 'BAD_USER_INPUT', []],
      ['bad date', { ...base, receivedOn: '2026-02-30' }, 'BAD_USER_INPUT', []],
      ['random customer', { ...base, customerId: randomUUID() }, 'NOT_FOUND', []],
      ['branch B customer', { ...base, customerId: customerB }, 'NOT_FOUND', []],
      ['random contract', { ...base, contractId: randomUUID() }, 'NOT_FOUND', []],
      ['another owner', { ...base, ownerId: f.u.rep2A.id }, 'FORBIDDEN', []],
      ['other branch', { ...base, branchId: f.org.b.id }, 'FORBIDDEN', []],
    ];
    for (const [label, input, code, fields] of cases) {
      const p = problem(await call('repA', CREATE, { in: input }));
      expect({ label, code: p.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: p.fields }).toEqual({ label, fields });
      expect({ label, message: p.message.length > 5 }).toEqual({ label, message: true });
    }
    // Illegal transitions and unknown ids.
    expect(problem(await call('clerkA', RELEASE, { id: draft.id })).code).toBe('INVALID_STATE');
    expect(problem(await call('repA', CONFIRM, { id: randomUUID() })).code).toBe('NOT_FOUND');
    expect(problem(await call('repA', CONFIRM, { id: 'not-an-id' })).code).toBe('BAD_USER_INPUT');
    expect(problem(await call('repA', CANCEL, { id: draft.id, r: '   ' })).fields).toMatchObject(['reason']);
    expect(problem(await call('repA', UPDATE, { id: draft.id, in: {} })).fields).toMatchObject(['input']);
    expect(
      problem(
        await call('repA', UPDATE, {
          id: draft.id,
          in: { lines: [{ description: 'X', quantity: '-2', unitPrice: '1' }] },
        }),
      ).fields,
    ).toMatchObject(['lines[0].quantity']);
    expect(await tables()).toBe(before);
  });
});
