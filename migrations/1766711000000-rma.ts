import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CUSTOMER_VISIBLE, tenantTable } from './tenancy.js';

const STATES = `'REQUESTED', 'ENGINEER_CONFIRMED', 'CHECKED', 'AT_MAKER', 'RETURNED', 'RESOLVED', 'CANCELLED'`;

/**
 * After-sales service (RMA): request -> engineer confirms -> technical check -> sent to the maker -> returned ->
 * result confirmed by the customer, each step timestamped. The step's deadline (`state_due_at`, in the branch's
 * working time from `rma_settings`) and the worker's next look (`overdue_check_at`: the deadline, then one
 * escalation interval later) sit on the row; the worker claims due rows with SKIP LOCKED. A rep sees the RMAs of
 * the customers they see (the customers policy applies inside).
 */
export class Rma1766711000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rmas (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        customer_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        organization_id uuid,
        product_id uuid,
        maker_id uuid,
        serial_number text CHECK (length(serial_number) BETWEEN 1 AND 100),
        problem text NOT NULL CHECK (length(problem) BETWEEN 1 AND 4000),
        state text NOT NULL DEFAULT 'REQUESTED' CHECK (state IN (${STATES})),
        requested_at timestamptz(3) NOT NULL DEFAULT now(),
        engineer_confirmed_at timestamptz(3),
        engineer_id uuid,
        checked_at timestamptz(3),
        check_result text CHECK (length(check_result) BETWEEN 1 AND 4000),
        sent_at timestamptz(3),
        maker_reference text CHECK (length(maker_reference) BETWEEN 1 AND 200),
        returned_at timestamptz(3),
        resolved_at timestamptz(3),
        result text CHECK (length(result) BETWEEN 1 AND 4000),
        cancelled_at timestamptz(3),
        cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 2000),
        state_since timestamptz(3) NOT NULL DEFAULT now(),
        state_due_at timestamptz(3),
        reminded_at timestamptz(3),
        escalated_at timestamptz(3),
        overdue_check_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT rmas_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT rmas_product_fk FOREIGN KEY (organization_id, product_id) REFERENCES products (organization_id, id),
        CONSTRAINT rmas_maker_fk FOREIGN KEY (organization_id, maker_id) REFERENCES vendors (organization_id, id),
        CONSTRAINT rmas_open_due CHECK ((state IN ('RESOLVED', 'CANCELLED')) = (state_due_at IS NULL))
      );
      CREATE INDEX rmas_branch_created ON rmas (branch_id, created_at DESC, id DESC);
      -- Head office's open RMAs by age and step read only the open rows of each branch.
      CREATE INDEX rmas_branch_open ON rmas (branch_id, state, requested_at) WHERE state NOT IN ('RESOLVED', 'CANCELLED');
      CREATE INDEX rmas_overdue_due ON rmas (overdue_check_at) WHERE overdue_check_at IS NOT NULL;
      ${tenantTable('rmas', CUSTOMER_VISIBLE('rmas'))}

      CREATE TABLE rma_settings (
        branch_id uuid NOT NULL REFERENCES branches (id),
        requested_hours integer NOT NULL CHECK (requested_hours BETWEEN 1 AND 2000),
        engineer_confirmed_hours integer NOT NULL CHECK (engineer_confirmed_hours BETWEEN 1 AND 2000),
        checked_hours integer NOT NULL CHECK (checked_hours BETWEEN 1 AND 2000),
        at_maker_hours integer NOT NULL CHECK (at_maker_hours BETWEEN 1 AND 2000),
        returned_hours integer NOT NULL CHECK (returned_hours BETWEEN 1 AND 2000),
        escalation_hours integer NOT NULL CHECK (escalation_hours BETWEEN 1 AND 2000),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id)
      );
      ${tenantTable('rma_settings')}

      CREATE FUNCTION claim_due_rma_overdue(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT r.branch_id, r.id FROM rmas r
          WHERE r.overdue_check_at <= now()
          ORDER BY r.overdue_check_at
          LIMIT batch FOR UPDATE OF r SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_due_rma_overdue(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_rma_overdue(integer) TO app_worker;

      GRANT SELECT, INSERT, UPDATE ON rmas, rma_settings TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_rma_overdue(integer);
      DROP TABLE rma_settings, rmas;
    `);
  }
}
