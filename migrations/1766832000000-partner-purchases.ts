import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partners' purchases (issue 12): a partner names the customer record of its branch under which its purchases are
 * ordered, invoiced and paid (one partner per customer record), so finance can state what a partner owes; and an
 * agreement carries the rebate (返利) it grants, a rate in percent of the partner's net invoiced amount (invoices less
 * credit notes) of each month within the agreement's term. Both optional: partners that buy nothing stay as they are.
 */
export class PartnerPurchases1766832000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partners ADD COLUMN customer_id uuid,
        ADD CONSTRAINT partners_customer_fk FOREIGN KEY (branch_id, customer_id) REFERENCES customers (branch_id, id),
        ADD CONSTRAINT partners_customer_once UNIQUE (branch_id, customer_id);
      ALTER TABLE partner_agreements ADD COLUMN rebate_rate numeric(7, 4)
        CONSTRAINT partner_agreements_rebate_rate CHECK (rebate_rate >= 0 AND rebate_rate <= 100);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partner_agreements DROP COLUMN rebate_rate;
      ALTER TABLE partners DROP COLUMN customer_id;
    `);
  }
}
