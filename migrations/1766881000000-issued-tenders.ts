import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORGANIZATION_IN_SCOPE, tenantTable } from './tenancy.js';

const STATES = `'DRAFT', 'ANNOUNCED', 'EVALUATING', 'AWARDED', 'FAILED', 'CANCELLED'`;

/**
 * Tenders the company issues (招标) for a procurement request: scope, the request lines covered, evaluation criteria
 * with weights (price + technical, summing to 100), the evaluation committee, invited suppliers (or open), sealed
 * bids (one live bid per supplier: a revision replaces it), each member's score per bid and technical criterion,
 * the chair's tie-break and the award (a supplier quotation and a purchase contract through the existing path).
 * Gap-free numbers per branch and year.
 */
export class IssuedTenders1766881000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE issued_tenders (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        number text NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
        request_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        scope text NOT NULL CHECK (length(scope) BETWEEN 1 AND 8000),
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN (${STATES})),
        open_bidding boolean NOT NULL DEFAULT false,
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        submission_deadline timestamptz(3) NOT NULL,
        opening_at timestamptz(3) NOT NULL,
        price_weight numeric(5, 2) NOT NULL CHECK (price_weight >= 0 AND price_weight <= 100),
        announced_at timestamptz(3),
        opened_at timestamptz(3),
        tie_break_bid_id uuid,
        tie_break_reason text CHECK (length(tie_break_reason) BETWEEN 1 AND 2000),
        winner_bid_id uuid,
        quotation_id uuid,
        purchase_contract_id uuid,
        awarded_at timestamptz(3),
        ended_at timestamptz(3),
        ended_reason text CHECK (length(ended_reason) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT issued_tenders_number_key UNIQUE (branch_id, number),
        CONSTRAINT issued_tenders_request_fk FOREIGN KEY (branch_id, request_id)
          REFERENCES procurement_requests (branch_id, id),
        CONSTRAINT issued_tenders_opening CHECK (opening_at >= submission_deadline)
      );
      CREATE INDEX issued_tenders_branch_created ON issued_tenders (branch_id, created_at DESC, id DESC);
      CREATE INDEX issued_tenders_branch_request ON issued_tenders (branch_id, request_id);
      ${tenantTable('issued_tenders')}

      CREATE TABLE issued_tender_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        tender_id uuid NOT NULL,
        position integer NOT NULL CHECK (position > 0),
        request_line_id uuid NOT NULL,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT issued_tender_lines_once UNIQUE (branch_id, tender_id, request_line_id),
        CONSTRAINT issued_tender_lines_tender_fk FOREIGN KEY (branch_id, tender_id) REFERENCES issued_tenders (branch_id, id),
        CONSTRAINT issued_tender_lines_request_line_fk FOREIGN KEY (branch_id, request_line_id)
          REFERENCES procurement_request_lines (branch_id, id)
      );
      ${tenantTable('issued_tender_lines')}

      CREATE TABLE issued_tender_criteria (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        tender_id uuid NOT NULL,
        position integer NOT NULL CHECK (position > 0),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        weight numeric(5, 2) NOT NULL CHECK (weight > 0 AND weight <= 100),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT issued_tender_criteria_tender_fk FOREIGN KEY (branch_id, tender_id)
          REFERENCES issued_tenders (branch_id, id)
      );
      CREATE INDEX issued_tender_criteria_tender ON issued_tender_criteria (branch_id, tender_id, position);
      ${tenantTable('issued_tender_criteria')}

      CREATE TABLE issued_tender_members (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        tender_id uuid NOT NULL,
        user_id uuid NOT NULL,
        chair boolean NOT NULL DEFAULT false,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT issued_tender_members_once UNIQUE (branch_id, tender_id, user_id),
        CONSTRAINT issued_tender_members_tender_fk FOREIGN KEY (branch_id, tender_id)
          REFERENCES issued_tenders (branch_id, id)
      );
      ${tenantTable('issued_tender_members')}

      CREATE TABLE issued_tender_suppliers (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        tender_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        vendor_id uuid NOT NULL,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT issued_tender_suppliers_once UNIQUE (branch_id, tender_id, vendor_id),
        CONSTRAINT issued_tender_suppliers_tender_fk FOREIGN KEY (branch_id, tender_id)
          REFERENCES issued_tenders (branch_id, id),
        CONSTRAINT issued_tender_suppliers_vendor_fk FOREIGN KEY (organization_id, vendor_id)
          REFERENCES vendors (organization_id, id)
      );
      ${tenantTable('issued_tender_suppliers', ORGANIZATION_IN_SCOPE)}

      CREATE TABLE issued_tender_bids (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        tender_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        vendor_id uuid NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        lead_time_days integer NOT NULL CHECK (lead_time_days BETWEEN 0 AND 3650),
        valid_until date NOT NULL,
        note text CHECK (length(note) BETWEEN 1 AND 4000),
        revision integer NOT NULL DEFAULT 1 CHECK (revision > 0),
        received_at timestamptz(3) NOT NULL,
        recorded_by uuid NOT NULL,
        disqualified_reason text CHECK (length(disqualified_reason) BETWEEN 1 AND 2000),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT issued_tender_bids_one_per_supplier UNIQUE (branch_id, tender_id, vendor_id),
        CONSTRAINT issued_tender_bids_tender_fk FOREIGN KEY (branch_id, tender_id)
          REFERENCES issued_tenders (branch_id, id),
        CONSTRAINT issued_tender_bids_vendor_fk FOREIGN KEY (organization_id, vendor_id)
          REFERENCES vendors (organization_id, id)
      );
      ${tenantTable('issued_tender_bids', ORGANIZATION_IN_SCOPE)}

      CREATE TABLE issued_tender_bid_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        bid_id uuid NOT NULL,
        tender_line_id uuid NOT NULL,
        unit_price numeric(18, 2) NOT NULL CHECK (unit_price > 0),
        line_total numeric(18, 2) NOT NULL CHECK (line_total > 0),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT issued_tender_bid_lines_once UNIQUE (branch_id, bid_id, tender_line_id),
        CONSTRAINT issued_tender_bid_lines_bid_fk FOREIGN KEY (branch_id, bid_id)
          REFERENCES issued_tender_bids (branch_id, id) ON DELETE CASCADE,
        CONSTRAINT issued_tender_bid_lines_line_fk FOREIGN KEY (branch_id, tender_line_id)
          REFERENCES issued_tender_lines (branch_id, id)
      );
      ${tenantTable('issued_tender_bid_lines')}

      CREATE TABLE issued_tender_scores (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        tender_id uuid NOT NULL,
        bid_id uuid NOT NULL,
        criterion_id uuid NOT NULL,
        member_id uuid NOT NULL,
        score numeric(5, 2) NOT NULL CHECK (score >= 0 AND score <= 100),
        scored_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT issued_tender_scores_once UNIQUE (branch_id, bid_id, criterion_id, member_id),
        CONSTRAINT issued_tender_scores_tender_fk FOREIGN KEY (branch_id, tender_id)
          REFERENCES issued_tenders (branch_id, id),
        CONSTRAINT issued_tender_scores_bid_fk FOREIGN KEY (branch_id, bid_id)
          REFERENCES issued_tender_bids (branch_id, id),
        CONSTRAINT issued_tender_scores_criterion_fk FOREIGN KEY (branch_id, criterion_id)
          REFERENCES issued_tender_criteria (branch_id, id)
      );
      CREATE INDEX issued_tender_scores_tender ON issued_tender_scores (branch_id, tender_id);
      ${tenantTable('issued_tender_scores')}

      CREATE TABLE issued_tender_counters (
        branch_id uuid NOT NULL REFERENCES branches (id),
        year integer NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (branch_id, year)
      );
      ${tenantTable('issued_tender_counters')}

      GRANT SELECT, INSERT, UPDATE ON issued_tenders, issued_tender_lines, issued_tender_criteria,
        issued_tender_suppliers, issued_tender_bids, issued_tender_bid_lines, issued_tender_scores,
        issued_tender_counters TO app_runtime;
      GRANT SELECT, INSERT, UPDATE, DELETE ON issued_tender_members, issued_tender_criteria, issued_tender_suppliers,
        issued_tender_lines, issued_tender_bid_lines TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE issued_tender_counters, issued_tender_scores, issued_tender_bid_lines, issued_tender_bids,
        issued_tender_suppliers, issued_tender_members, issued_tender_criteria, issued_tender_lines, issued_tenders;
    `);
  }
}
