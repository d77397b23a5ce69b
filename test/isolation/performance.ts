import { expect } from '@jest/globals';
import { owner, org1, tokens, byName, ok, type Case, type Slot, type SeedContext, type IdKind } from './harness.js';

/** Isolation cases of Performance: KPI rollups, targets, attendance and leave. */
/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'kpi_events',
  'kpi_rollups',
  'kpi_branch_rollups',
  'kpi_checks',
  'kpi_differences',
  'kpi_check_due',
  'kpi_waiting',
  'kpi_targets',
  'kpi_target_splits',
  'attendance_settings',
  'attendance_punches',
  'leave_balances',
  'leave_requests',
];

export const cases: Case[] = [
  ...['BRANCH', 'PERSON'].map((by) => ({
    name: `kpiRanking(by: ${by}, branchId)`,
    kind: 'branch' as IdKind,
    doc: `query($id: ID!) { kpiRanking(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", by: ${by}, branchId: $id }) {
            rank branchId personId name count amount average growthOnPrevious growthOnLastYear } }`,
  })),
  {
    name: 'kpiRanking with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { kpiRanking(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", by: PERSON }) { branchId personId count } }`,
  },
  {
    name: 'kpiTrend(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { kpiTrend(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", periods: 2, branchId: $id }) {
            period count amount average growthOnPrevious growthOnLastYear } }`,
  },
  {
    name: 'kpiTrend(personId)',
    kind: 'user',
    doc: `query($id: ID!) { kpiTrend(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", periods: 2, personId: $id }) {
            period count amount average growthOnPrevious growthOnLastYear } }`,
  },
  {
    name: 'kpiChecks(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { kpiChecks(period: "2026-11", branchId: $id) { branchId kpi differences } }`,
  },
  {
    name: 'kpiDifferences(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { kpiDifferences(period: "2026-11", branchId: $id) { branchId personId foundCount } }`,
  },
  {
    name: 'setKpiTarget(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { setKpiTarget(input: { branchId: $id, kpi: CONTRACTS_SIGNED, period: "2026-11",
            target: "100" }) { id target } }`,
  },
  {
    name: 'splitKpiTarget(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $p: ID!) { splitKpiTarget(input: { branchId: $id, kpi: CONTRACTS_SIGNED, period: "2026-11",
            personId: $p, target: "1" }) { id target } }`,
    vars: (id, me) => ({ id, p: me.user.id }),
  },
  {
    name: 'splitKpiTarget(personId)',
    kind: 'user',
    doc: `mutation($id: ID!, $b: ID) { splitKpiTarget(input: { branchId: $b, kpi: CONTRACTS_SIGNED, period: "2026-11",
            personId: $id, target: "1" }) { id target } }`,
    vars: (id, me) => ({ id, b: me.headOffice ? me.own.branch : null }),
  },
  ...['BRANCH', 'PERSON'].map((by) => ({
    name: `kpiAttainment(by: ${by}, branchId)`,
    kind: 'branch' as IdKind,
    doc: `query($id: ID!) { kpiAttainment(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", by: ${by}, branchId: $id }) {
            rank branchId personId actual target allocated attainment } }`,
  })),
  {
    name: 'kpiAttainment with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { kpiAttainment(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", by: PERSON }) {
            branchId personId actual target attainment } }`,
  },
  {
    name: 'attendanceStatement(personId)',
    kind: 'user',
    doc: `query($id: ID!) { attendanceStatement(month: "2026-11", personId: $id) { personId workingDays lates
            deductions days { day deduction } } }`,
  },
  {
    name: 'attendanceSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { attendanceSettings(branchId: $id) { branchId graceMinutes deduction } }`,
  },
  {
    name: 'updateAttendanceSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateAttendanceSettings(input: { branchId: $id, graceMinutes: 7 }) { branchId } }`,
  },
  {
    name: 'setLeaveEntitlement(personId)',
    kind: 'user',
    doc: `mutation($id: ID!, $b: ID) { setLeaveEntitlement(input: { branchId: $b, personId: $id, year: 2027, kind: ANNUAL,
            entitled: 9 }) { id entitled } }`,
    vars: (id, me) => ({ id, b: me.headOffice ? me.own.branch : null }),
  },
  {
    name: 'setLeaveEntitlement(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $p: ID!) { setLeaveEntitlement(input: { branchId: $id, personId: $p, year: 2027,
            kind: ANNUAL, entitled: 9 }) { id entitled } }`,
    vars: (id, me) => ({ id, p: me.user.id }),
  },
  {
    name: 'leaveBalances(personId)',
    kind: 'user',
    doc: `query($id: ID!) { leaveBalances(year: 2026, personId: $id) { personId kind entitled taken held } }`,
  },
];

export async function seedSlot({ branch, u }: SeedContext, slot: Slot): Promise<void> {
  const { contract } = slot;
  // A counted event of the slot's user, its rollup lines (the person's, the branch's), and the branch's check, difference and due row.
  await owner.query(
    `INSERT INTO kpi_events (branch_id, kpi, subject_id, person_id, day, amount, event_id)
       VALUES ($1, 'CONTRACTS_SIGNED', $2, $3, '2026-11-02', 1200, gen_random_uuid())`,
    [branch, contract, u.id],
  );
  await owner.query(
    `INSERT INTO kpi_rollups (branch_id, kpi, period_kind, period_start, person_id, count, amount)
       VALUES ($1, 'CONTRACTS_SIGNED', 'MONTH', '2026-11-01', $2, 1, 1200),
         ($1, 'CONTRACTS_SIGNED', 'MONTH', '2026-10-01', $2, 2, 600)`,
    [branch, u.id],
  );
  // The branch's own lines: the sums of its people's (slots may share a branch).
  await owner.query(
    `INSERT INTO kpi_branch_rollups AS b (branch_id, kpi, period_kind, period_start, count, amount)
       VALUES ($1, 'CONTRACTS_SIGNED', 'MONTH', '2026-11-01', 1, 1200), ($1, 'CONTRACTS_SIGNED', 'MONTH', '2026-10-01', 2, 600)
       ON CONFLICT (branch_id, kpi, period_kind, period_start)
       DO UPDATE SET count = b.count + excluded.count, amount = b.amount + excluded.amount`,
    [branch],
  );
  await owner.query(
    `INSERT INTO kpi_checks (branch_id, kpi, period_kind, period_start, differences)
       VALUES ($1, 'CONTRACTS_SIGNED', 'MONTH', '2026-11-01', 1) ON CONFLICT DO NOTHING`,
    [branch],
  );
  await owner.query(
    `INSERT INTO kpi_differences (branch_id, id, kpi, period_kind, period_start, person_id, expected_count,
         expected_amount, found_count, found_amount)
       VALUES ($1, gen_random_uuid(), 'CONTRACTS_SIGNED', 'MONTH', '2026-11-01', $2, 1, 1200, 2, 2400)`,
    [branch, u.id],
  );
  // A correction waiting for its order's sale to count.
  await owner.query(
    `INSERT INTO kpi_waiting (branch_id, kpi, subject_id, of_id, day, amount, n, event_id)
       VALUES ($1, 'SALES_AMOUNT', gen_random_uuid(), $2, '2026-11-02', -100, 0, gen_random_uuid())`,
    [branch, contract],
  );
  await owner.query(`INSERT INTO kpi_check_due (branch_id, due_at) VALUES ($1, '2030-01-01') ON CONFLICT DO NOTHING`, [
    branch,
  ]);
  // The branch's target for the month (once per branch) and the slot user's share of it.
  await owner.query(
    `INSERT INTO kpi_targets (branch_id, id, kpi, measure, period_kind, period_start, target, set_by)
       VALUES ($1, gen_random_uuid(), 'CONTRACTS_SIGNED', 'AMOUNT', 'MONTH', '2026-11-01', 100000, $2)
       ON CONFLICT DO NOTHING`,
    [branch, u.id],
  );
  await owner.query(
    `INSERT INTO kpi_target_splits (branch_id, id, target_id, person_id, target, set_by)
       SELECT t.branch_id, gen_random_uuid(), t.id, $2, 10, $2 FROM kpi_targets t
       WHERE t.branch_id = $1 AND t.kpi = 'CONTRACTS_SIGNED' AND t.period_start = '2026-11-01'`,
    [branch, u.id],
  );
  await owner.query(
    `INSERT INTO attendance_settings (branch_id, grace_minutes) VALUES ($1, 20) ON CONFLICT DO NOTHING`,
    [branch],
  );
  await owner.query(
    `INSERT INTO attendance_punches (branch_id, id, person_id, kind, at, day, source, state, recorded_by)
       VALUES ($1, gen_random_uuid(), $2, 'IN', '2026-11-02T01:05:00Z', '2026-11-02', 'DEVICE', 'COUNTED', $2)`,
    [branch, u.id],
  );
  await owner.query(
    `WITH b AS (INSERT INTO leave_balances (branch_id, id, person_id, year, kind, entitled, taken)
         VALUES ($1, gen_random_uuid(), $2, 2026, 'ANNUAL', 10, 1) RETURNING branch_id, id, person_id)
       INSERT INTO leave_requests (branch_id, id, person_id, balance_id, kind, first_day, last_day, days, state)
       SELECT b.branch_id, gen_random_uuid(), b.person_id, b.id, 'ANNUAL', '2026-11-03', '2026-11-03', 1, 'APPROVED' FROM b`,
    [branch, u.id],
  );
}

export async function ownIds(): Promise<void> {
  const rep = tokens.repA1;
  await ok(tokens.admin1, byName('setKpiTarget(branchId)'), { id: org1.a.id });
  await ok(tokens.managerA1, byName('splitKpiTarget(branchId)'), { id: org1.a.id, p: org1.users.repA.id });
  await ok(tokens.managerA1, byName('splitKpiTarget(personId)'), { id: org1.users.rep2A.id, b: null });
  const own = (await ok(rep, byName('kpiAttainment(by: PERSON, branchId)'), { id: org1.a.id })).kpiAttainment;
  expect(own).toEqual([expect.objectContaining({ personId: org1.users.repA.id, target: '1.00' })]);
  expect(
    (await ok(tokens.managerA1, byName('attendanceStatement(personId)'), { id: org1.users.repA.id }))
      .attendanceStatement.personId,
  ).toBe(org1.users.repA.id);
  await ok(tokens.managerA1, byName('attendanceSettings(branchId)'), { id: org1.a.id });
  await ok(tokens.managerA1, byName('updateAttendanceSettings(branchId)'), { id: org1.a.id });
  expect(
    (await ok(tokens.managerA1, byName('leaveBalances(personId)'), { id: org1.users.repA.id })).leaveBalances,
  ).toEqual([expect.objectContaining({ personId: org1.users.repA.id, entitled: 10 })]);
  await ok(tokens.managerA1, byName('setLeaveEntitlement(personId)'), { id: org1.users.rep2A.id, b: null });
  await ok(tokens.managerA1, byName('setLeaveEntitlement(branchId)'), { id: org1.a.id, p: org1.users.repA.id });
}
