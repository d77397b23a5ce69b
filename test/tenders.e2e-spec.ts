import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { insertCustomer, problem, useFixture } from '@app/testing';
import { TendersJobs } from '../src/modules/tenders/tenders.jobs.js';

/**
 * Tenders (招投标) over GraphQL and their deadline reminders in the worker: the lifecycle, the
 * required documents that block submission, reminders 7 days, 1 day before and on the deadline's
 * day (branch time zone) sent once under repeated scans and two replicas, the own-only wall, and
 * bad input that changes nothing. Time moves by shifting the stored due timestamps into the past.
 */

const TENDER = `id branchId project issuer customerId ownerId submissionDeadline openingAt openingPlace scope bidAmount
  currency depositAmount depositReturned state submittedAt resultNotes winnerName contractId nextReminderAt
  documents { id name required ready dueOn } customer { id } owner { id }`;

interface Tender {
  id: string;
  branchId: string;
  ownerId: string;
  submissionDeadline: string;
  bidAmount: string | null;
  depositAmount: string | null;
  depositReturned: boolean;
  state: string;
  resultNotes: string | null;
  winnerName: string | null;
  contractId: string | null;
  nextReminderAt: string | null;
  documents: { id: string; name: string; required: boolean; ready: boolean; dueOn: string | null }[];
  customer: { id: string } | null;
}

