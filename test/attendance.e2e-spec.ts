import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { useFixture } from '@app/testing';

/**
 * Attendance end to end: punches with their source, manual corrections counted only once the branch manager
 * approved them (the approval engine), each branch's rules, and the monthly statement measured against the branch
 * calendar (Mon-Fri 09:00-18:00, Asia/Shanghai): late or early within X deducts, beyond X is half a day absent.
 */

interface Statement {
  personId: string;
  month: string;
  workingDays: number;
  daysPresent: number;
  lates: number;
  earlyLeaves: number;
  absentDays: string;
  deductions: string;
  currency: string;
  warning: boolean;
  days: { day: string; lateMinutes: number; earlyMinutes: number; absent: string; deduction: string }[];
}

const STATEMENT = `query($m: String!, $p: ID) { attendanceStatement(month: $m, personId: $p) {
  personId branchId month workingDays daysPresent lates earlyLeaves absentDays deductions currency warning
  days { day clockIn clockOut lateMinutes earlyMinutes absent deduction } } }`;
const CLOCK = `mutation($in: ClockInput!) { clock(input: $in) { id personId kind at day source state } }`;
const CORRECT = `mutation($in: AttendanceCorrectionInput!) { requestAttendanceCorrection(input: $in) {
  id kind at day source state note approvalRequestId } }`;
const SETTINGS = `mutation($in: UpdateAttendanceSettingsInput!) { updateAttendanceSettings(input: $in) {
  branchId graceMinutes deduction warnAfterLates } }`;

