import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices for orders without a contract (issue 12): a phone order released on an approved exception bills its
 * accepted shipments like any delivery, so an invoice from a delivery may name no contract. Every invoice still
 * counts against something: a contract, or (from a delivery) its order and shipment, or (a credit note) the invoice
 * it credits. The never-twice rule per shipment line is unchanged: it counts under the shipment's lock. An
 * exchange's replacement bills only what the order line's invoices do not cover yet (the index finds them).
 */
export class OrderInvoices1766831000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE invoices ALTER COLUMN contract_id DROP NOT NULL,
        ADD CONSTRAINT invoices_counted_against
          CHECK (contract_id IS NOT NULL OR shipment_id IS NOT NULL OR credited_invoice_id IS NOT NULL);
      -- An order's invoiced quantities per order line (an exchange's replacement is weighed against them).
      CREATE INDEX invoices_order ON invoices (branch_id, order_id) WHERE order_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX invoices_order;
      ALTER TABLE invoices DROP CONSTRAINT invoices_counted_against, ALTER COLUMN contract_id SET NOT NULL;
    `);
  }
}
