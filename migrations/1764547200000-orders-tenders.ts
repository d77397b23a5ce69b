import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OWN_ONLY, USER_ID, tenantTable } from './tenancy.js';

const ORDER_STATES = `'DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'CONFIRMED', 'RELEASED', 'REJECTED', 'CANCELLED'`;
const TENDER_STATES = `'PREPARING', 'SUBMITTED', 'WON', 'LOST', 'WITHDRAWN', 'CANCELLED'`;

/** An order's (a tender's) children are visible to a sales rep only when the parent is (its policy applies inside). */
const PARENT_VISIBLE = (t: string, parent: string, fk: string) =>
  `${OWN_ONLY} OR EXISTS (SELECT 1 FROM ${parent} p WHERE p.branch_id = ${t}.branch_id AND p.id = ${t}.${fk})`;

/**
 * Orders taken by phone, fax, e-mail or in person, with their lines: an order backed by a signed
 * contract of its customer is confirmed directly; one without goes through leadership approval
 * (DOMAIN.md section 4) before it may be released for shipment. Tenders with their qualification
 * documents, and the due timestamp of the next deadline reminder that the worker's scan claims.
 */
export class OrdersTenders1764547200000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('PHONE', 'FAX', 'EMAIL', 'IN_PERSON')),
        contract_id uuid,
        received_on date NOT NULL,
        reference text CHECK (length(reference) BETWEEN 1 AND 100),
        amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN (${ORDER_STATES})),
        state_reason text CHECK (length(state_reason) BETWEEN 1 AND 2000),
        approval_request_id uuid,
        notes text CHECK (length(notes) <= 4000),
        released_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT orders_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT orders_owner_fk FOREIGN KEY (branch_id, owner_id) REFERENCES memberships (branch_id, user_id),
        CONSTRAINT orders_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id),
        CONSTRAINT orders_approval_request_fk FOREIGN KEY (branch_id, approval_request_id)
          REFERENCES approval_requests (branch_id, id),
        -- The gate, in the schema too: APPROVED only through a request, CONFIRMED only with a contract.
        CONSTRAINT orders_approved_has_request CHECK (state <> 'APPROVED' OR approval_request_id IS NOT NULL),
        CONSTRAINT orders_confirmed_has_contract CHECK (state <> 'CONFIRMED' OR contract_id IS NOT NULL),
        CONSTRAINT orders_released_gate CHECK ((state = 'RELEASED') = (released_at IS NOT NULL)
          AND (state <> 'RELEASED' OR contract_id IS NOT NULL OR approval_request_id IS NOT NULL)),
        CHECK ((state IN ('REJECTED', 'CANCELLED')) = (state_reason IS NOT NULL))
      );
      CREATE INDEX orders_branch_created ON orders (branch_id, created_at DESC, id DESC);
      CREATE INDEX orders_branch_owner_created ON orders (branch_id, owner_id, created_at DESC, id DESC);
      CREATE INDEX orders_branch_customer ON orders (branch_id, customer_id, created_at DESC, id DESC);
      CREATE INDEX orders_branch_contract ON orders (branch_id, contract_id) WHERE contract_id IS NOT NULL;
      -- Head-office lists across many branches walk this one, sorted as the page is.
      CREATE INDEX orders_created ON orders (created_at DESC, id DESC, branch_id);
      ${tenantTable('orders', `${OWN_ONLY} OR owner_id = ${USER_ID}`)}

      CREATE TABLE order_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        order_id uuid NOT NULL,
        position integer NOT NULL CHECK (position BETWEEN 1 AND 200),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        quantity numeric(18, 3) NOT NULL CHECK (quantity > 0),
        unit_price numeric(18, 2) NOT NULL CHECK (unit_price >= 0),
        line_total numeric(18, 2) NOT NULL CHECK (line_total = round(quantity * unit_price, 2)),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT order_lines_order_fk FOREIGN KEY (branch_id, order_id) REFERENCES orders (branch_id, id),
        CONSTRAINT order_lines_position_key UNIQUE (branch_id, order_id, position)
      );
      ${tenantTable('order_lines', PARENT_VISIBLE('order_lines', 'orders', 'order_id'))}

      GRANT SELECT, INSERT, UPDATE ON orders TO app_runtime;
      GRANT SELECT, INSERT, DELETE ON order_lines TO app_runtime;

      CREATE TABLE tenders (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        project text NOT NULL CHECK (length(project) BETWEEN 1 AND 200),
        issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 200),
        customer_id uuid,
        owner_id uuid NOT NULL,
        submission_deadline timestamptz(3) NOT NULL,
        opening_at timestamptz(3),
        opening_place text CHECK (length(opening_place) BETWEEN 1 AND 200),
        scope text CHECK (length(scope) <= 4000),
        bid_amount numeric(18, 2) CHECK (bid_amount > 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        deposit_amount numeric(18, 2) CHECK (deposit_amount > 0),
        deposit_returned boolean NOT NULL DEFAULT false,
        state text NOT NULL DEFAULT 'PREPARING' CHECK (state IN (${TENDER_STATES})),
        submitted_at timestamptz(3),
        result_notes text CHECK (length(result_notes) BETWEEN 1 AND 2000),
        winner_name text CHECK (length(winner_name) BETWEEN 1 AND 200),
        contract_id uuid,
        -- The next deadline reminder: days before the deadline's day (branch time zone) and when it is due.
        reminder_days smallint CHECK (reminder_days BETWEEN 0 AND 366),
        next_reminder_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT tenders_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT tenders_owner_fk FOREIGN KEY (branch_id, owner_id) REFERENCES memberships (branch_id, user_id),
        CONSTRAINT tenders_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id),
        CHECK ((reminder_days IS NULL) = (next_reminder_at IS NULL)),
        CHECK (winner_name IS NULL OR state = 'LOST'),
        CHECK (contract_id IS NULL OR state = 'WON'),
        CHECK (deposit_amount IS NOT NULL OR NOT deposit_returned)
      );
      CREATE INDEX tenders_branch_deadline ON tenders (branch_id, submission_deadline, id);
      CREATE INDEX tenders_branch_owner_deadline ON tenders (branch_id, owner_id, submission_deadline, id);
      -- Head office's list across branches by deadline: one index range walk in the page's order.
      CREATE INDEX tenders_deadline ON tenders (submission_deadline, id, branch_id);
      CREATE INDEX tenders_reminder_due ON tenders (next_reminder_at) WHERE next_reminder_at IS NOT NULL;
      ${tenantTable('tenders', `${OWN_ONLY} OR owner_id = ${USER_ID}`)}

      CREATE TABLE tender_documents (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        tender_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        required boolean NOT NULL DEFAULT true,
        ready boolean NOT NULL DEFAULT false,
        due_on date,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT tender_documents_tender_fk FOREIGN KEY (branch_id, tender_id) REFERENCES tenders (branch_id, id),
        CONSTRAINT tender_documents_name_key UNIQUE (branch_id, tender_id, name)
      );
      ${tenantTable('tender_documents', PARENT_VISIBLE('tender_documents', 'tenders', 'tender_id'))}

      GRANT SELECT, INSERT, UPDATE ON tenders, tender_documents TO app_runtime;

      -- The worker's cross-branch step: due tender reminders locked for the claiming transaction
      -- (SKIP LOCKED: replicas split the work, a crash rolls the batch back for the next run).
      CREATE FUNCTION claim_due_tender_reminders(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT t.branch_id, t.id FROM tenders t
          WHERE t.next_reminder_at <= now()
          ORDER BY t.next_reminder_at
          LIMIT batch FOR UPDATE SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_due_tender_reminders(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_tender_reminders(integer) TO app_worker;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_tender_reminders(integer);
      DROP TABLE tender_documents, tenders, order_lines, orders;
    `);
  }
}
