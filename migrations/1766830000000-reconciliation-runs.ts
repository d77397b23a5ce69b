import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from './tenancy.js';

/** The last half-year end (30 June or 31 December) before the branch's today, in the branch's time zone. */
const LAST_PERIOD_END = (tz: string) => `(CASE WHEN extract(month FROM now() AT TIME ZONE ${tz}) >= 7
  THEN make_date(extract(year FROM now() AT TIME ZONE ${tz})::int, 6, 30)
  ELSE make_date(extract(year FROM now() AT TIME ZONE ${tz})::int - 1, 12, 31) END)`;

/** The claim of 1766720000000, restored by down(). */
const OLD_CLAIM = `
  CREATE FUNCTION claim_due_reconciliation_statements(batch integer)
    RETURNS TABLE (branch_id uuid, customer_id uuid, period_end date)
    LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
      SELECT c.branch_id, c.id, p.period_end
      FROM customers c JOIN branches b ON b.id = c.branch_id
      CROSS JOIN LATERAL (SELECT ${LAST_PERIOD_END('b.time_zone')} AS period_end) p
      WHERE NOT EXISTS (SELECT 1 FROM reconciliation_statements s
                        WHERE s.branch_id = c.branch_id AND s.customer_id = c.id AND s.period_end = p.period_end)
        AND (EXISTS (SELECT 1 FROM invoices i WHERE i.branch_id = c.branch_id AND i.customer_id = c.id
                     AND i.state IN ('ISSUED', 'DELIVERED', 'CONFIRMED') AND i.issued_on <= p.period_end)
          OR EXISTS (SELECT 1 FROM receipts r WHERE r.branch_id = c.branch_id AND r.customer_id = c.id
                     AND r.state = 'RECORDED' AND r.received_on <= p.period_end))
      ORDER BY c.branch_id, c.id
      LIMIT batch FOR NO KEY UPDATE OF c SKIP LOCKED
    $$;
  REVOKE ALL ON FUNCTION claim_due_reconciliation_statements(integer) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION claim_due_reconciliation_statements(integer) TO app_worker;`;

/**
 * The semi-annual reconciliation claim resumes where the last batch stopped (issue 12). The old claim walked the
 * customers from the start for every batch of 200, past every customer reconciled already (quadratic: 1.5-2.4 s per
 * claim at the end of a 100,000-customer run). Now each branch's run for a period keeps a cursor: a pass over the
 * branch's customers in id order. The claim locks the run row (SKIP LOCKED: a second worker takes another branch),
 * takes the next customers with books after the cursor and moves the cursor in the claiming transaction, so a killed
 * worker's batch rolls back with its cursor and is claimed again; the unique key stays behind it. A pass that
 * reaches the end records `passed_at`; the next scan (one started after that) begins a new pass, which catches books
 * entered later into the period (a receipt recorded with an earlier receiving day) at one linear walk per scan.
 */
export class ReconciliationRuns1766830000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reconciliation_runs (
        branch_id uuid NOT NULL REFERENCES branches (id),
        period_end date NOT NULL,
        started_at timestamptz(3) NOT NULL DEFAULT now(),
        last_customer_id uuid,
        claimed integer NOT NULL DEFAULT 0 CHECK (claimed >= 0),
        passes integer NOT NULL DEFAULT 0 CHECK (passes >= 0),
        passed_at timestamptz(3),
        PRIMARY KEY (branch_id, period_end)
      );
      ${tenantTable('reconciliation_runs')}
      GRANT SELECT ON reconciliation_runs TO app_runtime;

      DROP FUNCTION claim_due_reconciliation_statements(integer);
      -- scan_started: a pass finished at or after it (by this scan or a racing one) is not begun again by this scan.
      CREATE FUNCTION claim_due_reconciliation_statements(batch integer, scan_started timestamptz)
        RETURNS TABLE (branch_id uuid, customer_id uuid, period_end date)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        #variable_conflict use_column
        DECLARE
          run record;
          wanted integer := batch;
          ids uuid[];
          got integer;
          after_branch uuid := '00000000-0000-0000-0000-000000000000';
        BEGIN
          INSERT INTO reconciliation_runs (branch_id, period_end)
            SELECT b.id, ${LAST_PERIOD_END('b.time_zone')} FROM branches b
            WHERE NOT EXISTS (SELECT 1 FROM reconciliation_runs x
                              WHERE x.branch_id = b.id AND x.period_end = ${LAST_PERIOD_END('b.time_zone')})
            ORDER BY b.id
            ON CONFLICT DO NOTHING;
          LOOP
            -- One run at a time (a FOR loop would prefetch and lock runs it never works on).
            SELECT x.branch_id, x.period_end, x.last_customer_id INTO run FROM reconciliation_runs x
            JOIN branches b ON b.id = x.branch_id
            WHERE x.branch_id > after_branch AND x.period_end = ${LAST_PERIOD_END('b.time_zone')}
              AND (x.last_customer_id IS NOT NULL OR x.passed_at IS NULL OR x.passed_at < scan_started)
            ORDER BY x.branch_id LIMIT 1
            FOR UPDATE OF x SKIP LOCKED;
            EXIT WHEN NOT FOUND;
            after_branch := run.branch_id;
            SELECT coalesce(array_agg(d.id ORDER BY d.id), '{}') INTO ids FROM (
              SELECT c.id FROM customers c
              WHERE c.branch_id = run.branch_id
                AND c.id > coalesce(run.last_customer_id, '00000000-0000-0000-0000-000000000000'::uuid)
                AND NOT EXISTS (SELECT 1 FROM reconciliation_statements s WHERE s.branch_id = c.branch_id
                                AND s.customer_id = c.id AND s.period_end = run.period_end)
                AND (EXISTS (SELECT 1 FROM invoices i WHERE i.branch_id = c.branch_id AND i.customer_id = c.id
                             AND i.state IN ('ISSUED', 'DELIVERED', 'CONFIRMED') AND i.issued_on <= run.period_end)
                  OR EXISTS (SELECT 1 FROM receipts r WHERE r.branch_id = c.branch_id AND r.customer_id = c.id
                             AND r.state = 'RECORDED' AND r.received_on <= run.period_end))
              ORDER BY c.id
              LIMIT wanted) d;
            got := cardinality(ids);
            IF got < wanted THEN
              -- The end of the branch's customers: the pass is over, the next scan begins another.
              UPDATE reconciliation_runs x SET last_customer_id = NULL, claimed = x.claimed + got,
                passes = x.passes + 1, passed_at = now()
              WHERE x.branch_id = run.branch_id AND x.period_end = run.period_end;
            ELSE
              UPDATE reconciliation_runs x SET last_customer_id = ids[got], claimed = x.claimed + got
              WHERE x.branch_id = run.branch_id AND x.period_end = run.period_end;
            END IF;
            RETURN QUERY SELECT run.branch_id, u.id, run.period_end FROM unnest(ids) AS u(id);
            wanted := wanted - got;
            EXIT WHEN wanted = 0;
          END LOOP;
        END
      $$;
      REVOKE ALL ON FUNCTION claim_due_reconciliation_statements(integer, timestamptz) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_reconciliation_statements(integer, timestamptz) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_reconciliation_statements(integer, timestamptz);
      DROP TABLE reconciliation_runs;
      ${OLD_CLAIM}
    `);
  }
}
