import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from './tenancy.js';

/**
 * Finance, first slice (DOMAIN.md section 6): receipts (回款) that finance records, applied to contract
 * instalments. An instalment's `paid_amount` is the sum of the live applications on it, kept by the
 * contracts module in the applying transaction (the instalment row lock serialises two receipts), and its
 * status follows from it: PAID exactly when the paid amount reaches the amount. Rows marked PAID by hand
 * before this slice count as paid in full (no receipt stands behind them).
 */
export class FinanceReceipts1765800000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contract_instalments ADD COLUMN paid_amount numeric(18, 2) NOT NULL DEFAULT 0;
      UPDATE contract_instalments SET paid_amount = amount WHERE status = 'PAID';
      ALTER TABLE contract_instalments
        ADD CONSTRAINT contract_instalments_paid_range CHECK (paid_amount >= 0 AND paid_amount <= amount),
        ADD CONSTRAINT contract_instalments_paid_in_full CHECK ((status = 'PAID') = (paid_amount = amount AND status <> 'WAIVED'));

      CREATE TABLE receipts (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('BANK_TRANSFER', 'CHEQUE', 'BANK_ACCEPTANCE_BILL', 'BANK_DRAFT')),
        customer_id uuid NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        applied_amount numeric(18, 2) NOT NULL DEFAULT 0,
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        received_on date NOT NULL,
        maturity_on date,
        reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
        note text CHECK (length(note) BETWEEN 1 AND 1000),
        state text NOT NULL DEFAULT 'RECORDED' CHECK (state IN ('RECORDED', 'REVERSED')),
        reversal_reason text CHECK (length(reversal_reason) BETWEEN 1 AND 1000),
        reversed_by uuid,
        reversed_at timestamptz(3),
        recorded_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT receipts_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        CONSTRAINT receipts_applied_range CHECK (applied_amount >= 0 AND applied_amount <= amount),
        CONSTRAINT receipts_maturity CHECK ((kind = 'BANK_ACCEPTANCE_BILL') = (maturity_on IS NOT NULL)),
        CONSTRAINT receipts_reversal CHECK ((state = 'REVERSED') = (reversed_at IS NOT NULL AND reversal_reason IS NOT NULL
          AND reversed_by IS NOT NULL)),
        CONSTRAINT receipts_reversed_unapplied CHECK (state = 'RECORDED' OR applied_amount = 0)
      );
      CREATE INDEX receipts_received ON receipts (branch_id, received_on DESC, id DESC);
      CREATE INDEX receipts_customer ON receipts (branch_id, customer_id, received_on DESC, id DESC);
      ${tenantTable('receipts')}

      CREATE TABLE receipt_applications (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        receipt_id uuid NOT NULL,
        instalment_id uuid NOT NULL,
        contract_id uuid NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        applied_by uuid NOT NULL,
        applied_at timestamptz(3) NOT NULL DEFAULT now(),
        reversed_at timestamptz(3),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT receipt_applications_receipt_fk FOREIGN KEY (branch_id, receipt_id) REFERENCES receipts (branch_id, id),
        CONSTRAINT receipt_applications_instalment_fk FOREIGN KEY (branch_id, instalment_id)
          REFERENCES contract_instalments (branch_id, id)
      );
      CREATE INDEX receipt_applications_receipt ON receipt_applications (branch_id, receipt_id, applied_at, id);
      CREATE INDEX receipt_applications_instalment ON receipt_applications (branch_id, instalment_id, applied_at, id);
      ${tenantTable('receipt_applications')}

      GRANT SELECT, INSERT, UPDATE ON receipts, receipt_applications TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE receipt_applications;
      DROP TABLE receipts;
      ALTER TABLE contract_instalments DROP CONSTRAINT contract_instalments_paid_in_full,
        DROP CONSTRAINT contract_instalments_paid_range, DROP COLUMN paid_amount;
    `);
  }
}
