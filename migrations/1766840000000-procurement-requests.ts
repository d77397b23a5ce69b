import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORGANIZATION_IN_SCOPE, tenantTable } from './tenancy.js';

const REQUEST_STATES = `'DRAFT', 'PLANNED', 'SOURCING', 'AWARDED', 'CANCELLED'`;
const QUOTATION_STATES = `'REQUESTED', 'OFFERED', 'DECLINED'`;

/**
 * Procurement from suppliers (DOMAIN.md section 5), first part: a procurement request (the need: catalogue products,
 * quantities, wanted-by date, reason) and its plan (budget, order-by date), requests for quotation sent to several
 * suppliers (one row per supplier) and their offers recorded per line (unit price, lead time, validity, terms), which
 * the buyer compares side by side. Gap-free numbers per branch and year. Amounts are in the branch currency.
 */
export class ProcurementRequests1766840000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE procurement_requests (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        number text NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
        wanted_by date NOT NULL,
        buyer_id uuid NOT NULL,
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN (${REQUEST_STATES})),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        plan_budget numeric(18, 2) CHECK (plan_budget >= 0),
        plan_order_by date,
        plan_note text CHECK (length(plan_note) BETWEEN 1 AND 4000),
        planned_at timestamptz(3),
        cancelled_at timestamptz(3),
        cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT procurement_requests_number_key UNIQUE (branch_id, number),
        CONSTRAINT procurement_requests_plan CHECK ((planned_at IS NULL) = (plan_budget IS NULL)),
        CONSTRAINT procurement_requests_cancel CHECK ((state = 'CANCELLED') = (cancelled_at IS NOT NULL))
      );
      CREATE INDEX procurement_requests_branch_created ON procurement_requests (branch_id, created_at DESC, id DESC);
      ${tenantTable('procurement_requests')}

      CREATE TABLE procurement_request_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        request_id uuid NOT NULL,
        position integer NOT NULL CHECK (position > 0),
        organization_id uuid NOT NULL,
        product_id uuid NOT NULL,
        quantity numeric(18, 3) NOT NULL CHECK (quantity > 0),
        note text CHECK (length(note) BETWEEN 1 AND 2000),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT procurement_request_lines_request_fk FOREIGN KEY (branch_id, request_id)
          REFERENCES procurement_requests (branch_id, id),
        CONSTRAINT procurement_request_lines_product_fk FOREIGN KEY (organization_id, product_id)
          REFERENCES products (organization_id, id),
        CONSTRAINT procurement_request_lines_key UNIQUE (branch_id, request_id, product_id)
      );
      ${tenantTable('procurement_request_lines', ORGANIZATION_IN_SCOPE)}

      CREATE TABLE supplier_quotations (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        request_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        vendor_id uuid NOT NULL,
        state text NOT NULL DEFAULT 'REQUESTED' CHECK (state IN (${QUOTATION_STATES})),
        reply_by date NOT NULL,
        offered_at timestamptz(3),
        offer_reference text CHECK (length(offer_reference) BETWEEN 1 AND 200),
        declined_reason text CHECK (length(declined_reason) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT supplier_quotations_request_fk FOREIGN KEY (branch_id, request_id)
          REFERENCES procurement_requests (branch_id, id),
        CONSTRAINT supplier_quotations_vendor_fk FOREIGN KEY (organization_id, vendor_id)
          REFERENCES vendors (organization_id, id),
        CONSTRAINT supplier_quotations_key UNIQUE (branch_id, request_id, vendor_id),
        CONSTRAINT supplier_quotations_offered CHECK ((state = 'OFFERED') = (offered_at IS NOT NULL))
      );
      ${tenantTable('supplier_quotations', ORGANIZATION_IN_SCOPE)}

      CREATE TABLE supplier_offer_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        quotation_id uuid NOT NULL,
        request_line_id uuid NOT NULL,
        unit_price numeric(18, 2) NOT NULL CHECK (unit_price >= 0),
        lead_time_days integer NOT NULL CHECK (lead_time_days BETWEEN 0 AND 3650),
        valid_until date NOT NULL,
        terms text CHECK (length(terms) BETWEEN 1 AND 2000),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT supplier_offer_lines_quotation_fk FOREIGN KEY (branch_id, quotation_id)
          REFERENCES supplier_quotations (branch_id, id),
        CONSTRAINT supplier_offer_lines_request_line_fk FOREIGN KEY (branch_id, request_line_id)
          REFERENCES procurement_request_lines (branch_id, id),
        CONSTRAINT supplier_offer_lines_key UNIQUE (branch_id, quotation_id, request_line_id)
      );
      -- The comparison reads every offer of one request line.
      CREATE INDEX supplier_offer_lines_branch_line ON supplier_offer_lines (branch_id, request_line_id);
      ${tenantTable('supplier_offer_lines')}

      CREATE TABLE procurement_request_counters (
        branch_id uuid NOT NULL REFERENCES branches (id),
        year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        last integer NOT NULL CHECK (last > 0),
        PRIMARY KEY (branch_id, year)
      );
      ${tenantTable('procurement_request_counters')}

      GRANT SELECT, INSERT, UPDATE ON procurement_requests, procurement_request_lines, supplier_quotations,
        supplier_offer_lines, procurement_request_counters TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE procurement_request_counters, supplier_offer_lines, supplier_quotations, procurement_request_lines,
         procurement_requests`,
    );
  }
}
