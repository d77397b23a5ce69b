import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

const STATES = `'RECEIVED', 'INVESTIGATING', 'RESOLVED', 'CLOSED'`;
const CHANNELS = `'PHONE', 'EMAIL', 'VISIT', 'WEB', 'LETTER'`;
const CATEGORIES = `'PRODUCT', 'DELIVERY', 'SERVICE', 'BILLING', 'OTHER'`;
const SEVERITIES = `'CRITICAL', 'HIGH', 'MEDIUM', 'LOW'`;
const ACTIONS = `'RECEIVED', 'INVESTIGATION_STARTED', 'ROOT_CAUSE_RECORDED', 'RESOLVED', 'CONFIRMED', 'NOT_FIXED',
  'ESCALATED'`;

/**
 * Customer complaints (客户投诉, DOMAIN.md section 2): intake, a response deadline by severity from the
 * branch's complaint settings, investigation, resolution, the customer's follow-up confirmation and a
 * timeline. An unanswered complaint is escalated by the worker the way the approval engine escalates
 * an overdue step: a due timestamp on the row, claimed with SKIP LOCKED, one unique event per level.
 */
export class Complaints1765152000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_settings (
        branch_id uuid NOT NULL REFERENCES branches (id),
        critical_hours integer NOT NULL DEFAULT 4 CHECK (critical_hours BETWEEN 1 AND 2160),
        high_hours integer NOT NULL DEFAULT 24 CHECK (high_hours BETWEEN 1 AND 2160),
        medium_hours integer NOT NULL DEFAULT 72 CHECK (medium_hours BETWEEN 1 AND 2160),
        low_hours integer NOT NULL DEFAULT 120 CHECK (low_hours BETWEEN 1 AND 2160),
        working_time boolean NOT NULL DEFAULT false,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id)
      );
      ${tenantTable('complaint_settings')}

      CREATE TABLE complaints (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN (${CHANNELS})),
        category text NOT NULL CHECK (category IN (${CATEGORIES})),
        severity text NOT NULL CHECK (severity IN (${SEVERITIES})),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
        state text NOT NULL DEFAULT 'RECEIVED' CHECK (state IN (${STATES})),
        received_at timestamptz(3) NOT NULL DEFAULT now(),
        -- The rule the complaint was received under (settings may change later): hours, wall clock or working time.
        response_hours integer NOT NULL CHECK (response_hours BETWEEN 1 AND 2160),
        working_time boolean NOT NULL,
        response_due_at timestamptz(3) NOT NULL,
        responded_at timestamptz(3),
        root_cause text CHECK (length(root_cause) BETWEEN 1 AND 4000),
        resolution text CHECK (length(resolution) BETWEEN 1 AND 4000),
        resolved_at timestamptz(3),
        closed_at timestamptz(3),
        escalation_level smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
        next_escalation_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT complaints_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT complaints_owner_fk FOREIGN KEY (branch_id, owner_id) REFERENCES memberships (branch_id, user_id),
        CHECK (response_due_at > received_at),
        -- Answered once it left RECEIVED (a reopened complaint stays answered); only unanswered ones escalate.
        CHECK ((state = 'RECEIVED') = (responded_at IS NULL)),
        CHECK (next_escalation_at IS NULL OR state = 'RECEIVED'),
        CHECK (state NOT IN ('RESOLVED', 'CLOSED') OR (root_cause IS NOT NULL AND resolution IS NOT NULL
          AND resolved_at IS NOT NULL)),
        CHECK ((state = 'CLOSED') = (closed_at IS NOT NULL))
      );
      CREATE INDEX complaints_branch_received ON complaints (branch_id, received_at DESC, id DESC);
      CREATE INDEX complaints_branch_owner_received ON complaints (branch_id, owner_id, received_at DESC, id DESC);
      CREATE INDEX complaints_branch_customer_received ON complaints (branch_id, customer_id, received_at DESC, id DESC);
      -- Head office's list across branches walks this one in the page's order.
      CREATE INDEX complaints_received ON complaints (received_at DESC, id DESC, branch_id);
      -- The worker's cross-branch claim: only unanswered complaints carry a due escalation.
      CREATE INDEX complaints_escalation_due ON complaints (next_escalation_at) WHERE next_escalation_at IS NOT NULL;
      ${tenantTable('complaints', `${OWN_ONLY} OR owner_id = ${USER_ID}`)}

      -- The timeline: every move, who made it (the worker's escalations have no actor), with its note.
      CREATE TABLE complaint_events (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        complaint_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN (${ACTIONS})),
        from_state text CHECK (from_state IN (${STATES})),
        to_state text NOT NULL CHECK (to_state IN (${STATES})),
        level smallint CHECK (level BETWEEN 1 AND 2),
        note text CHECK (length(note) BETWEEN 1 AND 4000),
        actor_id uuid,
        at timestamptz(3) NOT NULL DEFAULT now(),
        -- Entries of one transaction share \`at\` (now() is the transaction's start): seq keeps their order.
        seq bigint GENERATED BY DEFAULT AS IDENTITY,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT complaint_events_complaint_fk FOREIGN KEY (branch_id, complaint_id) REFERENCES complaints (branch_id, id),
        CHECK ((action = 'ESCALATED') = (level IS NOT NULL))
      );
      CREATE INDEX complaint_events_complaint ON complaint_events (branch_id, complaint_id, at, seq);
      -- Each escalation level exactly once per complaint, whatever retries, restarts and replicas do.
      CREATE UNIQUE INDEX complaint_events_escalated_once ON complaint_events (branch_id, complaint_id, level)
        WHERE action = 'ESCALATED';
      ${tenantTable(
        'complaint_events',
        `${OWN_ONLY} OR EXISTS (SELECT 1 FROM complaints p WHERE p.branch_id = complaint_events.branch_id
          AND p.id = complaint_events.complaint_id)`,
      )}

      GRANT SELECT, INSERT, UPDATE ON complaint_settings, complaints TO app_runtime;
      GRANT SELECT, INSERT ON complaint_events TO app_runtime;

      -- The worker's cross-branch step, as claim_due_approval_steps: complaints whose escalation is due,
      -- locked for the claiming transaction (SKIP LOCKED: replicas split the work), with their head office.
      CREATE FUNCTION claim_due_complaint_escalations(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid, head_office_id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT c.branch_id, c.id,
            (SELECT h.id FROM branches b JOIN branches h ON h.organization_id = b.organization_id AND h.kind = 'HEAD_OFFICE'
             WHERE b.id = c.branch_id)
          FROM complaints c
          WHERE c.next_escalation_at <= now()
          ORDER BY c.next_escalation_at
          LIMIT batch FOR UPDATE OF c SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_due_complaint_escalations(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_complaint_escalations(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_complaint_escalations(integer);
      DROP TABLE complaint_events, complaints, complaint_settings;
    `);
  }
}
