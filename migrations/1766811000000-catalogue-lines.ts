import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quote lines and order lines may name a product of the organization's catalogue (its organization and id, as
 * shipment lines do): both or neither. The line keeps its own description; the product is what ships against it.
 */
export class CatalogueLines1766811000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const t of ['quote_lines', 'order_lines']) {
      await q.query(`
        ALTER TABLE ${t} ADD COLUMN organization_id uuid, ADD COLUMN product_id uuid,
          ADD CONSTRAINT ${t}_product_fk FOREIGN KEY (organization_id, product_id) REFERENCES products (organization_id, id),
          ADD CONSTRAINT ${t}_product_pair CHECK ((organization_id IS NULL) = (product_id IS NULL));
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['quote_lines', 'order_lines']) {
      await q.query(`ALTER TABLE ${t} DROP COLUMN product_id, DROP COLUMN organization_id`);
    }
  }
}
