import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { todayIn } from '@app/core';
import { eventually, insertCustomer, problem, useFixture } from '@app/testing';
import { periodOf } from '../src/modules/performance/kpi-period.js';
import { Kpi, KpiPeriodKind } from '../src/modules/performance/kpi.enums.js';
import { PerformanceJobs } from '../src/modules/performance/performance.jobs.js';

/**
 * KPI rollups end to end: the source modules' changes (a customer, a valid lead, a quote sent, a complaint resolved
 * in time) reach the rollups through the outbox and the real worker, once; who sees which figures (head office every
 * branch, a manager their branch, a rep their own line); the statement count of rankings and trends does not grow
 * with branches, people or periods; the recompute finds a planted difference (in a person's line, in a branch's own
 * line), records it and repairs it.
 */

interface Line {
  rank: number;
  branchId: string;
  personId: string | null;
  name: string;
  count: number;
  amount: string | null;
  currency: string;
}

const RANK = `query($in: KpiRankingInput!) { kpiRanking(input: $in) {
  rank branchId personId name kpi period periodKind count amount currency branch { code } person { id } } }`;
const TREND = `query($in: KpiTrendInput!) { kpiTrend(input: $in) { period periodKind from to count amount } }`;
const CHECKS = `query($p: String!, $b: ID) { kpiChecks(period: $p, branchId: $b) {
  branchId kpi periodKind periodStart checkedAt differences } }`;
const DIFFS = `query($p: String!, $b: ID) { kpiDifferences(period: $p, branchId: $b) {
  branchId kpi periodKind periodStart personId expectedCount expectedAmount foundCount foundAmount } }`;

