import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The last half-year end (30 June or 31 December) before the branch's today, in the branch's time zone. */
const LAST_PERIOD_END = (tz: string) => `(CASE WHEN extract(month FROM now() AT TIME ZONE ${tz}) >= 7
  THEN make_date(extract(year FROM now() AT TIME ZONE ${tz})::int, 6, 30)
  ELSE make_date(extract(year FROM now() AT TIME ZONE ${tz})::int - 1, 12, 31) END)`;

/** The last month-end before the branch's today, in the branch's time zone (lastMonthEnd in reconciliation-period.ts). */
const LAST_MONTH_END = (tz: string) => `(date_trunc('month', now() AT TIME ZONE ${tz})::date - 1)`;

/** The customer has finance books up to the period's end (the half-year claim's rule, for both cadences). */
const HAS_BOOKS = (c: string, end: string) => `(EXISTS (SELECT 1 FROM invoices i WHERE i.branch_id = ${c}.branch_id
    AND i.customer_id = ${c}.id AND i.state IN ('ISSUED', 'DELIVERED', 'CONFIRMED') AND i.issued_on <= ${end})
  OR EXISTS (SELECT 1 FROM receipts r WHERE r.branch_id = ${c}.branch_id AND r.customer_id = ${c}.id
    AND r.state = 'RECORDED' AND r.received_on <= ${end}))`;

/** The half-year claim as 1766830000000 left it, but over HALF_YEAR statements and runs only. */
const HALF_YEAR_CLAIM = (cadence: boolean) => `
  CREATE OR REPLACE FUNCTION claim_due_reconciliation_statements(batch integer, scan_started timestamptz)
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
      INSERT INTO reconciliation_runs (branch_id, ${cadence ? 'cadence, ' : ''}period_end)
        SELECT b.id, ${cadence ? `'HALF_YEAR', ` : ''}${LAST_PERIOD_END('b.time_zone')} FROM branches b
        WHERE NOT EXISTS (SELECT 1 FROM reconciliation_runs x WHERE x.branch_id = b.id
                          ${cadence ? `AND x.cadence = 'HALF_YEAR'` : ''}
                          AND x.period_end = ${LAST_PERIOD_END('b.time_zone')})
        ORDER BY b.id
        ON CONFLICT DO NOTHING;
      LOOP
        SELECT x.branch_id, x.period_end, x.last_customer_id INTO run FROM reconciliation_runs x
        JOIN branches b ON b.id = x.branch_id
        WHERE x.branch_id > after_branch AND x.period_end = ${LAST_PERIOD_END('b.time_zone')}
          ${cadence ? `AND x.cadence = 'HALF_YEAR'` : ''}
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
                            AND s.customer_id = c.id AND s.period_end = run.period_end
                            ${cadence ? `AND s.cadence = 'HALF_YEAR'` : ''})
            AND ${HAS_BOOKS('c', 'run.period_end')}
          ORDER BY c.id
          LIMIT wanted) d;
        got := cardinality(ids);
        IF got < wanted THEN
          UPDATE reconciliation_runs x SET last_customer_id = NULL, claimed = x.claimed + got,
            passes = x.passes + 1, passed_at = now()
          WHERE x.branch_id = run.branch_id AND x.period_end = run.period_end
            ${cadence ? `AND x.cadence = 'HALF_YEAR'` : ''};
        ELSE
          UPDATE reconciliation_runs x SET last_customer_id = ids[got], claimed = x.claimed + got
          WHERE x.branch_id = run.branch_id AND x.period_end = run.period_end
            ${cadence ? `AND x.cadence = 'HALF_YEAR'` : ''};
        END IF;
        RETURN QUERY SELECT run.branch_id, u.id, run.period_end FROM unnest(ids) AS u(id);
        wanted := wanted - got;
        EXIT WHEN wanted = 0;
      END LOOP;
    END
  $$;`;

