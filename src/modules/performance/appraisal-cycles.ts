import { randomUUID } from 'node:crypto';
import { addDays, addWorkingDays, isWorkingDay, type Tx, type WorkCalendar } from '@app/core';
import { AppraisalSettingsTable, Appraisals, type AppraisalKpiResult } from './appraisal.entity.js';
import { AppraisalCycleKind } from './appraisal.enums.js';
import { periodOf, type KpiPeriod } from './kpi-period.js';
import { Kpi, KpiPeriodKind } from './kpi.enums.js';

/** A branch's weights until it sets its own (DOMAIN.md section 7 names results first). */
export const DEFAULT_WEIGHTS = { resultsWeight: '60.00', attitudeWeight: '20.00', teamworkWeight: '20.00' };

/** The first working day on or after `day` of the branch calendar. */
export function firstWorkingDayFrom(day: string, cal: WorkCalendar): string {
  return isWorkingDay(day, cal) ? day : addWorkingDays(day, 1, cal);
}

/**
 * The cycles due on `today`: last month's from the first working day of this month, last year's from the first
 * working day of this year (both in the branch's calendar and time zone).
 */
export function dueCycles(today: string, cal: WorkCalendar): { kind: AppraisalCycleKind; period: KpiPeriod }[] {
  const lastMonth = periodOf(KpiPeriodKind.MONTH, addDays(`${today.slice(0, 7)}-01`, -1));
  const lastYear = periodOf(KpiPeriodKind.YEAR, addDays(`${today.slice(0, 4)}-01-01`, -1));
  return [
    { kind: AppraisalCycleKind.MONTHLY, period: lastMonth },
    { kind: AppraisalCycleKind.ANNUAL, period: lastYear },
  ].filter((c) => today >= firstWorkingDayFrom(c.period.end, cal));
}

/** A person's KPI figures of a period from the rollups (read only), as an appraisal keeps them. */
export async function kpiResults(
  tx: Tx,
  branchId: string,
  personIds: string[],
  period: { kind: string; start: string },
): Promise<Map<string, AppraisalKpiResult[]>> {
  const rows = await tx.query<{ person_id: string; kpi: Kpi; count: number; amount: string }>(
    `SELECT r.person_id, r.kpi, r.count, r.amount::text AS amount FROM kpi_rollups r
     WHERE r.branch_id = $1 AND r.person_id = ANY($2::uuid[]) AND r.period_kind = $3 AND r.period_start = $4
     ORDER BY r.person_id, r.kpi`,
    [branchId, personIds, period.kind, period.start],
  );
  const out = new Map<string, AppraisalKpiResult[]>(personIds.map((p) => [p, []]));
  for (const r of rows) out.get(r.person_id)?.push({ kpi: r.kpi, count: r.count, amount: r.amount });
  return out;
}

export const cyclePeriodKind = (kind: AppraisalCycleKind) =>
  kind === AppraisalCycleKind.MONTHLY ? KpiPeriodKind.MONTH : KpiPeriodKind.YEAR;

/**
 * Opens the branch's due cycles with an appraisal for each of its people (their KPIs filled in). Idempotent: the
 * cycle's unique key (branch, kind, period) lets one opening win when two workers race; the loser opens nothing.
 * Returns the cycles opened now.
 */
export async function openDueCycles(tx: Tx, branchId: string, today: string, cal: WorkCalendar): Promise<number> {
  let opened = 0;
  for (const { kind, period } of dueCycles(today, cal)) {
    const weights = (await AppraisalSettingsTable.find(tx, { branchId })) ?? DEFAULT_WEIGHTS;
    const [cycle] = await tx.query<{ id: string }>(
      `INSERT INTO appraisal_cycles (branch_id, id, kind, period, period_start, period_end, opened_on,
         results_weight, attitude_weight, teamwork_weight)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (branch_id, kind, period_start) DO NOTHING RETURNING id`,
      [
        branchId,
        randomUUID(),
        kind,
        period.label,
        period.start,
        period.end,
        today,
        weights.resultsWeight,
        weights.attitudeWeight,
        weights.teamworkWeight,
      ],
    );
    if (!cycle) continue;
    opened += 1;
    const people = await tx.query<{ user_id: string; role: string }>(
      `SELECT DISTINCT ON (d.user_id) d.user_id, d.role FROM branch_directory d WHERE d.branch_id = $1
       ORDER BY d.user_id, d.role`,
      [branchId],
    );
    const kpis = await kpiResults(
      tx,
      branchId,
      people.map((p) => p.user_id),
      { kind: cyclePeriodKind(kind), start: period.start },
    );
    for (const p of people) {
      await Appraisals.insert(tx, {
        branchId,
        id: randomUUID(),
        cycleId: cycle.id,
        personId: p.user_id,
        personRole: p.role,
        kpiResults: kpis.get(p.user_id) ?? [],
      });
    }
  }
  return opened;
}
