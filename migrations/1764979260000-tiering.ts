import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CUSTOMER_VISIBLE, tenantTable } from './tenancy.js';

const TIERS = `'HIGH', 'MEDIUM', 'LOW'`;

/**
 * Tiering (客户分级, DOMAIN.md section 2): recorded purchases (by hand now; fulfilment will feed
 * orders through TieringService, counted once per order), per-branch thresholds and the "large
 * change" rule, the tier history with its reason, and one quarterly run per branch and quarter
 * (the branch's time zone) that the worker claims batch by batch with SKIP LOCKED.
 */
export class Tiering1764979260000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_purchases (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        purchased_on date NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        source text NOT NULL CHECK (source IN ('MANUAL', 'ORDER')),
        source_id uuid,
        note text CHECK (length(note) BETWEEN 1 AND 2000),
        recorded_by uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT customer_purchases_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        -- An order feeds the tier once, however often fulfilment reports it.
        CONSTRAINT customer_purchases_source_key UNIQUE (branch_id, source, source_id),
        CHECK ((source = 'ORDER') = (source_id IS NOT NULL))
      );
      -- The trailing-12-month sum per customer reads one index range.
      CREATE INDEX customer_purchases_customer ON customer_purchases (branch_id, customer_id, purchased_on DESC)
        INCLUDE (amount);
      ${tenantTable('customer_purchases', CUSTOMER_VISIBLE('customer_purchases'))}

      CREATE TABLE tiering_settings (
        branch_id uuid NOT NULL REFERENCES branches (id) PRIMARY KEY,
        high_above numeric(18, 2) NOT NULL DEFAULT 1000000 CHECK (high_above > 0),
        medium_above numeric(18, 2) NOT NULL DEFAULT 200000 CHECK (medium_above >= 0),
        large_change_amount numeric(18, 2) NOT NULL DEFAULT 100000 CHECK (large_change_amount > 0),
        large_change_percent integer NOT NULL DEFAULT 50 CHECK (large_change_percent BETWEEN 1 AND 1000),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (high_above > medium_above)
      );
      ${tenantTable('tiering_settings')}

      CREATE TABLE customer_tier_changes (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        from_tier text NOT NULL CHECK (from_tier IN (${TIERS})),
        to_tier text NOT NULL CHECK (to_tier IN (${TIERS})),
        reason text NOT NULL CHECK (reason IN ('QUARTERLY', 'LARGE_CHANGE', 'MANUAL')),
        trailing_total numeric(18, 2),
        period text CHECK (period ~ '^[0-9]{4}-Q[1-4]$'),
        changed_by uuid,
        changed_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT customer_tier_changes_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CHECK (from_tier <> to_tier),
        CHECK ((reason = 'QUARTERLY') = (period IS NOT NULL)),
        CHECK (reason = 'MANUAL' OR trailing_total IS NOT NULL)
      );
      CREATE INDEX customer_tier_changes_customer ON customer_tier_changes (branch_id, customer_id, changed_at DESC, id DESC);
      CREATE INDEX customer_tier_changes_branch ON customer_tier_changes (branch_id, changed_at DESC, id DESC);
      ${tenantTable('customer_tier_changes', CUSTOMER_VISIBLE('customer_tier_changes'))}

      -- One quarterly re-tiering per branch and quarter: the primary key makes it once, the cursor lets
      -- the worker go batch by batch (each its own transaction) and pick up where a crash left off.
      CREATE TABLE tiering_runs (
        branch_id uuid NOT NULL REFERENCES branches (id),
        quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
        started_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3),
        last_customer_id uuid,
        customers integer NOT NULL DEFAULT 0,
        changed integer NOT NULL DEFAULT 0,
        PRIMARY KEY (branch_id, quarter)
      );
      CREATE INDEX tiering_runs_open ON tiering_runs (started_at) WHERE finished_at IS NULL;
      ${tenantTable('tiering_runs')}

      GRANT SELECT, INSERT ON customer_purchases, customer_tier_changes TO app_runtime;
      GRANT SELECT, INSERT, UPDATE ON tiering_settings, tiering_runs TO app_runtime;

      -- The worker's cross-branch step: opens this quarter's run of every branch (once: the key), then
      -- locks one unfinished run for the claiming transaction (SKIP LOCKED: replicas take other branches).
      -- A quarter's run starts with the first scan in that quarter, in the branch's time zone.
      CREATE FUNCTION claim_tiering_run()
        RETURNS TABLE (branch_id uuid, quarter text, last_customer_id uuid, time_zone text, today date)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        #variable_conflict use_column
        BEGIN
          -- A branch seen for the first time keeps the tiers it has until its next quarter starts.
          INSERT INTO tiering_runs (branch_id, quarter, finished_at)
            SELECT b.id, to_char(now() AT TIME ZONE b.time_zone, 'YYYY-"Q"Q'), now() FROM branches b
            WHERE NOT EXISTS (SELECT 1 FROM tiering_runs x WHERE x.branch_id = b.id)
            ON CONFLICT DO NOTHING;
          INSERT INTO tiering_runs (branch_id, quarter)
            SELECT b.id, to_char(now() AT TIME ZONE b.time_zone, 'YYYY-"Q"Q') FROM branches b
            ON CONFLICT DO NOTHING;
          RETURN QUERY
            SELECT r.branch_id, r.quarter, r.last_customer_id, b.time_zone, (now() AT TIME ZONE b.time_zone)::date
            FROM tiering_runs r JOIN branches b ON b.id = r.branch_id
            WHERE r.finished_at IS NULL
            ORDER BY r.started_at, r.branch_id
            LIMIT 1 FOR UPDATE OF r SKIP LOCKED;
        END
      $$;
      REVOKE ALL ON FUNCTION claim_tiering_run() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_tiering_run() TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_tiering_run();
      DROP TABLE tiering_runs, customer_tier_changes, tiering_settings, customer_purchases;
    `);
  }
}
