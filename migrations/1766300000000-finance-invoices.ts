import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CUSTOMER_VISIBLE, tenantTable } from './tenancy.js';

/**
 * Finance, second slice (DOMAIN.md section 6): invoice requests (开票申请) from a contract, reviewed through the
 * approval engine (subject INVOICE_REQUEST), issued by finance with a gap-free number per branch, series and year,
 * delivered and confirmed; red-letter invoices (credit notes) against an issued invoice, per line. Amounts are
 * tax-inclusive (价税合计); tax per line is rounded half-up to the cent. `credited_amount` on an invoice and on its
 * lines is the sum of the credit notes against them, kept in the crediting transaction under the invoice's lock.
 */
export class FinanceInvoices1766300000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoices (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
        customer_id uuid NOT NULL,
        contract_id uuid NOT NULL,
        credited_invoice_id uuid,
        state text NOT NULL CHECK (state IN ('REQUESTED', 'APPROVED', 'REJECTED', 'ISSUED', 'DELIVERED', 'CONFIRMED')),
        type text CHECK (type IN ('VAT_SPECIAL', 'VAT_ORDINARY')),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        tax_amount numeric(18, 2),
        credited_amount numeric(18, 2) NOT NULL DEFAULT 0,
        number text,
        number_year integer,
        number_seq integer,
        issued_on date,
        note text CHECK (length(note) BETWEEN 1 AND 1000),
        approval_request_id uuid,
        requested_by uuid NOT NULL,
        issued_by uuid,
        delivered_at timestamptz(3),
        confirmed_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT invoices_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT invoices_contract_fk FOREIGN KEY (branch_id, contract_id) REFERENCES contracts (branch_id, id),
        CONSTRAINT invoices_credited_fk FOREIGN KEY (branch_id, credited_invoice_id) REFERENCES invoices (branch_id, id),
        CONSTRAINT invoices_credited_range CHECK (credited_amount >= 0 AND credited_amount <= amount),
        CONSTRAINT invoices_credit_note_of CHECK ((kind = 'CREDIT_NOTE') = (credited_invoice_id IS NOT NULL)),
        CONSTRAINT invoices_credit_notes_uncredited CHECK (kind = 'INVOICE' OR credited_amount = 0),
        CONSTRAINT invoices_numbered CHECK ((state IN ('ISSUED', 'DELIVERED', 'CONFIRMED')) = (number IS NOT NULL
          AND number_year IS NOT NULL AND number_seq IS NOT NULL AND issued_on IS NOT NULL AND tax_amount IS NOT NULL
          AND type IS NOT NULL AND issued_by IS NOT NULL)),
        CONSTRAINT invoices_number_once UNIQUE (branch_id, kind, number_year, number_seq),
        CONSTRAINT invoices_number_unique UNIQUE (branch_id, number)
      );
      CREATE INDEX invoices_created ON invoices (branch_id, created_at DESC, id DESC);
      CREATE INDEX invoices_contract ON invoices (branch_id, contract_id, kind, state);
      CREATE INDEX invoices_customer ON invoices (branch_id, customer_id, kind, state);
      CREATE INDEX invoices_credited ON invoices (branch_id, credited_invoice_id) WHERE credited_invoice_id IS NOT NULL;
      ${tenantTable('invoices', CUSTOMER_VISIBLE('invoices'))}

      CREATE TABLE invoice_lines (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        invoice_id uuid NOT NULL,
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 100),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        tax_rate numeric(5, 2) CHECK (tax_rate BETWEEN 0 AND 100),
        tax_amount numeric(18, 2),
        credited_amount numeric(18, 2) NOT NULL DEFAULT 0,
        credited_tax numeric(18, 2) NOT NULL DEFAULT 0,
        credited_line_id uuid,
        PRIMARY KEY (branch_id, id),
        CONSTRAINT invoice_lines_invoice_fk FOREIGN KEY (branch_id, invoice_id) REFERENCES invoices (branch_id, id),
        CONSTRAINT invoice_lines_credited_fk FOREIGN KEY (branch_id, credited_line_id) REFERENCES invoice_lines (branch_id, id),
        CONSTRAINT invoice_lines_position UNIQUE (branch_id, invoice_id, position),
        CONSTRAINT invoice_lines_credited_range CHECK (credited_amount >= 0 AND credited_amount <= amount),
        CONSTRAINT invoice_lines_taxed CHECK ((tax_rate IS NULL) = (tax_amount IS NULL))
      );
      ${tenantTable('invoice_lines')}

      -- The gap-free sequence per branch, series and year (as contract_number_counters): libs/core nextInSequence.
      CREATE TABLE invoice_number_counters (
        branch_id uuid NOT NULL REFERENCES branches (id),
        series text NOT NULL CHECK (series IN ('INVOICE', 'CREDIT_NOTE')),
        year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        last integer NOT NULL CHECK (last > 0),
        PRIMARY KEY (branch_id, series, year)
      );
      ${tenantTable('invoice_number_counters')}

      GRANT SELECT, INSERT, UPDATE ON invoices, invoice_lines, invoice_number_counters TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invoice_number_counters, invoice_lines, invoices`);
  }
}
