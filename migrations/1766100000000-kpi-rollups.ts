import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

const KPIS = `'NEW_CUSTOMERS', 'VALID_LEADS', 'QUOTES_SENT', 'CONTRACTS_SIGNED', 'EFFECTIVE_VISITS', 'COMPLAINTS_RESOLVED_IN_TIME'`;
const KINDS = `'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'`;

/**
 * KPI rollups (DOMAIN.md section 7, issue 13, first slice). The worker turns domain events from the outbox into
 * `kpi_events` (one row per KPI and subject: the processed-events ledger, its primary key is what makes an event
 * count once) and, in the same transaction, increments `kpi_rollups` for the day, ISO week, month, quarter and
 * year of the event's business day (five rows, locked in that order so concurrent handlers never deadlock).
 * The scheduled recompute rebuilds a branch's recent periods from `kpi_events`, records each difference in
 * `kpi_differences`, repairs the rollup and stamps `kpi_checks` (the last check per KPI and period).
 */
export class KpiRollups1766100000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- The first day of the period of a kind that holds a business day; ISO weeks start on Monday.
      CREATE FUNCTION kpi_period_start(kind text, day date) RETURNS date
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT CASE kind WHEN 'DAY' THEN day ELSE date_trunc(lower(kind), day::timestamp)::date END
        $$;
      -- The day after a period's last day.
      CREATE FUNCTION kpi_period_end(kind text, start date) RETURNS date
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT (start + CASE kind WHEN 'DAY' THEN interval '1 day' WHEN 'WEEK' THEN interval '7 days'
            WHEN 'MONTH' THEN interval '1 month' WHEN 'QUARTER' THEN interval '3 months' ELSE interval '1 year' END)::date
        $$;

      CREATE TABLE kpi_events (
        branch_id uuid NOT NULL REFERENCES branches (id),
        kpi text NOT NULL CHECK (kpi IN (${KPIS})),
        subject_id uuid NOT NULL,
        person_id uuid NOT NULL,
        day date NOT NULL,
        amount numeric(18, 2),
        event_id uuid NOT NULL,
        recorded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, kpi, subject_id)
      );
      CREATE INDEX kpi_events_day ON kpi_events (branch_id, day) INCLUDE (kpi, person_id, amount);
      ${tenantTable('kpi_events', `${OWN_ONLY} OR person_id = ${USER_ID}`)}

      -- Head office's ranking of a period reads one index range per branch: (branch, kpi, kind, start).
      CREATE TABLE kpi_rollups (
        branch_id uuid NOT NULL REFERENCES branches (id),
        kpi text NOT NULL CHECK (kpi IN (${KPIS})),
        period_kind text NOT NULL CHECK (period_kind IN (${KINDS})),
        period_start date NOT NULL,
        person_id uuid NOT NULL,
        count integer NOT NULL CHECK (count >= 0),
        amount numeric(18, 2) NOT NULL DEFAULT 0,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, kpi, period_kind, period_start, person_id)
      );
      ${tenantTable('kpi_rollups', `${OWN_ONLY} OR person_id = ${USER_ID}`)}

      CREATE TABLE kpi_checks (
        branch_id uuid NOT NULL REFERENCES branches (id),
        kpi text NOT NULL CHECK (kpi IN (${KPIS})),
        period_kind text NOT NULL CHECK (period_kind IN (${KINDS})),
        period_start date NOT NULL,
        checked_at timestamptz(3) NOT NULL DEFAULT now(),
        differences integer NOT NULL DEFAULT 0,
        PRIMARY KEY (branch_id, kpi, period_kind, period_start)
      );
      ${tenantTable('kpi_checks')}

      CREATE TABLE kpi_differences (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kpi text NOT NULL CHECK (kpi IN (${KPIS})),
        period_kind text NOT NULL CHECK (period_kind IN (${KINDS})),
        period_start date NOT NULL,
        person_id uuid NOT NULL,
        expected_count integer NOT NULL,
        expected_amount numeric(18, 2) NOT NULL,
        found_count integer NOT NULL,
        found_amount numeric(18, 2) NOT NULL,
        found_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id)
      );
      CREATE INDEX kpi_differences_period ON kpi_differences (branch_id, period_kind, period_start, found_at DESC);
      ${tenantTable('kpi_differences')}

      -- When a branch's recent periods are checked next. A handler holds its branch's row FOR SHARE while it
      -- increments; the recompute holds it FOR UPDATE (the claim), so a rebuild never races an increment.
      CREATE TABLE kpi_check_due (
        branch_id uuid NOT NULL REFERENCES branches (id),
        due_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id)
      );
      CREATE INDEX kpi_check_due_at ON kpi_check_due (due_at);
      ${tenantTable('kpi_check_due')}

      GRANT SELECT ON kpi_events, kpi_rollups, kpi_checks, kpi_differences, kpi_check_due TO app_runtime;
      GRANT INSERT ON kpi_events, kpi_differences TO app_worker;
      GRANT INSERT, UPDATE, DELETE ON kpi_rollups TO app_worker;
      GRANT INSERT, UPDATE ON kpi_checks, kpi_check_due TO app_worker;

      -- Branches whose check is due, locked SKIP LOCKED (replicas split them; a branch whose handler is running
      -- is skipped and stays due), with today in the branch's time zone.
      CREATE FUNCTION claim_kpi_checks(batch integer)
        RETURNS TABLE (branch_id uuid, today date)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT d.branch_id, (now() AT TIME ZONE (SELECT b.time_zone FROM branches b WHERE b.id = d.branch_id))::date
          FROM kpi_check_due d
          WHERE d.due_at <= now()
          ORDER BY d.due_at
          LIMIT batch FOR UPDATE OF d SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_kpi_checks(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_kpi_checks(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_kpi_checks(integer);
      DROP TABLE kpi_check_due, kpi_differences, kpi_checks, kpi_rollups, kpi_events;
      DROP FUNCTION kpi_period_end(text, date), kpi_period_start(text, date);
    `);
  }
}
