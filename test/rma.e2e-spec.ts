import { beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, insertCustomer, problem, useFixture } from '@app/testing';

/**
 * After-sales cases (RMA) over GraphQL: request -> engineer confirms -> technical check -> sent to the maker ->
 * returned -> result confirmed, each step stamped with its deadline from the branch's limits; illegal moves typed,
 * naming both states; per-branch settings; a rep sees the RMAs of their own customers only; head office's open RMAs
 * by age and step; and the worker reminding the owner, then escalating to the branch manager, each once, with two
 * workers racing.
 */

interface RmaView {
  id: string;
  state: string;
  requestedAt: string;
  stateSince: string;
  stateDueAt: string | null;
  engineerConfirmedAt: string | null;
  checkedAt: string | null;
  sentAt: string | null;
  returnedAt: string | null;
  resolvedAt: string | null;
  overdue: boolean;
}

const R = `id state requestedAt stateSince stateDueAt engineerConfirmedAt checkedAt sentAt returnedAt resolvedAt
  checkResult result overdue remindedAt escalatedAt owner { id } engineer { id } maker { id } product { id }`;
const CREATE = `mutation($in: CreateRmaInput!) { createRma(input: $in) { ${R} } }`;
const MOVE = `mutation($id: ID!, $in: MoveRmaInput!) { moveRma(id: $id, input: $in) { ${R} } }`;
const AGES = `query($b: ID) { openRmasByAge(branchId: $b) { branchId branch { code } state open overdue underOneDay
  oneToThreeDays threeToSevenDays overSevenDays averageAgeHours oldestAgeHours } }`;
const H = 3_600_000;

