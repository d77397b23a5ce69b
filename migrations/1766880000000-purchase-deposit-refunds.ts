import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from './tenancy.js';

/**
 * A purchase contract cancelled after its deposit was paid owes the company that deposit back: the refund due is
 * the cancelled contract's `deposit_paid` (read from purchase_contracts, so contracts cancelled before this table
 * existed are due too), and finance's receipt of the supplier's refund is one row here, which closes it (one per
 * contract, also by UNIQUE).
 */
export class PurchaseDepositRefunds1766880000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE purchase_deposit_refunds (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        contract_id uuid NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        received_on date NOT NULL,
        note text CHECK (length(note) BETWEEN 1 AND 2000),
        recorded_by uuid NOT NULL,
        recorded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT purchase_deposit_refunds_contract_key UNIQUE (branch_id, contract_id),
        CONSTRAINT purchase_deposit_refunds_contract_fk FOREIGN KEY (branch_id, contract_id)
          REFERENCES purchase_contracts (branch_id, id)
      );
      ${tenantTable('purchase_deposit_refunds')}
      -- The list of refunds (cancelled contracts with a deposit paid), newest cancellation first, per branch.
      CREATE INDEX purchase_contracts_deposit_refunds ON purchase_contracts (branch_id, cancelled_at DESC, id DESC)
        WHERE state = 'CANCELLED' AND deposit_paid IS NOT NULL;
      GRANT SELECT, INSERT ON purchase_deposit_refunds TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX purchase_contracts_deposit_refunds;
      DROP TABLE purchase_deposit_refunds;
    `);
  }
}
