import type { Tx } from '@app/core';
import type { DomainEvent } from '@app/jobs';
import { AMOUNT_KPIS, BRANCH_PERIOD_KINDS, KPI_OF_EVENT, PERIOD_KINDS } from './kpi-definitions.js';
import type { Kpi, KpiEventKind } from './kpi.enums.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^-?\d{1,16}(\.\d{1,2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One ledger row to write: what counts, for whom, on which day. */
interface Counted {
  subjectId: string;
  personId: string;
  day: string;
  amount: string | null;
  n: number;
  eventId: string;
}

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * The ledger rows of one branch and KPI and their rollup increments in one statement, so all commit or none does:
 * the ledger's key (branch, KPI, subject) makes a replay, a second replica or a second event of the same subject
 * count nothing. Increments of the same line are summed first; the people's lines are written first, in one order
 * (grain, start, person), then the branch's lines of a week or longer (their sums, in grain and start order: the
 * initPlan on `up` runs the people's writes to completion before the first branch line), the same order for every
 * handler, so concurrent handlers never deadlock. Returns how many rows were new.
 */
async function ledgerAndRollups(tx: Tx, branchId: string, kpi: Kpi, rows: Counted[]): Promise<number> {
  const [r] = await tx.query<{ n: number }>(
    `WITH ev AS (
       INSERT INTO kpi_events (branch_id, kpi, subject_id, person_id, day, amount, event_id, n)
       SELECT $1, $2, x.subject_id, x.person_id, x.day, x.amount, x.event_id, x.n
       FROM unnest($3::uuid[], $4::uuid[], $5::date[], $6::numeric[], $7::uuid[], $8::smallint[])
         AS x(subject_id, person_id, day, amount, event_id, n)
       ON CONFLICT (branch_id, kpi, subject_id) DO NOTHING
       RETURNING branch_id, kpi, person_id, day, amount, n),
     inc AS (
       SELECT ev.branch_id, ev.kpi, k.ord, k.kind, kpi_period_start(k.kind, ev.day) AS start, ev.person_id,
         sum(ev.n) AS n, sum(coalesce(ev.amount, 0)) AS amount
       FROM ev CROSS JOIN unnest($9::text[]) WITH ORDINALITY AS k(kind, ord)
       GROUP BY ev.branch_id, ev.kpi, k.ord, k.kind, kpi_period_start(k.kind, ev.day), ev.person_id),
     up AS (
       INSERT INTO kpi_rollups AS r (branch_id, kpi, period_kind, period_start, person_id, count, amount)
       SELECT branch_id, kpi, kind, start, person_id, n, amount FROM inc ORDER BY ord, start, person_id
       ON CONFLICT (branch_id, kpi, period_kind, period_start, person_id)
       DO UPDATE SET count = r.count + excluded.count, amount = r.amount + excluded.amount, updated_at = now()
       RETURNING 1),
     bup AS (
       INSERT INTO kpi_branch_rollups AS b (branch_id, kpi, period_kind, period_start, count, amount)
       SELECT branch_id, kpi, kind, start, sum(n), sum(amount) FROM inc
       WHERE kind = ANY($10::text[]) AND (SELECT count(*) FROM up) >= 0
       GROUP BY branch_id, kpi, ord, kind, start ORDER BY ord, start
       ON CONFLICT (branch_id, kpi, period_kind, period_start)
       DO UPDATE SET count = b.count + excluded.count, amount = b.amount + excluded.amount, updated_at = now())
     SELECT count(*)::int AS n FROM ev`,
    [
      branchId,
      kpi,
      rows.map((c) => c.subjectId),
      rows.map((c) => c.personId),
      rows.map((c) => c.day),
      rows.map((c) => c.amount),
      rows.map((c) => c.eventId),
      rows.map((c) => c.n),
      PERIOD_KINDS,
      BRANCH_PERIOD_KINDS,
    ],
  );
  return r.n;
}