describe('fulfillment: after-sales (RMA)', () => {
  const f = useFixture({ workers: { count: 2, firstScan: 'fulfillment.rma-overdue-scan' } });
  let customerA = '';
  let customerA2 = '';
  let customerB = '';
  let maker = '';
  let supplier = '';

  beforeAll(async () => {
    customerA = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, name: 'Acme' });
    customerA2 = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.rep2A.id, name: 'Beta' });
    customerB = await insertCustomer(f.owner, { branchId: f.org.b.id, ownerId: f.org.users.repB.id, name: 'Bolt' });
    const vendor = async (code: string, kind: string) =>
      (
        await f.ok<{ createVendor: { id: string } }>(
          'admin',
          `mutation($in: CreateVendorInput!) { createVendor(input: $in) { id } }`,
          { in: { code, name: `Vendor ${code}`, kind } },
        )
      ).createVendor.id;
    maker = await vendor('RMA-MK', 'MAKER');
    supplier = await vendor('RMA-SP', 'SUPPLIER');
  });

  const create = async (who: string, customerId: string, extra: Record<string, unknown> = {}) =>
    (await f.ok<{ createRma: RmaView }>(who, CREATE, { in: { customerId, problem: 'Pump leaks', ...extra } }))
      .createRma;
  const move = (who: string, id: string, input: Record<string, unknown>) =>
    f.call<{ moveRma: RmaView }>(who, MOVE, { id, in: input });

  it('walks request -> engineer -> check -> maker -> returned -> resolved, each step stamped and limited', async () => {
    const rma = await create('repA', customerA, { serialNumber: 'SN-1' });
    expect(rma).toMatchObject({ state: 'REQUESTED', overdue: false });
    expect(new Date(rma.stateDueAt!).getTime()).toBeGreaterThan(new Date(rma.requestedAt).getTime());

    // Skipping a step is refused and names both states; nothing changes.
    const skip = await move('repA', rma.id, { state: 'CHECKED', note: 'Seal worn' });
    expect(problem(skip).code).toBe('INVALID_STATE');
    expect(skip.body.errors?.[0]?.message).toMatch(/from REQUESTED to CHECKED/);

    const confirmed = (await move('managerA', rma.id, { state: 'ENGINEER_CONFIRMED' })).body.data!.moveRma;
    expect(confirmed).toMatchObject({ state: 'ENGINEER_CONFIRMED', engineer: { id: f.org.users.managerA.id } });
    expect(problem(await move('repA', rma.id, { state: 'CHECKED' }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    await f.ok('repA', MOVE, { id: rma.id, in: { state: 'CHECKED', note: 'Seal worn' } });
    const toSupplier = await move('repA', rma.id, { state: 'AT_MAKER', makerId: supplier });
    expect(problem(toSupplier)).toMatchObject({ code: 'BAD_USER_INPUT' });
    await f.ok('repA', MOVE, { id: rma.id, in: { state: 'AT_MAKER', makerId: maker, makerReference: 'R-99' } });
    await f.ok('repA', MOVE, { id: rma.id, in: { state: 'RETURNED' } });
    const done = (await move('repA', rma.id, { state: 'RESOLVED', note: 'Works again' })).body.data!.moveRma;
    expect(done).toMatchObject({ state: 'RESOLVED', stateDueAt: null, maker: { id: maker } });
    const stamps = [
      done.requestedAt,
      done.engineerConfirmedAt,
      done.checkedAt,
      done.sentAt,
      done.returnedAt,
      done.resolvedAt,
    ].map((t) => new Date(t!).getTime());
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    const final = await move('repA', rma.id, { state: 'CANCELLED', note: 'Oops' });
    expect(final.body.errors?.[0]?.message).toMatch(/from RESOLVED to CANCELLED: RESOLVED is final/);
  });

  it('a rep sees and moves only the RMAs of their own customers; a colleague gets NOT_FOUND', async () => {
    const rma = await create('repA', customerA);
    const seen = await f.ok<{ rma: { id: string } | null }>('rep2A', `query($id: ID!) { rma(id: $id) { id } }`, {
      id: rma.id,
    });
    expect(seen.rma).toBeNull();
    expect(problem(await move('rep2A', rma.id, { state: 'ENGINEER_CONFIRMED' })).code).toBe('NOT_FOUND');
    const own = await create('rep2A', customerA2);
    const list = await f.ok<{ rmas: { edges: { node: { id: string } }[] } }>(
      'rep2A',
      `{ rmas(first: 100) { edges { node { id } } } }`,
    );
    const ids = list.rmas.edges.map((e) => e.node.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(rma.id);
  });

  it('per-branch limits: defaults, changed by the manager only, applying to steps entered afterwards', async () => {
    const S = `query($b: ID) { rmaSettings(branchId: $b) { branchId requestedHours atMakerHours escalationHours updatedAt } }`;
    const before = (await f.ok<{ rmaSettings: { requestedHours: number } }>('managerB', S, {})).rmaSettings;
    expect(before).toMatchObject({ requestedHours: 8, atMakerHours: 160, escalationHours: 8, updatedAt: null });
    const U = `mutation($in: UpdateRmaSettingsInput!) { updateRmaSettings(input: $in) { requestedHours checkedHours } }`;
    expect((await f.refused('repB', U, { in: { requestedHours: 1 } })).code).toBe('FORBIDDEN');
    expect(problem(await f.call('managerB', U, { in: {} }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(problem(await f.call('managerB', U, { in: { requestedHours: 0 } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const slow = await create('repB', customerB);
    await f.ok('managerB', U, { in: { requestedHours: 400 } });
    const later = await create('repB', customerB);
    expect(new Date(later.stateDueAt!).getTime()).toBeGreaterThan(new Date(slow.stateDueAt!).getTime() + 24 * H);
    const again = (await f.ok<{ rmaSettings: { requestedHours: number } }>('managerB', S, {})).rmaSettings;
    expect(again.requestedHours).toBe(400);
  });

  it('head office: open RMAs per branch and step by age, late ones counted', async () => {
    const old = await create('repA', customerA);
    const fresh = await create('repA', customerA);
    await f.ok('managerA', MOVE, { id: fresh.id, in: { state: 'ENGINEER_CONFIRMED' } });
    const cancelled = await create('repA', customerA);
    await f.ok('managerA', MOVE, { id: cancelled.id, in: { state: 'CANCELLED', note: 'Customer withdrew' } });
    await f.owner.query(
      `UPDATE rmas SET requested_at = now() - interval '10 days', state_due_at = now() - interval '1 hour'
       WHERE id = $1`,
      [old.id],
    );
    const mine = await f.owner.query<{ state: string; n: string; late: string; aged: string }>(
      `SELECT state, count(*)::text AS n, count(*) FILTER (WHERE state_due_at < now())::text AS late,
         count(*) FILTER (WHERE requested_at < now() - interval '7 days')::text AS aged
       FROM rmas WHERE branch_id = $1 AND state NOT IN ('RESOLVED', 'CANCELLED') GROUP BY state`,
      [f.org.a.id],
    );
    const rows = (await f.ok<{ openRmasByAge: Record<string, unknown>[] }>('admin', AGES, {})).openRmasByAge;
    for (const m of mine.rows) {
      const row = rows.find((r) => r.branchId === f.org.a.id && r.state === m.state)!;
      expect(row).toMatchObject({ open: Number(m.n), overdue: Number(m.late), overSevenDays: Number(m.aged) });
    }
    expect(rows.filter((r) => r.branchId === f.org.a.id).map((r) => r.state)).not.toContain('CANCELLED');
    // A branch manager sees their own branch only; a rep is refused.
    const own = (await f.ok<{ openRmasByAge: { branchId: string }[] }>('managerB', AGES, {})).openRmasByAge;
    expect(new Set(own.map((r) => r.branchId))).toEqual(new Set([f.org.b.id]));
    expect((await f.refused('repA', AGES, {})).code).toBe('FORBIDDEN');
  });

  it('the worker reminds the owner once when a step is late, then the branch manager once', async () => {
    const rma = await create('rep2A', customerA2);
    const notices = async (kind: string) =>
      (
        await f.owner.query<{ user_id: string }>(
          `SELECT user_id FROM notifications WHERE kind = $1 AND subject_id = $2 ORDER BY user_id`,
          [kind, rma.id],
        )
      ).rows.map((r) => r.user_id);
    await f.owner.query(
      `UPDATE rmas SET state_due_at = now() - interval '2 hours', overdue_check_at = now() - interval '2 hours'
       WHERE id = $1`,
      [rma.id],
    );
    await eventually(async () => (await notices('RMA_OVERDUE')).length === 1);
    expect(await notices('RMA_OVERDUE')).toEqual([f.org.users.rep2A.id]);
    const reminded = await f.owner.query<{ check: Date; due: Date; esc: Date | null }>(
      'SELECT overdue_check_at AS check, state_due_at AS due, escalated_at AS esc FROM rmas WHERE id = $1',
      [rma.id],
    );
    expect(reminded.rows[0].esc).toBeNull();
    expect(reminded.rows[0].check.getTime()).toBeGreaterThan(reminded.rows[0].due.getTime());
    // The escalation interval passes: the branch manager hears, once.
    await f.owner.query(`UPDATE rmas SET overdue_check_at = now() - interval '1 minute' WHERE id = $1`, [rma.id]);
    await eventually(async () => (await notices('RMA_ESCALATED')).length > 0);
    await eventually(async () => {
      const r = await f.owner.query('SELECT 1 FROM rmas WHERE id = $1 AND overdue_check_at IS NULL', [rma.id]);
      return r.rowCount === 1;
    });
    expect(await notices('RMA_ESCALATED')).toEqual([f.org.users.managerA.id]);
    expect(await notices('RMA_OVERDUE')).toEqual([f.org.users.rep2A.id]);
    const audits = await f.owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'overdue%' ORDER BY created_at`,
      [rma.id],
    );
    expect(audits.rows.map((a) => a.action)).toEqual(['overdue_reminder', 'overdue_escalation']);
    // Moving on starts the next step afresh: no reminder, no escalation, a new deadline.
    const next = (await move('managerA', rma.id, { state: 'ENGINEER_CONFIRMED' })).body.data!.moveRma as RmaView & {
      remindedAt: string | null;
      escalatedAt: string | null;
    };
    expect(next).toMatchObject({ remindedAt: null, escalatedAt: null, overdue: false });
  });
});
