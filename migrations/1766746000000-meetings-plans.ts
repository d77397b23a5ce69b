import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

/**
 * Meetings and work plans (issue 13). The weekly department meeting (one per branch and week; project meetings as
 * needed): last week's report, this week's plan, issues, minutes, and action items with an owner and a due day,
 * tracked to done. The worker reminds an owner the day before the due day and once after it (`notice_stage`,
 * `next_notice_at`: the scan's due work, claimed FOR UPDATE SKIP LOCKED). Work plans per person: yearly, monthly,
 * weekly and daily; the manager approves a plan, and a change to an approved plan goes to leadership through the
 * approval engine (subject WORK_PLAN_CHANGE). A person sees their own plans (the own-only wall); meetings are the
 * branch's.
 */
export class MeetingsPlans1766746000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetings (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('WEEKLY', 'PROJECT')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        held_on date NOT NULL,
        week_start date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
        last_week_report text CHECK (length(last_week_report) BETWEEN 1 AND 8000),
        this_week_plan text CHECK (length(this_week_plan) BETWEEN 1 AND 8000),
        issues text CHECK (length(issues) BETWEEN 1 AND 8000),
        minutes text CHECK (length(minutes) BETWEEN 1 AND 20000),
        chair_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id)
      );
      CREATE UNIQUE INDEX meetings_one_weekly ON meetings (branch_id, week_start) WHERE kind = 'WEEKLY';
      CREATE INDEX meetings_recent ON meetings (branch_id, held_on DESC, id DESC);
      ${tenantTable('meetings')}

      CREATE TABLE meeting_action_items (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        owner_id uuid NOT NULL,
        due_on date NOT NULL,
        state text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'DONE')),
        done_at timestamptz(3),
        done_note text CHECK (length(done_note) BETWEEN 1 AND 2000),
        notice_stage integer NOT NULL DEFAULT 0 CHECK (notice_stage BETWEEN 0 AND 2),
        next_notice_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        FOREIGN KEY (branch_id, meeting_id) REFERENCES meetings (branch_id, id),
        CHECK ((state = 'DONE') = (done_at IS NOT NULL)),
        CHECK (next_notice_at IS NULL OR state = 'OPEN')
      );
      CREATE INDEX meeting_action_items_meeting ON meeting_action_items (branch_id, meeting_id, due_on, id);
      CREATE INDEX meeting_action_items_owner ON meeting_action_items (branch_id, owner_id, due_on, id);
      CREATE INDEX meeting_action_items_notice ON meeting_action_items (next_notice_at) WHERE next_notice_at IS NOT NULL;
      ${tenantTable('meeting_action_items')}

      CREATE FUNCTION claim_due_action_items(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT i.branch_id, i.id FROM meeting_action_items i
          WHERE i.next_notice_at <= now()
          ORDER BY i.next_notice_at
          LIMIT batch FOR UPDATE OF i SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_due_action_items(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_action_items(integer) TO app_worker;

      CREATE TABLE work_plans (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY')),
        period text NOT NULL CHECK (length(period) BETWEEN 4 AND 10),
        period_start date NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        content text NOT NULL CHECK (length(content) BETWEEN 1 AND 8000),
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'APPROVED')),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        approved_by uuid,
        approved_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT work_plans_one_per_period UNIQUE (branch_id, person_id, kind, period_start),
        CHECK ((state = 'APPROVED') = (approved_at IS NOT NULL))
      );
      CREATE INDEX work_plans_recent ON work_plans (branch_id, period_start DESC, id DESC);
      ${tenantTable('work_plans', `${OWN_ONLY} OR person_id = ${USER_ID}`)}

      CREATE TABLE work_plan_changes (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        plan_id uuid NOT NULL,
        person_id uuid NOT NULL,
        content text NOT NULL CHECK (length(content) BETWEEN 1 AND 8000),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED')),
        approval_request_id uuid,
        decided_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        FOREIGN KEY (branch_id, plan_id) REFERENCES work_plans (branch_id, id)
      );
      -- One change of a plan waits for leadership at a time.
      CREATE UNIQUE INDEX work_plan_changes_one_pending ON work_plan_changes (branch_id, plan_id) WHERE state = 'PENDING';
      ${tenantTable('work_plan_changes', `${OWN_ONLY} OR person_id = ${USER_ID}`)}

      GRANT SELECT, INSERT, UPDATE ON meetings, meeting_action_items, work_plans, work_plan_changes TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_action_items(integer);
      DROP TABLE work_plan_changes, work_plans, meeting_action_items, meetings;
    `);
  }
}
