import { describe, expect, it } from '@jest/globals';
import { addDays, todayIn } from '@app/core';
import { useFixture } from '@app/testing';

/**
 * Leave end to end: balances per person, year and kind set by the branch manager; requests in advance held on the
 * balance (never below zero, also when requests race), decided by the approval engine (default: the branch
 * manager); approved leave days are neither absent nor deducted in the attendance statement.
 */

interface Balance {
  personId: string;
  kind: string;
  entitled: number;
  taken: number;
  held: number;
}

const ENTITLE = `mutation($in: SetLeaveEntitlementInput!) { setLeaveEntitlement(input: $in) {
  id personId year kind entitled taken held } }`;
const REQUEST = `mutation($in: RequestLeaveInput!) { requestLeave(input: $in) {
  id kind firstDay lastDay days state approvalRequestId } }`;
const BALANCES = `query($y: Int!, $p: ID) { leaveBalances(year: $y, personId: $p) { personId kind entitled taken held } }`;

describe('leave', () => {
  const f = useFixture();
  const { ok, call, refused } = f;
  const year = Number(todayIn('Asia/Shanghai').slice(0, 4)) + 1;
  /** Monday of ISO week 1 of next year, and the days after it. */
  const jan4 = `${year}-01-04`;
  const monday = addDays(jan4, -((new Date(`${jan4}T00:00:00Z`).getUTCDay() + 6) % 7));
  const day = (n: number) => addDays(monday, n);

  const entitle = (personId: string, entitled: number, kind = 'ANNUAL') =>
    ok<{ setLeaveEntitlement: Balance }>('managerA', ENTITLE, { in: { personId, year, kind, entitled } });
  const balances = async (who: string, personId?: string) =>
    (await ok<{ leaveBalances: Balance[] }>(who, BALANCES, { y: year, p: personId })).leaveBalances;
  const stepOf = async (requestId: string) =>
    (await f.owner.query(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [requestId]))
      .rows[0]?.id as string;

  it('the manager grants days; requests are in advance, in working days, never beyond the balance', async () => {
    const { repA, repB } = f.org.users;
    expect((await entitle(repA.id, 5)).setLeaveEntitlement).toMatchObject({ entitled: 5, taken: 0, held: 0 });
    expect(
      (await refused('repA', ENTITLE, { in: { personId: repA.id, year, kind: 'ANNUAL', entitled: 9 } })).code,
    ).toBe('FORBIDDEN');
    const p = await refused('managerA', ENTITLE, { in: { personId: repB.id, year, kind: 'ANNUAL', entitled: 9 } });
    expect(p).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['personId'] });
    const today = todayIn('Asia/Shanghai');
    for (const [input, field] of [
      [{ firstDay: today, lastDay: addDays(today, 1) }, 'firstDay'],
      [{ firstDay: day(2), lastDay: day(1) }, 'lastDay'],
      [{ firstDay: day(5), lastDay: day(6) }, 'lastDay'], // a weekend: no working day
      [{ firstDay: day(0), lastDay: day(1), kind: 'SICK' }, 'kind'], // no SICK balance
      [{ firstDay: day(0), lastDay: day(90) }, 'lastDay'],
    ] as const) {
      const r = await refused('repA', REQUEST, { in: { kind: 'ANNUAL', ...input } });
      expect({ input, code: r.code, fields: r.fields }).toEqual({ input, code: 'BAD_USER_INPUT', fields: [field] });
    }
    // Monday to Wednesday: 3 working days; then Friday to next Tuesday (weekend not counted): 3 more would be 6 > 5.
    const first = await ok<{ requestLeave: { days: number; state: string } }>('repA', REQUEST, {
      in: { kind: 'ANNUAL', firstDay: day(0), lastDay: day(2), note: 'Family' },
    });
    expect(first.requestLeave).toMatchObject({ days: 3, state: 'PENDING' });
    expect(await balances('repA')).toEqual([{ personId: repA.id, kind: 'ANNUAL', entitled: 5, taken: 0, held: 3 }]);
    expect((await refused('repA', REQUEST, { in: { kind: 'ANNUAL', firstDay: day(4), lastDay: day(8) } })).code).toBe(
      'CONFLICT',
    );
    expect((await refused('repA', REQUEST, { in: { kind: 'ANNUAL', firstDay: day(2), lastDay: day(3) } })).code).toBe(
      'CONFLICT',
    );
    // Fewer days than taken and held cannot be granted.
    expect(
      (await refused('managerA', ENTITLE, { in: { personId: repA.id, year, kind: 'ANNUAL', entitled: 2 } })).code,
    ).toBe('CONFLICT');
    expect(await balances('repA')).toEqual([{ personId: repA.id, kind: 'ANNUAL', entitled: 5, taken: 0, held: 3 }]);
  });

  it('concurrent requests never take a balance below zero: its row is locked', async () => {
    const { rep2A } = f.org.users;
    await entitle(rep2A.id, 4);
    const results = await Promise.all(
      [7, 8, 9, 10, 11, 14].map((n) =>
        call('rep2A', REQUEST, { in: { kind: 'ANNUAL', firstDay: day(n), lastDay: day(n) } }),
      ),
    );
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'OK', 'OK', 'OK', 'OK']);
    expect(await balances('rep2A')).toEqual([{ personId: rep2A.id, kind: 'ANNUAL', entitled: 4, taken: 0, held: 4 }]);
  });

  it('approval takes the days, rejection frees them; a colleague sees no one else’s balance', async () => {
    const { repA, rep2A } = f.org.users;
    const r = await ok<{ requestLeave: { id: string; approvalRequestId: string } }>('repA', REQUEST, {
      in: { kind: 'ANNUAL', firstDay: day(21), lastDay: day(21) },
    });
    await ok('managerA', `mutation($s: ID!) { approveStep(stepId: $s) { id } }`, {
      s: await stepOf(r.requestLeave.approvalRequestId),
    });
    const rows = await f.owner.query(
      `SELECT approval_request_id FROM leave_requests WHERE person_id = $1 AND days = 3`,
      [repA.id],
    );
    await ok('managerA', `mutation($s: ID!) { rejectStep(stepId: $s, reason: "Busy week") { id } }`, {
      s: await stepOf(rows.rows[0].approval_request_id),
    });
    expect(await balances('managerA', repA.id)).toEqual([
      { personId: repA.id, kind: 'ANNUAL', entitled: 5, taken: 1, held: 0 },
    ]);
    expect((await refused('repA', BALANCES, { y: year, p: rep2A.id })).code).toBe('NOT_FOUND');
    expect((await refused('managerB', BALANCES, { y: year, p: rep2A.id })).code).toBe('NOT_FOUND');
    expect((await balances('admin', rep2A.id))[0]).toMatchObject({ held: 4 });
    const audit = await f.owner.query(
      `SELECT action FROM audit_log WHERE entity = 'leaveRequest' AND entity_id = $1 ORDER BY created_at`,
      [r.requestLeave.id],
    );
    expect(audit.rows.map((x) => x.action)).toEqual(['requested', 'approved']);
  });

  it('approved leave days are neither absent nor deducted in the attendance statement', async () => {
    const { repB } = f.org.users;
    // Arranged as the owner: leave approved earlier for three days of August 2026 (Monday 3rd to Wednesday 5th).
    const balance = await f.owner.query(
      `INSERT INTO leave_balances (branch_id, id, person_id, year, kind, entitled, taken)
       VALUES ($1, gen_random_uuid(), $2, 2026, 'ANNUAL', 10, 3) RETURNING id`,
      [f.org.b.id, repB.id],
    );
    await f.owner.query(
      `INSERT INTO leave_requests (branch_id, id, person_id, balance_id, kind, first_day, last_day, days, state)
       VALUES ($1, gen_random_uuid(), $2, $3, 'ANNUAL', '2026-08-03', '2026-08-05', 3, 'APPROVED')`,
      [f.org.b.id, repB.id, balance.rows[0].id],
    );
    const s = (
      await ok<{
        attendanceStatement: {
          workingDays: number;
          leaveDays: number;
          absentDays: string;
          days: { day: string; leave: boolean; absent: string }[];
        };
      }>(
        'repB',
        `query { attendanceStatement(month: "2026-08") { workingDays leaveDays absentDays days { day leave absent } } }`,
      )
    ).attendanceStatement;
    expect(s).toMatchObject({ workingDays: 21, leaveDays: 3, absentDays: '18' });
    expect(s.days.filter((d) => d.leave).map((d) => [d.day, d.absent])).toEqual([
      ['2026-08-03', '0'],
      ['2026-08-04', '0'],
      ['2026-08-05', '0'],
    ]);
  });
});
