import { beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { insertCustomer, problem, useFixture } from '@app/testing';
import { QuotesJobs } from '../src/modules/contracts/quotes.jobs.js';

/**
 * Quotes over GraphQL with the real approval engine and the real worker: totals computed in numeric,
 * the discount-limit boundary, approval (approve, reject, withdraw, invalidation by an edit), the
 * customer's answer, the contract made from an accepted quote, expiry and the reminder before it
 * (once under repeated scans and two replicas), the own-only wall, bad input and illegal moves.
 */

const QUOTE = `id branchId customerId ownerId title currency validUntil state notes subtotal discountAmount total
  maxDiscountPercent discountLimitPercent needsApproval approvalRequestId approvalNote declineReason contractId sentAt
  lines { position kind description quantity unitPrice discountPercent grossAmount lineTotal }
  customer { id name } owner { id }
  approvalRequest { id status subjectType subjectId amount steps { id status } }`;

interface Line {
  position: number;
  kind: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  grossAmount: string;
  lineTotal: string;
}

interface Quote {
  id: string;
  branchId: string;
  customerId: string;
  ownerId: string;
  title: string;
  currency: string;
  validUntil: string;
  state: string;
  notes: string | null;
  subtotal: string;
  discountAmount: string;
  total: string;
  maxDiscountPercent: string;
  discountLimitPercent: string;
  needsApproval: boolean;
  approvalRequestId: string | null;
  approvalNote: string | null;
  declineReason: string | null;
  contractId: string | null;
  sentAt: string | null;
  lines: Line[];
  customer: { id: string; name: string } | null;
  owner: { id: string } | null;
  approvalRequest: {
    id: string;
    status: string;
    subjectType: string;
    subjectId: string;
    amount: string;
    steps: { id: string; status: string }[];
  } | null;
}

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
const shanghaiStart = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 8 * 3600e3);

const line = (quantity: string, unitPrice: string, discountPercent = '0', kind = 'PRODUCT') => ({
  kind,
  description: `${kind === 'PRODUCT' ? 'Pump' : 'Installation'} ${quantity} x ${unitPrice}`,
  quantity,
  unitPrice,
  discountPercent,
});

