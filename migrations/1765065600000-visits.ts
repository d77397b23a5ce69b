import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

/** A visit's children are visible to a sales rep only when the visit is (the visits policy applies inside). */
const VISIT_VISIBLE = (t: string) =>
  `${OWN_ONLY} OR EXISTS (SELECT 1 FROM visits v WHERE v.branch_id = ${t}.branch_id AND v.id = ${t}.visit_id)`;

/**
 * Customer visits (客户拜访, DOMAIN.md section 2): planned by their owner for a business day of the
 * branch, with attendees (staff and the customer's contacts); the report filed after the visit,
 * reviewed by the superior; the "effective visit" inputs (asked for by the customer, the proposal
 * it followed) and the flag decided when the report is filed; commitments as follow-up tasks with
 * the due timestamp of their next reminder, claimed by the worker's scan.
 */
export class Visits1765065600000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE visits (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        planned_on date NOT NULL,
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        state text NOT NULL DEFAULT 'PLANNED' CHECK (state IN ('PLANNED', 'DONE', 'CANCELLED')),
        requested_by_customer boolean NOT NULL DEFAULT false,
        quote_id uuid,
        cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 2000),
        visited_on date,
        report_summary text CHECK (length(report_summary) BETWEEN 1 AND 4000),
        customer_needs text CHECK (length(customer_needs) BETWEEN 1 AND 4000),
        urgent boolean NOT NULL DEFAULT false,
        reported_at timestamptz(3),
        reported_by uuid,
        -- The day (branch time zone) the linked quote was sent, read when the report is filed.
        quote_sent_on date,
        effective boolean NOT NULL DEFAULT false,
        review_comment text CHECK (length(review_comment) BETWEEN 1 AND 2000),
        reviewed_by uuid,
        reviewed_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT visits_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT visits_owner_fk FOREIGN KEY (branch_id, owner_id) REFERENCES memberships (branch_id, user_id),
        CONSTRAINT visits_quote_fk FOREIGN KEY (branch_id, quote_id) REFERENCES quotes (branch_id, id),
        CHECK ((state = 'CANCELLED') = (cancel_reason IS NOT NULL)),
        -- A report exists exactly when the visit is DONE; a review only of a report.
        CHECK ((state = 'DONE') = (reported_at IS NOT NULL AND visited_on IS NOT NULL AND report_summary IS NOT NULL
          AND reported_by IS NOT NULL)),
        CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL) AND (reviewed_at IS NULL OR state = 'DONE')),
        -- Effective (DOMAIN.md): done, asked for by the customer, after a proposal sent to them.
        CONSTRAINT visits_effective_rule CHECK (effective = (state = 'DONE' AND requested_by_customer
          AND quote_sent_on IS NOT NULL AND quote_sent_on <= visited_on))
      );
      CREATE INDEX visits_branch_planned ON visits (branch_id, planned_on, id);
      CREATE INDEX visits_branch_owner_planned ON visits (branch_id, owner_id, planned_on, id);
      CREATE INDEX visits_branch_customer_planned ON visits (branch_id, customer_id, planned_on, id);
      -- Head office's list across branches: one index range walk in the page's order.
      CREATE INDEX visits_planned ON visits (planned_on, id, branch_id);
      CREATE INDEX visits_branch_quote ON visits (branch_id, quote_id) WHERE quote_id IS NOT NULL;
      ${tenantTable('visits', `${OWN_ONLY} OR owner_id = ${USER_ID}`)}

      CREATE TABLE visit_attendees (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        visit_id uuid NOT NULL,
        user_id uuid,
        contact_id uuid,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT visit_attendees_visit_fk FOREIGN KEY (branch_id, visit_id) REFERENCES visits (branch_id, id),
        CONSTRAINT visit_attendees_user_fk FOREIGN KEY (branch_id, user_id) REFERENCES memberships (branch_id, user_id),
        CONSTRAINT visit_attendees_contact_fk FOREIGN KEY (branch_id, contact_id)
          REFERENCES customer_contacts (branch_id, id),
        CONSTRAINT visit_attendees_one_kind CHECK ((user_id IS NULL) <> (contact_id IS NULL)),
        CONSTRAINT visit_attendees_user_key UNIQUE (branch_id, visit_id, user_id),
        CONSTRAINT visit_attendees_contact_key UNIQUE (branch_id, visit_id, contact_id)
      );
      ${tenantTable('visit_attendees', VISIT_VISIBLE('visit_attendees'))}

      CREATE TABLE visit_tasks (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        visit_id uuid NOT NULL,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
        assignee_id uuid NOT NULL,
        due_on date NOT NULL,
        done_at timestamptz(3),
        done_by uuid,
        -- The next reminder: days before the due day (1, 0; -1 is the day after, overdue) and when it is due.
        reminder_days smallint CHECK (reminder_days BETWEEN -1 AND 366),
        next_reminder_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT visit_tasks_visit_fk FOREIGN KEY (branch_id, visit_id) REFERENCES visits (branch_id, id),
        CONSTRAINT visit_tasks_assignee_fk FOREIGN KEY (branch_id, assignee_id)
          REFERENCES memberships (branch_id, user_id),
        CHECK ((reminder_days IS NULL) = (next_reminder_at IS NULL)),
        CHECK ((done_at IS NULL) = (done_by IS NULL)),
        CHECK (done_at IS NULL OR next_reminder_at IS NULL)
      );
      CREATE INDEX visit_tasks_branch_due ON visit_tasks (branch_id, due_on, id);
      CREATE INDEX visit_tasks_branch_assignee_due ON visit_tasks (branch_id, assignee_id, due_on, id);
      CREATE INDEX visit_tasks_branch_visit ON visit_tasks (branch_id, visit_id);
      CREATE INDEX visit_tasks_due ON visit_tasks (due_on, id, branch_id);
      CREATE INDEX visit_tasks_reminder_due ON visit_tasks (next_reminder_at) WHERE next_reminder_at IS NOT NULL;
      -- A rep sees the tasks given to them, and those of their own visits.
      ${tenantTable('visit_tasks', `${OWN_ONLY} OR assignee_id = ${USER_ID} OR EXISTS (SELECT 1 FROM visits v WHERE v.branch_id = visit_tasks.branch_id AND v.id = visit_tasks.visit_id)`)}

      GRANT SELECT, INSERT, UPDATE ON visits, visit_tasks TO app_runtime;
      GRANT SELECT, INSERT, DELETE ON visit_attendees TO app_runtime;

      -- The worker's cross-branch step: due task reminders locked for the claiming transaction
      -- (SKIP LOCKED: replicas split the work, a crash rolls the batch back for the next run).
      CREATE FUNCTION claim_due_visit_task_reminders(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT t.branch_id, t.id FROM visit_tasks t
          WHERE t.next_reminder_at <= now()
          ORDER BY t.next_reminder_at
          LIMIT batch FOR UPDATE SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_due_visit_task_reminders(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_visit_task_reminders(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_visit_task_reminders(integer);
      DROP TABLE visit_tasks, visit_attendees, visits;
    `);
  }
}
