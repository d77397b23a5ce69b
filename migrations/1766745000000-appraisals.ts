import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

const SCORE = (c: string) => `${c} numeric(5, 2) CHECK (${c} BETWEEN 0 AND 100)`;

/**
 * Appraisals (考核, issue 13): each branch's dimension weights (results, attitude, teamwork; exact decimals summing
 * to 100), monthly and annual cycles opened by the worker (one per branch, kind and period: the unique key is the
 * guarantee when two workers race), and one appraisal per person and cycle: self-assessment, the department head's
 * scores, HR's check with the outcome, leadership's approval (engine subject APPRAISAL). The total is the weighted
 * sum of the head's scores, exact (numeric). A person sees their own (the own-only wall), managers the branch's.
 * `appraisal_due` holds when each branch is next looked at; the claim adds branches it has not seen yet.
 */
export class Appraisals1766745000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE appraisal_settings (
        branch_id uuid NOT NULL REFERENCES branches (id),
        results_weight numeric(5, 2) NOT NULL DEFAULT 60 CHECK (results_weight BETWEEN 0 AND 100),
        attitude_weight numeric(5, 2) NOT NULL DEFAULT 20 CHECK (attitude_weight BETWEEN 0 AND 100),
        teamwork_weight numeric(5, 2) NOT NULL DEFAULT 20 CHECK (teamwork_weight BETWEEN 0 AND 100),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id),
        CONSTRAINT appraisal_settings_weights_sum CHECK (results_weight + attitude_weight + teamwork_weight = 100)
      );
      ${tenantTable('appraisal_settings')}

      CREATE TABLE appraisal_cycles (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('MONTHLY', 'ANNUAL')),
        period text NOT NULL CHECK (length(period) BETWEEN 4 AND 7),
        period_start date NOT NULL,
        period_end date NOT NULL,
        opened_on date NOT NULL,
        results_weight numeric(5, 2) NOT NULL,
        attitude_weight numeric(5, 2) NOT NULL,
        teamwork_weight numeric(5, 2) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT appraisal_cycles_one_per_period UNIQUE (branch_id, kind, period_start),
        CHECK (results_weight + attitude_weight + teamwork_weight = 100),
        CHECK (period_start < period_end)
      );
      CREATE INDEX appraisal_cycles_recent ON appraisal_cycles (branch_id, period_start DESC, id DESC);
      ${tenantTable('appraisal_cycles')}

      CREATE TABLE appraisals (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        cycle_id uuid NOT NULL,
        person_id uuid NOT NULL,
        person_role text NOT NULL,
        state text NOT NULL DEFAULT 'SELF_ASSESSMENT'
          CHECK (state IN ('SELF_ASSESSMENT', 'HEAD_REVIEW', 'HR_CHECK', 'LEADERSHIP', 'APPROVED')),
        self_assessment text CHECK (length(self_assessment) BETWEEN 1 AND 4000),
        self_assessed_at timestamptz(3),
        ${SCORE('results_score')},
        ${SCORE('attitude_score')},
        ${SCORE('teamwork_score')},
        total_score numeric(9, 6) CHECK (total_score BETWEEN 0 AND 100),
        head_comment text CHECK (length(head_comment) BETWEEN 1 AND 4000),
        scored_by uuid,
        scored_at timestamptz(3),
        kpi_results jsonb NOT NULL DEFAULT '[]',
        outcome text CHECK (outcome IN ('NONE', 'REWARD', 'RAISE', 'PROMOTION', 'WARNING')),
        hr_note text CHECK (length(hr_note) BETWEEN 1 AND 2000),
        checked_by uuid,
        checked_at timestamptz(3),
        approval_request_id uuid,
        approved_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        FOREIGN KEY (branch_id, cycle_id) REFERENCES appraisal_cycles (branch_id, id),
        CONSTRAINT appraisals_one_per_person UNIQUE (branch_id, cycle_id, person_id),
        CHECK ((total_score IS NULL) = (results_score IS NULL OR attitude_score IS NULL OR teamwork_score IS NULL)),
        CHECK (state IN ('SELF_ASSESSMENT', 'HEAD_REVIEW') OR total_score IS NOT NULL),
        CHECK (state NOT IN ('LEADERSHIP', 'APPROVED') OR outcome IS NOT NULL)
      );
      CREATE INDEX appraisals_person ON appraisals (branch_id, person_id, created_at DESC, id DESC);
      ${tenantTable('appraisals', `${OWN_ONLY} OR person_id = ${USER_ID}`)}

      CREATE TABLE appraisal_due (
        branch_id uuid NOT NULL REFERENCES branches (id),
        due_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id)
      );
      CREATE INDEX appraisal_due_at ON appraisal_due (due_at);
      ${tenantTable('appraisal_due')}

      GRANT SELECT, INSERT, UPDATE ON appraisal_settings, appraisal_cycles, appraisals TO app_runtime;
      GRANT SELECT ON appraisal_due TO app_runtime;
      GRANT INSERT, UPDATE ON appraisal_due TO app_worker;

      -- Branches whose cycles are due to be looked at, locked SKIP LOCKED (replicas split them). Branches the table
      -- has not seen yet are added first, so a new branch needs nothing of its own.
      CREATE FUNCTION claim_appraisal_openings(batch integer)
        RETURNS TABLE (branch_id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          INSERT INTO appraisal_due (branch_id)
            SELECT b.id FROM branches b WHERE b.kind = 'BRANCH' ON CONFLICT (branch_id) DO NOTHING;
          SELECT d.branch_id FROM appraisal_due d
          WHERE d.due_at <= now()
          ORDER BY d.due_at
          LIMIT batch FOR UPDATE OF d SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_appraisal_openings(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_appraisal_openings(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_appraisal_openings(integer);
      DROP TABLE appraisal_due, appraisals, appraisal_cycles, appraisal_settings;
    `);
  }
}