/**
 * Counts one domain event, in the caller's transaction (the handler's, which also finishes the outbox row): the
 * ledger row in kpi_events and the rollup increments (five of the person's, four of the branch's; by the kind's n: 1, or -1 for a reversal, 0 for a
 * correction of the amount). Returns 1 when the event counted, 0 when it had counted before (or waits).
 *
 * A correction (`corrects`: a return, a credit note) counts for the person its record's event (`of`, same KPI)
 * counted for, on the later of its own day and that event's day. When that event has not counted yet (the order is
 * not closed, or its closing is still on its way) the correction waits in kpi_waiting and counts in the same
 * transaction as that event. Both sides take one transaction-level lock per (branch, KPI, record), so a correction
 * and its sale handled at once by two replicas never miss each other.
 */
export async function countEvent(tx: Tx, eventId: string, e: DomainEvent): Promise<number> {
  const def = KPI_OF_EVENT[e.kind as KpiEventKind];
  if (!def) throw new Error(`unknown KPI event kind "${e.kind}"`);
  const { kpi, n } = def;
  if (!DAY.test(e.day ?? '')) throw new Error(`KPI event ${eventId} has no business day`);
  const amount = AMOUNT_KPIS.has(kpi) ? (e.amount ?? '0') : null;
  if (amount !== null && !MONEY.test(amount)) throw new Error(`KPI event ${eventId} has a bad amount "${amount}"`);
  if (def.corrects && !UUID.test(e.of ?? '')) throw new Error(`KPI event ${eventId} (${e.kind}) names no record`);
  // The branch's check row, held FOR SHARE until commit: the recompute (FOR UPDATE) never rebuilds mid-increment.
  await tx.query(`INSERT INTO kpi_check_due (branch_id) VALUES ($1) ON CONFLICT (branch_id) DO NOTHING`, [e.branchId]);
  await tx.query(`SELECT 1 FROM kpi_check_due WHERE branch_id = $1 FOR SHARE`, [e.branchId]);
  const row: Counted = { subjectId: e.subjectId, personId: e.personId, day: e.day, amount, n, eventId };
  if (!def.corrects && !def.awaited) return (await ledgerAndRollups(tx, e.branchId, kpi, [row])) > 0 ? 1 : 0;

  const record = def.corrects ? e.of! : e.subjectId;
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`kpi:${e.branchId}:${kpi}:${record}`]);
  if (def.corrects) {
    const [sale] = await tx.query<{ personId: string; day: string }>(
      `SELECT person_id AS "personId", day::text AS day FROM kpi_events
       WHERE branch_id = $1 AND kpi = $2 AND subject_id = $3`,
      [e.branchId, kpi, record],
    );
    if (!sale) {
      await tx.query(
        `INSERT INTO kpi_waiting (branch_id, kpi, subject_id, of_id, day, amount, n, event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (branch_id, kpi, subject_id) DO NOTHING`,
        [e.branchId, kpi, e.subjectId, record, e.day, amount, n, eventId],
      );
      return 0;
    }
    const counted = await ledgerAndRollups(tx, e.branchId, kpi, [
      { ...row, personId: sale.personId, day: later(e.day, sale.day) },
    ]);
    return counted > 0 ? 1 : 0;
  }
  // The corrections waiting for this sale count with it, in the same statement (one lock order for all lines).
  // None wait when the sale had counted before: under this lock they found it and counted at once.
  const waiting = await tx.query<{ subjectId: string; day: string; amount: string | null; n: number; eventId: string }>(
    `DELETE FROM kpi_waiting WHERE branch_id = $1 AND kpi = $2 AND of_id = $3
     RETURNING subject_id AS "subjectId", day::text AS day, amount::text AS amount, n, event_id AS "eventId"`,
    [e.branchId, kpi, record],
  );
  const corrections = waiting.map((w) => ({ ...w, personId: e.personId, day: later(w.day, e.day) }));
  const counted = await ledgerAndRollups(tx, e.branchId, kpi, [row, ...corrections]);
  return counted > corrections.length ? 1 : 0;
}
