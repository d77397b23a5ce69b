import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices from deliveries (DOMAIN.md section 6, issue 12): an invoice request raised from an ACCEPTED shipment
 * names the shipment and order, and each line the shipment line and order line it bills, with the quantity and the
 * order line's unit price (amount = quantity × price, half-up to the cent). A red-letter line that gives quantity
 * back counts it in `credited_quantity` of the invoice line it credits. Standing invoiced quantity per shipment line
 * (quantity - credited_quantity over invoices not REJECTED) never exceeds what was delivered less what came back:
 * the request holds the shipment's row lock (returns take it too) while it counts.
 */
export class InvoicesFromDeliveries1766820000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE invoices ADD COLUMN order_id uuid, ADD COLUMN shipment_id uuid,
        ADD CONSTRAINT invoices_order_fk FOREIGN KEY (branch_id, order_id) REFERENCES orders (branch_id, id),
        ADD CONSTRAINT invoices_shipment_fk FOREIGN KEY (branch_id, shipment_id) REFERENCES shipments (branch_id, id),
        ADD CONSTRAINT invoices_delivery_shape CHECK ((shipment_id IS NULL) = (order_id IS NULL));
      CREATE INDEX invoices_shipment ON invoices (branch_id, shipment_id) WHERE shipment_id IS NOT NULL;

      ALTER TABLE invoice_lines ADD COLUMN shipment_line_id uuid, ADD COLUMN order_line_id uuid,
        ADD COLUMN quantity numeric(18, 3), ADD COLUMN unit_price numeric(18, 2),
        ADD COLUMN credited_quantity numeric(18, 3) NOT NULL DEFAULT 0,
        ADD CONSTRAINT invoice_lines_shipment_line_fk FOREIGN KEY (branch_id, shipment_line_id)
          REFERENCES shipment_lines (branch_id, id),
        ADD CONSTRAINT invoice_lines_order_line_fk FOREIGN KEY (branch_id, order_line_id)
          REFERENCES order_lines (branch_id, id),
        ADD CONSTRAINT invoice_lines_delivery_shape CHECK ((shipment_line_id IS NULL) = (order_line_id IS NULL)
          AND (shipment_line_id IS NULL) = (unit_price IS NULL) AND (quantity IS NULL OR shipment_line_id IS NOT NULL)),
        ADD CONSTRAINT invoice_lines_quantity_positive CHECK (quantity > 0 AND unit_price >= 0),
        ADD CONSTRAINT invoice_lines_credited_quantity_range
          CHECK (credited_quantity >= 0 AND credited_quantity <= coalesce(quantity, 0));
      CREATE INDEX invoice_lines_shipment_line ON invoice_lines (branch_id, shipment_line_id)
        WHERE shipment_line_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE invoice_lines DROP COLUMN credited_quantity, DROP COLUMN unit_price, DROP COLUMN quantity,
        DROP COLUMN order_line_id, DROP COLUMN shipment_line_id;
      ALTER TABLE invoices DROP COLUMN shipment_id, DROP COLUMN order_id;
    `);
  }
}