/**
 * Partners' monthly statements (issue 12): a statement has a cadence (HALF_YEAR: the semi-annual customer statements
 * so far; MONTH: a partner's, for each month), the partner it is for, and the rebate (返利) of the month: the rate of
 * the partner agreement whose term covers the whole month (0 and no agreement when none does), its base (the month's
 * invoiced less credited) and amount (rate x base / 100, half-up to the cent). One statement per customer, cadence
 * and period end (31 December ends a month and a half-year). Runs carry the cadence too: the monthly claim walks a
 * branch's partners that buy under a customer record, by that customer id, from the same kind of resumable cursor
 * (locked by the claiming transaction, moved in it), so two workers or a killed one make each statement once.
 */
export class PartnerStatements1766870000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reconciliation_statements
        ADD COLUMN cadence text NOT NULL DEFAULT 'HALF_YEAR' CHECK (cadence IN ('HALF_YEAR', 'MONTH')),
        ADD COLUMN partner_id uuid,
        ADD COLUMN rebate_agreement_id uuid,
        ADD COLUMN rebate_rate numeric(7, 4),
        ADD COLUMN rebate_base numeric(18, 2),
        ADD COLUMN rebate_amount numeric(18, 2),
        ADD CONSTRAINT reconciliation_statements_partner_fk FOREIGN KEY (branch_id, partner_id)
          REFERENCES partners (branch_id, id),
        ADD CONSTRAINT reconciliation_statements_agreement_fk FOREIGN KEY (branch_id, rebate_agreement_id)
          REFERENCES partner_agreements (branch_id, id),
        ADD CONSTRAINT reconciliation_statements_rebate CHECK (CASE WHEN cadence = 'MONTH'
          THEN partner_id IS NOT NULL AND rebate_rate IS NOT NULL AND rebate_base IS NOT NULL
            AND rebate_amount IS NOT NULL
          ELSE partner_id IS NULL AND rebate_agreement_id IS NULL AND rebate_rate IS NULL AND rebate_base IS NULL
            AND rebate_amount IS NULL END),
        ADD CONSTRAINT reconciliation_statements_rebate_base CHECK (rebate_base = invoiced - credited),
        DROP CONSTRAINT reconciliation_statements_once,
        ADD CONSTRAINT reconciliation_statements_once UNIQUE (branch_id, customer_id, cadence, period_end);
      CREATE INDEX reconciliation_statements_partner ON reconciliation_statements
        (branch_id, partner_id, period_end DESC, id DESC) WHERE partner_id IS NOT NULL;

      ALTER TABLE reconciliation_runs ADD COLUMN cadence text NOT NULL DEFAULT 'HALF_YEAR'
          CHECK (cadence IN ('HALF_YEAR', 'MONTH')),
        DROP CONSTRAINT reconciliation_runs_pkey,
        ADD PRIMARY KEY (branch_id, cadence, period_end);
      ${HALF_YEAR_CLAIM(true)}

      -- Partners buying under a customer record with books up to their branch's last month-end and no statement
      -- for it, walked per branch in customer id order from the run's cursor (see claim_due_reconciliation_statements).
      CREATE FUNCTION claim_due_partner_statements(batch integer, scan_started timestamptz)
        RETURNS TABLE (branch_id uuid, customer_id uuid, partner_id uuid, period_end date)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        #variable_conflict use_column
        DECLARE
          run record;
          wanted integer := batch;
          ids uuid[];
          got integer;
          after_branch uuid := '00000000-0000-0000-0000-000000000000';
        BEGIN
          INSERT INTO reconciliation_runs (branch_id, cadence, period_end)
            SELECT b.id, 'MONTH', ${LAST_MONTH_END('b.time_zone')} FROM branches b
            WHERE NOT EXISTS (SELECT 1 FROM reconciliation_runs x WHERE x.branch_id = b.id AND x.cadence = 'MONTH'
                              AND x.period_end = ${LAST_MONTH_END('b.time_zone')})
              AND EXISTS (SELECT 1 FROM partners p WHERE p.branch_id = b.id AND p.customer_id IS NOT NULL)
            ORDER BY b.id
            ON CONFLICT DO NOTHING;
          LOOP
            SELECT x.branch_id, x.period_end, x.last_customer_id INTO run FROM reconciliation_runs x
            JOIN branches b ON b.id = x.branch_id
            WHERE x.branch_id > after_branch AND x.cadence = 'MONTH'
              AND x.period_end = ${LAST_MONTH_END('b.time_zone')}
              AND (x.last_customer_id IS NOT NULL OR x.passed_at IS NULL OR x.passed_at < scan_started)
            ORDER BY x.branch_id LIMIT 1
            FOR UPDATE OF x SKIP LOCKED;
            EXIT WHEN NOT FOUND;
            after_branch := run.branch_id;
            SELECT coalesce(array_agg(d.id ORDER BY d.id), '{}') INTO ids FROM (
              SELECT c.id FROM partners p JOIN customers c ON c.branch_id = p.branch_id AND c.id = p.customer_id
              WHERE p.branch_id = run.branch_id
                AND p.customer_id > coalesce(run.last_customer_id, '00000000-0000-0000-0000-000000000000'::uuid)
                AND NOT EXISTS (SELECT 1 FROM reconciliation_statements s WHERE s.branch_id = c.branch_id
                                AND s.customer_id = c.id AND s.cadence = 'MONTH' AND s.period_end = run.period_end)
                AND ${HAS_BOOKS('c', 'run.period_end')}
              ORDER BY c.id
              LIMIT wanted) d;
            got := cardinality(ids);
            IF got < wanted THEN
              UPDATE reconciliation_runs x SET last_customer_id = NULL, claimed = x.claimed + got,
                passes = x.passes + 1, passed_at = now()
              WHERE x.branch_id = run.branch_id AND x.cadence = 'MONTH' AND x.period_end = run.period_end;
            ELSE
              UPDATE reconciliation_runs x SET last_customer_id = ids[got], claimed = x.claimed + got
              WHERE x.branch_id = run.branch_id AND x.cadence = 'MONTH' AND x.period_end = run.period_end;
            END IF;
            RETURN QUERY SELECT run.branch_id, p.customer_id, p.id, run.period_end
              FROM unnest(ids) AS u(id) JOIN partners p ON p.branch_id = run.branch_id AND p.customer_id = u.id;
            wanted := wanted - got;
            EXIT WHEN wanted = 0;
          END LOOP;
        END
      $$;
      REVOKE ALL ON FUNCTION claim_due_partner_statements(integer, timestamptz) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_partner_statements(integer, timestamptz) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_partner_statements(integer, timestamptz);
      DELETE FROM reconciliation_lines l USING reconciliation_statements s
        WHERE l.branch_id = s.branch_id AND l.statement_id = s.id AND s.cadence = 'MONTH';
      DELETE FROM reconciliation_statements WHERE cadence = 'MONTH';
      DELETE FROM reconciliation_runs WHERE cadence = 'MONTH';
      DROP INDEX reconciliation_statements_partner;
      ALTER TABLE reconciliation_statements
        DROP CONSTRAINT reconciliation_statements_once,
        ADD CONSTRAINT reconciliation_statements_once UNIQUE (branch_id, customer_id, period_end),
        DROP COLUMN rebate_amount, DROP COLUMN rebate_base, DROP COLUMN rebate_rate,
        DROP COLUMN rebate_agreement_id, DROP COLUMN partner_id, DROP COLUMN cadence;
      ALTER TABLE reconciliation_runs DROP CONSTRAINT reconciliation_runs_pkey, DROP COLUMN cadence,
        ADD PRIMARY KEY (branch_id, period_end);
      ${HALF_YEAR_CLAIM(false)}
    `);
  }
}
