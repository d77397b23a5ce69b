import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORGANIZATION_IN_SCOPE, organizationTable, tenantTable } from './tenancy.js';

const VENDOR_KINDS = `'MAKER', 'SUPPLIER', 'MAKER_AND_SUPPLIER'`;
const CAUSES = `'PURCHASE_RECEIPT', 'SHIPMENT', 'RETURN', 'COUNT_ADJUSTMENT'`;

/**
 * Fulfillment, first slice (DOMAIN.md section 5): the product catalogue, makers and suppliers (organization
 * rows head office keeps for all its branches, walled by organization), branch prices, and the warehouse:
 * locations, stock per product and location, and every movement with its cause.
 *
 * Organization tables have primary key (organization_id, id) and the organization policy; branch rows that
 * point at them carry organization_id in the foreign key, so the database itself refuses a branch price or a
 * movement of another organization's product (a plain foreign key would check across the wall).
 */
export class FulfillmentCatalogueStock1765700000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vendors (
        organization_id uuid NOT NULL REFERENCES organizations (id),
        id uuid NOT NULL,
        code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN (${VENDOR_KINDS})),
        country text CHECK (length(country) BETWEEN 1 AND 100),
        address text CHECK (length(address) BETWEEN 1 AND 500),
        note text CHECK (length(note) BETWEEN 1 AND 4000),
        active boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT vendors_code_key UNIQUE (organization_id, code)
      );
      ${organizationTable('vendors')}

      CREATE TABLE vendor_contacts (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        vendor_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        title text CHECK (length(title) BETWEEN 1 AND 200),
        phone text CHECK (length(phone) BETWEEN 1 AND 50),
        email text CHECK (length(email) BETWEEN 3 AND 320),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT vendor_contacts_vendor_fk FOREIGN KEY (organization_id, vendor_id) REFERENCES vendors (organization_id, id)
      );
      CREATE INDEX vendor_contacts_vendor ON vendor_contacts (organization_id, vendor_id, created_at, id);
      ${organizationTable('vendor_contacts')}

      CREATE TABLE products (
        organization_id uuid NOT NULL REFERENCES organizations (id),
        id uuid NOT NULL,
        code text NOT NULL CHECK (length(code) BETWEEN 1 AND 60),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        specification text CHECK (length(specification) BETWEEN 1 AND 1000),
        unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
        list_price numeric(18, 2) NOT NULL CHECK (list_price >= 0),
        cost_price numeric(18, 2) NOT NULL CHECK (cost_price >= 0),
        currency char(3) NOT NULL DEFAULT 'CNY',
        maker_id uuid,
        active boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT products_code_key UNIQUE (organization_id, code),
        CONSTRAINT products_maker_fk FOREIGN KEY (organization_id, maker_id) REFERENCES vendors (organization_id, id)
      );
      CREATE INDEX products_maker ON products (organization_id, maker_id) WHERE maker_id IS NOT NULL;
      ${organizationTable('products')}

      -- What a supplier supplies: its own code for the product, its price and its lead time.
      CREATE TABLE vendor_products (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        vendor_id uuid NOT NULL,
        product_id uuid NOT NULL,
        vendor_code text CHECK (length(vendor_code) BETWEEN 1 AND 60),
        price numeric(18, 2) CHECK (price >= 0),
        lead_time_days integer CHECK (lead_time_days BETWEEN 0 AND 3650),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT vendor_products_key UNIQUE (organization_id, vendor_id, product_id),
        CONSTRAINT vendor_products_vendor_fk FOREIGN KEY (organization_id, vendor_id) REFERENCES vendors (organization_id, id),
        CONSTRAINT vendor_products_product_fk FOREIGN KEY (organization_id, product_id) REFERENCES products (organization_id, id)
      );
      CREATE INDEX vendor_products_product ON vendor_products (organization_id, product_id);
      ${organizationTable('vendor_products')}

      -- A branch's own selling price for a catalogue product (in the product's currency).
      CREATE TABLE branch_product_prices (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        organization_id uuid NOT NULL,
        product_id uuid NOT NULL,
        price numeric(18, 2) NOT NULL CHECK (price >= 0),
        updated_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT branch_product_prices_key UNIQUE (branch_id, product_id),
        CONSTRAINT branch_product_prices_product_fk FOREIGN KEY (organization_id, product_id)
          REFERENCES products (organization_id, id)
      );
      ${tenantTable('branch_product_prices', ORGANIZATION_IN_SCOPE)}

      CREATE TABLE warehouse_locations (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        active boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT warehouse_locations_code_key UNIQUE (branch_id, code)
      );
      ${tenantTable('warehouse_locations')}

      -- On hand per product and location; never negative (the guarded UPDATE refuses first, this is the backstop).
      CREATE TABLE stock_levels (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        organization_id uuid NOT NULL,
        product_id uuid NOT NULL,
        location_id uuid NOT NULL,
        on_hand numeric(18, 3) NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT stock_levels_key UNIQUE (branch_id, product_id, location_id),
        CONSTRAINT stock_levels_location_fk FOREIGN KEY (branch_id, location_id) REFERENCES warehouse_locations (branch_id, id),
        CONSTRAINT stock_levels_product_fk FOREIGN KEY (organization_id, product_id) REFERENCES products (organization_id, id)
      );
      CREATE INDEX stock_levels_branch_created ON stock_levels (branch_id, created_at, id);
      CREATE INDEX stock_levels_branch_location ON stock_levels (branch_id, location_id, created_at, id);
      ${tenantTable('stock_levels', ORGANIZATION_IN_SCOPE)}

      -- Every movement in (+) or out (-) with its cause; stock = the sum of its movements.
      CREATE TABLE stock_movements (
        branch_id uuid NOT NULL REFERENCES branches (id),
        id uuid NOT NULL,
        organization_id uuid NOT NULL,
        product_id uuid NOT NULL,
        location_id uuid NOT NULL,
        cause text NOT NULL CHECK (cause IN (${CAUSES})),
        quantity numeric(18, 3) NOT NULL CHECK (quantity <> 0),
        on_hand_after numeric(18, 3) NOT NULL CHECK (on_hand_after >= 0),
        reference text CHECK (length(reference) BETWEEN 1 AND 200),
        note text CHECK (length(note) BETWEEN 1 AND 4000),
        actor_id uuid,
        at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (branch_id, id),
        CONSTRAINT stock_movements_level_fk FOREIGN KEY (branch_id, product_id, location_id)
          REFERENCES stock_levels (branch_id, product_id, location_id),
        CONSTRAINT stock_movements_product_fk FOREIGN KEY (organization_id, product_id)
          REFERENCES products (organization_id, id),
        CHECK (CASE cause WHEN 'SHIPMENT' THEN quantity < 0 WHEN 'COUNT_ADJUSTMENT' THEN true ELSE quantity > 0 END)
      );
      CREATE INDEX stock_movements_product_at ON stock_movements (branch_id, product_id, at DESC, id DESC);
      ${tenantTable('stock_movements', ORGANIZATION_IN_SCOPE)}

      GRANT SELECT, INSERT, UPDATE ON vendors, vendor_contacts, products, vendor_products TO app_runtime;
      GRANT DELETE ON vendor_products, branch_product_prices TO app_runtime;
      GRANT SELECT, INSERT, UPDATE ON branch_product_prices, warehouse_locations, stock_levels TO app_runtime;
      GRANT SELECT, INSERT ON stock_movements TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE stock_movements, stock_levels, warehouse_locations, branch_product_prices, vendor_products, products,
        vendor_contacts, vendors;
    `);
  }
}