describe('KPI rollups', () => {
  const f = useFixture({ worker: true });
  const { ok, call } = f;
  const today = todayIn('Asia/Shanghai');
  const month = periodOf(KpiPeriodKind.MONTH, today).label;

  const ranking = async (who: string, input: Record<string, unknown>) =>
    (await ok<{ kpiRanking: Line[] }>(who, RANK, { in: { period: month, ...input } })).kpiRanking;
  const statements = async (who: string, doc: string, vars: Record<string, unknown>) => {
    const r = await call(who, doc, vars);
    expect(r.body.errors).toBeUndefined();
    return Number(r.headers.get('x-sql-statements'));
  };

  beforeAll(async () => {
    const customer = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.repA.id,
      name: 'Kpi Source Co',
    });
    // repA: a customer, a valid lead (then edited: still one), a quote sent, a complaint resolved in time.
    await ok('repA', 'mutation { createCustomer(input: { name: "Kpi New One", tier: LOW }) { id } }');
    await ok('rep2A', 'mutation { createCustomer(input: { name: "Kpi New Two", tier: LOW }) { id } }');
    await ok('rep2A', 'mutation { createCustomer(input: { name: "Kpi New Three", tier: MEDIUM }) { id } }');
    await ok('repB', 'mutation { createCustomer(input: { name: "Kpi New Bravo", tier: LOW }) { id } }');
    const lead = await ok<{ createLead: { id: string; valid: boolean } }>(
      'repA',
      `mutation { createLead(input: { source: TRADE_SHOW, company: "Kpi Pumps", contactName: "Li Wei",
         contactRole: MANAGER, mobile: "+86 139 0000 0077" }) { id valid } }`,
    );
    expect(lead.createLead.valid).toBe(true);
    await ok('repA', `mutation($id: ID!) { updateLead(id: $id, input: { company: "Kpi Pumps Ltd" }) { id } }`, {
      id: lead.createLead.id,
    });
    const validUntil = periodOf(KpiPeriodKind.DAY, today).end;
    const quote = await ok<{ createQuote: { id: string; total: string } }>(
      'repA',
      `mutation($in: CreateQuoteInput!) { createQuote(input: $in) { id total } }`,
      {
        in: {
          customerId: customer,
          title: 'Pumps',
          validUntil,
          lines: [{ kind: 'PRODUCT', description: 'Pump', quantity: '2', unitPrice: '50.00', discountPercent: '5' }],
        },
      },
    );
    expect(quote.createQuote.total).toBe('95.00');
    await ok('repA', `mutation($id: ID!) { sendQuote(id: $id) { id state } }`, { id: quote.createQuote.id });
    const complaint = await ok<{ createComplaint: { id: string } }>(
      'repA',
      `mutation($c: ID!) { createComplaint(input: { customerId: $c, channel: PHONE, category: PRODUCT, severity: LOW,
         description: "Leaks" }) { id } }`,
      { c: customer },
    );
    const id = complaint.createComplaint.id;
    await ok('repA', `mutation($id: ID!) { startComplaintInvestigation(id: $id) { id } }`, { id });
    await ok(
      'repA',
      `mutation($id: ID!) { resolveComplaint(id: $id, input: { resolution: "Seal replaced", rootCause: "Seal" }) { id } }`,
      { id },
    );
    // Every event of the source modules is counted by the worker (outbox -> BullMQ -> handler).
    await eventually(async () => {
      const r = await f.owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'events.domain-event' AND finished_at IS NOT NULL`,
      );
      return r.rows[0].n === 7;
    }, 90_000);
    expect((await f.owner.query('SELECT count(*)::int AS n FROM kpi_events')).rows[0].n).toBe(7);
  }, 120_000);

  it('counts each source event once, per person and per branch, for every period that holds its day', async () => {
    const { repA, rep2A } = f.org.users;
    const people = await ranking('managerA', { kpi: 'NEW_CUSTOMERS', by: 'PERSON' });
    const byPerson = new Map(people.map((l) => [l.personId, l]));
    expect(byPerson.get(rep2A.id)).toMatchObject({ rank: 1, count: 2, amount: null, branchId: f.org.a.id });
    expect(byPerson.get(repA.id)).toMatchObject({ rank: 2, count: 1 });
    expect(people.every((l) => l.branchId === f.org.a.id)).toBe(true);
    const quotes = await ranking('managerA', { kpi: 'QUOTES_SENT', by: 'PERSON', measure: 'AMOUNT' });
    expect(quotes.find((l) => l.personId === repA.id)).toMatchObject({ rank: 1, count: 1, amount: '95.00' });
    for (const kpi of ['VALID_LEADS', 'COMPLAINTS_RESOLVED_IN_TIME']) {
      const lines = await ranking('managerA', { kpi, by: 'PERSON', period: String(today.slice(0, 4)) });
      expect({ kpi, line: lines.find((l) => l.personId === repA.id)?.count }).toEqual({ kpi, line: 1 });
    }
    // The same event in the day, the ISO week and the quarter as in the month.
    for (const kind of [KpiPeriodKind.DAY, KpiPeriodKind.WEEK, KpiPeriodKind.QUARTER]) {
      const lines = await ranking('managerA', {
        kpi: 'NEW_CUSTOMERS',
        by: 'PERSON',
        period: periodOf(kind, today).label,
      });
      expect({ kind, n: lines.reduce((s, l) => s + l.count, 0) }).toEqual({ kind, n: 3 });
    }
  });

  it('ranks branches for head office and a branch for its manager; a rep gets their own line only', async () => {
    const hq = await ranking('admin', { kpi: 'NEW_CUSTOMERS' });
    expect(hq.map((l) => [l.branchId, l.count, l.rank])).toEqual([
      [f.org.a.id, 3, 1],
      [f.org.b.id, 1, 2],
    ]);
    expect((await ranking('managerB', { kpi: 'NEW_CUSTOMERS' })).map((l) => l.branchId)).toEqual([f.org.b.id]);
    expect(problem(await call('repA', RANK, { in: { kpi: 'NEW_CUSTOMERS', period: month } })).code).toBe('FORBIDDEN');
    const own = await ranking('repA', { kpi: 'NEW_CUSTOMERS', by: 'PERSON' });
    expect(own.map((l) => [l.personId, l.count])).toEqual([[f.org.users.repA.id, 1]]);
    // Head office: people of every branch, ranked within their branch.
    const people = await ranking('admin', { kpi: 'NEW_CUSTOMERS', by: 'PERSON' });
    expect(
      people
        .filter((l) => l.rank === 1)
        .map((l) => l.branchId)
        .sort(),
    ).toEqual([f.org.a.id, f.org.b.id].sort());
  });

  it('trends over the last periods; another branch or a colleague answers as an unknown id: nothing', async () => {
    const trend = (who: string, input: Record<string, unknown>) =>
      ok<{ kpiTrend: { period: string; count: number; amount: string | null }[] }>(who, TREND, {
        in: { kpi: 'QUOTES_SENT', period: month, periods: 3, ...input },
      }).then((d) => d.kpiTrend);
    const hq = await trend('admin', {});
    expect(hq.map((p) => p.period)).toEqual([-2, -1, 0].map((n) => shiftLabel(month, n)));
    expect(hq[2]).toMatchObject({ count: 1, amount: '95.00' });
    expect(await trend('repA', {})).toEqual(hq);
    expect((await trend('rep2A', {}))[2]).toMatchObject({ count: 0, amount: '0.00' });
    expect(await trend('repA', { personId: f.org.users.rep2A.id })).toEqual([]);
    expect(await trend('managerA', { branchId: f.org.b.id })).toEqual([]);
    expect(await trend('managerA', { personId: f.org.users.repB.id })).toEqual([]);
    expect(await trend('managerA', { personId: randomUUID() })).toEqual([]);
    const bad = await call('admin', TREND, { in: { kpi: 'QUOTES_SENT', period: '2026-W99' } });
    expect(problem(bad)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['period'] });
    const amount = await call('admin', RANK, { in: { kpi: 'NEW_CUSTOMERS', period: month, measure: 'AMOUNT' } });
    expect(problem(amount)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['measure'] });
  });

  it('answers rankings and trends in the same number of statements for 1 or 40 people and 1 or 36 periods', async () => {
    const seed = async (people: number) => {
      for (let i = 0; i < people; i++) {
        await f.owner.query(
          `INSERT INTO kpi_rollups (branch_id, kpi, period_kind, period_start, person_id, count, amount)
           VALUES ($1, 'VALID_LEADS', 'MONTH', '2025-05-01', $2, $3, 0)`,
          [i % 2 ? f.org.a.id : f.org.b.id, randomUUID(), i + 1],
        );
      }
    };
    const rank = { in: { kpi: 'VALID_LEADS', period: '2025-05', by: 'PERSON' } };
    const before = await statements('admin', RANK, rank);
    await seed(40);
    expect(await statements('admin', RANK, rank)).toBe(before);
    const one = await statements('admin', TREND, { in: { kpi: 'VALID_LEADS', period: '2025-05', periods: 1 } });
    expect(await statements('admin', TREND, { in: { kpi: 'VALID_LEADS', period: '2025-05', periods: 36 } })).toBe(one);
    await f.owner.query(`DELETE FROM kpi_rollups WHERE period_start = '2025-05-01' AND period_kind = 'MONTH'`);
  });

  it('the recompute finds a planted difference, records it, repairs the line, and the next check is clean', async () => {
    const { repA } = f.org.users;
    await f.owner.query(
      `UPDATE kpi_rollups SET count = count + 3 WHERE branch_id = $1 AND kpi = 'NEW_CUSTOMERS' AND period_kind = 'MONTH'
         AND person_id = $2`,
      [f.org.a.id, repA.id],
    );
    expect(
      (await ranking('managerA', { kpi: 'NEW_CUSTOMERS', by: 'PERSON' })).find((l) => l.personId === repA.id)?.count,
    ).toBe(4);
    await f.owner.query(`UPDATE kpi_check_due SET due_at = now() - interval '1 minute'`);
    const jobs = f.worker!.get(PerformanceJobs);
    await jobs.recomputeScan();
    const checks = (
      await ok<{ kpiChecks: { branchId: string; kpi: string; differences: number }[] }>('admin', CHECKS, { p: month })
    ).kpiChecks;
    expect(checks.filter((c) => c.differences > 0).map((c) => [c.branchId, c.kpi, c.differences])).toEqual([
      [f.org.a.id, 'NEW_CUSTOMERS', 1],
    ]);
    expect(checks.filter((c) => c.branchId === f.org.b.id).length).toBe(Object.values(Kpi).length);
    const diffs = (await ok<{ kpiDifferences: Record<string, unknown>[] }>('admin', DIFFS, { p: month, b: f.org.a.id }))
      .kpiDifferences;
    expect(diffs).toEqual([
      expect.objectContaining({ kpi: 'NEW_CUSTOMERS', personId: repA.id, expectedCount: 1, foundCount: 4 }),
    ]);
    expect(
      (await ranking('managerA', { kpi: 'NEW_CUSTOMERS', by: 'PERSON' })).find((l) => l.personId === repA.id)?.count,
    ).toBe(1);
    // A rep and another organization's people are not shown the checks.
    expect(problem(await call('repA', CHECKS, { p: month })).code).toBe('FORBIDDEN');
    expect((await ok<{ kpiChecks: unknown[] }>('managerB', CHECKS, { p: month, b: f.org.a.id })).kpiChecks).toEqual([]);
    await f.owner.query(`UPDATE kpi_check_due SET due_at = now() - interval '1 minute'`);
    expect(await jobs.recomputeScan()).toMatchObject({ differences: 0 });
    const again = (await ok<{ kpiChecks: { differences: number }[] }>('admin', CHECKS, { p: month })).kpiChecks;
    expect(again.every((c) => c.differences === 0)).toBe(true);
  });

  it("head office reads the branch's own line; the recompute finds a planted difference in it and repairs it", async () => {
    // The quarter's line (the other checks of this file are of the month): branch A sent one quote of 95.00.
    const quarter = periodOf(KpiPeriodKind.QUARTER, today);
    const hq = async () => {
      const input = { kpi: 'QUOTES_SENT', period: quarter.label, measure: 'AMOUNT' };
      const t = await ok<{ kpiTrend: { count: number; amount: string }[] }>('admin', TREND, {
        in: { ...input, periods: 1, branchId: f.org.a.id },
      });
      const r = (await ranking('admin', input)).find((l) => l.branchId === f.org.a.id);
      const { count, amount } = t.kpiTrend[0];
      return { trend: { count, amount }, ranking: { count: r?.count, amount: r?.amount } };
    };
    expect(await hq()).toEqual({ trend: { count: 1, amount: '95.00' }, ranking: { count: 1, amount: '95.00' } });
    await f.owner.query(
      `UPDATE kpi_branch_rollups SET count = count + 2, amount = amount + 10 WHERE branch_id = $1
         AND kpi = 'QUOTES_SENT' AND period_kind = 'QUARTER' AND period_start = $2`,
      [f.org.a.id, quarter.start],
    );
    // Head office's figures come from that line (the people's lines still say 1 and 95.00).
    expect(await hq()).toEqual({ trend: { count: 3, amount: '105.00' }, ranking: { count: 3, amount: '105.00' } });
    await f.owner.query(`UPDATE kpi_check_due SET due_at = now() - interval '1 minute'`);
    await f.worker!.get(PerformanceJobs).recomputeScan();
    const diffs = (
      await ok<{ kpiDifferences: Record<string, unknown>[] }>('admin', DIFFS, { p: quarter.label, b: f.org.a.id })
    ).kpiDifferences;
    expect(diffs).toEqual([
      expect.objectContaining({
        kpi: 'QUOTES_SENT',
        periodKind: 'QUARTER',
        personId: null,
        expectedCount: 1,
        expectedAmount: '95.00',
        foundCount: 3,
        foundAmount: '105.00',
      }),
    ]);
    const checks = (
      await ok<{ kpiChecks: { branchId: string; kpi: string; differences: number }[] }>('admin', CHECKS, {
        p: quarter.label,
        b: f.org.a.id,
      })
    ).kpiChecks;
    expect(checks.filter((c) => c.differences > 0).map((c) => [c.kpi, c.differences])).toEqual([['QUOTES_SENT', 1]]);
    expect(await hq()).toEqual({ trend: { count: 1, amount: '95.00' }, ranking: { count: 1, amount: '95.00' } });
  });
});

/** The month label `n` months from `label` (YYYY-MM). */
function shiftLabel(label: string, n: number): string {
  const [y, m] = label.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