const DAY = 864e5;
const shanghaiDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(t));
const shanghaiStart = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 8 * 3600e3).toISOString();
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe('tenders', () => {
  const f = useFixture({
    workers: { count: 2, env: { TENDER_SCAN_MS: '3600000' }, firstScan: 'tenders.deadline-scan' },
  });
  const { call, ok } = f;
  let customerA: string;
  let customerB: string;

  const CREATE = `mutation($in: CreateTenderInput!) { createTender(input: $in) { ${TENDER} } }`;
  const UPDATE = `mutation($id: ID!, $in: UpdateTenderInput!) { updateTender(id: $id, input: $in) { ${TENDER} } }`;
  const GET = `query($id: ID!) { tender(id: $id) { ${TENDER} } }`;
  const SUBMIT = `mutation($id: ID!) { submitTender(id: $id) { ${TENDER} } }`;
  const READY = `mutation($id: ID!, $r: Boolean!) { setTenderDocumentReady(id: $id, ready: $r) { id ready } }`;
  const ADD_DOC = `mutation($in: AddTenderDocumentInput!) { addTenderDocument(input: $in) { id name required ready } }`;
  const RESULT = `mutation($id: ID!, $in: TenderResultInput!) { recordTenderResult(id: $id, input: $in) { ${TENDER} } }`;
  const LINK = `mutation($id: ID!, $c: ID!) { linkTenderContract(id: $id, contractId: $c) { ${TENDER} } }`;
  const WITHDRAW = `mutation($id: ID!, $r: String!) { withdrawTender(id: $id, reason: $r) { ${TENDER} } }`;
  const CANCEL = `mutation($id: ID!, $r: String!) { cancelTender(id: $id, reason: $r) { ${TENDER} } }`;
  const DEPOSIT = `mutation($id: ID!) { markTenderDepositReturned(id: $id) { ${TENDER} } }`;
  const LIST = `query($f: TenderFilter, $first: Int, $after: String) { tenders(first: $first, after: $after, filter: $f) {
    totalCount edges { node { id branchId submissionDeadline } } pageInfo { endCursor hasNextPage } } }`;

  const inDays = (n: number, hour = 10) => {
    // A deadline `n` days ahead at `hour`:00 Shanghai time.
    const d = addDays(shanghaiDay(Date.now()), n);
    return new Date(Date.parse(`${d}T00:00:00Z`) + (hour - 8) * 3600e3).toISOString();
  };

  async function create(who: string, input: Record<string, unknown> = {}): Promise<Tender> {
    return (
      await ok<{ createTender: Tender }>(who, CREATE, {
        in: {
          project: 'Water plant pumps, phase 2',
          issuer: 'City Water Authority',
          submissionDeadline: inDays(10),
          bidAmount: '880000.00',
          ...input,
        },
      })
    ).createTender;
  }
  const get = async (who: string, id: string) => (await ok<{ tender: Tender | null }>(who, GET, { id })).tender;

  async function insertContract(customerId: string, state = 'ACTIVE'): Promise<string> {
    const id = randomUUID();
    await f.owner.query(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         number, signed_on, version, created_by)
       VALUES ($1, $2, $3, 'Awarded supply', 880000, 'CNY', '2026-01-01', '2027-12-31', $4, $5, $6, '2026-01-05', 1, $4)`,
      [f.org.a.id, id, customerId, f.org.users.repA.id, state, `N-${id.slice(0, 8)}`],
    );
    return id;
  }

  async function tables(): Promise<string> {
    const r = await f.owner.query<{ x: string }>(
      `SELECT concat_ws('|', (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM tenders t),
         (SELECT md5(coalesce(string_agg(d::text, ',' ORDER BY d.id), '')) FROM tender_documents d),
         (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  const scan = (w: INestApplicationContext) => w.get(TendersJobs).scanDeadlines();
  const notes = async (subjectId: string) =>
    (
      await f.owner.query<{ kind: string; user_id: string; title: string; dedupe_key: string }>(
        'SELECT kind, user_id, title, dedupe_key FROM notifications WHERE subject_id = $1 ORDER BY created_at, dedupe_key',
        [subjectId],
      )
    ).rows;
  const due = async (id: string) =>
    (
      await f.owner.query<{ reminder_days: number | null; next_reminder_at: Date | null }>(
        'SELECT reminder_days, next_reminder_at FROM tenders WHERE id = $1',
        [id],
      )
    ).rows[0];
  /** Moves a tender's stored reminder into the past: its day has come. */
  const shift = (ids: string[]) =>
    f.owner.query(`UPDATE tenders SET next_reminder_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);

  beforeAll(async () => {
    customerA = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.repA.id,
      name: 'City Water',
    });
    customerB = await insertCustomer(f.owner, {
      branchId: f.org.b.id,
      ownerId: f.org.users.repB.id,
      name: 'Port Authority',
    });
  });

  it('the lifecycle: preparing with documents, submission, won with its contract, the deposit back', async () => {
    const t = await create('repA', {
      customerId: customerA,
      openingAt: inDays(10, 14),
      openingPlace: 'City Hall, room 3',
      scope: 'Supply and installation of 12 pumps',
      depositAmount: '20000.00',
      documents: [
        { name: 'Business licence' },
        { name: 'ISO 9001 certificate', dueOn: addDays(shanghaiDay(Date.now()), 5) },
        { name: 'Reference letters', required: false },
      ],
    });
    expect(t).toMatchObject({
      state: 'PREPARING',
      currency: 'CNY',
      bidAmount: '880000.00',
      depositAmount: '20000.00',
      depositReturned: false,
      ownerId: f.org.users.repA.id,
      customer: { id: customerA },
    });
    expect(t.documents.map((d) => [d.name, d.required, d.ready])).toEqual([
      ['Business licence', true, false],
      ['ISO 9001 certificate', true, false],
      ['Reference letters', false, false],
    ]);
    // The first reminder: the start of the day 7 days before the deadline's day, Shanghai time.
    expect(t.nextReminderAt).toBe(shanghaiStart(addDays(shanghaiDay(Date.parse(t.submissionDeadline)), -7)));

    const before = await tables();
    const refused = problem(await call('repA', SUBMIT, { id: t.id }));
    expect(refused.code).toBe('INVALID_STATE');
    expect(refused.message).toContain('from PREPARING to SUBMITTED');
    expect(refused.message).toContain('Business licence, ISO 9001 certificate');
    expect(refused.message).not.toContain('Reference letters');
    expect(await tables()).toBe(before);

    await ok('repA', READY, { id: t.documents[0].id, r: true });
    const still = problem(await call('repA', SUBMIT, { id: t.id }));
    expect(still.message).toMatch(/not ready: ISO 9001 certificate$/);
    await ok('repA', READY, { id: t.documents[1].id, r: true });
    const added = (
      await ok<{ addTenderDocument: { id: string } }>('repA', ADD_DOC, {
        in: { tenderId: t.id, name: 'Power of attorney' },
      })
    ).addTenderDocument;
    expect(problem(await call('repA', SUBMIT, { id: t.id })).message).toMatch(/not ready: Power of attorney$/);
    await ok('repA', READY, { id: added.id, r: true });

    const submitted = (await ok<{ submitTender: Tender }>('repA', SUBMIT, { id: t.id })).submitTender;
    expect(submitted).toMatchObject({ state: 'SUBMITTED', nextReminderAt: null });
    expect(problem(await call('repA', UPDATE, { id: t.id, in: { bidAmount: '1.00' } })).code).toBe('INVALID_STATE');
    expect(problem(await call('repA', READY, { id: added.id, r: false })).code).toBe('INVALID_STATE');
    expect(problem(await call('repA', DEPOSIT, { id: t.id })).code).toBe('INVALID_STATE');

    const contract = await insertContract(customerA);
    const won = (
      await ok<{ recordTenderResult: Tender }>('repA', RESULT, {
        id: t.id,
        in: { result: 'WON', notes: 'Best technical score', contractId: contract },
      })
    ).recordTenderResult;
    expect(won).toMatchObject({ state: 'WON', contractId: contract, resultNotes: 'Best technical score' });
    const back = (await ok<{ markTenderDepositReturned: Tender }>('repA', DEPOSIT, { id: t.id }))
      .markTenderDepositReturned;
    expect(back.depositReturned).toBe(true);
    expect(problem(await call('repA', DEPOSIT, { id: t.id })).message).toMatch(/already returned/);
    expect(problem(await call('repA', WITHDRAW, { id: t.id, r: 'x' })).message).toMatch(/from WON to WITHDRAWN/);

    // Lost (with the winner), withdrawn and cancelled; the contract is linked after an award.
    const lost = await create('repA', { documents: [] });
    await ok('repA', SUBMIT, { id: lost.id });
    const l = (
      await ok<{ recordTenderResult: Tender }>('repA', RESULT, {
        id: lost.id,
        in: { result: 'LOST', winnerName: 'Rival Pumps Ltd', notes: 'Price 4% higher' },
      })
    ).recordTenderResult;
    expect(l).toMatchObject({ state: 'LOST', winnerName: 'Rival Pumps Ltd' });
    const w = await create('repA');
    expect(
      (await ok<{ withdrawTender: Tender }>('repA', WITHDRAW, { id: w.id, r: 'No capacity' })).withdrawTender,
    ).toMatchObject({ state: 'WITHDRAWN', resultNotes: 'No capacity', nextReminderAt: null });
    const c = await create('repA');
    expect(
      (await ok<{ cancelTender: Tender }>('repA', CANCEL, { id: c.id, r: 'Issuer called it off' })).cancelTender,
    ).toMatchObject({ state: 'CANCELLED' });
    const late = await create('repA', { customerId: customerA });
    await ok('repA', SUBMIT, { id: late.id });
    await ok('repA', RESULT, { id: late.id, in: { result: 'WON' } });
    expect(
      (await ok<{ linkTenderContract: Tender }>('repA', LINK, { id: late.id, c: contract })).linkTenderContract,
    ).toMatchObject({ contractId: contract });

    const audit = await f.owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'tender' AND entity_id = $1 ORDER BY created_at`,
      [t.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'submit', 'win', 'deposit_returned']);
  });

  it('deadline reminders: 7 days, 1 day and on the day, each once under repeated scans and two replicas', async () => {
    const t = await create('repA');
    const deadlineDay = shanghaiDay(Date.parse(t.submissionDeadline));
    expect(await due(t.id)).toEqual({
      reminder_days: 7,
      next_reminder_at: new Date(shanghaiStart(addDays(deadlineDay, -7))),
    });
    // Not due yet: the scans send nothing.
    await Promise.all([scan(f.workers[0]), scan(f.workers[1])]);
    expect(await notes(t.id)).toEqual([]);

    const expected: string[] = [];
    for (const [days, next] of [
      [7, 1],
      [1, 0],
      [0, null],
    ] as const) {
      await shift([t.id]);
      await Promise.all([scan(f.workers[0]), scan(f.workers[1]), scan(f.workers[0]), scan(f.workers[1])]);
      await scan(f.workers[0]);
      expected.push(`tender-deadline:${t.id}:${t.submissionDeadline}:${days}`);
      const got = await notes(t.id);
      expect(got.map((n) => n.dedupe_key)).toEqual(expected);
      expect(got.every((n) => n.user_id === f.org.users.repA.id && n.kind === 'TENDER_DEADLINE')).toBe(true);
      expect(await due(t.id)).toEqual({
        reminder_days: next,
        next_reminder_at: next === null ? null : new Date(shanghaiStart(addDays(deadlineDay, -next))),
      });
    }
    expect((await notes(t.id))[0].title).toMatch(/Water plant pumps, phase 2.*bids are due in \d+ days/);

    // Many tenders in two branches, claimed by two replicas at once: one notice each.
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push((await create(i % 2 ? 'repA' : 'repB', { project: `Tender ${i}` })).id);
    }
    await shift(ids);
    const results = await Promise.all([scan(f.workers[0]), scan(f.workers[1]), scan(f.workers[0]), scan(f.workers[1])]);
    expect(results.reduce((n, r) => n + r.reminded, 0)).toBe(30);
    const rows = await f.owner.query<{ subject_id: string; n: number }>(
      `SELECT subject_id, count(*)::int AS n FROM notifications WHERE subject_id = ANY($1::uuid[]) GROUP BY 1`,
      [ids],
    );
    expect(rows.rows.length).toBe(30);
    expect(rows.rows.every((r) => r.n === 1)).toBe(true);

    // A moved deadline moves the reminders and sends them again for the new date; a submitted tender
    // (or one whose stored reminder is stale) is reminded of nothing.
    const moved = (
      await ok<{ updateTender: Tender }>('repA', UPDATE, { id: ids[1], in: { submissionDeadline: inDays(20) } })
    ).updateTender;
    expect(moved.nextReminderAt).toBe(shanghaiStart(addDays(shanghaiDay(Date.parse(moved.submissionDeadline)), -7)));
    await shift([ids[1]]);
    await scan(f.workers[1]);
    expect((await notes(ids[1])).map((n) => n.dedupe_key)).toEqual([
      `tender-deadline:${ids[1]}:${inDays(10)}:7`,
      `tender-deadline:${ids[1]}:${moved.submissionDeadline}:7`,
    ]);
    const s = await create('repA', { project: 'Submitted early' });
    await ok('repA', SUBMIT, { id: s.id });
    await f.owner.query(
      `UPDATE tenders SET reminder_days = 7, next_reminder_at = now() - interval '1 minute' WHERE id = $1`,
      [s.id],
    );
    await Promise.all([scan(f.workers[0]), scan(f.workers[1])]);
    expect(await notes(s.id)).toEqual([]);
    expect(await due(s.id)).toEqual({ reminder_days: null, next_reminder_at: null });
  });

  it('a sales rep sees only their own tenders; head office lists every branch by deadline', async () => {
    const mine = await create('repA', { project: 'Mine', submissionDeadline: inDays(30) });
    const theirs = await create('rep2A', { project: 'Theirs', submissionDeadline: inDays(31) });
    const b = await create('repB', { project: 'Branch B', submissionDeadline: inDays(29) });
    expect(await get('rep2A', mine.id)).toBeNull();
    expect(await get('repA', theirs.id)).toBeNull();
    expect(await get('managerA', theirs.id)).not.toBeNull();
    expect(await get('managerA', b.id)).toBeNull();
    const before = await tables();
    for (const [doc, vars] of [
      [SUBMIT, { id: mine.id }],
      [UPDATE, { id: mine.id, in: { project: 'Probe' } }],
      [WITHDRAW, { id: mine.id, r: 'probe' }],
      [DEPOSIT, { id: mine.id }],
      [READY, { id: randomUUID(), r: true }],
    ] as const) {
      expect(problem(await call('rep2A', doc, vars)).code).toBe('NOT_FOUND');
    }
    expect(await tables()).toBe(before);
    const list = async (who: string, filter: Record<string, unknown> = {}, first = 100) =>
      (
        await ok<{ tenders: { totalCount: number; edges: { node: { id: string; submissionDeadline: string } }[] } }>(
          who,
          LIST,
          { f: filter, first },
        )
      ).tenders;
    const repIds = (await list('repA')).edges.map((e) => e.node.id);
    expect(repIds).toContain(mine.id);
    expect(repIds).not.toContain(theirs.id);
    expect((await list('repA', { ownerId: f.org.users.rep2A.id })).totalCount).toBe(0);
    const hq = await list('admin');
    const hqIds = hq.edges.map((e) => e.node.id);
    expect(hqIds).toEqual(expect.arrayContaining([mine.id, theirs.id, b.id]));
    const deadlines = hq.edges.map((e) => e.node.submissionDeadline);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(hqIds.indexOf(b.id)).toBeLessThan(hqIds.indexOf(mine.id));
    expect((await list('admin', { branchId: f.org.b.id })).edges.every((e) => e.node.id !== mine.id)).toBe(true);
    // Keyset paging follows the same order.
    const p1 = (
      await ok<{ tenders: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>('admin', LIST, {
        first: 3,
      })
    ).tenders;
    const p2 = (
      await ok<{ tenders: { edges: { node: { id: string } }[] } }>('admin', LIST, {
        first: 3,
        after: p1.pageInfo.endCursor,
      })
    ).tenders;
    expect([...p1.edges, ...p2.edges].map((e) => e.node.id)).toEqual(hqIds.slice(0, 6));
  });

  it('bad input is refused with a typed error naming the field, and changes nothing', async () => {
    const t = await create('repA');
    const before = await tables();
    const base = { project: 'P', issuer: 'I', submissionDeadline: inDays(10) };
    const cases: [string, Record<string, unknown>, string, string[]][] = [
      [
        'past deadline',
        { ...base, submissionDeadline: new Date(Date.now() - 60e3).toISOString() },
        'BAD_USER_INPUT',
        ['submissionDeadline'],
      ],
      ['opening before deadline', { ...base, openingAt: inDays(9) }, 'BAD_USER_INPUT', ['openingAt']],
      ['negative bid', { ...base, bidAmount: '-5.00' }, 'BAD_USER_INPUT', ['bidAmount']],
      ['zero deposit', { ...base, depositAmount: '0' }, 'BAD_USER_INPUT', ['depositAmount']],
      ['3-decimal bid', { ...base, bidAmount: '1.005' }, 'BAD_USER_INPUT', ['bidAmount']],
      ['wrong currency', { ...base, currency: 'EUR' }, 'BAD_USER_INPUT', ['currency']],
      [
        'duplicate documents',
        { ...base, documents: [{ name: 'A' }, { name: 'a' }] },
        'BAD_USER_INPUT',
        ['documents[1].name'],
      ],
      ['blank project', { ...base, project: '   ' }, 'BAD_USER_INPUT', []],
      ['bad deadline', { ...base, submissionDeadline: 'soon' }, 'BAD_USER_INPUT', []],
      ['random customer', { ...base, customerId: randomUUID() }, 'NOT_FOUND', []],
      ['branch B customer', { ...base, customerId: customerB }, 'NOT_FOUND', []],
      ['another owner', { ...base, ownerId: f.org.users.rep2A.id }, 'FORBIDDEN', []],
    ];
    for (const [label, input, code, fields] of cases) {
      const p = problem(await call('repA', CREATE, { in: input }));
      expect({ label, code: p.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: p.fields }).toEqual({ label, fields });
    }
    expect(problem(await call('repA', RESULT, { id: t.id, in: { result: 'WON' } })).message).toMatch(
      /from PREPARING to WON/,
    );
    expect(
      problem(await call('repA', RESULT, { id: t.id, in: { result: 'WON', winnerName: 'X' } })).fields,
    ).toMatchObject(['winnerName']);
    expect(problem(await call('repA', WITHDRAW, { id: t.id, r: ' ' })).fields).toMatchObject(['reason']);
    expect(problem(await call('repA', UPDATE, { id: t.id, in: {} })).fields).toMatchObject(['input']);
    expect(problem(await call('repA', LINK, { id: t.id, c: randomUUID() })).code).toBe('INVALID_STATE');
    expect(problem(await call('repA', SUBMIT, { id: 'nope' })).code).toBe('BAD_USER_INPUT');
    expect(await tables()).toBe(before);
    // A duplicate document name is a CONFLICT a person understands.
    await ok('repA', ADD_DOC, { in: { tenderId: t.id, name: 'Licence' } });
    const dup = problem(await call('repA', ADD_DOC, { in: { tenderId: t.id, name: 'Licence' } }));
    expect(dup).toMatchObject({ code: 'CONFLICT', message: 'This tender already lists a document of that name' });
  });
});
