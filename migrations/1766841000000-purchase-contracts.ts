import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORGANIZATION_IN_SCOPE, tenantTable } from './tenancy.js';

const STATES = `'DRAFT', 'IN_REVIEW', 'AWAITING_DEPOSIT', 'IN_DELIVERY', 'PARTLY_RECEIVED', 'RECEIVED', 'CLOSED',
  'CANCELLED'`;

/**
 * Procurement from suppliers, second part: the award of a supplier's offer becomes a purchase contract (采购合同)
 * with the supplier, its lines the offer's (one request line on one live contract: kept by the service under the
 * request's row lock), reviewed through the approval engine (PURCHASE_CONTRACT), the deposit finance records, the
 * delivery followed up (expected day; the worker's next look at a late delivery in `late_check_at`, claimed with
 * SKIP LOCKED by `claim_due_purchase_contract_late`), and goods received into stock, never more than contracted
 * per line (also by CHECK). Gap-free numbers per branch and year.
 */
export class PurchaseContracts1766841000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE purchase_contracts (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        number text NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
        request_id uuid NOT NULL,
        quotation_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        vendor_id uuid NOT NULL,
        buyer_id uuid NOT NULL,
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN (${STATES})),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
        deposit_due numeric(18, 2) NOT NULL CHECK (deposit_due >= 0),
        deposit_paid numeric(18, 2) CHECK (deposit_paid > 0),
        deposit_paid_on date,
        deposit_recorded_by uuid,
        deposit_recorded_at timestamptz(3),
        expected_on date NOT NULL,
        terms text CHECK (length(terms) BETWEEN 1 AND 4000),
        follow_up_note text CHECK (length(follow_up_note) BETWEEN 1 AND 2000),
        approval_request_id uuid,
        late_check_at timestamptz(3),
        late_reminded_on date,
        closed_at timestamptz(3),
        cancelled_at timestamptz(3),
        cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT purchase_contracts_number_key UNIQUE (branch_id, number),
        CONSTRAINT purchase_contracts_request_fk FOREIGN KEY (branch_id, request_id)
          REFERENCES procurement_requests (branch_id, id),
        CONSTRAINT purchase_contracts_quotation_fk FOREIGN KEY (branch_id, quotation_id)
          REFERENCES supplier_quotations (branch_id, id),
        CONSTRAINT purchase_contracts_vendor_fk FOREIGN KEY (organization_id, vendor_id)
          REFERENCES vendors (organization_id, id),
        CONSTRAINT purchase_contracts_deposit_due CHECK (deposit_due <= amount),
        CONSTRAINT purchase_contracts_deposit CHECK (
          (deposit_paid IS NULL) = (deposit_paid_on IS NULL) AND (deposit_paid IS NULL) = (deposit_recorded_by IS NULL)),
        CONSTRAINT purchase_contracts_cancel CHECK ((state = 'CANCELLED') = (cancelled_at IS NOT NULL))
      );
      CREATE INDEX purchase_contracts_branch_created ON purchase_contracts (branch_id, created_at DESC, id DESC);
      CREATE INDEX purchase_contracts_branch_request ON purchase_contracts (branch_id, request_id);
      -- The worker's scan of late deliveries reads only the contracts it has a look due for.
      CREATE INDEX purchase_contracts_late_due ON purchase_contracts (late_check_at) WHERE late_check_at IS NOT NULL;
      ${tenantTable('purchase_contracts', ORGANIZATION_IN_SCOPE)}

      CREATE TABLE purchase_contract_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        contract_id uuid NOT NULL,
        position integer NOT NULL CHECK (position > 0),
        request_id uuid NOT NULL,
        request_line_id uuid NOT NULL,
        offer_line_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        product_id uuid NOT NULL,
        quantity numeric(18, 3) NOT NULL CHECK (quantity > 0),
        unit_price numeric(18, 2) NOT NULL CHECK (unit_price >= 0),
        line_total numeric(18, 2) NOT NULL CHECK (line_total >= 0),
        received numeric(18, 3) NOT NULL DEFAULT 0,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT purchase_contract_lines_contract_fk FOREIGN KEY (branch_id, contract_id)
          REFERENCES purchase_contracts (branch_id, id),
        CONSTRAINT purchase_contract_lines_request_line_fk FOREIGN KEY (branch_id, request_line_id)
          REFERENCES procurement_request_lines (branch_id, id),
        CONSTRAINT purchase_contract_lines_offer_line_fk FOREIGN KEY (branch_id, offer_line_id)
          REFERENCES supplier_offer_lines (branch_id, id),
        CONSTRAINT purchase_contract_lines_product_fk FOREIGN KEY (organization_id, product_id)
          REFERENCES products (organization_id, id),
        CONSTRAINT purchase_contract_lines_key UNIQUE (branch_id, contract_id, request_line_id),
        -- Never more received than contracted, whatever the code above does.
        CONSTRAINT purchase_contract_lines_received CHECK (received >= 0 AND received <= quantity)
      );
      CREATE INDEX purchase_contract_lines_branch_request ON purchase_contract_lines (branch_id, request_id);
      ${tenantTable('purchase_contract_lines', ORGANIZATION_IN_SCOPE)}

      CREATE TABLE purchase_contract_counters (
        branch_id uuid NOT NULL REFERENCES branches (id),
        year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        last integer NOT NULL CHECK (last > 0),
        PRIMARY KEY (branch_id, year)
      );
      ${tenantTable('purchase_contract_counters')}

      CREATE FUNCTION claim_due_purchase_contract_late(batch integer)
        RETURNS TABLE (branch_id uuid, id uuid)
        LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
          SELECT c.branch_id, c.id FROM purchase_contracts c
          WHERE c.late_check_at <= now()
          ORDER BY c.late_check_at
          LIMIT batch FOR UPDATE OF c SKIP LOCKED
        $$;
      REVOKE ALL ON FUNCTION claim_due_purchase_contract_late(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION claim_due_purchase_contract_late(integer) TO app_worker;

      GRANT SELECT, INSERT, UPDATE ON purchase_contracts, purchase_contract_lines, purchase_contract_counters
        TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_due_purchase_contract_late(integer);
      DROP TABLE purchase_contract_counters, purchase_contract_lines, purchase_contracts;
    `);
  }
}