describe('quotes over GraphQL', () => {
  // A pool of 10: the race for one contract from a quote runs requests side by side.
  const f = useFixture({ env: { DB_POOL_SIZE: '10' } });
  const { call, ok } = f;
  let customerA: string; // repA's
  let customerA2: string; // rep2A's
  let customerB: string;
  const validUntil = addDays(shanghaiToday(), 30);

  const CREATE = `mutation($in: CreateQuoteInput!) { createQuote(input: $in) { ${QUOTE} } }`;
  const UPDATE = `mutation($id: ID!, $in: UpdateQuoteInput!) { updateQuote(id: $id, input: $in) { ${QUOTE} } }`;
  const GET = `query($id: ID!) { quote(id: $id) { ${QUOTE} } }`;
  const move = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { ${QUOTE} } }`;
  const APPROVE = `mutation($s: ID!) { approveStep(stepId: $s) { id status } }`;
  const FROM_QUOTE = `mutation($id: ID!, $in: ContractFromQuoteInput!) { createContractFromQuote(quoteId: $id, input: $in) {
    id state customerId ownerId title amount currency startsOn endsOn } }`;

  async function create(who: string, input: Record<string, unknown> = {}): Promise<Quote> {
    return (
      await ok<{ createQuote: Quote }>(who, CREATE, {
        in: {
          customerId: customerA,
          title: 'Pumps for line 3',
          validUntil,
          lines: [line('2', '50.00', '5')],
          ...input,
        },
      })
    ).createQuote;
  }

  const get = async (who: string, id: string) => (await ok<{ quote: Quote | null }>(who, GET, { id })).quote;
  const step = async (who: string, name: string, id: string) =>
    (await ok<Record<string, Quote>>(who, move(name), { id }))[name];

  /** Every quote and line row, to prove a refused call changed nothing. */
  const rows = async () =>
    (
      await f.owner.query<{ q: string }>(
        `SELECT (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.id), '[]') FROM quotes x)::text
           || (SELECT coalesce(jsonb_agg(to_jsonb(l) ORDER BY l.id), '[]') FROM quote_lines l)::text
           || (SELECT count(*) FROM audit_log)::text || (SELECT count(*) FROM approval_requests)::text
           || (SELECT count(*) FROM contracts)::text AS q`,
      )
    ).rows[0].q;

  const audit = async (id: string) =>
    (
      await f.owner.query<{ action: string; note: string | null }>(
        `SELECT action, after->>'note' AS note FROM audit_log WHERE entity = 'quote' AND entity_id = $1 ORDER BY created_at, ctid`,
        [id],
      )
    ).rows;

  beforeAll(async () => {
    customerA = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.u.repA.id, name: 'Acme Pumps' });
    customerA2 = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.u.rep2A.id, name: 'Beta Valves' });
    customerB = await insertCustomer(f.owner, { branchId: f.org.b.id, ownerId: f.u.repB.id, name: 'Gamma Works' });
  });

  it('totals are computed in numeric, exactly: 3 x 33.33 at 12.5% and a half-cent that a float rounds the wrong way', async () => {
    const q = await create('repA', {
      lines: [line('3', '33.33', '12.5'), line('1', '1.01', '50', 'SERVICE'), line('0.250', '4.00')],
      notes: 'Delivery in March',
    });
    expect(q.lines).toEqual([
      expect.objectContaining({ position: 1, kind: 'PRODUCT', quantity: '3.000', unitPrice: '33.33' }),
      expect.objectContaining({ position: 2, kind: 'SERVICE', discountPercent: '50.00' }),
      expect.objectContaining({ position: 3, quantity: '0.250' }),
    ]);
    // 99.99 x 0.875 = 87.49125 -> 87.49; 1.01 x 0.5 = 0.505 -> 0.51 (Math.round(0.505 * 100) / 100 gives 0.5).
    expect(q.lines.map((l) => [l.grossAmount, l.lineTotal])).toEqual([
      ['99.99', '87.49'],
      ['1.01', '0.51'],
      ['1.00', '1.00'],
    ]);
    expect(q).toMatchObject({
      state: 'DRAFT',
      currency: 'CNY',
      ownerId: f.u.repA.id,
      subtotal: '102.00',
      discountAmount: '13.00',
      total: '89.00',
      maxDiscountPercent: '50.00',
      discountLimitPercent: '10.00',
      needsApproval: true,
      customer: { id: customerA, name: 'Acme Pumps' },
      owner: { id: f.u.repA.id },
      approvalRequest: null,
    });
    // Replacing the lines recomputes the totals.
    const edited = (await ok<{ updateQuote: Quote }>('repA', UPDATE, { id: q.id, in: { lines: [line('7', '0.07')] } }))
      .updateQuote;
    expect(edited).toMatchObject({ subtotal: '0.49', discountAmount: '0.00', total: '0.49', needsApproval: false });
    expect(edited.lines).toHaveLength(1);
    const stored = await f.owner.query('SELECT count(*)::int AS n FROM quote_lines WHERE quote_id = $1', [q.id]);
    expect(stored.rows[0].n).toBe(1);
    expect((await audit(q.id)).map((a) => a.action)).toEqual(['created', 'updated']);
  });

  it('the limit boundary: exactly at the limit needs no approval and is sent directly; 0.01 over is refused until approved', async () => {
    const at = await create('repA', { lines: [line('1', '1000.00', '10')] });
    expect(at).toMatchObject({ needsApproval: false, total: '900.00' });
    // Lines at the limit whose rounding lifts the overall discount a fraction of a cent above it: still within.
    const rounded = await create('repA', { lines: [line('3', '33.33', '10')] });
    expect(rounded).toMatchObject({ subtotal: '99.99', total: '89.99', discountAmount: '10.00', needsApproval: false });
    const sent = await step('repA', 'sendQuote', at.id);
    expect(sent.state).toBe('SENT');
    expect(sent.sentAt).not.toBeNull();

    const over = await create('repA', { lines: [line('1', '1000.00', '10.01')] });
    expect(over).toMatchObject({ needsApproval: true, total: '899.90' });
    const before = await rows();
    const r = await call('repA', move('sendQuote'), { id: over.id });
    expect(problem(r).code).toBe('INVALID_STATE');
    expect(problem(r).message).toContain('from DRAFT to SENT');
    expect(problem(r).message).toContain('10.00%');
    expect(await rows()).toBe(before);
  });

  it('approval through the real engine: submit, approve as managerA, then send; an edit after approval invalidates it', async () => {
    const q = await create('repA', { lines: [line('10', '120.00', '15'), line('1', '500.00')] });
    expect(q).toMatchObject({ needsApproval: true, subtotal: '1700.00', total: '1520.00' });
    const submitted = await step('repA', 'submitQuoteForApproval', q.id);
    expect(submitted).toMatchObject({
      state: 'PENDING_APPROVAL',
      approvalRequest: { status: 'PENDING', subjectType: 'QUOTE', subjectId: q.id, amount: '1520.00' },
    });
    // Waiting: neither sent nor edited.
    for (const [doc, vars, from] of [
      [move('sendQuote'), { id: q.id }, 'from PENDING_APPROVAL to SENT'],
      [UPDATE, { id: q.id, in: { title: 'Changed' } }, 'PENDING_APPROVAL cannot be edited'],
    ] as const) {
      const r = await call('repA', doc, vars);
      expect(problem(r)).toMatchObject({ code: 'INVALID_STATE' });
      expect(problem(r).message).toContain(from);
    }
    // The requester cannot approve their own request; the branch manager does.
    const self = await call('repA', APPROVE, { s: submitted.approvalRequest!.steps[0].id });
    expect(problem(self).code).toBe('FORBIDDEN');
    await ok('managerA', APPROVE, { s: submitted.approvalRequest!.steps[0].id });
    const approved = (await get('repA', q.id))!;
    expect(approved).toMatchObject({ state: 'APPROVED', approvalRequest: { status: 'APPROVED' } });

    // An edit after approval: back to DRAFT, and sending is refused again.
    const edited = (await ok<{ updateQuote: Quote }>('repA', UPDATE, { id: q.id, in: { notes: 'New terms' } }))
      .updateQuote;
    expect(edited.state).toBe('DRAFT');
    const refused = await call('repA', move('sendQuote'), { id: q.id });
    expect(problem(refused).message).toContain('from DRAFT to SENT');

    const again = await step('repA', 'submitQuoteForApproval', q.id);
    expect(again.approvalRequestId).not.toBe(submitted.approvalRequestId);
    await ok('managerA', APPROVE, { s: again.approvalRequest!.steps[0].id });
    const sent = await step('repA', 'sendQuote', q.id);
    expect(sent.state).toBe('SENT');
    expect((await audit(q.id)).map((a) => a.action)).toEqual([
      'created',
      'submit_for_approval',
      'approval_approved',
      'updated',
      'approval_invalidated',
      'submit_for_approval',
      'approval_approved',
      'send',
    ]);
    // The worker's due timestamps: the expiry at the start of the day after validUntil, the reminder
    // 3 days (the default) before validUntil, both in the branch's time zone (Shanghai).
    const due = await f.owner.query('SELECT expires_at AS e, next_reminder_at AS r FROM quotes WHERE id = $1', [q.id]);
    expect(due.rows[0]).toEqual({
      e: shanghaiStart(addDays(validUntil, 1)),
      r: shanghaiStart(addDays(validUntil, -3)),
    });
  });

  it('a rejected approval goes back to DRAFT with the reason; a withdrawn one too', async () => {
    const q = await step(
      'repA',
      'submitQuoteForApproval',
      (await create('repA', { lines: [line('1', '80.00', '20')] })).id,
    );
    await ok(
      'managerA',
      `mutation($s: ID!) { rejectStep(stepId: $s, reason: "20% is too much for this customer") { id } }`,
      {
        s: q.approvalRequest!.steps[0].id,
      },
    );
    const rejected = (await get('repA', q.id))!;
    expect(rejected).toMatchObject({
      state: 'DRAFT',
      approvalRequest: { status: 'REJECTED' },
      approvalNote: 'Approval rejected: 20% is too much for this customer',
    });
    expect((await audit(q.id)).at(-1)).toEqual({
      action: 'approval_rejected',
      note: 'Approval rejected: 20% is too much for this customer',
    });
    const refused = await call('repA', move('sendQuote'), { id: q.id });
    expect(problem(refused).code).toBe('INVALID_STATE');

    const again = await step('repA', 'submitQuoteForApproval', q.id);
    expect(again.approvalNote).toBeNull();
    await ok('repA', `mutation($r: ID!) { withdrawApproval(requestId: $r, comment: "Wrong price list") { id } }`, {
      r: again.approvalRequestId,
    });
    expect(await get('repA', q.id)).toMatchObject({
      state: 'DRAFT',
      approvalNote: 'Approval withdrawn: Wrong price list',
    });
  });

  it('accept, then a contract from the quote, once; decline records the reason', async () => {
    const q = await create('repA', { lines: [line('4', '2500.00', '8'), line('1', '1200.00', '0', 'SERVICE')] });
    expect(q.total).toBe('10400.00');
    const early = await call('repA', FROM_QUOTE, { id: q.id, in: { startsOn: '2027-01-01', endsOn: '2027-12-31' } });
    expect(problem(early)).toMatchObject({ code: 'INVALID_STATE' });
    await step('repA', 'sendQuote', q.id);
    const accepted = await step('repA', 'acceptQuote', q.id);
    expect(accepted.state).toBe('ACCEPTED');
    const due = await f.owner.query('SELECT expires_at AS e, next_reminder_at AS r FROM quotes WHERE id = $1', [q.id]);
    expect(due.rows[0]).toEqual({ e: null, r: null });
    const contract = (
      await ok<{ createContractFromQuote: Record<string, string> }>('repA', FROM_QUOTE, {
        id: q.id,
        in: { startsOn: '2027-01-01', endsOn: '2027-12-31' },
      })
    ).createContractFromQuote;
    expect(contract).toMatchObject({
      state: 'DRAFT',
      customerId: customerA,
      ownerId: f.u.repA.id,
      title: 'Pumps for line 3',
      amount: '10400.00',
      currency: 'CNY',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
    });
    expect((await get('repA', q.id))!.contractId).toBe(contract.id);
    const back = await ok<{ contract: { quote: { id: string; total: string } | null } }>(
      'repA',
      `query($id: ID!) { contract(id: $id) { quote { id total } } }`,
      { id: contract.id },
    );
    expect(back.contract.quote).toEqual({ id: q.id, total: '10400.00' });
    const before = await rows();
    const second = await call('managerA', FROM_QUOTE, {
      id: q.id,
      in: { startsOn: '2027-01-01', endsOn: '2027-12-31' },
    });
    expect(problem(second)).toMatchObject({ code: 'CONFLICT' });
    expect(await rows()).toBe(before);
    expect((await audit(q.id)).map((a) => a.action)).toEqual(['created', 'send', 'accept', 'contract_created']);

    // Two at once: one contract, the other CONFLICT.
    const race = await create('repA');
    await step('repA', 'sendQuote', race.id);
    await step('repA', 'acceptQuote', race.id);
    const both = await Promise.all(
      ['repA', 'managerA'].map((who) =>
        call(who, FROM_QUOTE, { id: race.id, in: { startsOn: '2027-01-01', endsOn: '2027-12-31' } }),
      ),
    );
    expect(both.map((r) => problem(r).code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const made = await f.owner.query(
      `SELECT count(*)::int AS n FROM contracts c JOIN quotes q ON q.branch_id = c.branch_id AND q.contract_id = c.id
       WHERE q.id = $1`,
      [race.id],
    );
    expect(made.rows[0].n).toBe(1);
    const orphans = await f.owner.query(
      `SELECT count(*)::int AS n FROM contracts c WHERE c.title = 'Pumps for line 3'
         AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.branch_id = c.branch_id AND q.contract_id = c.id)`,
    );
    expect(orphans.rows[0].n).toBe(0);

    const d = await create('repA');
    await step('repA', 'sendQuote', d.id);
    const declined = (
      await ok<{ declineQuote: Quote }>(
        'repA',
        `mutation($id: ID!) { declineQuote(id: $id, reason: "Bought elsewhere") { ${QUOTE} } }`,
        {
          id: d.id,
        },
      )
    ).declineQuote;
    expect(declined).toMatchObject({ state: 'DECLINED', declineReason: 'Bought elsewhere' });
  });

  it('accepting after the validity date is refused as expired, and changes nothing', async () => {
    const q = await create('repA');
    await step('repA', 'sendQuote', q.id);
    await f.owner.query(`UPDATE quotes SET valid_until = $2 WHERE id = $1`, [q.id, addDays(shanghaiToday(), -1)]);
    const before = await rows();
    const r = await call('repA', move('acceptQuote'), { id: q.id });
    expect(problem(r).code).toBe('INVALID_STATE');
    expect(problem(r).message).toContain('expired');
    expect(await rows()).toBe(before);
  });

  it('a rep sees and changes only their own quotes; the manager sees the branch; head office names the branch', async () => {
    const mine = await create('repA');
    const theirs = await create('rep2A', { customerId: customerA2 });
    expect(await get('repA', theirs.id)).toBeNull();
    expect((await get('managerA', theirs.id))!.id).toBe(theirs.id);
    const before = await rows();
    const r = await call('repA', UPDATE, { id: theirs.id, in: { title: 'Mine now' } });
    expect(problem(r).code).toBe('NOT_FOUND');
    const c = await call('repA', CREATE, {
      in: { customerId: customerA2, title: 'x', validUntil, lines: [line('1', '1.00')] },
    });
    expect(problem(c).code).toBe('NOT_FOUND');
    expect(await rows()).toBe(before);
    const LIST = `query($f: QuoteFilter, $after: String) { quotes(first: 100, filter: $f, after: $after) {
      totalCount edges { node { id ownerId } } } }`;
    type Conn = { quotes: { totalCount: number; edges: { node: { id: string; ownerId: string } }[] } };
    const repList = (await ok<Conn>('repA', LIST)).quotes;
    expect(repList.edges.every((e) => e.node.ownerId === f.u.repA.id)).toBe(true);
    expect(repList.edges.map((e) => e.node.id)).toContain(mine.id);
    expect(repList.totalCount).toBe(repList.edges.length);
    const colleague = (await ok<Conn>('repA', LIST, { f: { ownerId: f.u.rep2A.id } })).quotes;
    expect(colleague).toEqual({ totalCount: 0, edges: [] });
    const mgr = (await ok<Conn>('managerA', LIST, { f: { ownerId: f.u.rep2A.id } })).quotes;
    expect(mgr.edges.map((e) => e.node.id)).toEqual([theirs.id]);
    const hq = await call('admin', CREATE, {
      in: { customerId: customerB, title: 'x', validUntil, lines: [line('1', '1.00')] },
    });
    expect(problem(hq)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['branchId'] });
    const hqOk = (
      await ok<{ createQuote: Quote }>('admin', CREATE, {
        in: {
          branchId: f.org.b.id,
          ownerId: f.u.repB.id,
          customerId: customerB,
          title: 'HQ',
          validUntil,
          lines: [line('1', '1.00')],
        },
      })
    ).createQuote;
    expect(hqOk).toMatchObject({ branchId: f.org.b.id, ownerId: f.u.repB.id });
    expect(await get('managerA', hqOk.id)).toBeNull();
  });

  it('pages with a keyset cursor and totalCount; lines cost the same statements for 1 or 20 quotes', async () => {
    // Six of its own: enough for three pages of two, whatever else the file made.
    for (let i = 0; i < 6; i++) await create('managerA', { customerId: customerA2, ownerId: f.u.rep2A.id });
    const PAGE = `query($first: Int, $after: String, $f: QuoteFilter) { quotes(first: $first, after: $after, filter: $f) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id lines { lineTotal } customer { id } owner { id } } } } }`;
    type Page = {
      quotes: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string; lines: unknown[] } }[];
      };
    };
    const filter = { ownerId: f.u.rep2A.id, state: 'DRAFT' };
    const all = (await ok<Page>('managerA', PAGE, { first: 100, f: filter })).quotes;
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const p = (await ok<Page>('managerA', PAGE, { first: 2, after, f: filter })).quotes;
      expect(p.totalCount).toBe(all.totalCount);
      seen.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e) => e.node.id));
    expect(all.totalCount).toBeGreaterThanOrEqual(6);
    const statements = async (first: number) => {
      const r = await call<Page>('managerA', PAGE, { first, f: filter });
      expect(r.body.data!.quotes.edges.length).toBe(Math.min(first, all.totalCount));
      return Number(r.headers.get('x-sql-statements'));
    };
    const one = await statements(1);
    expect(one).toBeGreaterThan(0);
    expect(await statements(20)).toBe(one);
  });

  it('bad input is a typed error naming the field, and changes nothing', async () => {
    const base = { customerId: customerA, title: 'Bad', validUntil, lines: [line('1', '10.00')] };
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['negative quantity', { lines: [line('-2', '10.00')] }, 'BAD_USER_INPUT', 'lines[0].quantity'],
      ['zero quantity', { lines: [line('1', '1.00'), line('0', '10.00')] }, 'BAD_USER_INPUT', 'lines[1].quantity'],
      ['four decimals', { lines: [line('1.0001', '10.00')] }, 'BAD_USER_INPUT', 'lines[0].quantity'],
      ['negative price', { lines: [line('1', '-10.00')] }, 'BAD_USER_INPUT', 'lines[0].unitPrice'],
      ['price in tenths of a cent', { lines: [line('1', '10.001')] }, 'BAD_USER_INPUT', 'lines[0].unitPrice'],
      ['discount above 100', { lines: [line('1', '10.00', '100.01')] }, 'BAD_USER_INPUT', 'lines[0].discountPercent'],
      ['negative discount', { lines: [line('1', '10.00', '-1')] }, 'BAD_USER_INPUT', 'lines[0].discountPercent'],
      ['overflowing line', { lines: [line('999999999', '9999999999.00')] }, 'BAD_USER_INPUT', 'lines[0].unitPrice'],
      ['wrong currency', { currency: 'USD' }, 'BAD_USER_INPUT', 'currency'],
      ['past validity', { validUntil: addDays(shanghaiToday(), -1) }, 'BAD_USER_INPUT', 'validUntil'],
      ['unknown customer', { customerId: '00000000-0000-4000-8000-000000000001' }, 'NOT_FOUND', ''],
      ['another branch customer', { customerId: customerB }, 'NOT_FOUND', ''],
    ];
    const before = await rows();
    for (const [name, patch, code, field] of cases) {
      const r = await call('repA', CREATE, { in: { ...base, ...patch } });
      expect({ name, code: problem(r).code }).toEqual({ name, code });
      if (field) expect({ name, fields: problem(r).fields }).toEqual({ name, fields: [field] });
      expect(r.status).toBeLessThan(500);
    }
    const none = await call('repA', CREATE, { in: { ...base, lines: [] } });
    expect(problem(none).code).toBe('BAD_USER_INPUT');
    const settings = await call(
      'managerA',
      `mutation { updateContractSettings(input: { quoteDiscountLimitPercent: "100.5" }) { branchId } }`,
    );
    expect(problem(settings)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['quoteDiscountLimitPercent'] });
    const empty = await call('managerA', `mutation { updateContractSettings(input: {}) { branchId } }`);
    expect(problem(empty)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input'] });
    expect(await rows()).toBe(before);
  });

  it('illegal transitions are INVALID_STATE naming both states, and change nothing', async () => {
    const draft = await create('repA');
    const sent = await create('repA');
    await step('repA', 'sendQuote', sent.id);
    const before = await rows();
    const cases: [string, string, string][] = [
      ['acceptQuote', draft.id, 'from DRAFT to ACCEPTED'],
      ['sendQuote', sent.id, 'from SENT to SENT'],
      ['submitQuoteForApproval', sent.id, 'from SENT to PENDING_APPROVAL'],
      ['submitQuoteForApproval', draft.id, 'needs no approval'],
    ];
    for (const [name, id, text] of cases) {
      const r = await call('repA', move(name), { id });
      expect({ name, code: problem(r).code }).toEqual({ name, code: 'INVALID_STATE' });
      expect(problem(r).message).toContain(text);
    }
    const decline = await call('repA', `mutation($id: ID!) { declineQuote(id: $id, reason: "x") { id } }`, {
      id: draft.id,
    });
    expect(problem(decline).message).toContain('from DRAFT to DECLINED');
    const edit = await call('repA', UPDATE, { id: sent.id, in: { lines: [line('1', '1.00')] } });
    expect(problem(edit)).toMatchObject({ code: 'INVALID_STATE' });
    expect(problem(edit).message).toContain('SENT cannot be edited');
    expect(await rows()).toBe(before);
  });

  it('the discount limit and the reminder days are branch settings (settings:manage)', async () => {
    const SET = `mutation($in: UpdateContractSettingsInput!) { updateContractSettings(input: $in) {
      numberRule quoteDiscountLimitPercent quoteExpiryReminderDays } }`;
    const q = await create('repB', { customerId: customerB, lines: [line('1', '100.00', '12')] });
    expect(q).toMatchObject({ needsApproval: true, discountLimitPercent: '10.00' });
    const rep = await call('repB', SET, { in: { quoteDiscountLimitPercent: '15' } });
    expect(problem(rep).code).toBe('FORBIDDEN');
    const s = (
      await ok<{ updateContractSettings: Record<string, unknown> }>('managerB', SET, {
        in: { quoteDiscountLimitPercent: '15', quoteExpiryReminderDays: 5 },
      })
    ).updateContractSettings;
    expect(s).toEqual({
      numberRule: '{BRANCH}-HT-{YYYY}-{NNNN}',
      quoteDiscountLimitPercent: '15.00',
      quoteExpiryReminderDays: 5,
    });
    expect(await get('repB', q.id)).toMatchObject({ needsApproval: false, discountLimitPercent: '15.00' });
    const sent = await step('repB', 'sendQuote', q.id);
    expect(sent.state).toBe('SENT');
    const due = await f.owner.query('SELECT next_reminder_at AS r FROM quotes WHERE id = $1', [q.id]);
    expect(due.rows[0].r).toEqual(shanghaiStart(addDays(validUntil, -5)));
    // Branch A keeps the default.
    expect((await create('repA', { lines: [line('1', '100.00', '12')] })).needsApproval).toBe(true);
  });

  describe('in the worker', () => {
    let w1: INestApplicationContext;
    let w2: INestApplicationContext;
    const scan = (w: INestApplicationContext) => w.get(QuotesJobs).scan();
    const notes = async (id: string) =>
      (
        await f.owner.query<{ kind: string; user_id: string; title: string }>(
          'SELECT kind, user_id, title FROM notifications WHERE subject_id = $1 ORDER BY created_at, kind',
          [id],
        )
      ).rows;

    beforeAll(async () => {
      // Two workers, each on its own prefix; the scheduler's first run, at start, is over before the tests call the
      // scan themselves.
      const start = async () =>
        (await f.startWorkers(1, { env: { QUOTE_SCAN_MS: '3600000' }, firstScan: 'contracts.quote-scan' })).ws[0];
      [w1, w2] = await Promise.all([start(), start()]);
    });

    it('a SENT quote past its validity date expires once, under repeated scans on two replicas; the owner is told once', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const q = await create('repA');
        await step('repA', 'sendQuote', q.id);
        ids.push(q.id);
      }
      const still = await create('repA');
      await step('repA', 'sendQuote', still.id);
      // Yesterday was the last valid day: the expiry (start of today in Shanghai) has passed.
      const yesterday = addDays(shanghaiToday(), -1);
      await f.owner.query(
        `UPDATE quotes SET valid_until = $2, expires_at = $3, next_reminder_at = NULL WHERE id = ANY($1)`,
        [ids, yesterday, shanghaiStart(shanghaiToday())],
      );
      const results = await Promise.all([scan(w1), scan(w2), scan(w1), scan(w2)]);
      await scan(w1);
      expect(results.reduce((s, r) => s + r.expired, 0)).toBe(6);
      for (const id of ids) {
        expect((await get('repA', id))!.state).toBe('EXPIRED');
        expect((await notes(id)).map((n) => [n.kind, n.user_id])).toEqual([['QUOTE_EXPIRED', f.u.repA.id]]);
        expect((await audit(id)).map((a) => a.action)).toEqual(['created', 'send', 'expire']);
      }
      expect((await get('repA', still.id))!.state).toBe('SENT');
      const late = await call('repA', move('acceptQuote'), { id: ids[0] });
      expect(problem(late).message).toContain('from EXPIRED to ACCEPTED');
    });

    it('the owner is reminded before the validity date, once; the quote stays SENT', async () => {
      const q = await create('rep2A', { customerId: customerA2 });
      await step('rep2A', 'sendQuote', q.id);
      await f.owner.query(`UPDATE quotes SET next_reminder_at = now() - interval '1 minute' WHERE id = $1`, [q.id]);
      const results = await Promise.all([scan(w1), scan(w2), scan(w1)]);
      await scan(w2);
      expect(results.reduce((s, r) => s + r.reminded, 0)).toBe(1);
      expect((await notes(q.id)).map((n) => [n.kind, n.user_id])).toEqual([['QUOTE_EXPIRING', f.u.rep2A.id]]);
      expect((await notes(q.id))[0].title).toContain(`valid until ${validUntil}`);
      expect((await get('rep2A', q.id))!.state).toBe('SENT');
      const due = await f.owner.query('SELECT next_reminder_at AS r, expires_at AS e FROM quotes WHERE id = $1', [
        q.id,
      ]);
      expect(due.rows[0]).toEqual({ r: null, e: shanghaiStart(addDays(validUntil, 1)) });
    });
  });
});
