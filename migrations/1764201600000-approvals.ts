import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from './tenancy.js';

const ROLE = `'HQ_ADMIN', 'HQ_STAFF', 'LEADERSHIP', 'BRANCH_MANAGER', 'SALES_REP', 'CLERK', 'FINANCE', 'LEGAL', 'HR', 'ARCHIVIST'`;

/**
 * The approval engine: per-branch working calendars (SLA in working hours), versioned policies,
 * requests with their steps, who may act on a step, delegations, and the timeline. Escalations and
 * reminders are driven by due timestamps on the steps, found by a scheduled scan.
 */
export class Approvals1764201600000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE branch_calendars (
        branch_id uuid NOT NULL REFERENCES branches (id),
        work_days smallint[] NOT NULL DEFAULT '{1,2,3,4,5}'
          CHECK (cardinality(work_days) BETWEEN 1 AND 7 AND work_days <@ '{1,2,3,4,5,6,7}'::smallint[]),
        day_start_minute integer NOT NULL DEFAULT 540 CHECK (day_start_minute BETWEEN 0 AND 1439),
        day_end_minute integer NOT NULL DEFAULT 1080 CHECK (day_end_minute BETWEEN 1 AND 1440),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id),
        CHECK (day_end_minute > day_start_minute)
      );
      ${tenantTable('branch_calendars')}

      -- Holidays, and the weekend days worked instead (China's adjusted working days).
      CREATE TABLE branch_calendar_days (
        branch_id uuid NOT NULL REFERENCES branches (id),
        day date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
        name text NOT NULL DEFAULT '' CHECK (length(name) <= 100),
        PRIMARY KEY (branch_id, day)
      );
      ${tenantTable('branch_calendar_days')}

      -- A policy version: ordered steps (approver rule, amount band, SLA) as a validated document.
      CREATE TABLE approval_policies (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        subject_type text NOT NULL CHECK (subject_type ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        version integer NOT NULL CHECK (version > 0),
        steps jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) BETWEEN 1 AND 10),
        reminder_percents smallint[] NOT NULL DEFAULT '{50,90}',
        max_escalation_level smallint NOT NULL DEFAULT 2 CHECK (max_escalation_level BETWEEN 0 AND 5),
        created_by uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT approval_policies_version_key UNIQUE (branch_id, subject_type, version)
      );
      ${tenantTable('approval_policies')}

      CREATE TABLE approval_requests (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        amount numeric(18, 2) CHECK (amount >= 0),
        currency char(3) CHECK (currency ~ '^[A-Z]{3}$'),
        requester_id uuid NOT NULL,
        policy_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'PENDING'
          CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'RETURNED', 'WITHDRAWN')),
        current_position smallint,
        stalled_at timestamptz(3),
        submitted_at timestamptz(3) NOT NULL DEFAULT now(),
        decided_at timestamptz(3),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT approval_requests_policy_fk FOREIGN KEY (branch_id, policy_id) REFERENCES approval_policies (branch_id, id),
        CHECK ((amount IS NULL) = (currency IS NULL))
      );
      ${tenantTable('approval_requests')}
      -- One open request per subject: a second submit while one waits is a CONFLICT.
      CREATE UNIQUE INDEX approval_requests_open_subject ON approval_requests (branch_id, subject_type, subject_id)
        WHERE status = 'PENDING';
      CREATE INDEX approval_requests_requester ON approval_requests (branch_id, requester_id, submitted_at DESC, id DESC);
      CREATE INDEX approval_requests_pending ON approval_requests (branch_id, submitted_at, id) WHERE status = 'PENDING';

      CREATE TABLE approval_steps (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        request_id uuid NOT NULL,
        position smallint NOT NULL CHECK (position >= 1),
        name text NOT NULL,
        sla_hours numeric(7, 2) NOT NULL CHECK (sla_hours > 0),
        status text NOT NULL CHECK (status IN ('WAITING', 'PENDING', 'APPROVED', 'REJECTED', 'RETURNED', 'CANCELLED')),
        started_at timestamptz(3),
        due_at timestamptz(3),
        decided_at timestamptz(3),
        decided_by uuid,
        escalation_level smallint NOT NULL DEFAULT 0,
        next_escalation_at timestamptz(3),
        reminders_sent smallint NOT NULL DEFAULT 0,
        next_reminder_at timestamptz(3),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT approval_steps_request_fk FOREIGN KEY (branch_id, request_id) REFERENCES approval_requests (branch_id, id),
        CONSTRAINT approval_steps_position_key UNIQUE (branch_id, request_id, position)
      );
      ${tenantTable('approval_steps')}
      -- myPendingApprovals: a branch's waiting steps, earliest deadline first (the page's order).
      CREATE INDEX approval_steps_pending ON approval_steps (branch_id, due_at, id) WHERE status = 'PENDING';
      -- The worker's scan across branches (as customers_contact_due_pending): due times, waiting steps only.
      CREATE INDEX approval_steps_escalation_due ON approval_steps (next_escalation_at) WHERE status = 'PENDING';
      CREATE INDEX approval_steps_reminder_due ON approval_steps (next_reminder_at) WHERE status = 'PENDING';

      -- Who may act on a step: a person, or a role in the branch or at head office.
      CREATE TABLE approval_step_approvers (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        step_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('USER', 'BRANCH_ROLE', 'HQ_ROLE')),
        user_id uuid,
        role text CHECK (role IN (${ROLE})),
        source text NOT NULL CHECK (source IN ('POLICY', 'DELEGATION', 'ESCALATION')),
        level smallint NOT NULL DEFAULT 0,
        added_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT approval_step_approvers_step_fk FOREIGN KEY (branch_id, step_id) REFERENCES approval_steps (branch_id, id),
        CHECK ((kind = 'USER') = (user_id IS NOT NULL) AND (kind = 'USER') = (role IS NULL))
      );
      ${tenantTable('approval_step_approvers')}
      CREATE UNIQUE INDEX approval_step_approvers_once ON approval_step_approvers
        (branch_id, step_id, kind, coalesce(user_id::text, role));
      CREATE INDEX approval_step_approvers_user ON approval_step_approvers (branch_id, user_id) WHERE kind = 'USER';
      CREATE INDEX approval_step_approvers_role ON approval_step_approvers (branch_id, role) WHERE kind <> 'USER';

      -- Standing out-of-office delegation, kept in the delegating person's own branch.
      CREATE TABLE approval_delegations (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        delegate_id uuid NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT approval_delegations_user_fk FOREIGN KEY (branch_id, user_id) REFERENCES memberships (branch_id, user_id),
        CHECK (ends_on >= starts_on),
        CHECK (delegate_id <> user_id)
      );
      ${tenantTable('approval_delegations')}
      CREATE INDEX approval_delegations_active ON approval_delegations (branch_id, delegate_id, ends_on);

      -- The timeline: who did what, when; the worker's entries have no actor.
      CREATE TABLE approval_events (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        request_id uuid NOT NULL,
        step_id uuid,
        actor_id uuid,
        action text NOT NULL CHECK (action IN ('SUBMITTED', 'APPROVED', 'REJECTED', 'RETURNED', 'DELEGATED',
          'COMMENTED', 'WITHDRAWN', 'ESCALATED', 'REMINDED', 'STALLED', 'COMPLETED')),
        level smallint,
        comment text CHECK (length(comment) <= 2000),
        at timestamptz(3) NOT NULL DEFAULT now(),
        -- Entries of one transaction share \`at\` (now() is the transaction's start): seq keeps their order.
        seq bigint GENERATED BY DEFAULT AS IDENTITY,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT approval_events_request_fk FOREIGN KEY (branch_id, request_id) REFERENCES approval_requests (branch_id, id),
        CONSTRAINT approval_events_step_fk FOREIGN KEY (branch_id, step_id) REFERENCES approval_steps (branch_id, id)
      );
      ${tenantTable('approval_events')}
      CREATE INDEX approval_events_request ON approval_events (branch_id, request_id, at, seq);
      -- Exactly once per step and level, whatever retries, restarts and replicas do.
      CREATE UNIQUE INDEX approval_events_once ON approval_events (branch_id, step_id, action, level)
        WHERE action IN ('ESCALATED', 'REMINDED', 'STALLED');

      GRANT SELECT, INSERT, UPDATE, DELETE ON branch_calendars, branch_calendar_days, approval_policies,
        approval_requests, approval_steps, approval_step_approvers, approval_delegations TO app_runtime;
      GRANT SELECT, INSERT ON approval_events TO app_runtime;

      -- The worker's cross-branch step: steps whose escalation or reminder is due, locked for this
      -- transaction (SKIP LOCKED: replicas split the work), with the head office of their organization.
      CREATE FUNCTION claim_due_approval_steps(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid, head_office_id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT s.branch_id, s.id,
            (SELECT h.id FROM branches b JOIN branches h ON h.organization_id = b.organization_id AND h.kind = 'HEAD_OFFICE'
             WHERE b.id = s.branch_id)
          FROM approval_steps s
          WHERE s.status = 'PENDING'
            AND (s.next_escalation_at <= now() OR s.next_reminder_at <= now())
          ORDER BY least(s.next_escalation_at, s.next_reminder_at)
          LIMIT batch FOR UPDATE OF s SKIP LOCKED
        $$;
      -- The head office of a branch's organization, so a job can reach head-office approvers.
      CREATE FUNCTION head_office_of(branch uuid) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT h.id FROM branches b JOIN branches h ON h.organization_id = b.organization_id AND h.kind = 'HEAD_OFFICE'
          WHERE b.id = branch
        $$;
      REVOKE ALL ON FUNCTION claim_due_approval_steps(integer), head_office_of(uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_approval_steps(integer), head_office_of(uuid) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_approval_steps(integer), head_office_of(uuid);
      DROP TABLE approval_events, approval_delegations, approval_step_approvers, approval_steps, approval_requests,
        approval_policies, branch_calendar_days, branch_calendars;
    `);
  }
}
