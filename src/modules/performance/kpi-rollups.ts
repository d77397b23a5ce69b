import type { Tx } from '@app/core';
import type { DomainEvent } from '@app/jobs';
import { AMOUNT_KPIS, KPI_OF_EVENT, PERIOD_KINDS } from './kpi-definitions.js';
import type { KpiEventKind } from './kpi.enums.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^-?\d{1,16}(\.\d{1,2})?$/;

/**
 * Counts one domain event, in the caller's transaction (the handler's, which also finishes the outbox row): the
 * ledger row in kpi_events and the five rollup increments (by the kind's n: 1, or -1 for a reversal, 0 for a
 * correction of the amount) in one statement, so both commit or neither does. The
 * ledger's key (branch, KPI, subject) makes a replay, a second replica or a second event of the same subject count
 * nothing. Returns 1 when the event counted, 0 when it had counted before.
 */
export async function countEvent(tx: Tx, eventId: string, e: DomainEvent): Promise<number> {
  const def = KPI_OF_EVENT[e.kind as KpiEventKind];
  if (!def) throw new Error(`unknown KPI event kind "${e.kind}"`);
  const { kpi, n } = def;
  if (!DAY.test(e.day ?? '')) throw new Error(`KPI event ${eventId} has no business day`);
  const amount = AMOUNT_KPIS.has(kpi) ? (e.amount ?? '0') : null;
  if (amount !== null && !MONEY.test(amount)) throw new Error(`KPI event ${eventId} has a bad amount "${amount}"`);
  // The branch's check row, held FOR SHARE until commit: the recompute (FOR UPDATE) never rebuilds mid-increment.
  await tx.query(`INSERT INTO kpi_check_due (branch_id) VALUES ($1) ON CONFLICT (branch_id) DO NOTHING`, [e.branchId]);
  await tx.query(`SELECT 1 FROM kpi_check_due WHERE branch_id = $1 FOR SHARE`, [e.branchId]);
  const counted = await tx.execute(
    `WITH ev AS (
       INSERT INTO kpi_events (branch_id, kpi, subject_id, person_id, day, amount, event_id, n)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $9) ON CONFLICT (branch_id, kpi, subject_id) DO NOTHING
       RETURNING branch_id, kpi, person_id, day, amount, n)
     INSERT INTO kpi_rollups AS r (branch_id, kpi, period_kind, period_start, person_id, count, amount)
     SELECT ev.branch_id, ev.kpi, k.kind, kpi_period_start(k.kind, ev.day), ev.person_id, ev.n, coalesce(ev.amount, 0)
     FROM ev CROSS JOIN unnest($8::text[]) WITH ORDINALITY AS k(kind, ord)
     ORDER BY k.ord
     ON CONFLICT (branch_id, kpi, period_kind, period_start, person_id)
     DO UPDATE SET count = r.count + excluded.count, amount = r.amount + excluded.amount, updated_at = now()`,
    [e.branchId, kpi, e.subjectId, e.personId, e.day, amount, eventId, PERIOD_KINDS, n],
  );
  return counted > 0 ? 1 : 0;
}