describe('attendance', () => {
  const f = useFixture();
  const { ok, refused } = f;

  const punch = (person: string, kind: 'IN' | 'OUT', at: string, source = 'DEVICE') =>
    f.owner.query(
      `INSERT INTO attendance_punches (branch_id, id, person_id, kind, at, day, source, state, recorded_by)
       VALUES ($1, gen_random_uuid(), $2, $3, $4::timestamptz, ($4::timestamptz AT TIME ZONE 'Asia/Shanghai')::date,
         $5, 'COUNTED', $2)`,
      [f.org.a.id, person, kind, at, source],
    );
  const statement = async (who: string, month: string, personId?: string) =>
    (await ok<{ attendanceStatement: Statement }>(who, STATEMENT, { m: month, p: personId })).attendanceStatement;

  it('the manager sets the rules (audited); others may not; bad values are refused naming the field', async () => {
    const set = await ok<{ updateAttendanceSettings: unknown }>('managerA', SETTINGS, {
      in: { graceMinutes: 30, deduction: '20', warnAfterLates: 1 },
    });
    expect(set.updateAttendanceSettings).toEqual({
      branchId: f.org.a.id,
      graceMinutes: 30,
      deduction: '20.00',
      warnAfterLates: 1,
    });
    const audit = await f.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'attendance_settings'`);
    expect(audit.rows[0].n).toBe(1);
    expect((await refused('repA', SETTINGS, { in: { graceMinutes: 5 } })).code).toBe('FORBIDDEN');
    for (const [input, field] of [
      [{ deduction: '-1' }, 'deduction'],
      [{ deduction: '1.005' }, 'deduction'],
      [{ graceMinutes: 241 }, 'graceMinutes'],
      [{ warnAfterLates: -1 }, 'warnAfterLates'],
      [{}, 'input'],
    ] as const) {
      const p = await refused('managerA', SETTINGS, { in: input });
      expect({ input, code: p.code, fields: p.fields }).toEqual({ input, code: 'BAD_USER_INPUT', fields: [field] });
    }
    expect((await refused('admin', SETTINGS, { in: { graceMinutes: 5 } })).fields).toEqual(['branchId']);
  });

  it('measures a month against the calendar: within X deducts, beyond X is half a day absent, no punch a day', async () => {
    const { repA } = f.org.users;
    // October 2026: Thursday the 1st; 22 working days Monday to Friday.
    await punch(repA.id, 'IN', '2026-10-01T08:58:00+08:00');
    await punch(repA.id, 'OUT', '2026-10-01T18:02:00+08:00');
    await punch(repA.id, 'IN', '2026-10-02T09:10:00+08:00'); // 10 late: deducts
    await punch(repA.id, 'OUT', '2026-10-02T18:00:00+08:00');
    await punch(repA.id, 'IN', '2026-10-05T09:45:00+08:00'); // 45 late: half a day
    await punch(repA.id, 'OUT', '2026-10-05T17:40:00+08:00'); // 20 early: deducts
    await punch(repA.id, 'IN', '2026-10-06T09:00:00+08:00'); // no clock-out: half a day
    await punch(repA.id, 'IN', '2026-10-06T09:20:00+08:00'); // a second clock-in: the first counts
    await punch(repA.id, 'IN', '2026-10-10T09:00:00+08:00'); // a Saturday: not a working day
    const s = await statement('repA', '2026-10');
    expect(s).toMatchObject({
      personId: repA.id,
      month: '2026-10',
      workingDays: 22,
      daysPresent: 4,
      lates: 2,
      earlyLeaves: 1,
      absentDays: '19',
      deductions: '40.00',
      currency: 'CNY',
      warning: true,
    });
    expect(s.days.slice(0, 4).map((d) => [d.day, d.lateMinutes, d.earlyMinutes, d.absent, d.deduction])).toEqual([
      ['2026-10-01', 0, 0, '0', '0.00'],
      ['2026-10-02', 10, 0, '0', '20.00'],
      ['2026-10-05', 45, 20, '0.5', '20.00'],
      ['2026-10-06', 0, 0, '0.5', '0.00'],
    ]);
    expect(s.days.map((d) => d.day)).not.toContain('2026-10-10');
    // The totals are the sums of the days.
    const cents = s.days.reduce((t, d) => t + Math.round(Number(d.deduction) * 100), 0);
    expect(Math.round(Number(s.deductions) * 100)).toBe(cents);
    expect(s.days.reduce((t, d) => t + Number(d.absent), 0)).toBe(Number(s.absentDays));
  });

  it('clocks now or at a device instant; the future, older than a day, MANUAL and non-RFC 3339 are refused', async () => {
    const r = await ok<{ clock: { personId: string; source: string; state: string; day: string } }>('rep2A', CLOCK, {
      in: { kind: 'IN' },
    });
    expect(r.clock).toMatchObject({ personId: f.org.users.rep2A.id, source: 'APP', state: 'COUNTED' });
    const before = (await f.owner.query('SELECT count(*)::int AS n FROM attendance_punches')).rows[0].n;
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const old = new Date(Date.now() - 25 * 3_600_000).toISOString();
    for (const [input, field] of [
      [{ kind: 'IN', at: future, source: 'DEVICE' }, 'at'],
      [{ kind: 'IN', at: old, source: 'DEVICE' }, 'at'],
      [{ kind: 'OUT', source: 'MANUAL' }, 'source'],
    ] as const) {
      const p = await refused('rep2A', CLOCK, { in: input });
      expect({ input, code: p.code, fields: p.fields }).toEqual({ input, code: 'BAD_USER_INPUT', fields: [field] });
    }
    expect((await refused('rep2A', CLOCK, { in: { kind: 'IN', at: '2026-12-07 08:00' } })).code).toBe('BAD_USER_INPUT');
    expect((await f.owner.query('SELECT count(*)::int AS n FROM attendance_punches')).rows[0].n).toBe(before);
  });

  it('a correction counts only once the branch manager approves it; a rejected one never does', async () => {
    const { rep2A } = f.org.users;
    const month = async () => statement('rep2A', '2026-09');
    await punch(rep2A.id, 'IN', '2026-09-01T08:55:00+08:00');
    expect((await month()).days[0]).toMatchObject({ day: '2026-09-01', absent: '0.5' });
    const req = async (kind: string, at: string) =>
      (
        await ok<{ requestAttendanceCorrection: { id: string; state: string; approvalRequestId: string } }>(
          'rep2A',
          CORRECT,
          { in: { kind, at, note: 'Forgot to clock out' } },
        )
      ).requestAttendanceCorrection;
    const out = await req('OUT', '2026-09-01T18:05:00+08:00');
    expect(out.state).toBe('PENDING');
    expect((await month()).days[0].absent).toBe('0.5');
    const stepOf = async (requestId: string) =>
      (await f.owner.query(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [requestId]))
        .rows[0]?.id as string;
    // The default policy: the branch manager; a sales rep cannot approve.
    expect(
      (
        await refused('repA', `mutation($s: ID!) { approveStep(stepId: $s) { id } }`, {
          s: await stepOf(out.approvalRequestId),
        })
      ).code,
    ).toMatch(/FORBIDDEN|NOT_FOUND/);
    await ok('managerA', `mutation($s: ID!) { approveStep(stepId: $s) { id status } }`, {
      s: await stepOf(out.approvalRequestId),
    });
    expect((await month()).days[0]).toMatchObject({ absent: '0', earlyMinutes: 0 });
    const late = await req('IN', '2026-09-02T08:50:00+08:00');
    await ok('managerA', `mutation($s: ID!) { rejectStep(stepId: $s, reason: "Badge log says 10:30") { id } }`, {
      s: await stepOf(late.approvalRequestId),
    });
    const states = await f.owner.query(
      `SELECT id, state FROM attendance_punches WHERE id = ANY($1::uuid[]) ORDER BY state`,
      [[out.id, late.id]],
    );
    expect(states.rows).toEqual([
      { id: out.id, state: 'COUNTED' },
      { id: late.id, state: 'REJECTED' },
    ]);
    expect((await month()).days[1]).toMatchObject({ day: '2026-09-02', absent: '1' });
    const audit = await f.owner.query(
      `SELECT action FROM audit_log WHERE entity = 'attendancePunch' AND entity_id = $1 ORDER BY created_at`,
      [out.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['recorded', 'approved']);
    const bad = await refused('rep2A', CORRECT, { in: { kind: 'IN', at: '2026-09-02T08:50:00+08:00', note: '  ' } });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['note'] });
  });

  it('a person sees their own month, the manager their branch, head office everyone; others answer NOT_FOUND', async () => {
    const { repA, rep2A, repB } = f.org.users;
    expect((await statement('repA', '2026-10')).personId).toBe(repA.id);
    expect((await statement('managerA', '2026-10', repA.id)).lates).toBe(2);
    expect((await statement('admin', '2026-10', repA.id)).lates).toBe(2);
    expect((await statement('financeA', '2026-10')).lates).toBe(0);
    for (const [who, person] of [
      ['repA', rep2A.id],
      ['financeA', repA.id],
      ['managerB', repA.id],
      ['managerA', repB.id],
      ['managerA', randomUUID()],
    ]) {
      const p = await refused(who, STATEMENT, { m: '2026-10', p: person });
      expect({ who, code: p.code }).toEqual({ who, code: 'NOT_FOUND' });
    }
    for (const m of ['2026-W40', '2026-10-01', '2026']) {
      expect(await refused('repA', STATEMENT, { m })).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['month'] });
    }
  });
});
